"""The check-in list of one session, as a database-free table model fed by ``set_rows``
(rows of ``attendance_service.AttendanceRow`` in the order of the printed sheet), and the
filter that narrows it to what the user types in the search box.

Statuses are shown as a word and a colour (có mặt green, đến muộn amber, vắng có phép
blue, vắng grey), never as a colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from trainer_app.domain.enums import ATTENDANCE_STATUS_LABELS, AttendanceStatus
from trainer_app.domain.name_match import name_matches, query_words
from trainer_app.ui.models.row_table_model import RowTableModel

if TYPE_CHECKING:
    from trainer_app.services.sessions.attendance import AttendanceRow

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("STT", "Họ và tên", "Năm sinh", "Khu phố", "Trạng thái", "Giờ đến", "Ghi chú")
COL_ROW, COL_NAME, COL_YEAR, COL_NEIGHBOURHOOD, COL_STATUS, COL_TIME, COL_FLAGS = range(
    len(COLUMNS))
NUMERIC = {COL_ROW, COL_YEAR, COL_TIME}

WALK_IN_FLAG = "Đến thêm"
ARCHIVED_FLAG = "Đã lưu trữ"
ARRIVED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)

# Status -> (background, ink). Light backgrounds with dark ink: readable on a projector.
STATUS_COLOURS: dict[str, tuple[QColor, QColor]] = {
    AttendanceStatus.PRESENT: (QColor("#cdebd3"), QColor("#0d4d1a")),  # green
    AttendanceStatus.LATE: (QColor("#ffe4a3"), QColor("#5c3b00")),  # amber
    AttendanceStatus.EXCUSED: (QColor("#cfe0f7"), QColor("#0b3d6e")),  # blue
    AttendanceStatus.ABSENT: (QColor("#dfe3e8"), QColor("#3a4654")),  # grey
}
UNKNOWN_INK = QColor("#5a6673")


def status_label(status: str) -> str:
    try:
        return ATTENDANCE_STATUS_LABELS[AttendanceStatus(status)]
    except ValueError:
        return status


def flags_text(row: AttendanceRow) -> str:
    flags = []
    if row.walk_in:
        flags.append(WALK_IN_FLAG)
    if row.archived:
        flags.append(ARCHIVED_FLAG)
    return ", ".join(flags)


def arrived(row: AttendanceRow) -> bool:
    return row.status in ARRIVED


def row_matches(row: AttendanceRow, words: Sequence[str]) -> bool:
    """Typed words against a row: a lone number is the row number of the sheet ("12"),
    anything else matches word starts of the name, accents aside."""
    if len(words) == 1 and words[0].isdigit():
        return row.row == int(words[0])
    return name_matches(words, row.search_key)


class AttendanceTableModel(RowTableModel["AttendanceRow"]):
    columns: ClassVar[tuple[str, ...]] = COLUMNS

    def update_rows(self, rows: Sequence[AttendanceRow]) -> None:
        """Replace the rows of these people (after a change), adding anyone new at the end."""
        for new in rows:
            at = self.row_of(new.person_id)
            if at is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(new)
                self.endInsertRows()
            else:
                self._rows[at] = new
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))

    def row_of(self, person_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.person_id == person_id:
                return i
        return None

    def _display(self, row: AttendanceRow, column: int) -> str:
        if column == COL_ROW:
            return str(row.row) if row.row else ""
        if column == COL_NAME:
            return row.full_name
        if column == COL_YEAR:
            return str(row.birth_year) if row.birth_year else ""
        if column == COL_NEIGHBOURHOOD:
            return row.neighbourhood
        if column == COL_STATUS:
            return status_label(row.status)
        if column == COL_TIME:
            return f"{row.checked_in_at:%H:%M}" if row.checked_in_at and arrived(row) else ""
        if column == COL_FLAGS:
            return flags_text(row)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_item(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        colours = STATUS_COLOURS.get(row.status)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATUS and colours:
            return colours[0]
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return colours[1] if colours else UNKNOWN_INK
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return UNKNOWN_INK
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and colours:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TIME and row.checked_in_at and arrived(row):
                return f"Điểm danh lúc {row.checked_in_at:%H:%M ngày %d/%m/%Y}"
            if column == COL_FLAGS and row.archived:
                return "Đã lưu trữ sau khi được mời: vẫn điểm danh được."
            if column == COL_FLAGS and row.walk_in:
                return "Đến dự mà không có trong danh sách mời."
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and section == COL_ROW
                and role == Qt.ItemDataRole.ToolTipRole):
            return "Số thứ tự trên danh sách ký tên đã in"
        return super().headerData(section, orientation, role)


class AttendanceFilter(QSortFilterProxyModel):
    """Shows the rows that match the typed text (see ``row_matches``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        words = query_words(text)
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()

    @property
    def words(self) -> list[str]:
        return list(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AttendanceTableModel):
            return True
        row = model.row_item(source_row)
        return row is not None and row_matches(row, self._words)

    def visible_rows(self) -> list[AttendanceRow]:
        model = self.sourceModel()
        assert isinstance(model, AttendanceTableModel)
        out = []
        for i in range(self.rowCount()):
            item = model.row_item(self.mapToSource(self.index(i, 0)).row())
            if item is not None:
                out.append(item)
        return out
