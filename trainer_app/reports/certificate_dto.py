"""Plain DTOs of the certificate documents (no reportlab import): the certificate itself,
the positions of the fields on a pre-printed form (phôi), and the register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from trainer_app.domain.certificate_form import (
    FORM_FIELDS,
    FieldSpot,
    FormLayout,
    default_form_layout,
)
from trainer_app.reports.document_dto import DocumentHeader

__all__ = ["FORM_FIELDS", "CertificateBatch", "CertificateDoc", "FieldSpot", "FormLayout",
           "RegisterDoc", "RegisterEntry", "default_form_layout"]


@dataclass(frozen=True)
class CertificateDoc:
    """One certificate as printed."""

    number: str  # "012/2026/GCN-TYT"
    full_name: str
    birth_year: int | None
    neighbourhood: str
    course_title: str  # the session's title
    course_dates: str  # "ngày 01/11/2026"
    issued_on: date
    payload: str  # what the QR code holds (printed small under it too)
    salutation: str = "Ông/Bà"  # "Ông", "Bà"
    score: str = ""  # "8,5/10 điểm" or "" (not printed)
    venue: str = ""


@dataclass(frozen=True)
class CertificateBatch:
    """Certificates printed with the same header and signature."""

    header: DocumentHeader  # unit, parent body, place for the date line, signer
    certificates: Sequence[CertificateDoc]




@dataclass(frozen=True)
class RegisterEntry:
    """One line of the certificate register."""

    number: str
    full_name: str
    birth_year: int | None
    neighbourhood: str
    course: str  # session title
    held_on: date
    issued_on: date
    status: str  # "Còn hiệu lực" or "Đã thu hồi ngày …: lý do"


@dataclass(frozen=True)
class RegisterDoc:
    header: DocumentHeader
    subtitle: str  # "Năm 2026" or the session
    entries: Sequence[RegisterEntry]
    totals: Sequence[str] = field(default_factory=tuple)
    empty_note: str = ""
