"""The questions of one quiz (``QuestionDoc`` rows of ``quiz_service.get_quiz_doc``), as a
database-free table model fed by ``set_rows``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from trainer_app.domain.quiz import KIND_LABELS, QuestionDoc, letter
from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

COLUMNS = ("Số", "Loại", "Câu hỏi", "Đáp án đúng", "Nguồn")
COL_NUMBER, COL_KIND, COL_TEXT, COL_ANSWER, COL_SOURCE = range(len(COLUMNS))


def correct_letters(question: QuestionDoc) -> str:
    """"B" for a single answer, "A, C" for several."""
    return ", ".join(letter(i) for i, o in enumerate(question.options) if o.correct)


def one_line(text: str) -> str:
    return " ".join(text.split())


class QuestionTableModel(RowTableModel[QuestionDoc]):
    columns = COLUMNS

    def question(self, row: int) -> QuestionDoc | None:
        return self.row_item(row)

    def questions(self) -> list[QuestionDoc]:
        return self.rows()

    def display(self, row: int, column: int) -> str:
        q = self._rows[row]
        if column == COL_NUMBER:
            return str(row + 1)
        if column == COL_KIND:
            return KIND_LABELS.get(q.kind, q.kind)
        if column == COL_TEXT:
            return one_line(q.text)
        if column == COL_ANSWER:
            return correct_letters(q)
        if column == COL_SOURCE:
            return q.source
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.question(index.row()) is None:
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TEXT, COL_SOURCE):
            q = self._rows[row]
            if column == COL_SOURCE:
                return q.source or None
            options = "\n".join(f"{letter(i)}. {o.text}" + ("  ✓" if o.correct else "")
                                for i, o in enumerate(q.options))
            return f"{q.text}\n\n{options}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[row].id
        return None
