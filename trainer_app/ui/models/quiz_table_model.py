"""The list of quizzes of the Câu hỏi page, as a database-free table model fed by
``set_rows`` (``QuizSummary`` rows from ``quiz_service.list_quizzes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

if TYPE_CHECKING:
    from trainer_app.services.quizzes.service import QuizSummary

COLUMNS = ("Bộ câu hỏi", "Số câu", "Điểm đạt", "Phiên bản")
COL_TITLE, COL_QUESTIONS, COL_PASS, COL_VERSIONS = range(len(COLUMNS))
NUMERIC = {COL_QUESTIONS, COL_PASS}


def format_mark(value: float) -> str:
    """5.0 -> "5", 6.5 -> "6,5" (Vietnamese decimal comma)."""
    return f"{value:g}".replace(".", ",")


def versions_text(summary: QuizSummary) -> str:
    if summary.versions == 0:
        return "Chưa dùng"
    return f"Đã dùng ({summary.versions} phiên bản)"


def versions_tooltip(summary: QuizSummary) -> str:
    if summary.versions == 0:
        return "Chưa buổi nào dùng bộ này: sửa thoải mái."
    return (f"Đã có {summary.versions} phiên bản được khóa lại (mới nhất: "
            f"{summary.latest_version_no}). Sửa câu hỏi không làm thay đổi các phiên bản cũ.")


class QuizTableModel(RowTableModel["QuizSummary"]):
    columns = COLUMNS

    def quiz(self, row: int) -> QuizSummary | None:
        return self.row_item(row)

    def row_of(self, code: str) -> int | None:
        for i, summary in enumerate(self._rows):
            if summary.code == code:
                return i
        return None

    def quizzes(self) -> list[QuizSummary]:
        return self.rows()

    def display(self, summary: QuizSummary, column: int) -> str:
        if column == COL_TITLE:
            return summary.title
        if column == COL_QUESTIONS:
            return str(summary.questions)
        if column == COL_PASS:
            return format_mark(summary.pass_mark)
        if column == COL_VERSIONS:
            return versions_text(summary)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self.quiz(index.row()) if index.isValid() else None
        if summary is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_VERSIONS:
                return versions_tooltip(summary)
            if column == COL_TITLE:
                return f"{summary.title}\nMã: {summary.code}" + (
                    f"\nNguồn: {summary.source_name}" if summary.source_name else "")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return summary.code
        return None
