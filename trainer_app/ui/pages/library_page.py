"""Thư viện: the communication products of the catalogue and the files the station brought
in. Each item with its status (có sẵn / chưa tải về / tệp bị hỏng, a word and a colour),
duration or pages, size; the selected item's files and, when it is missing, the address to
download it from with a copy button. Play or open, import files (several at once), add a new
item, replace or remove files, and "Kiểm tra trước buổi tập huấn" (every file read again and
compared with its sha256). Copies run in the background with a progress bar and Hủy.

Keyboard: Enter (or a double click) plays / opens the selected item, Ctrl+O imports files
for it, Ctrl+N adds a new item, Delete removes.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.media import format_duration, format_size
from trainer_app.services.media import service as media_service
from trainer_app.services.media.service import MediaFileInfo, MediaItemRow
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.media_table_model import COL_TITLE, MediaTableModel
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.pages.library_actions import MEDIA, LibraryActions
from trainer_app.ui.tasks import TaskHandle
from trainer_app.ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)

# Column widths in average characters; the title takes the room left.
COLUMN_LETTERS = (40, 12, 15, 12, 10, 24)


class MediaTable(QTableView):
    def __init__(self, on_enter: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_enter = on_enter

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_enter()
            return
        super().keyPressEvent(event)


def file_label(f: MediaFileInfo) -> str:
    parts = [f"{f.position}. {f.original_name}"]
    if f.duration_s is not None:
        parts.append(format_duration(f.duration_s))
    if f.page_count is not None:
        parts.append(f"{f.page_count} trang")
    parts.append(format_size(f.size_bytes))
    if f.subtitle_path:
        parts.append("có phụ đề")
    if f.state != "ok":
        parts.append("KHÔNG CÒN TỆP" if f.state == "missing" else "TỆP ĐÃ BỊ THAY ĐỔI")
    return " — ".join(parts)


class LibraryPage(Page):
    watches = (MEDIA, events.PREFERENCES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Thư viện", parent)
        self.actions = LibraryActions(self, ctx, self.reload)
        self._synced = False
        self.summary = paragraph("", "muted")
        self._build_buttons()
        self.model = MediaTableModel(self)
        self.table = MediaTable(self.play_selected)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Các mục trong thư viện")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 8)
        self.table.doubleClicked.connect(lambda _index: self.play_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self._fit_columns()
        self._build_detail()

        self.body_layout.addWidget(self.summary)
        self.body_layout.addLayout(self.buttons)
        self.body_layout.addWidget(self.table, 1)
        self.body_layout.addWidget(self.detail)
        for keys, slot in ((QKeySequence("Ctrl+O"), self.import_selected),
                           (QKeySequence("Ctrl+N"), lambda: self.actions.add_item()),
                           (QKeySequence(QKeySequence.StandardKey.Delete),
                            self.remove_selected)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_detail()

    # -- building -------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot: Any, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_buttons(self) -> None:
        self.play_button = self._button("▶ Chiếu / mở", "Chiếu video hoặc mở tài liệu đang chọn "
                                        "(Enter)", self.play_selected, primary=True)
        self.import_button = self._button("Nhập tệp cho mục…", "Chọn tệp đã tải về (có thể "
                                          "chọn nhiều tệp) cho mục đang chọn (Ctrl+O)",
                                          self.import_selected)
        self.add_button = self._button("Thêm mục mới…", "Thêm video, PDF hoặc trang web đã "
                                       "lưu làm một mục mới (Ctrl+N)",
                                       lambda: self.actions.add_item())
        self.replace_button = self._button("Thay tệp…", "Thay tệp đang chọn bằng tệp khác",
                                           self.replace_selected)
        self.remove_button = self._button("Bỏ khỏi thư viện…", "Bỏ tệp đang chọn (hoặc cả mục "
                                          "do mình thêm) khỏi thư viện (Delete)",
                                          self.remove_selected)
        self.check_button = self._button("Kiểm tra trước buổi tập huấn",
                                         "Đọc lại mọi tệp, so với mã sha256 lúc nhập",
                                         self.check_all)
        self.buttons = FlowLayout()
        for button in (self.play_button, self.import_button, self.add_button,
                       self.replace_button, self.remove_button, self.check_button):
            self.buttons.addWidget(button)

    def _build_detail(self) -> None:
        self.detail = QFrame()
        self.detail.setProperty("role", "card")
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(12, 8, 12, 8)
        self.detail_title = paragraph("", "h2")
        self.detail_status = paragraph("")
        self.file_combo = QComboBox()
        self.file_combo.setAccessibleName("Tệp của mục")
        self.file_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.file_combo.setMinimumContentsLength(30)
        self.file_row = QWidget()
        row = QHBoxLayout(self.file_row)
        row.setContentsMargins(0, 0, 0, 0)
        files_label = QLabel("Tệp:")
        files_label.setBuddy(self.file_combo)
        row.addWidget(files_label)
        row.addWidget(self.file_combo, 1)
        self.source_label = paragraph("")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = self._button("Sao chép địa chỉ", "Chép địa chỉ tải về để dán vào "
                                        "trình duyệt ở nơi có mạng", self.copy_source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        for widget in (self.detail_title, self.detail_status, self.file_row):
            layout.addWidget(widget)
        layout.addLayout(source_row)

    def _fit_columns(self) -> None:
        letter = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        for column, letters in enumerate(COLUMN_LETTERS):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(letters * letter, header.fontMetrics().horizontalAdvance(title) + 24)
            self.table.setColumnWidth(column, width)

    # -- loading --------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        self.reload(self.current_id())

    def reload(self, select_id: int | None = None) -> None:
        if not self._synced:
            media_service.sync_catalogue(self.ctx.factory)
            self._synced = True
        self.show_rows(media_service.list_items(self.ctx.factory, self.ctx.data_dir.media_dir),
                       select_id)

    def show_rows(self, rows: list[MediaItemRow], select_id: int | None = None) -> None:
        self.model.set_rows(rows)
        ready = sum(1 for r in rows if r.status == "available")
        self.summary.setText(
            f"Có sẵn {ready}/{len(rows)} mục. Tệp nhập vào được chép vào thư mục dữ liệu "
            f"({self.ctx.data_dir.media_dir}), nên có thể rút USB ra sau khi nhập.")
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_TITLE))
        self._show_detail()

    # -- selection ------------------------------------------------------------------------

    def current_item(self) -> MediaItemRow | None:
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (index.row() if index.isValid() else -1)
        return self.model.item(row)

    def current_id(self) -> int | None:
        item = self.current_item()
        return item.id if item else None

    def current_file(self) -> MediaFileInfo | None:
        item = self.current_item()
        if item is None or not item.files:
            return None
        index = max(0, self.file_combo.currentIndex())
        return item.files[min(index, len(item.files) - 1)]

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _show_detail(self) -> None:
        item = self.current_item()
        has_files = bool(item and item.files)
        for button in (self.play_button, self.replace_button):
            button.setEnabled(has_files)
        self.import_button.setEnabled(item is not None)
        self.remove_button.setEnabled(has_files or bool(item and item.catalogue_key is None))
        self.detail.setVisible(item is not None)
        if item is None:
            return
        self.detail_title.setText(item.title)
        status = f"{item.kind_label} · {item.status_label}"
        if item.status_detail:
            status += f" — {item.status_detail}"
        self.detail_status.setText(status)
        role = {"available": "ok", "missing": "warning", "damaged": "error"}[item.status]
        self.detail_status.setProperty("role", role)
        self.detail_status.style().unpolish(self.detail_status)
        self.detail_status.style().polish(self.detail_status)
        self.file_combo.clear()
        self.file_combo.addItems([file_label(f) for f in item.files])
        self.file_row.setVisible(has_files)
        missing = item.status != "available"
        self.source_label.setVisible(bool(item.source_url))
        self.source_label.setText(("Tải về tại: " if missing else "Nguồn: ") + item.source_url)
        self.copy_button.setVisible(bool(item.source_url) and missing)

    # -- actions --------------------------------------------------------------------------

    @property
    def last_task(self) -> TaskHandle[Any] | None:
        return self.actions.last_task

    def play_selected(self) -> QWidget | None:
        from trainer_app.ui.player.launcher import open_media

        item = self.current_item()
        if item is None or not item.files:
            return None
        return open_media(self, self.ctx, item, self.current_file())

    def import_selected(self, paths: list[str] | None = None) -> bool:
        item = self.current_item()
        return item is not None and self.actions.import_for(item, paths)

    def replace_selected(self, path: str | None = None) -> bool:
        item, file = self.current_item(), self.current_file()
        return item is not None and file is not None and self.actions.replace(item, file, path)

    def remove_selected(self) -> bool:
        item = self.current_item()
        if item is None or (not item.files and item.catalogue_key is not None):
            return False
        file = self.current_file() if len(item.files) > 1 else None
        return self.actions.remove(item, file)

    def copy_source(self) -> None:
        item = self.current_item()
        if item and item.source_url:
            QGuiApplication.clipboard().setText(item.source_url)
            self.ctx.events.status_message.emit(f"Đã chép địa chỉ: {item.source_url}")

    def check_all(self) -> TaskHandle[Any]:
        selected = self.current_id()
        return self.actions.check(lambda rows: self.show_rows(rows, selected))
