"""Paper answer sheets (phiếu trả lời) for a quiz projected at the front of the room.

One sheet per person, the name printed (with khu phố and birth year, and the person's
number for typing the answers in later), then blank sheets for walk-ins with a dotted line
for the name. Each question is a number and one box per option (A B C D…, "Đúng"/"Sai"
for a true/false question; "(chọn nhiều)" under a multiple-answer one). The question texts
are not printed: the trainer projects and reads them, which keeps the sheet short and
readable for older participants.

Two sheets to an A4 page (top and bottom halves, a dashed cut line between) whenever a
sheet fits half a page, as a 10-question quiz does: forty participants then need twenty
sheets of paper instead of forty, and a half sheet is easier to hold on the knee. Larger
quizzes get a full page per sheet; a quiz too long for one page continues on the next
pages, each headed with the person's name so that loose pages can be matched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from trainer_app.reports.answer_sheet_parts import (
    SheetQuestion,
    blank_person_fields,
    question_grids,
)
from trainer_app.reports.document_style import paragraph, style
from trainer_app.reports.pdf_file import atomic_write
from trainer_app.reports.typeface import ITALIC, REGULAR, register_fonts

__all__ = ["AnswerSheetSet", "SheetPerson", "SheetQuestion", "WrittenSheets",
           "write_answer_sheets"]

LEFT, RIGHT = 30 * mm, 15 * mm  # the decree's side margins
HALF_TOP, HALF_BOTTOM = 12 * mm, 9 * mm  # inside each half page
FULL_TOP, FULL_BOTTOM = 20 * mm, 20 * mm
INSTRUCTION = ("Đánh dấu X vào ô bạn chọn. Câu ghi \"chọn nhiều\": đánh dấu mọi ô đúng. "
               "Muốn đổi, tô kín ô cũ rồi đánh X ô mới.")
_GAP = "\u00a0" * 6  # Paragraph keeps non-breaking spaces
_HOOD_WORDS = ("khu phố", "kp", "tổ", "ấp", "thôn", "xóm")


@dataclass(frozen=True)
class SheetPerson:
    full_name: str
    birth_year: int | None = None
    neighbourhood: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class AnswerSheetSet:
    unit_name: str
    session_title: str
    session_date: date | None
    quiz_title: str
    quiz_code: str
    version_no: int
    questions: Sequence[SheetQuestion]
    people: Sequence[SheetPerson]
    blank: int = 0
    empty_note: str = ""  # printed when ``people`` is empty


@dataclass(frozen=True)
class WrittenSheets:
    pages: int
    per_page: int  # 2 when two sheets share an A4 page
    sheets: int


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _person_lines(person: SheetPerson | None, width: float) -> list[Flowable]:
    if person is None:
        return blank_person_fields(width)
    details = []
    if person.birth_year:
        details.append(f"Năm sinh: {person.birth_year}")
    hood = _nfc(person.neighbourhood)
    details.append(hood if hood.lower().startswith(_HOOD_WORDS) else f"Khu phố: {hood or '……'}")
    if person.person_id is not None:
        details.append(f"Mã số: {person.person_id}")
    return [_name_line(f"Họ và tên: {_nfc(person.full_name)}", width),
            paragraph(_GAP.join(details), "body-plain")]


def _name_line(text: str, width: float) -> Paragraph:
    """The printed name, made smaller (down to 10 pt) to stay on one line when long."""
    base = style("sheet-name")
    size = base.fontSize
    while size > 10 and stringWidth(text, base.fontName, size) > width:
        size -= 0.5
    fitted = ParagraphStyle("sheet-name-fitted", parent=base, fontSize=size,
                            leading=size * 1.2)
    return Paragraph(escape(text), fitted)


def _head(data: AnswerSheetSet, person: SheetPerson | None, width: float) -> list[Flowable]:
    when = f" — ngày {data.session_date:%d/%m/%Y}" if data.session_date else ""
    head = Table([[paragraph(_nfc(data.unit_name).upper(), "small"),
                   paragraph("PHIẾU TRẢ LỜI", "title")]],
                 colWidths=[width * 0.45, width * 0.55])
    head.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 11),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [head,
            paragraph(f"Buổi tập huấn: {_nfc(data.session_title)}{when}", "body-plain"),
            paragraph(f"Bài kiểm tra: {_nfc(data.quiz_title)}", "body-plain"),
            *_person_lines(person, width),
            paragraph(INSTRUCTION, "sheet-note"),
            Spacer(1, 1.5 * mm)]


def _continued(person: SheetPerson | None, page: int) -> list[Flowable]:
    who = _nfc(person.full_name) if person is not None else "…" * 12
    return [paragraph(f"Phiếu trả lời (tiếp, trang {page}) — Họ và tên: {who}", "sheet-note"),
            Spacer(1, 2 * mm)]


def _height(story: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in story)


def _sheet_pages(data: AnswerSheetSet, person: SheetPerson | None, width: float,
                 room: float, note: list[Flowable]) -> list[list[Flowable]]:
    """The sheet as pages (one when it fits ``room``), each a list of flowables."""
    head = note + _head(data, person, width)
    code = paragraph(f"Bộ câu hỏi {data.quiz_code}, phiên bản {data.version_no}", "sheet-code")
    spare = 2 * mm + _height([code], width)
    first = room - _height(head, width) - spare
    later = room - _height(_continued(person, 2), width) - spare
    grids = question_grids(data.questions, width, first, later)
    pages: list[list[Flowable]] = []
    for n, grid in enumerate(grids):
        top = head if n == 0 else _continued(person, n + 1)
        pages.append([*top, grid, code])
    return pages


def _cut_line(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0.4)
    canvas.line(8 * mm, A4[1] / 2, A4[0] - 8 * mm, A4[1] / 2)
    canvas.setFont(ITALIC, 7)
    canvas.setFillGray(0.4)
    canvas.drawString(9 * mm, A4[1] / 2 + 1.2 * mm, "cắt theo đường này")
    canvas.restoreState()


def write_answer_sheets(path: Path, data: AnswerSheetSet) -> WrittenSheets:
    """Write the sheets of ``data`` to ``path`` (saved atomically)."""
    font = register_fonts()
    width = A4[0] - LEFT - RIGHT
    half_room = A4[1] / 2 - HALF_TOP - HALF_BOTTOM
    full_room = A4[1] - FULL_TOP - FULL_BOTTOM
    people: list[SheetPerson | None] = [*data.people, *([None] * max(0, data.blank))]
    note = [paragraph(data.empty_note, "body")] if not data.people and data.empty_note else []
    samples: list[SheetPerson | None] = [None]
    if data.people:
        samples.append(max(data.people, key=lambda p: len(p.full_name)))
    two_up = all(len(_sheet_pages(data, s, width, half_room, [])) == 1 for s in samples)
    if two_up:
        frames = [Frame(LEFT, A4[1] / 2 + HALF_BOTTOM, width, half_room, 0, 0, 0, 0, id="top"),
                  Frame(LEFT, HALF_BOTTOM, width, half_room, 0, 0, 0, 0, id="bottom")]
    else:
        frames = [Frame(LEFT, FULL_BOTTOM, width, full_room, 0, 0, 0, 0, id="page")]
    room = half_room if two_up else full_room
    story: list[Flowable] = []
    if note and (two_up or not people):  # nobody to print: the note in a slot of its own
        story.append(KeepTogether(note))
        note = []
    for i, person in enumerate(people):
        for page in _sheet_pages(data, person, width, room, note if i == 0 else []):
            if story:
                story.append(FrameBreak())
            story.append(KeepTogether(page))
    pages: list[int] = []

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        pages.append(doc.page)
        if two_up:
            _cut_line(canvas)

    def write(target: Path) -> None:
        pages.clear()
        doc = BaseDocTemplate(str(target), pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT,
                              topMargin=HALF_TOP, bottomMargin=HALF_BOTTOM,
                              title=f"Phiếu trả lời — {_nfc(data.quiz_title)}",
                              author=_nfc(data.unit_name), creator="Tập huấn CTV",
                              initialFontName=font, initialFontSize=12)
        doc.addPageTemplates([PageTemplate(id="sheets", frames=frames, onPage=decorate)])
        doc.build(story)

    atomic_write(Path(path), write)
    return WrittenSheets(pages=len(pages), per_page=2 if two_up else 1,
                         sheets=len(data.people) + max(0, data.blank))
