"""Table models of the Buổi tập huấn page: the sessions, a session's agenda, its results."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from trainer_app.domain.enums import SESSION_STATUS_LABELS, SessionStatus
from trainer_app.services.sessions.results import PersonResult, StepStatus
from trainer_app.services.sessions.service import SessionSummary
from trainer_app.ui.models.quiz_table_model import format_mark
from trainer_app.ui.models.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex

STEP_KIND_LABELS = {
    "slide": "Trình chiếu", "video": "Video", "document": "Tài liệu", "quiz": "Kiểm tra",
    "discussion": "Thảo luận", "hotline": "Số điện thoại", "closing": "Bế mạc",
    "break": "Nghỉ giải lao",
}
PHASE_LABELS = {"pre": "đầu vào", "post": "cuối khóa", "other": ""}
STATUS_COLOURS = {
    SessionStatus.PLANNED: "#0b3d6e", SessionStatus.IN_PROGRESS: "#b35900",
    SessionStatus.FINISHED: "#1b6e20", SessionStatus.CANCELLED: "#666666",
}


def score_text(value: float | None) -> str:
    return "" if value is None else format_mark(value)


class SessionTableModel(RowTableModel[SessionSummary]):
    """One column, two lines per session (date, status, attendance; then the title), so
    the list stays readable in the narrow left side of the page."""

    columns: ClassVar[tuple[str, ...]] = ("Các buổi tập huấn",)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_item(index.row())
        if row is None:
            return None
        status = SessionStatus(row.status)
        if role == Qt.ItemDataRole.DisplayRole:
            clock = f" {row.start_time:%H:%M}" if row.start_time else ""
            return (f"{row.held_on:%d/%m/%Y}{clock} · {SESSION_STATUS_LABELS[status]} · "
                    f"có mặt {row.present}/{row.invited}\n{row.title}")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS.get(status, "#111111")))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class AgendaModel(RowTableModel[StepStatus]):
    columns: ClassVar[tuple[str, ...]] = ("Bước", "Loại", "Nội dung", "Tình trạng")

    def __init__(self) -> None:
        super().__init__()
        self.current: int | None = None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self.row_item(index.row())
        if step is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(step.position)
            if column == 1:
                label = STEP_KIND_LABELS.get(step.kind, step.kind)
                phase = PHASE_LABELS.get(step.phase or "", "")
                return f"{label} {phase}".strip()
            if column == 2:
                extra = f" — {step.media_title}" if step.media_title and \
                    step.media_title != step.title else ""
                return step.title + extra
            parts = []
            if step.position == self.current:
                parts.append("▶ đang chiếu")
            elif step.done:
                parts.append("✓ xong")
            if step.kind == "quiz":
                parts.append(f"{step.submitted} bài đã nộp")
            return ", ".join(parts)
        if role == Qt.ItemDataRole.FontRole and step.position == self.current:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


class ResultsModel(RowTableModel[PersonResult]):
    columns: ClassVar[tuple[str, ...]] = ("Họ và tên", "Đầu vào", "Cuối khóa", "Tiến bộ",
                                          "Kết quả")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_item(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.full_name
            if column == 1:
                return score_text(row.pre)
            if column == 2:
                return score_text(row.post)
            if column == 3:
                gain = row.gain
                return "" if gain is None else ("+" if gain > 0 else "") + score_text(gain)
            return {True: "Đạt", False: "Chưa đạt"}.get(row.passed, "") if \
                row.passed is not None else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.passed is not None:
            return QBrush(QColor("#1b6e20" if row.passed else "#8a1c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignCenter
        return None
