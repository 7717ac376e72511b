"""The collaborator list, as a database-free table model fed by ``set_rows``.

The rows arrive in the Vietnamese order (given name, middle, family) from the roster
service. Clicking a header sorts by that column: the name column by ``name_sort_key``
(never plain string order), text columns by the Vietnamese collation, numbers as numbers,
empty cells last; rows that tie keep the name order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from trainer_app.domain.vntext import vi_collation_key

if TYPE_CHECKING:
    from trainer_app.services.roster.query import PersonRow

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("Họ và tên", "Giới tính", "Năm sinh", "Điện thoại", "Khu phố", "Chức danh",
           "Đơn vị", "Số buổi đã dự", "Giấy CN", "Ghi chú")
(COL_NAME, COL_GENDER, COL_YEAR, COL_PHONE, COL_NEIGHBOURHOOD, COL_ROLE, COL_UNIT,
 COL_SESSIONS, COL_CERTIFICATES, COL_NOTES) = range(len(COLUMNS))
NUMERIC = {COL_YEAR, COL_SESSIONS, COL_CERTIFICATES}
ARCHIVED_MARK = " (đã lưu trữ)"
ARCHIVED_INK = QColor("#5a6673")


def format_phone(phone: str | None) -> str:
    """'0912345678' -> '0912 345 678'; landlines '02838123456' -> '028 3812 3456'."""
    if not phone:
        return ""
    if len(phone) == 10:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    if len(phone) == 11:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def first_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0] + (" …" if len(lines) > 1 else "")


def _text_key(text: str) -> tuple[bool, Any]:
    return (not text, vi_collation_key(text))


def _number_key(value: int | None) -> tuple[bool, int]:
    return (value is None, value or 0)


SORT_KEYS: dict[int, Callable[[PersonRow], Any]] = {
    COL_GENDER: lambda r: _text_key(r.gender_label),
    COL_YEAR: lambda r: _number_key(r.birth_year),
    COL_PHONE: lambda r: (not r.phone, r.phone or ""),
    COL_NEIGHBOURHOOD: lambda r: (r.neighbourhood_id is None, r.neighbourhood_number is None,
                                  r.neighbourhood_number or 0,
                                  vi_collation_key(r.neighbourhood_name)),
    COL_ROLE: lambda r: _text_key(r.role_name),
    COL_UNIT: lambda r: _text_key(r.unit),
    COL_SESSIONS: lambda r: r.sessions_attended,
    COL_CERTIFICATES: lambda r: r.certificates,
    COL_NOTES: lambda r: _text_key(r.notes),
}


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base: list[PersonRow] = []  # as the service ordered them (Vietnamese order)
        self._rows: list[PersonRow] = []
        self._sort_column = COL_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- feeding ----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        """Rows in the Vietnamese name order; the current header sort is applied again."""
        self.beginResetModel()
        self._base = list(rows)
        self._rows = self._sorted()
        self.endResetModel()

    def person(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: int) -> int | None:
        for i, person in enumerate(self._rows):
            if person.id == person_id:
                return i
        return None

    def people(self) -> list[PersonRow]:
        return list(self._rows)

    # -- sorting ----------------------------------------------------------------------------

    def _sorted(self) -> list[PersonRow]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == COL_NAME or self._sort_column not in SORT_KEYS:
            return list(reversed(self._base)) if descending else list(self._base)
        # Stable sort on the name-ordered rows: ties stay in the Vietnamese name order.
        return sorted(self._base, key=SORT_KEYS[self._sort_column], reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted()
        position = {id(person): i for i, person in enumerate(self._rows)}
        for index in self.persistentIndexList():
            if index.isValid() and 0 <= index.row() < len(old):
                new_row = position[id(old[index.row()])]
                self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Bấm để sắp xếp theo {COLUMNS[section].lower()}"
        return None

    def _display(self, person: PersonRow, column: int) -> str:
        if column == COL_NAME:
            return person.full_name + (ARCHIVED_MARK if person.archived else "")
        if column == COL_GENDER:
            return person.gender_label
        if column == COL_YEAR:
            return str(person.birth_year) if person.birth_year else ""
        if column == COL_PHONE:
            return format_phone(person.phone)
        if column == COL_NEIGHBOURHOOD:
            return person.neighbourhood_name
        if column == COL_ROLE:
            return person.role_name
        if column == COL_UNIT:
            return person.unit
        if column == COL_SESSIONS:
            return str(person.sessions_attended)
        if column == COL_CERTIFICATES:
            return str(person.certificates)
        if column == COL_NOTES:
            return first_line(person.notes)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        person = self.person(index.row()) if index.isValid() else None
        if person is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NOTES and person.notes:
                return person.notes
            if column == COL_NAME and person.archived:
                return "Đã lưu trữ: không hiện trong danh sách mời và điểm danh."
            if column == COL_PHONE and person.phone:
                return person.phone
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and person.archived:
            return ARCHIVED_INK
        if role == Qt.ItemDataRole.FontRole and person.archived and column == COL_NAME:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return person.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(person, column)
        return None
