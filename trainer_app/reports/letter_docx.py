"""A ``LetterSet`` (plan, invitation) as a Word file, laid out as its PDF (``letter_pdf``):
staff edit it in Word before sending. Each letter of a set is its own section (a new page,
page numbers starting again); the annex follows its letter on a new page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from trainer_app.reports.document_style import nfc
from trainer_app.reports.docx_style import (
    add_header_block,
    add_signature_and_recipients,
    add_text,
    add_title,
    grid_table,
    new_document,
    new_section,
    save_docx,
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
)

__all__ = ["build_letter_docx", "write_letter_docx"]


def _blocks(doc: DocxDocument, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if isinstance(block, LetterTable):
            grid_table(doc, [(c.title, c.weight, c.align) for c in block.columns], block.rows,
                       block.total)
            add_text(doc, "", size=6)
        elif block.style == HEADING:
            add_text(doc, block.text, bold=True, label=block.label, before=4, after=6,
                     keep_with_next=True)
        elif block.style == SUBHEADING:
            add_text(doc, block.text, bold=True, italic=True, label=block.label,
                     indent_first=True, after=6, keep_with_next=True)
        elif block.style == PLAIN:
            add_text(doc, block.text, label=block.label, after=6)
        else:
            add_text(doc, block.text, label=block.label, align="justify", indent_first=True,
                     after=2 if block.style == ITEM else 6)


def _addressees(doc: DocxDocument, names: tuple[str, ...]) -> None:
    clean = [nfc(n).strip().rstrip(";.").strip() for n in names if nfc(n).strip()]
    if not clean:
        return
    if len(clean) == 1:
        add_text(doc, f"Kính gửi: {clean[0]}.", size=14, align="center", after=6)
        return
    for i, name in enumerate(clean):
        end = "." if i == len(clean) - 1 else ";"
        p = add_text(doc, f"- {name}{end}", size=14,
                     label="Kính gửi:" if i == 0 else "")
        p.paragraph_format.left_indent = Mm(45)
        p.paragraph_format.first_line_indent = Mm(-22) if i == 0 else None
    add_text(doc, "", size=6)


def _letter(doc: DocxDocument, letters: LetterSet, letter: Letter) -> None:
    header = replace(letters.header, recipients=letters.recipients)
    add_header_block(doc, header)
    add_title(doc, letters.kind, letters.subject)
    _addressees(doc, letter.addressees)
    _blocks(doc, letter.blocks)
    add_signature_and_recipients(doc, header)
    if letter.annex:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if letter.annex_title:
            add_text(doc, nfc(letter.annex_title).upper(), bold=True, size=14,
                     align="center")
        if letter.annex_note:
            add_text(doc, letter.annex_note, italic=True, align="center")
        add_text(doc, "", size=8)
        _blocks(doc, letter.annex)


def build_letter_docx(letters: LetterSet) -> DocxDocument:
    doc = new_document()
    doc.core_properties.title = nfc(letters.file_title) or nfc(letters.kind)
    doc.core_properties.author = nfc(letters.header.unit_name)
    for i, letter in enumerate(letters.letters):
        if i:
            new_section(doc)
        _letter(doc, letters, letter)
    return doc


def write_letter_docx(path: Path, letters: LetterSet) -> Path:
    return save_docx(build_letter_docx(letters), path)
