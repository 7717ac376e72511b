"""Drawn parts of the paper answer sheet: a question's boxes, the grid of questions cut
into pages, and the dotted lines on which a walk-in writes their name."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from trainer_app.reports.typeface import BOLD, ITALIC, REGULAR

__all__ = ["BOX", "DottedField", "QuestionBoxes", "SheetQuestion", "blank_person_fields",
           "question_grids"]

BOX = 6.5 * mm
LINE_GAP = 2.5 * mm
CHOICE_SIZE = 12


@dataclass(frozen=True)
class SheetQuestion:
    number: int
    choices: tuple[str, ...]  # ("A", "B", "C", "D") or ("Đúng", "Sai")
    multiple: bool = False


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


class QuestionBoxes(Flowable):
    """"Câu 3" and a box per option, wrapping to more lines when the column is narrow."""

    LABEL = 17 * mm

    def __init__(self, question: SheetQuestion) -> None:
        super().__init__()
        self.question = question
        self.slots = [max(stringWidth(_nfc(c), BOLD, CHOICE_SIZE) + 2 * mm, 4 * mm) + BOX
                      + 4 * mm for c in question.choices]

    def _lines(self, width: float) -> list[list[int]]:
        lines: list[list[int]] = [[]]
        used = self.LABEL
        for i, slot in enumerate(self.slots):
            if lines[-1] and used + slot > width:
                lines.append([])
                used = self.LABEL
            lines[-1].append(i)
            used += slot
        return lines

    def min_width(self) -> float:
        return self.LABEL + sum(self.slots)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.lines = self._lines(availWidth)
        label_height = 2 * 11 if self.question.multiple else 12
        self.height = max(label_height, len(self.lines) * (BOX + LINE_GAP)) + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height - 1 * mm
        canvas.setFont(BOLD, 12)
        canvas.drawString(0, top - BOX + 1.6 * mm, f"Câu {self.question.number}")
        if self.question.multiple:
            canvas.setFont(ITALIC, 9)
            canvas.drawString(0, top - BOX - 2.6 * mm, "(chọn nhiều)")
        canvas.setLineWidth(0.9)
        for n, line in enumerate(self.lines):
            x = self.LABEL
            y = top - (n + 1) * BOX - n * LINE_GAP
            for i in line:
                text = _nfc(self.question.choices[i])
                canvas.setFont(BOLD, CHOICE_SIZE)
                canvas.drawString(x, y + 1.6 * mm, text)
                box_x = x + stringWidth(text, BOLD, CHOICE_SIZE) + 1.5 * mm
                canvas.rect(box_x, y, BOX, BOX, stroke=1, fill=0)
                x += self.slots[i]


def _grid(boxes: list[QuestionBoxes], columns: int, width: float) -> Table:
    per_column = -(-len(boxes) // columns)
    rows = []
    for r in range(per_column):
        row: list[Flowable | str] = []
        for c in range(columns):
            i = c * per_column + r
            row.append(boxes[i] if i < len(boxes) else "")
        rows.append(row)
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 12),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def question_grids(questions: Sequence[SheetQuestion], width: float, first_room: float,
                   next_room: float) -> list[Table]:
    """The questions as grids (two columns when they fit, numbered down each column), one
    grid per page: the first holds as many rows as fit in ``first_room``, each later one
    as many as fit in ``next_room``. Never splits a question."""
    boxes = [QuestionBoxes(q) for q in questions]
    widest = max((b.min_width() for b in boxes), default=0.0)
    columns = 2 if widest <= width / 2 - 2 * mm and len(boxes) > 1 else 1
    column_width = width / columns - 2 * mm
    row_height = max((b.wrap(column_width, 1e6)[1] for b in boxes), default=1.0)
    grids: list[Table] = []
    start, room = 0, first_room
    while start < len(boxes):
        rows = max(1, int(room // row_height))
        end = min(len(boxes), start + rows * columns)
        grids.append(_grid(boxes[start:end], columns, width))
        start, room = end, next_room
    return grids


class DottedField(Flowable):
    """A label and a dotted line to the end of the space, to write on by hand."""

    def __init__(self, label: str, font: str = BOLD, size: float = 13) -> None:
        super().__init__()
        self.label, self.font, self.size = label, font, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, 9 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.drawString(0, 2 * mm, self.label)
        start = stringWidth(self.label, self.font, self.size) + 1.5 * mm
        canvas.saveState()
        canvas.setDash(0.8, 2.2)
        canvas.setLineWidth(0.8)
        canvas.line(start, 1.5 * mm, self.width - 2 * mm, 1.5 * mm)
        canvas.restoreState()


def blank_person_fields(width: float) -> list[Flowable]:
    """Họ và tên, then Năm sinh and Khu phố, as dotted lines."""
    fields = Table([[DottedField("Năm sinh:", REGULAR, 12), DottedField("Khu phố:", REGULAR,
                                                                        12)]],
                   colWidths=[width * 0.4, width * 0.6])
    fields.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return [DottedField("Họ và tên:", BOLD, 14), fields]
