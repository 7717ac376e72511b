"""The administrative document style of ``document_style`` for Word files (python-docx), for
the documents staff edit before sending.

Same layout as the PDFs: A4, margins 20/20/30/15 mm, Times New Roman 13 pt (the font of
Nghị định 30/2020/NĐ-CP, present on every Windows machine that opens the file), the header
block as a borderless two-column table (parent body and unit on the left, the Quốc hiệu and
Tiêu ngữ on the right, each with its short rule — a bottom border on an empty paragraph, so
Word keeps it under the text when the user edits), number and date line, title, "Nơi nhận"
beside the signature, page numbers centred in the header from page 2 (a PAGE field, so Word
renumbers after edits). All text NFC.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.reports.document_style import MOTTO, NATION, date_line, nfc, number_line
from trainer_app.reports.pdf_file import atomic_write
from trainer_app.reports.typeface import BOLD, register_fonts

__all__ = [
    "ALIGN",
    "FONT",
    "add_header_block",
    "add_signature_and_recipients",
    "add_text",
    "add_title",
    "grid_table",
    "new_document",
    "new_section",
    "save_docx",
]

FONT = "Times New Roman"
PAGE_W, LEFT, RIGHT = Mm(210), Mm(30), Mm(15)
FRAME_W = Length(PAGE_W - LEFT - RIGHT)
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
Container = DocxDocument | _Cell
CELL_PAD = 10.8  # points: Word's default cell margins, left and right together


def _fonts(element: object, name: str = FONT) -> None:
    """Set the font for every script (Word picks rFonts by script: Vietnamese letters
    outside Latin-1 would otherwise fall back to the theme font)."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


def new_document() -> DocxDocument:
    """An empty A4 document with the decree's margins and page numbers from page 2."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    _fonts(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _setup_section(doc.sections[0])
    return doc


def _setup_section(section: object) -> None:
    s = section  # docx.section.Section
    s.page_width, s.page_height = PAGE_W, Mm(297)  # type: ignore[attr-defined]
    s.top_margin, s.bottom_margin = Mm(20), Mm(20)  # type: ignore[attr-defined]
    s.left_margin, s.right_margin = LEFT, RIGHT  # type: ignore[attr-defined]
    s.header_distance = Mm(8)  # type: ignore[attr-defined]
    s.different_first_page_header_footer = True  # type: ignore[attr-defined]
    header = s.header  # type: ignore[attr-defined]
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not paragraph.runs:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
    s.first_page_header.is_linked_to_previous = False  # type: ignore[attr-defined]


def new_section(doc: DocxDocument) -> None:
    """A new page whose numbering starts again at 1 (one letter of a set)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _setup_section(section)
    sect = section._sectPr
    number = sect.find(qn("w:pgNumType"))
    if number is None:
        number = OxmlElement("w:pgNumType")
        sect.append(number)
    number.set(qn("w:start"), "1")


def add_text(where: Container, text: str, *, bold: bool = False, italic: bool = False,
             size: float = 13, align: str = "left", indent_first: bool = False,
             after: float = 0, before: float = 0, label: str = "",
             keep_with_next: bool = False, paragraph: Paragraph | None = None) -> Paragraph:
    """One paragraph (NFC); ``label`` is a bold lead-in; "\\n" breaks the line."""
    p = paragraph if paragraph is not None else where.add_paragraph()
    p.alignment = ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    fmt.keep_with_next = keep_with_next
    if indent_first:
        fmt.first_line_indent = Mm(10)
    parts = [(nfc(label) + " ", True)] if label else []
    parts.append((nfc(text), bold))
    for value, strong in parts:
        for i, line in enumerate(value.split("\n")):
            if i:
                p.runs[-1].add_break()
            run = p.add_run(line)
            run.bold, run.italic = strong, italic
            run.font.size = Pt(size)
            run.font.name = FONT
            _fonts(run._r)
    return p


def _rule(where: Container, length: float, width: float) -> None:
    """A short centred rule: an empty 2 pt paragraph with a bottom border, indented so
    the border is ``length`` points long in a space ``width`` points wide."""
    p = where.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    side = max(0.0, (width - length) / 2)
    fmt.left_indent = fmt.right_indent = Pt(side)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _widths(table: Table, widths: Sequence[int]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _split_columns() -> tuple[int, int]:
    register_fonts()
    right = max(Pt(stringWidth(NATION, BOLD, 12) + 12), int(FRAME_W * 0.55))
    return FRAME_W - right, right


def _first(cell: _Cell) -> Paragraph:
    return cell.paragraphs[0]


def add_header_block(doc: DocxDocument, header: DocumentHeader, *,
                     with_number: bool = True) -> Table:
    """The header block (and the number and date line) as a borderless table."""
    left_w, right_w = _split_columns()
    table = doc.add_table(rows=2 if with_number else 1, cols=2)
    _widths(table, [left_w, right_w])
    left, right = table.cell(0, 0), table.cell(0, 1)
    unit = nfc(header.unit_name).upper() or "……"
    if header.parent_body:
        add_text(left, nfc(header.parent_body).upper(), size=12, align="center",
                 paragraph=_first(left))
        add_text(left, unit, bold=True, size=12, align="center")
    else:
        add_text(left, unit, bold=True, size=12, align="center", paragraph=_first(left))
    unit_w = min(stringWidth(unit, BOLD, 12), Mm(60).pt)
    _rule(left, max(unit_w * 0.45, Mm(18).pt), Length(left_w).pt - CELL_PAD)
    add_text(right, NATION, bold=True, size=12, align="center", paragraph=_first(right))
    add_text(right, MOTTO, bold=True, size=13, align="center")
    _rule(right, stringWidth(MOTTO, BOLD, 13), Length(right_w).pt - CELL_PAD)
    if with_number:
        add_text(table.cell(1, 0), number_line(header), align="center", before=6,
                 paragraph=_first(table.cell(1, 0)))
        add_text(table.cell(1, 1), date_line(header.place_name, header.issued_on),
                 italic=True, align="center", before=6, paragraph=_first(table.cell(1, 1)))
    return table


def add_title(doc: DocxDocument, kind: str, subject: str = "") -> None:
    add_text(doc, nfc(kind).upper(), bold=True, size=14, align="center", before=12,
             keep_with_next=True)
    if subject:
        add_text(doc, subject, bold=True, align="center", keep_with_next=True)
    _rule(doc, FRAME_W.pt * 0.28, FRAME_W.pt)
    add_text(doc, "", size=8)


def _repeat_header(table: Table) -> None:
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row_pr.append(flag)


def grid_table(doc: DocxDocument, columns: Sequence[tuple[str, float, str]],
               rows: Sequence[Sequence[str]], total: Sequence[str] = ()) -> Table:
    """A table with lines: (title, weight, align) columns, the header row repeated on each
    page, an optional bold total row."""
    weight = sum(c[1] for c in columns) or 1
    widths = [int(FRAME_W * c[1] / weight) for c in columns]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    for cell, (title, _w, _a) in zip(table.rows[0].cells, columns, strict=True):
        add_text(cell, title, bold=True, size=12, align="center", paragraph=_first(cell))
    _repeat_header(table)
    for values, strong in [*[(r, False) for r in rows], *([(total, True)] if total else [])]:
        cells = table.add_row().cells
        for cell, value, (_t, _w, align) in zip(cells, values, columns, strict=False):
            add_text(cell, value, bold=strong, size=12, align=align, paragraph=_first(cell))
    _widths(table, widths)
    return table


def add_signature_and_recipients(doc: DocxDocument, header: DocumentHeader) -> Table:
    """"Nơi nhận" on the left, the signature on the right (title lines, room for the seal,
    the name), as a borderless table that Word keeps on one page."""
    left_w, right_w = _split_columns()
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [left_w, right_w])
    left, right = table.cell(0, 0), table.cell(0, 1)
    add_text(left, "Nơi nhận:", bold=True, italic=True, size=12, paragraph=_first(left),
             before=6)
    lines = [nfc(r).strip().rstrip(";.").strip() for r in header.recipients]
    for line in [x for x in lines if x and not x.lower().startswith("lưu")]:
        add_text(left, f"- {line};", size=11)
    add_text(left, "- Lưu: VT.", size=11)
    title = nfc(header.signer_title).replace(" / ", "\n").replace("/ ", "\n")
    titles = [t.strip().upper() for t in title.split("\n") if t.strip()] or [""]
    add_text(right, titles[0], bold=True, align="center", paragraph=_first(right), before=6)
    for line in titles[1:]:
        add_text(right, line, bold=True, align="center")
    for _ in range(4):
        add_text(right, "")
    if header.signer_name:
        add_text(right, header.signer_name, bold=True, align="center")
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    row_pr.append(cant_split)
    return table


def save_docx(doc: DocxDocument, path: Path) -> Path:
    """Save atomically (see ``pdf_file.atomic_write``)."""
    return atomic_write(Path(path), lambda tmp: doc.save(str(tmp)))
