"""The list of backups, as a database-free table model fed by ``set_rows``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

if TYPE_CHECKING:
    from trainer_app.services.workspace.backup import BackupEntry

REASON_LABELS = {
    "auto": "Tự động hằng ngày",
    "manual": "Sao lưu thủ công",
    "pre-migration": "Trước khi nâng cấp",
    "pre-restore": "Trước khi khôi phục",
}

COLUMNS = ("Thời điểm", "Loại", "Dung lượng", "Tên tệp")
COL_TIME, COL_REASON, COL_SIZE, COL_NAME = range(len(COLUMNS))



def format_time(iso: str) -> str:
    """'2026-03-05T14:07:00' -> '14:07 05/03/2026' (the Vietnamese day/month order)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{moment:%H:%M} {moment:%d/%m/%Y}"


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


class BackupTableModel(RowTableModel["BackupEntry"]):
    columns = COLUMNS

    def entry(self, row: int) -> BackupEntry | None:
        return self.row_item(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return format_time(entry.created_at)
            if column == COL_REASON:
                return REASON_LABELS.get(entry.reason, entry.reason)
            if column == COL_SIZE:
                return format_size(entry.size_bytes)
            if column == COL_NAME:
                return entry.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.path
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return entry.path
        return None
