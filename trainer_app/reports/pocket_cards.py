"""Pocket cards (thẻ bỏ túi) for participants to take home: eight to an A4 sheet (2 × 4),
with dashed cut lines round every card.

Each card: the title, the hotlines large and bold with a short label, the steps to take
when a child is at risk online, and the unit that gave the card. The sheet keeps a 10 mm
margin (office printers cannot print to the edge). When the text does not fit a card
(many hotlines, long labels), every size shrinks a step at a time; if it still cannot fit,
``CardOverflow`` is raised rather than printing a card with text cut off.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle

from trainer_app.reports.pdf_file import atomic_write
from trainer_app.reports.typeface import BOLD, ITALIC, REGULAR, register_fonts

__all__ = ["COLUMNS", "ROWS", "CardOverflow", "Hotline", "PocketCard", "write_pocket_cards"]

COLUMNS, ROWS = 2, 4
SHEET_MARGIN = 10 * mm
PADDING = 4 * mm
_SCALES = (1.3, 1.2, 1.1, 1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62)


@dataclass(frozen=True)
class Hotline:
    number: str  # as printed: "111", "1900.54.55.59"
    label: str = ""  # "Tổng đài quốc gia bảo vệ trẻ em"


@dataclass(frozen=True)
class PocketCard:
    title: str
    hotlines: Sequence[Hotline]
    steps: Sequence[str]
    steps_heading: str = "Khi trẻ gặp nguy hiểm trên mạng:"
    footer: str = ""  # the unit that hands the card out
    extra: Sequence[str] = field(default_factory=tuple)


class CardOverflow(ValueError):
    """The card's text does not fit on a card even at the smallest size."""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _p(text: str, font: str, size: float, align: int = TA_LEFT, **extra: float) -> Paragraph:
    style = ParagraphStyle("card", fontName=font, fontSize=size, leading=size * 1.18,
                           alignment=align, **extra)
    return Paragraph(escape(_nfc(text)), style)


def _hotlines(card: PocketCard, width: float, scale: float) -> Flowable:
    size = 20 * scale
    widest = max(stringWidth(_nfc(h.number), BOLD, size) for h in card.hotlines)
    number_width = min(widest + 3 * mm, width * 0.62)
    while stringWidth(max((_nfc(h.number) for h in card.hotlines), key=len), BOLD,
                      size) > number_width - 2 * mm and size > 9:
        size -= 0.5  # a very long number: smaller, never cut
    rows = [[_p(h.number, BOLD, size), _p(h.label, REGULAR, 9 * scale)]
            for h in card.hotlines]
    table = Table(rows, colWidths=[number_width, width - number_width])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 9 * scale),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6 * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * scale),
    ]))
    return table


def _story(card: PocketCard, width: float, scale: float) -> list[Flowable]:
    story: list[Flowable] = [_p(card.title.upper(), BOLD, 10.5 * scale, TA_CENTER),
                             Spacer(1, 1.6 * mm * scale)]
    if card.hotlines:
        story += [_hotlines(card, width, scale), Spacer(1, 1.6 * mm * scale)]
    if card.steps:
        story.append(_p(card.steps_heading, BOLD, 9 * scale))
        story += [_p(f"{i}. {step}", REGULAR, 9 * scale, leftIndent=3.2 * mm * scale,
                     firstLineIndent=-3.2 * mm * scale)
                  for i, step in enumerate(card.steps, start=1)]
    story += [_p(line, REGULAR, 8.5 * scale) for line in card.extra]
    if card.footer:
        story += [Spacer(1, 1.2 * mm * scale), _p(card.footer, ITALIC, 8 * scale, TA_CENTER)]
    return story


def _fitting_scale(card: PocketCard, width: float, height: float) -> float:
    for scale in _SCALES:
        story = _story(card, width, scale)
        used = 0.0
        for flowable in story:
            used += flowable.wrap(width, height)[1] + flowable.getSpaceBefore() \
                + flowable.getSpaceAfter()
        if used <= height:
            return scale
    raise CardOverflow("Nội dung thẻ bỏ túi quá dài, không vừa một thẻ: hãy bớt số điện "
                       "thoại hoặc rút ngắn các bước.")


def _cut_lines(canvas: Canvas, card_w: float, card_h: float) -> None:
    canvas.saveState()
    canvas.setDash(3, 2.5)
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0.45)
    left, bottom = SHEET_MARGIN, SHEET_MARGIN
    for i in range(COLUMNS + 1):
        x = left + i * card_w
        canvas.line(x, bottom, x, bottom + ROWS * card_h)
    for j in range(ROWS + 1):
        y = bottom + j * card_h
        canvas.line(left, y, left + COLUMNS * card_w, y)
    canvas.restoreState()
    canvas.setFont(ITALIC, 8)
    canvas.setFillGray(0.35)
    canvas.drawCentredString(A4[0] / 2, A4[1] - SHEET_MARGIN + 3 * mm,
                             "Cắt theo đường nét đứt để được 8 thẻ bỏ túi.")
    canvas.setFillGray(0)


def write_pocket_cards(path: Path, card: PocketCard, *, sheets: int = 1) -> Path:
    """Write ``sheets`` A4 pages of eight cards each to ``path`` (saved atomically)."""
    font = register_fonts()
    card_w = (A4[0] - 2 * SHEET_MARGIN) / COLUMNS
    card_h = (A4[1] - 2 * SHEET_MARGIN) / ROWS
    inner_w, inner_h = card_w - 2 * PADDING, card_h - 2 * PADDING
    scale = _fitting_scale(card, inner_w, inner_h)

    def write(target: Path) -> None:
        canvas = Canvas(str(target), pagesize=A4, initialFontName=font, initialFontSize=10,
                        pageCompression=1)
        canvas.setTitle(_nfc(card.title))
        canvas.setAuthor(_nfc(card.footer))
        canvas.setCreator("Tập huấn CTV")
        for _sheet in range(max(1, sheets)):
            _cut_lines(canvas, card_w, card_h)
            for row in range(ROWS):
                for col in range(COLUMNS):
                    x = SHEET_MARGIN + col * card_w + PADDING
                    y = SHEET_MARGIN + (ROWS - 1 - row) * card_h + PADDING
                    frame = Frame(x, y, inner_w, inner_h, leftPadding=0, rightPadding=0,
                                  topPadding=0, bottomPadding=0, showBoundary=0)
                    story = _story(card, inner_w, scale)
                    frame.addFromList(story, canvas)
                    if story:  # cannot happen after _fitting_scale; never print a cut card
                        raise CardOverflow("Nội dung thẻ bỏ túi không vừa một thẻ.")
            canvas.showPage()
        canvas.save()

    return atomic_write(Path(path), write)
