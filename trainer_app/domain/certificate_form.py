"""Where the variable fields of a certificate go on a pre-printed form (phôi): plain names
shared by the printing (``reports``), the form settings (``services``) and the positions
dialog (``ui``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["FORM_FIELDS", "FieldSpot", "FormLayout", "default_form_layout"]


@dataclass(frozen=True)
class FieldSpot:
    """Where one variable field goes on a pre-printed form, in millimetres from the top
    left corner of the sheet (A4 landscape). ``x_mm`` is the left edge, the centre or the
    right edge of the text, as ``align`` says; ``y_mm`` is the text's baseline. Text wider
    than ``width_mm`` is set smaller (down to 60 %) to fit. For the QR code, ``size`` is
    the side of the code in millimetres and (x, y) its top left corner."""

    x_mm: float
    y_mm: float
    size: float = 14.0  # points (mm for the QR code)
    align: str = "left"  # left | center | right
    width_mm: float = 120.0
    bold: bool = False


#: Field key -> Vietnamese label (as on the test page).
FORM_FIELDS: dict[str, str] = {
    "name": "Họ và tên",
    "birth_year": "Năm sinh",
    "neighbourhood": "Khu phố",
    "course": "Tên lớp tập huấn",
    "dates": "Thời gian",
    "score": "Kết quả",
    "number": "Số",
    "day": "Ngày",
    "month": "Tháng",
    "year": "Năm",
    "signer": "Người ký",
    "qr": "Mã QR",
}


@dataclass(frozen=True)
class FormLayout:
    """The positions of the fields on the pre-printed form, and a shift of the whole
    sheet (printers feed paper a few millimetres off: measure on the test page)."""

    fields: Mapping[str, FieldSpot]
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0


def default_form_layout() -> FormLayout:
    """A common 297 × 210 mm certificate form: title printed at the top, labels at the left
    of each line, date line and signature at the bottom right."""
    return FormLayout({
        "name": FieldSpot(148.5, 92, 22, "center", 200, bold=True),
        "birth_year": FieldSpot(85, 104, 14),
        "neighbourhood": FieldSpot(175, 104, 14, width_mm=80),
        "course": FieldSpot(148.5, 120, 15, "center", 210, bold=True),
        "dates": FieldSpot(148.5, 130, 14, "center", 200),
        "score": FieldSpot(148.5, 139, 14, "center", 200),
        "number": FieldSpot(45, 160, 13, width_mm=60),
        "day": FieldSpot(214, 152, 13, "center", 12),
        "month": FieldSpot(235, 152, 13, "center", 12),
        "year": FieldSpot(256, 152, 13, "center", 16),
        "signer": FieldSpot(232, 190, 14, "center", 90, bold=True),
        "qr": FieldSpot(30, 166, 22),
    })
