"""Printing onto pre-printed certificate forms (phôi): only the variable fields, each at
the position the station measured (``FormLayout``, millimetres from the top left of an
A4 landscape sheet, shifted by the layout's offset), and a test page with a crosshair and
the coordinates at every field, rulers along the edges, to print on plain paper and hold
against a form.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from trainer_app.reports.certificate_dto import (
    FORM_FIELDS,
    CertificateBatch,
    CertificateDoc,
    FieldSpot,
    FormLayout,
)
from trainer_app.reports.certificate_pdf import PAGE, draw_qr, fit_lines, new_canvas
from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.reports.document_style import nfc
from trainer_app.reports.pdf_file import atomic_write
from trainer_app.reports.typeface import BOLD, ITALIC, REGULAR

__all__ = ["form_values", "write_form_prints", "write_form_test_page"]


def form_values(header: DocumentHeader, doc: CertificateDoc) -> dict[str, str]:
    """The text of each variable field (the labels are printed on the form)."""
    return {
        "name": doc.full_name,
        "birth_year": str(doc.birth_year or ""),
        "neighbourhood": doc.neighbourhood,
        "course": doc.course_title,
        "dates": doc.course_dates,
        "score": doc.score,
        "number": doc.number,
        "day": f"{doc.issued_on.day:02d}",
        "month": f"{doc.issued_on.month:02d}" if doc.issued_on.month < 3
        else str(doc.issued_on.month),
        "year": str(doc.issued_on.year),
        "signer": header.signer_name,
        "qr": doc.payload,
    }


def _point(layout: FormLayout, spot: FieldSpot) -> tuple[float, float]:
    """(x, y) in PDF points of a spot, the layout's offset applied."""
    return ((spot.x_mm + layout.offset_x_mm) * mm,
            PAGE[1] - (spot.y_mm + layout.offset_y_mm) * mm)


def _text(canvas: Canvas, layout: FormLayout, spot: FieldSpot, text: str) -> None:
    font = BOLD if spot.bold else REGULAR
    lines, size = fit_lines(text, font, spot.size, spot.width_mm * mm)
    x, y = _point(layout, spot)
    canvas.setFont(font, size)
    for line in lines:
        if spot.align == "center":
            canvas.drawCentredString(x, y, line)
        elif spot.align == "right":
            canvas.drawRightString(x, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= size * 1.15


def _fields(canvas: Canvas, layout: FormLayout, values: dict[str, str]) -> None:
    for key, spot in layout.fields.items():
        value = nfc(values.get(key, ""))
        if not value:
            continue
        if key == "qr":
            x, top = _point(layout, spot)
            draw_qr(canvas, value, x, top, spot.size * mm)
        else:
            _text(canvas, layout, spot, value)


def write_form_prints(path: Path, batch: CertificateBatch, layout: FormLayout) -> Path:
    """One page per certificate with only the variable fields, for pre-printed forms."""

    def write(target: Path) -> None:
        canvas = new_canvas(target, title="Giấy chứng nhận (in lên phôi)",
                            author=nfc(batch.header.unit_name))
        for doc in batch.certificates:
            _fields(canvas, layout, form_values(batch.header, doc))
            canvas.showPage()
        if not batch.certificates:
            canvas.setFont(ITALIC, 14)
            canvas.drawCentredString(PAGE[0] / 2, PAGE[1] / 2,
                                     "Không có giấy chứng nhận nào để in.")
            canvas.showPage()
        canvas.save()

    return atomic_write(Path(path), write)


def _rulers(canvas: Canvas, layout: FormLayout) -> None:
    """Millimetre rulers along the top and left edges (every 10 mm numbered), drawn in the
    sheet's own coordinates with the offset applied, as the fields are."""
    width_mm, height_mm = PAGE[0] / mm, PAGE[1] / mm
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.3)
    canvas.setFont(REGULAR, 6)
    ox, oy = layout.offset_x_mm, layout.offset_y_mm
    for x in range(0, int(width_mm) + 1, 5):
        length = 4 if x % 10 == 0 else 2
        px = (x + ox) * mm
        canvas.line(px, PAGE[1] - (oy + 6) * mm, px, PAGE[1] - (oy + 6 + length) * mm)
        if x % 20 == 0 and 10 <= x <= width_mm - 10:
            canvas.drawCentredString(px, PAGE[1] - (oy + 13) * mm, str(x))
    for y in range(0, int(height_mm) + 1, 5):
        length = 4 if y % 10 == 0 else 2
        py = PAGE[1] - (y + oy) * mm
        canvas.line((ox + 6) * mm, py, (ox + 6 + length) * mm, py)
        if y % 20 == 0 and 20 <= y <= height_mm - 10:
            canvas.drawString((ox + 11) * mm, py - 2, str(y))


def _crosshair(canvas: Canvas, x: float, y: float, label: str, where: str) -> None:
    arm = 4 * mm
    canvas.setStrokeColor(colors.Color(0.75, 0, 0))
    canvas.setLineWidth(0.4)
    canvas.line(x - arm, y, x + arm, y)
    canvas.line(x, y - arm, x, y + arm)
    canvas.circle(x, y, 1.2 * mm)
    canvas.setFillColor(colors.Color(0.75, 0, 0))
    canvas.setFont(REGULAR, 6.5)
    # under the baseline (the sample text stands above it), on two short lines
    canvas.drawString(x + 1.8 * mm, y - 3.4 * mm, label)
    canvas.drawString(x + 1.8 * mm, y - 5.9 * mm, where)
    canvas.setFillColor(colors.black)


def write_form_test_page(path: Path, layout: FormLayout, sample: dict[str, str]) -> Path:
    """The test page: rulers, a crosshair with the coordinates at each field's anchor, and
    the sample text (grey) where it would print."""

    def write(target: Path) -> None:
        canvas = new_canvas(target, title="Trang in thử vị trí trên phôi giấy chứng nhận")
        _rulers(canvas, layout)
        canvas.setFillColor(colors.Color(0.45, 0.45, 0.45))
        _fields(canvas, layout, sample)
        canvas.setFillColor(colors.black)
        for key, spot in layout.fields.items():
            x, y = _point(layout, spot)
            _crosshair(canvas, x, y, FORM_FIELDS.get(key, key),
                       f"{spot.x_mm:g}; {spot.y_mm:g}")
        note = ("TRANG IN THỬ — in trên giấy thường, đặt chồng lên phôi và soi đèn. Dấu + là "
                "điểm đặt của mỗi trường (mm từ mép trái, mép trên; chữ canh trái/giữa/phải "
                "theo điểm đó). Chỉnh trong Cài đặt › Phôi giấy chứng nhận hoặc lệnh "
                "trainer-app certificate form-layout.")
        offset = (f"Khổ A4 ngang 297 × 210 mm. Độ lệch cả trang: ngang "
                  f"{layout.offset_x_mm:g} mm, dọc {layout.offset_y_mm:g} mm.")
        canvas.setFont(BOLD, 9)
        canvas.drawString(28 * mm, PAGE[1] - 24 * mm, offset)
        lines, size = fit_lines(note, ITALIC, 9, 240 * mm, max_lines=3)
        canvas.setFont(ITALIC, size)
        y = 29.0
        for line in lines:
            canvas.drawString(28 * mm, PAGE[1] - y * mm, line)
            y += size * 1.25 / mm
        canvas.showPage()
        canvas.save()

    return atomic_write(Path(path), write)
