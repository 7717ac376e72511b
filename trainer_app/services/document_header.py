"""The unit's settings as the header and signature of a document (``DocumentHeader``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.services.workspace.settings import OrgSettings, load_org

__all__ = ["header_from_org", "load_header"]


def header_from_org(org: OrgSettings, *, number: str = "", symbol: str = "",
                    issued_on: date | None = None) -> DocumentHeader:
    """Map the settings to a header. Missing settings print as dots, not as errors: the
    clerk may still write them in by hand."""
    return DocumentHeader(
        unit_name=org.unit_name, parent_body=org.parent_body, place_name=org.place_name,
        number=number, symbol=symbol, issued_on=issued_on, signer_title=org.signer_title,
        signer_name=org.signer_name, recipients=tuple(org.recipients))


def load_header(factory: sessionmaker[Session], *, number: str = "", symbol: str = "",
                issued_on: date | None = None) -> DocumentHeader:
    return header_from_org(load_org(factory), number=number, symbol=symbol,
                           issued_on=issued_on)
