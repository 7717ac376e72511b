"""The library's items as a table: title, kind, status (a word and a colour, never colour
alone), duration or pages, size, source address. Fed with ``MediaItemRow``s by ``set_rows``;
no database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from trainer_app.domain.media import format_duration, format_size
from trainer_app.services.media.service import MediaItemRow
from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

COLUMNS = ("Tên", "Loại", "Trạng thái", "Thời lượng / số trang", "Dung lượng",
           "Địa chỉ tải về")
COL_TITLE, COL_KIND, COL_STATUS, COL_LENGTH, COL_SIZE, COL_SOURCE = range(len(COLUMNS))

# (ink, background) per status: green available, amber missing, red damaged.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "available": ("#0d4d1a", "#e5f5e8"),
    "missing": ("#5c3b00", "#fff4d6"),
    "damaged": ("#a30000", "#fdecec"),
}
STATUS_MARKS = {"available": "✔", "missing": "⬇", "damaged": "✖"}


def length_text(row: MediaItemRow) -> str:
    if row.duration_s is not None:
        return format_duration(row.duration_s)
    if row.page_count is not None:
        return f"{row.page_count} trang"
    return ""


def status_text(row: MediaItemRow) -> str:
    return f"{STATUS_MARKS.get(row.status, '')} {row.status_label}".strip()


class MediaTableModel(RowTableModel[MediaItemRow]):
    columns = COLUMNS

    def item(self, row: int) -> MediaItemRow | None:
        return self.row_item(row)

    def row_of(self, item_id: int) -> int | None:
        for i, item in enumerate(self._rows):
            if item.id == item_id:
                return i
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_item(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_STATUS and item.status_detail:
                return item.status_detail
            if column == COL_TITLE:
                names = ", ".join(f.original_name for f in item.files)
                return f"{item.title}\n{names}" if names else item.title
            if column == COL_SOURCE and item.source_url:
                return item.source_url
            return None
        if column == COL_STATUS and role in (Qt.ItemDataRole.ForegroundRole,
                                             Qt.ItemDataRole.BackgroundRole):
            ink, background = STATUS_COLOURS.get(item.status, ("#000000", "#ffffff"))
            colour = ink if role == Qt.ItemDataRole.ForegroundRole else background
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_LENGTH, COL_SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: MediaItemRow, column: int) -> str:
        if column == COL_TITLE:
            return item.title
        if column == COL_KIND:
            count = len(item.files)
            return item.kind_label + (f" ({count} tệp)" if count > 1 else "")
        if column == COL_STATUS:
            return status_text(item)
        if column == COL_LENGTH:
            return length_text(item)
        if column == COL_SIZE:
            return format_size(item.size_bytes) if item.files else ""
        if column == COL_SOURCE:
            return item.source_url
        return ""
