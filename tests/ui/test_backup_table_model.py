"""The backup table model, without any widget."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from trainer_app.services.workspace.backup import BackupEntry
from trainer_app.ui.models.backup_table_model import (
    COL_NAME,
    COL_REASON,
    COL_SIZE,
    COL_TIME,
    BackupTableModel,
    format_size,
)

ROWS = [
    BackupEntry("/d/backups/trainer-20260305-140700-manual.db",
                "trainer-20260305-140700-manual.db", "2026-03-05T14:07:00", "manual", 2048),
    BackupEntry("/d/backups/trainer-20260304-080000-auto.db",
                "trainer-20260304-080000-auto.db", "2026-03-04T08:00:00", "auto", 3 * 1024 * 1024),
]


def test_counts_follow_set_rows(qapp: QApplication) -> None:
    model = BackupTableModel()
    assert model.rowCount() == 0
    model.set_rows(ROWS)
    assert model.rowCount() == 2
    assert model.columnCount() == 4
    # A table has no children.
    assert model.rowCount(model.index(0, 0)) == 0
    model.set_rows(ROWS[:1])
    assert model.rowCount() == 1


def test_display_text_is_vietnamese_and_day_first(qapp: QApplication) -> None:
    model = BackupTableModel()
    model.set_rows(ROWS)
    assert model.data(model.index(0, COL_TIME)) == "14:07 05/03/2026"
    assert model.data(model.index(0, COL_REASON)) == "Sao lưu thủ công"
    assert model.data(model.index(1, COL_REASON)) == "Tự động hằng ngày"
    assert model.data(model.index(0, COL_SIZE)) == "2 KB"
    assert model.data(model.index(1, COL_SIZE)) == "3,0 MB"
    assert model.data(model.index(1, COL_NAME)) == "trainer-20260304-080000-auto.db"
    assert model.data(model.index(1, COL_NAME), Qt.ItemDataRole.UserRole) == ROWS[1].path
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert header == ["Thời điểm", "Loại", "Dung lượng", "Tên tệp"]


def test_out_of_range_gives_nothing(qapp: QApplication) -> None:
    model = BackupTableModel()
    model.set_rows(ROWS)
    assert model.data(QModelIndex()) is None
    assert model.entry(5) is None
    assert model.entry(-1) is None
    assert model.entry(1) == ROWS[1]


def test_format_size_units() -> None:
    assert format_size(900) == "900 B"
    assert format_size(1536) == "2 KB"
    assert format_size(int(1.5 * 1024 * 1024)) == "1,5 MB"
