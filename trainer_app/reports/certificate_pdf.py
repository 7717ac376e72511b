"""The certificate (Giấy chứng nhận): A4 landscape, one page per person.

Drawn straight on the canvas (no platypus: a certificate is a fixed composition, and
200 of them must take well under 4 s): a double frame; the header block of Nghị định
30/2020 (parent body and unit on the left, Quốc hiệu and Tiêu ngữ with its rule on the
right); "GIẤY CHỨNG NHẬN"; the person's name large (set smaller, then on two lines, when it
is long); birth year and khu phố; "Đã tham gia tập huấn" with the session's title and
dates; the score when given; the date line and signature block on the right; the number,
the QR code and its payload in small type (to type in when there is no scanner) in the
bottom left corner. The frame is drawn once as a form and reused on every page.

All text is NFC and set in the shipped Liberation Serif family; nothing falls back to a
base-14 font. Saving is atomic (``pdf_file.atomic_write``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from trainer_app.reports.certificate_dto import CertificateBatch, CertificateDoc
from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.reports.document_style import MOTTO, NATION, date_line, nfc
from trainer_app.reports.pdf_file import atomic_write
from trainer_app.reports.typeface import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

__all__ = ["PAGE", "TITLE", "draw_qr", "fit_lines", "new_canvas", "write_certificates"]

PAGE = landscape(A4)
TITLE = "GIẤY CHỨNG NHẬN"
ACCENT = colors.Color(0.55, 0.08, 0.08)  # deep red: prints as dark grey in black and white
CENTRE = PAGE[0] / 2
TEXT_WIDTH = 230 * mm


def new_canvas(target: Path, *, title: str, author: str = "") -> Canvas:
    font = register_fonts()
    canvas = Canvas(str(target), pagesize=PAGE, initialFontName=font, initialFontSize=13,
                    pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("Tập huấn CTV")
    return canvas


def _y(mm_from_top: float) -> float:
    return PAGE[1] - mm_from_top * mm


def fit_lines(text: str, font: str, size: float, width: float, *, max_lines: int = 2,
              min_ratio: float = 0.6) -> tuple[list[str], float]:
    """Lines and font size for ``text`` in ``width`` points: one line at ``size`` if it
    fits, else the size shrunk down to ``min_ratio``, else wrapped (at most ``max_lines``
    lines, shrinking further if needed so nothing is ever cut)."""
    text = nfc(text)
    natural = stringWidth(text, font, size)
    if natural <= width:
        return [text], size
    smallest = size * min_ratio
    if natural * min_ratio <= width:
        return [text], size * width / natural
    current = smallest
    while True:
        lines = simpleSplit(text, font, current, width)
        if len(lines) <= max_lines and all(stringWidth(ln, font, current) <= width
                                           for ln in lines):
            return lines, current
        current *= 0.92


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float,
             x: float = CENTRE) -> None:
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, nfc(text))


def _frame(canvas: Canvas) -> None:
    """The double frame with small squares in the corners (drawn once, as a form)."""
    canvas.beginForm("frame")
    canvas.setStrokeColor(ACCENT)
    width, height = PAGE
    outer, inner = 8 * mm, 10.5 * mm
    canvas.setLineWidth(2.4)
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer)
    canvas.setLineWidth(0.7)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner)
    canvas.setFillColor(ACCENT)
    box = 3.2 * mm
    for cx in (outer, width - outer):
        for cy in (outer, height - outer):
            canvas.rect(cx - box / 2, cy - box / 2, box, box, stroke=0, fill=1)
    canvas.endForm()


def draw_qr(canvas: Canvas, payload: str, x: float, top: float, side: float) -> None:
    """A QR code (error correction M) whose top left corner is at (x, top), ``side`` points
    wide, the quiet zone included (2 modules)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    quiet = 2
    cell = side / (count + 2 * quiet)
    path = canvas.beginPath()
    for r, row in enumerate(code.modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect(x + (start + quiet) * cell, top - (r + quiet + 1) * cell,
                          (c - start) * cell, cell * 1.02)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, top - side, side, side, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _header(canvas: Canvas, header: DocumentHeader) -> None:
    left_x, right_x = 78 * mm, 205 * mm
    y = 24.0
    if header.parent_body:
        lines, size = fit_lines(nfc(header.parent_body).upper(), REGULAR, 12, 105 * mm)
        for line in lines:
            _centred(canvas, line, REGULAR, size, _y(y), left_x)
            y += 5.2
    unit = nfc(header.unit_name).upper() or "……"
    lines, size = fit_lines(unit, BOLD, 12, 105 * mm)
    for line in lines:
        _centred(canvas, line, BOLD, size, _y(y), left_x)
        y += 5.2
    unit_width = min(max(stringWidth(ln, BOLD, size) for ln in lines) * 0.45, 60 * mm)
    canvas.setLineWidth(0.6)
    canvas.line(left_x - unit_width / 2, _y(y - 2.9), left_x + unit_width / 2, _y(y - 2.9))
    _centred(canvas, NATION, BOLD, 12, _y(24), right_x)
    _centred(canvas, MOTTO, BOLD, 13, _y(29.2), right_x)
    motto = stringWidth(MOTTO, BOLD, 13)
    canvas.line(right_x - motto / 2, _y(31.5), right_x + motto / 2, _y(31.5))


def _name_line(canvas: Canvas, doc: CertificateDoc, y: float) -> float:
    """"Ông/Bà: NAME" centred, the name large; returns the next baseline (mm)."""
    label = f"{nfc(doc.salutation) or 'Ông/Bà'}: "
    label_size = 16
    label_width = stringWidth(label, ITALIC, label_size)
    lines, size = fit_lines(doc.full_name, BOLD, 26, TEXT_WIDTH - label_width, min_ratio=0.7)
    canvas.setFillColor(ACCENT)
    for i, line in enumerate(lines):
        width = stringWidth(line, BOLD, size) + (label_width if i == 0 else 0)
        x = CENTRE - width / 2
        if i == 0:
            canvas.setFillColor(colors.black)
            canvas.setFont(ITALIC, label_size)
            canvas.drawString(x, _y(y), label)
            x += label_width
            canvas.setFillColor(ACCENT)
        canvas.setFont(BOLD, size)
        canvas.drawString(x, _y(y), line)
        y += size / mm * 1.2
    canvas.setFillColor(colors.black)
    return y + 2.5


def _body(canvas: Canvas, doc: CertificateDoc, y: float) -> None:
    facts = []
    if doc.birth_year:
        facts.append(f"Năm sinh: {doc.birth_year}")
    if doc.neighbourhood:
        facts.append(f"Khu phố: {nfc(doc.neighbourhood)}")
    if facts:
        lines, size = fit_lines("        ".join(facts), REGULAR, 15, TEXT_WIDTH)
        for line in lines:
            _centred(canvas, line, REGULAR, size, _y(y))
            y += size / mm * 1.25
        y += 1.5
    _centred(canvas, "Đã tham gia tập huấn", ITALIC, 15, _y(y))
    y += 8.5
    lines, size = fit_lines(f"“{nfc(doc.course_title)}”", BOLD, 17, TEXT_WIDTH,
                            max_lines=3, min_ratio=0.8)
    for line in lines:
        _centred(canvas, line, BOLD, size, _y(y))
        y += size / mm * 1.22
    y += 1.5
    when = f"Thời gian: {nfc(doc.course_dates)}" if doc.course_dates else ""
    if doc.venue:
        when += f"{'; t' if when else 'T'}ại: {nfc(doc.venue)}"
    if when:
        lines, size = fit_lines(when, REGULAR, 14, TEXT_WIDTH)
        for line in lines:
            _centred(canvas, line, REGULAR, size, _y(y))
            y += size / mm * 1.25
    if doc.score:
        _centred(canvas, f"Kết quả bài kiểm tra cuối khóa: {nfc(doc.score)}", REGULAR, 14,
                 _y(y + 0.5))


def _signature(canvas: Canvas, header: DocumentHeader, doc: CertificateDoc) -> None:
    x = 215 * mm
    place = date_line(header.place_name, doc.issued_on)
    lines, size = fit_lines(place, ITALIC, 14, 120 * mm)
    _centred(canvas, lines[0], ITALIC, size, _y(150), x)
    y = 157.0
    title = nfc(header.signer_title).replace(" / ", "\n").replace("/ ", "\n") or "TRƯỞNG TRẠM"
    for line in [t.strip().upper() for t in title.split("\n") if t.strip()][:3]:
        part, psize = fit_lines(line, BOLD, 13, 110 * mm, max_lines=1)
        _centred(canvas, part[0], BOLD, psize, _y(y), x)
        y += 5.6
    if header.signer_name:
        part, psize = fit_lines(header.signer_name, BOLD, 14, 110 * mm, max_lines=1)
        _centred(canvas, part[0], BOLD, psize, _y(188), x)


def _corner(canvas: Canvas, doc: CertificateDoc) -> None:
    left = 20 * mm
    canvas.setFont(REGULAR, 13)
    canvas.drawString(left, _y(150), f"Số: {nfc(doc.number)}")
    side = 24 * mm
    draw_qr(canvas, doc.payload, left - 1.2 * mm, _y(153.5), side)
    canvas.setFont(REGULAR, 6.5)
    lines = simpleSplit(doc.payload, REGULAR, 6.5, 62 * mm)[:3]
    for i, line in enumerate(lines):
        canvas.drawString(left, _y(180.5 + i * 2.7), line)
    canvas.setFont(ITALIC, 7.5)
    canvas.drawString(left, _y(181 + len(lines) * 2.7 + 0.6),
                      "Tra cứu: quét mã hoặc nhập dòng trên vào mục Tra cứu chứng nhận")


def draw_certificate(canvas: Canvas, header: DocumentHeader, doc: CertificateDoc) -> None:
    canvas.doForm("frame")
    _header(canvas, header)
    canvas.setFillColor(ACCENT)
    _centred(canvas, TITLE, BOLD, 32, _y(57))
    canvas.setFillColor(colors.black)
    y = _name_line(canvas, doc, 78)
    _body(canvas, doc, y + 6)
    _signature(canvas, header, doc)
    _corner(canvas, doc)


def write_certificates(path: Path, batch: CertificateBatch) -> Path:
    """Every certificate of ``batch``, one page each, in one PDF saved atomically."""
    docs: Sequence[CertificateDoc] = batch.certificates

    def write(target: Path) -> None:
        canvas = new_canvas(target, title=TITLE.capitalize(),
                            author=nfc(batch.header.unit_name))
        _frame(canvas)
        for doc in docs:
            draw_certificate(canvas, batch.header, doc)
            canvas.showPage()
        if not docs:
            canvas.setFont(BOLD_ITALIC, 16)
            canvas.drawCentredString(CENTRE, PAGE[1] / 2,
                                     "Không có giấy chứng nhận nào để in.")
            canvas.showPage()
        canvas.save()

    return atomic_write(Path(path), write)
