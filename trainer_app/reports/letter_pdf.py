"""A ``LetterSet`` (plan, invitation) as PDF, in the style of ``document_style``: header
block, number and date line, type and subject with a short rule under them, "Kính gửi",
body, "Nơi nhận" and signature, then the annex on a new page. Several letters (one
invitation per person) follow each other, each from a new page; page numbers (from page 2)
are only printed when the set is one letter, since each letter of a set is one sheet.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from trainer_app.reports.document_style import (
    header_block,
    nfc,
    paragraph,
    signature_and_recipients,
    style,
)
from trainer_app.reports.letter_dto import (
    HEADING,
    ITEM,
    PLAIN,
    SUBHEADING,
    Block,
    Letter,
    LetterSet,
    LetterTable,
    TextBlock,
)
from trainer_app.reports.paged_table import TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import PageSetup, build_pdf
from trainer_app.reports.typeface import BOLD, BOLD_ITALIC, REGULAR

__all__ = ["letter_story", "write_letter_pdf"]

_EXTRA: dict[str, ParagraphStyle] = {}


def _style(name: str) -> ParagraphStyle:
    if not _EXTRA:
        body = style("body")
        _EXTRA[HEADING] = ParagraphStyle("letter-heading", parent=body, fontName=BOLD,
                                         firstLineIndent=0, alignment=TA_LEFT,
                                         spaceBefore=4, keepWithNext=1)
        _EXTRA[SUBHEADING] = ParagraphStyle("letter-subheading", parent=body,
                                            fontName=BOLD_ITALIC, alignment=TA_LEFT,
                                            keepWithNext=1)
        _EXTRA[ITEM] = ParagraphStyle("letter-item", parent=body, spaceAfter=2)
        _EXTRA[PLAIN] = ParagraphStyle("letter-plain", parent=body, firstLineIndent=0,
                                       alignment=TA_LEFT)
        _EXTRA["addressee"] = ParagraphStyle("letter-addressee", parent=body,
                                             firstLineIndent=0, alignment=TA_LEFT,
                                             fontSize=14, leading=16.8, spaceAfter=0)
    return _EXTRA.get(name) or style(name)


def _text(block: TextBlock) -> Paragraph:
    text = escape(nfc(block.text)).replace("\n", "<br/>")
    if block.label:
        text = f"<b>{escape(nfc(block.label))}</b> {text}"
    return Paragraph(text, _style(block.style))


def _table(block: LetterTable, width: float) -> PagedTable:
    columns = [TableColumn(c.title, c.weight, "center" if c.align == "center" else c.align)
               for c in block.columns]
    rows = [TableRow(list(r)) for r in block.rows]
    if block.total:
        rows.append(TableRow(list(block.total), TOTAL))
    return PagedTable(columns, rows, width=width)


def _blocks(blocks: tuple[Block, ...], width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        if isinstance(block, LetterTable):
            story += [Spacer(1, 1 * mm), _table(block, width), Spacer(1, 3 * mm)]
        else:
            story.append(_text(block))
    return story


def _addressees(names: tuple[str, ...], width: float) -> list[Flowable]:
    """"Kính gửi: X." on one centred line, or "Kính gửi:" beside a column of "- X;" lines."""
    if not names:
        return []
    clean = [nfc(n).strip().rstrip(";.").strip() for n in names if nfc(n).strip()]
    if len(clean) == 1:
        return [paragraph(f"Kính gửi: {clean[0]}.", "centre"), Spacer(1, 3 * mm)]
    lines = [Paragraph(escape(f"- {n}{'.' if i == len(clean) - 1 else ';'}"),
                       _style("addressee")) for i, n in enumerate(clean)]
    label = Paragraph("Kính gửi:", ParagraphStyle("letter-to", parent=_style("addressee"),
                                                  alignment=TA_RIGHT))
    table = Table([[label, lines]], colWidths=[width * 0.3, width * 0.7])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 13), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 3 * mm)]


def _heading(letters: LetterSet) -> list[Flowable]:
    items: list[Flowable] = [paragraph(nfc(letters.kind).upper(), "title")]
    if letters.subject:
        items.append(paragraph(letters.subject, "subtitle"))
    items += [Spacer(1, 1 * mm),
              HRFlowable(width="28%", thickness=0.6, color=colors.black, spaceBefore=1,
                         spaceAfter=4 * mm, hAlign="CENTER")]
    return items


def _one(letters: LetterSet, letter: Letter, width: float) -> list[Flowable]:
    header = replace(letters.header, recipients=letters.recipients)
    story = [*header_block(header, width), *_heading(letters),
             *_addressees(letter.addressees, width), *_blocks(letter.blocks, width)]
    story.append(KeepTogether([signature_and_recipients(header, width)]))
    if letter.annex:
        story.append(PageBreak())
        if letter.annex_title:
            story.append(paragraph(nfc(letter.annex_title).upper(), "title"))
        if letter.annex_note:
            story.append(paragraph(letter.annex_note, "centre-italic"))
        story.append(Spacer(1, 4 * mm))
        story += _blocks(letter.annex, width)
    return story


def letter_story(letters: LetterSet, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for i, letter in enumerate(letters.letters):
        if i:
            story.append(PageBreak())
        story += _one(letters, letter, width)
    return story


def write_letter_pdf(path: Path, letters: LetterSet) -> Path:
    setup = PageSetup(page_numbers=len(letters.letters) == 1)
    title = nfc(letters.file_title) or f"{nfc(letters.kind)} — {nfc(letters.subject)}"
    return build_pdf(path, letter_story(letters, setup.frame_width), title=title,
                     author=nfc(letters.header.unit_name), setup=setup)
