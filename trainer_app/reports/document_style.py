"""The look of an administrative document (Nghị định 30/2020/NĐ-CP), reused by every PDF.

* Header block, a two-column table: on the left the parent body (upper case, regular)
  over the unit (upper case, bold) with a short rule under it; on the right the Quốc hiệu
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold, 12 pt) over the Tiêu ngữ "Độc lập - Tự do -
  Hạnh phúc" (bold, 13 pt) with a rule as long as the motto. Under them "Số: …/…" on the
  left and the italic "<place>, ngày … tháng … năm …" on the right; number and date stay as
  dots for the clerk to fill in by hand unless given.
* Title: bold, centred, upper case (14 pt); an optional subtitle (bold, 13 pt).
* Body: justified 13 pt paragraphs, first line indented 1 cm, 6 pt between paragraphs.
* Signature block on the right (the signer's title bold upper case, "KT. TRƯỞNG TRẠM /
  PHÓ TRƯỞNG TRẠM" on two lines, room for the seal and signature, the name bold) beside
  "Nơi nhận:" on the left (bold italic label, "- …;" lines, the last "- Lưu: VT.").

Page geometry, page numbers and saving are in ``pdf_file``; long tables in
``paged_table``. Every text goes through ``nfc`` (and is XML-escaped for Paragraphs).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from trainer_app.reports.document_dto import DocumentHeader, Signer
from trainer_app.reports.typeface import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

__all__ = [
    "MOTTO", "NATION", "DocumentHeader", "Signer", "body", "date_line", "header_block",
    "nfc", "number_line", "paragraph", "signature_and_recipients", "signatures_row",
    "style", "title_block",
]

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOTS = "……"
SEAL_ROOM = 26 * mm


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


_STYLES: dict[str, ParagraphStyle] = {}


def style(name: str) -> ParagraphStyle:
    """A named paragraph style: body, title, subtitle, small, cell, centre, centre-bold,
    centre-italic, parent, unit, nation, motto, recipients-label, recipient, sheet-name,
    sheet-note, sheet-code."""
    if not _STYLES:
        register_fonts()

        def make(key: str, font: str = REGULAR, size: float = 13, align: int = TA_CENTER,
                 **extra: float) -> None:
            _STYLES[key] = ParagraphStyle(key, fontName=font, fontSize=size,
                                          leading=round(size * 1.2, 2), alignment=align,
                                          **extra)

        make("body", align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6)
        make("body-plain", align=TA_LEFT, spaceAfter=3)
        make("title", BOLD, 14, spaceBefore=6)
        make("subtitle", BOLD, 13, spaceBefore=2)
        make("small", size=11, align=TA_LEFT)
        make("cell", size=12, align=TA_LEFT)
        make("centre")
        make("centre-bold", BOLD)
        make("centre-italic", ITALIC)
        make("right-italic", ITALIC, align=TA_RIGHT)
        make("parent", size=12)
        make("unit", BOLD, 12)
        make("nation", BOLD, 12)
        make("motto", BOLD, 13)
        make("recipients-label", BOLD_ITALIC, 12, TA_LEFT)
        make("recipient", size=11, align=TA_LEFT)
        make("sheet-name", BOLD, 14, TA_LEFT, spaceBefore=3, spaceAfter=1)
        make("sheet-note", ITALIC, 11, TA_LEFT, spaceBefore=3)
        make("sheet-code", size=8, align=TA_RIGHT, spaceBefore=2)
    return _STYLES[name]


def paragraph(text: str, style_name: str = "body") -> Paragraph:
    """A paragraph of plain text (NFC, escaped; line breaks kept)."""
    return Paragraph(escape(nfc(text)).replace("\n", "<br/>"), style(style_name))


def body(*texts: str) -> list[Flowable]:
    return [paragraph(t, "body") for t in texts]


class _Rule(Flowable):
    """A horizontal rule of a given length, centred in the space it is given."""

    def __init__(self, length: float, gap: float = 1.5) -> None:
        super().__init__()
        self.length = length
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail = availWidth
        return availWidth, self.gap + 1

    def draw(self) -> None:
        x = max(0.0, (self.avail - self.length) / 2)
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 1, x + min(self.length, self.avail), 1)


def date_line(place: str, issued_on: date | None) -> str:
    """"Tân Hưng, ngày 05 tháng 02 năm 2026" (a 0 before days under 10 and months 1 and
    2, as the decree says), or with dots for the clerk when there is no date."""
    place = nfc(place).strip() or DOTS
    if issued_on is None:
        return f"{place}, ngày {DOTS} tháng {DOTS} năm 20{DOTS}"
    month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
    return f"{place}, ngày {issued_on.day:02d} tháng {month} năm {issued_on.year}"


def number_line(header: DocumentHeader) -> str:
    return f"Số: {nfc(header.number) or DOTS}/{nfc(header.symbol) or DOTS}"


def _column_widths(frame_width: float) -> tuple[float, float]:
    """Left column for the unit, right for the Quốc hiệu (which must fit on one line)."""
    register_fonts()
    right = max(stringWidth(NATION, BOLD, 12) + 3 * mm, frame_width * 0.55)
    return frame_width - right, right


def _balanced(text: str, style_name: str, width: float) -> Paragraph:
    """A header line that does not fit is broken into two lines of about equal length
    ("TRUNG TÂM Y TẾ / KHU VỰC TÂN HƯNG"), as offices do, instead of leaving one word
    alone on the second line."""
    st = style(style_name)
    words = text.split(" ")
    if stringWidth(text, st.fontName, st.fontSize) <= width or len(words) < 2:
        return paragraph(text, style_name)
    best: tuple[float, int] | None = None
    for cut in range(1, len(words)):
        widest = max(stringWidth(" ".join(words[:cut]), st.fontName, st.fontSize),
                     stringWidth(" ".join(words[cut:]), st.fontName, st.fontSize))
        if best is None or widest < best[0]:
            best = (widest, cut)
    assert best is not None
    cut = best[1]
    return paragraph(" ".join(words[:cut]) + "\n" + " ".join(words[cut:]), style_name)


def header_block(header: DocumentHeader, frame_width: float, *,
                 with_number: bool = True) -> list[Flowable]:
    """The header block and (``with_number``) the number and date line."""
    left_w, right_w = _column_widths(frame_width)
    unit = nfc(header.unit_name).upper()
    left: list[Flowable] = []
    if header.parent_body:
        left.append(_balanced(nfc(header.parent_body).upper(), "parent", left_w - 2 * mm))
    left.append(_balanced(unit, "unit", left_w - 2 * mm))
    unit_width = min(stringWidth(unit, BOLD, 12), left_w - 4 * mm)
    left.append(_Rule(max(unit_width * 0.45, 18 * mm), gap=3))
    right: list[Flowable] = [paragraph(NATION, "nation"), paragraph(MOTTO, "motto"),
                             _Rule(stringWidth(MOTTO, BOLD, 13))]
    rows: list[list[object]] = [[left, right]]
    if with_number:
        rows.append([paragraph(number_line(header), "centre"),
                     paragraph(date_line(header.place_name, header.issued_on),
                               "centre-italic")])
    table = Table(rows, colWidths=[left_w, right_w])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 12),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 1), (-1, 1), 4),
    ]))
    return [table, Spacer(1, 4 * mm)]


def title_block(title: str, subtitle: str = "") -> list[Flowable]:
    items: list[Flowable] = [paragraph(nfc(title).upper(), "title")]
    if subtitle:
        items.append(paragraph(subtitle, "subtitle"))
    items.append(Spacer(1, 4 * mm))
    return items


def _title_lines(title: str) -> list[str]:
    text = nfc(title).replace(" / ", "\n").replace("/ ", "\n")
    return [line.strip().upper() for line in text.split("\n") if line.strip()]


def _signature_stack(title: str, name: str, note: str = "") -> list[Flowable]:
    items: list[Flowable] = [paragraph(line, "centre-bold") for line in _title_lines(title)]
    if note:
        items.append(paragraph(note, "centre-italic"))
    items.append(Spacer(1, SEAL_ROOM))
    if name:
        items.append(paragraph(name, "centre-bold"))
    return items


def _recipients(recipients: Sequence[str]) -> list[Flowable]:
    lines = [nfc(r).strip().rstrip(";.").strip() for r in recipients]
    lines = [line for line in lines if line and not line.lower().startswith("lưu")]
    items: list[Flowable] = [paragraph("Nơi nhận:", "recipients-label")]
    items += [paragraph(f"- {line};", "recipient") for line in lines]
    items.append(paragraph("- Lưu: VT.", "recipient"))
    return items


def signature_and_recipients(header: DocumentHeader, frame_width: float, *,
                             with_recipients: bool = True) -> Flowable:
    """"Nơi nhận" on the left, the signature on the right: one table row, so it is never
    split across pages."""
    left_w, right_w = _column_widths(frame_width)
    left = _recipients(header.recipients) if with_recipients else [Spacer(1, 1)]
    table = Table([[left, _signature_stack(header.signer_title, header.signer_name)]],
                  colWidths=[left_w, right_w], spaceBefore=4 * mm)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 12),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table  # one row: never split, moves to the next page whole


def signatures_row(signers: Sequence[Signer], frame_width: float, *,
                   place_date: str = "") -> Flowable:
    """Several signatures side by side in equal columns (a finance form: Người lập biểu,
    Kế toán, Thủ trưởng đơn vị); ``place_date`` over the last one, or right-aligned above
    the row when it is wider than that column. Always one unsplittable block."""
    count = max(1, len(signers))
    width = frame_width / count
    date_style = style("centre-italic")
    date_width = stringWidth(nfc(place_date), date_style.fontName, date_style.fontSize)
    date_in_column = bool(place_date) and date_width <= width - 4
    cells: list[list[Flowable]] = []
    for i, signer in enumerate(signers):
        stack: list[Flowable] = []
        if date_in_column and i == count - 1:
            stack.append(paragraph(place_date, "centre-italic"))
        elif date_in_column:
            stack.append(Spacer(1, date_style.leading))
        stack += _signature_stack(signer.title, signer.name, signer.note)
        cells.append(stack)
    table = Table([cells], colWidths=[width] * count)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 12),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    block: list[Flowable] = [table]
    if place_date and not date_in_column:
        block.insert(0, paragraph(place_date, "right-italic"))
    outer = Table([[block]], colWidths=[frame_width], spaceBefore=4 * mm)
    outer.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return outer  # one row: never split; wrap it in KeepTogether with what must go along
