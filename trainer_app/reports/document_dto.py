"""Plain DTOs shared by the document writers (no reportlab import: services build these
without loading the PDF machinery)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["DocumentHeader", "Signer"]


@dataclass(frozen=True)
class DocumentHeader:
    """What the header, date line and signature of a document say. Built by the services
    from the unit's settings; empty ``number``/``issued_on`` leave dots for the clerk."""

    unit_name: str
    parent_body: str = ""
    place_name: str = ""
    number: str = ""  # "12" -> "Số: 12/DS-TYT"
    symbol: str = ""  # ký hiệu, e.g. "DS-TYT"
    issued_on: date | None = None
    signer_title: str = ""  # "TRƯỞNG TRẠM" or "KT. TRƯỞNG TRẠM / PHÓ TRƯỞNG TRẠM"
    signer_name: str = ""
    recipients: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Signer:
    """One signature column: "Người lập biểu", "Kế toán", "Thủ trưởng đơn vị"…"""

    title: str
    name: str = ""
    note: str = "(Ký, ghi rõ họ tên)"
