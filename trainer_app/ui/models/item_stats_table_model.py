"""The item analysis of one quiz version ("Phân tích câu hỏi"), one row per question, as a
database-free table model fed by ``set_rows`` (``QuestionStats`` rows from
``services.quizzes.item_stats``). A flagged question shows its warning in words, on an
amber background (never colour alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

if TYPE_CHECKING:
    from trainer_app.services.quizzes.item_stats import QuestionStats

COLUMNS = ("Câu", "Nội dung", "Số bài", "Đúng", "Trước → sau", "Phân biệt", "Giỏi − yếu",
           "Phương án (tỷ lệ chọn)", "Cảnh báo")
(COL_NUMBER, COL_TEXT, COL_N, COL_FACILITY, COL_CHANGE, COL_DISC, COL_UPPER_LOWER,
 COL_OPTIONS, COL_FLAGS) = range(len(COLUMNS))
NUMERIC = {COL_NUMBER, COL_N, COL_FACILITY, COL_DISC, COL_UPPER_LOWER}
FLAG_BACKGROUND = "#fff3cd"
TIPS = {
    COL_FACILITY: "Tỷ lệ bài làm đúng câu này (bỏ trống tính là sai).",
    COL_CHANGE: "Tỷ lệ làm đúng ở bài trước tập huấn và ở bài sau tập huấn.",
    COL_DISC: "Người làm đúng câu này có điểm các câu còn lại cao hơn không? Từ -1 đến 1: "
              "trên 0,2 là tốt; dưới 0 là đáng ngờ (có thể sai đáp án hoặc câu gây hiểu nhầm).",
    COL_UPPER_LOWER: "Tỷ lệ đúng của 27 % người điểm cao nhất trừ tỷ lệ đúng của 27 % người "
                     "điểm thấp nhất.",
    COL_OPTIONS: "A, B, C…: tỷ lệ bài chọn phương án đó; dấu * là đáp án đúng.",
}


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def options_text(q: QuestionStats) -> str:
    return "  ".join(f"{chr(65 + i)}{'*' if o.correct else ''} {percent(o.share)}"
                     for i, o in enumerate(q.options))


class ItemStatsTableModel(RowTableModel["QuestionStats"]):
    columns = COLUMNS

    def display(self, q: QuestionStats, column: int) -> str:
        values = {
            COL_NUMBER: str(q.number), COL_TEXT: q.text, COL_N: str(q.n),
            COL_FACILITY: percent(q.facility),
            COL_CHANGE: "–" if q.facility_pre is None and q.facility_post is None
            else f"{percent(q.facility_pre)} → {percent(q.facility_post)}",
            COL_DISC: decimal(q.discrimination), COL_UPPER_LOWER: decimal(q.upper_lower),
            COL_OPTIONS: options_text(q), COL_FLAGS: "; ".join(q.flags),
        }
        return values.get(column, "")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        q = self.row_item(index.row()) if index.isValid() else None
        if q is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(q, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TEXT:
                return q.text
            if column == COL_OPTIONS:
                return "\n".join(f"{chr(65 + i)}{' (đúng)' if o.correct else ''}: {o.text} — "
                                 f"{percent(o.share)}" for i, o in enumerate(q.options))
            return TIPS.get(column)
        if role == Qt.ItemDataRole.BackgroundRole and q.flags:
            return QBrush(QColor(FLAG_BACKGROUND))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
