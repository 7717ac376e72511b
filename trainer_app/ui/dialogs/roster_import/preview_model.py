"""The import preview, row by row: a database-free table model fed by ``set_rows``.
Every action has a colour AND words (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from trainer_app.services.roster.importer import (
    ADD,
    DOUBLE,
    ERROR,
    MERGE,
    SKIP,
    PlannedRow,
    RowNote,
)

COLUMNS = ("Dòng", "Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Khu phố",
           "Việc sẽ làm", "Chi tiết")
(COL_ROW, COL_NAME, COL_YEAR, COL_GENDER, COL_PHONE, COL_NB, COL_ACTION,
 COL_DETAIL) = range(len(COLUMNS))
IGNORED = "ignored"

# Background of the action cell (and a lighter one for the rest of the row).
COLOURS = {
    ADD: ("#c8ebd0", "#eef8f0"),
    MERGE: ("#cfe0f5", "#eef4fb"),
    DOUBLE: ("#ffe6a8", "#fff8e6"),
    ERROR: ("#f7c9c9", "#fdeeee"),
    SKIP: ("#dde2e8", "#f3f5f7"),
    IGNORED: ("#e6e9ed", "#f6f7f9"),
}
DECISION_WORDS = {ADD: "thêm mới", MERGE: "gộp", SKIP: "bỏ qua"}
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass
class PreviewRow:
    row: int
    kind: str  # add / merge / double / error / skip / ignored
    planned: PlannedRow | None
    note: str = ""
    text: str = ""


def action_text(row: PreviewRow) -> str:
    p = row.planned
    if p is None:
        return "Không nhập (không phải người)"
    if p.action == ERROR:
        return "Lỗi — nhập cả dòng lỗi" if p.effective != SKIP else "Lỗi — không nhập"
    if p.action == DOUBLE:
        if p.decision is None:
            return "Có thể trùng — chưa chọn"
        return f"Có thể trùng → {DECISION_WORDS[p.decision]}"
    if p.decision == SKIP:
        return "Bỏ qua (theo lựa chọn)"
    if p.effective == ADD:
        return "Thêm mới"
    return "Gộp vào người đã có" if p.target_person_id else f"Gộp với dòng {p.target_row}"


def detail_text(row: PreviewRow) -> str:
    p = row.planned
    if p is None:
        return f"{row.note}: {row.text}" if row.text else row.note
    if p.action == DOUBLE and p.decision is None:
        parts = ["Chưa chọn thì không nhập dòng này", p.reason, *p.warnings]
        return "; ".join(parts)
    parts = [p.reason] if p.reason else []
    if p.original_name:
        parts.append(f"trong tệp: “{p.original_name}”")
    parts += p.warnings
    return "; ".join(parts)


def preview_rows(planned: list[PlannedRow], ignored: list[RowNote]) -> list[PreviewRow]:
    rows = [PreviewRow(p.row, SKIP if p.decision == SKIP and p.action != DOUBLE else p.action,
                       p) for p in planned]
    rows += [PreviewRow(n.row, IGNORED, None, n.reason, n.text) for n in ignored]
    return sorted(rows, key=lambda r: r.row)


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []

    def set_rows(self, planned: list[PlannedRow], ignored: list[RowNote] | None = None) -> None:
        self.beginResetModel()
        self._rows = preview_rows(planned, ignored or [])
        self.endResetModel()

    def entry(self, row: int) -> PreviewRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def _text(self, entry: PreviewRow, column: int) -> str:
        p = entry.planned
        if column == COL_ROW:
            return str(entry.row)
        if column == COL_ACTION:
            return action_text(entry)
        if column == COL_DETAIL:
            return detail_text(entry)
        if p is None:
            return ""
        if column == COL_NAME:
            return p.name or "(không có tên)"
        if column == COL_YEAR:
            return str(p.birth_year) if p.birth_year else ""
        if column == COL_GENDER:
            return p.gender_label
        if column == COL_PHONE:
            return p.phone
        if column == COL_NB:
            return p.neighbourhood
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(entry, column)
            if role == Qt.ItemDataRole.ToolTipRole:
                return detail_text(entry) or None
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            strong, light = COLOURS.get(entry.kind, COLOURS[SKIP])
            return QBrush(QColor(strong if column == COL_ACTION else light))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#111111"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ROW, COL_YEAR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return entry.row
        return None
