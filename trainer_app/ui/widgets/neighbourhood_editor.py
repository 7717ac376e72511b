"""The khu phố list, editable in Settings: add, rename/renumber, archive. The default list
(Khu phố 1–75) is created by the roster service the first time the list is read."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import MAX_NEIGHBOURHOOD_NUMBER, NeighbourhoodRow
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.form import FormWidget

log = logging.getLogger(__name__)

COLUMNS = ("Số", "Tên khu phố", "Số người", "Trạng thái")
NO_NUMBER = "—"


def number_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_NEIGHBOURHOOD_NUMBER)
    spin.setSpecialValueText(NO_NUMBER)  # 0: no number
    return spin


class NeighbourhoodDialog(QDialog):
    """Number and name of one khu phố (new or existing)."""

    def __init__(self, title: str, row: NeighbourhoodRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.number = number_spin()
        self.number.setValue((row.number or 0) if row else 0)
        self.name = QLineEdit(row.name if row else "")
        self.name.setPlaceholderText("Để trống: “Khu phố <số>”")
        self.name.setMaxLength(100)
        form = FormWidget()
        form.add_row("Số", self.number)
        form.add_row("Tên", self.name)
        buttons, self.ok_button, self.cancel_button = confirm_cancel_row(
            self.accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addLayout(buttons)
        self.name.setFocus()

    def values(self) -> tuple[str, int | None]:
        return self.name.text(), (self.number.value() or None)


class NeighbourhoodEditor(QGroupBox):
    """Loads when first shown and again after ``data_changed("people")``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Khu phố", parent)
        self.ctx = ctx
        self._dirty = True
        self._rows: list[NeighbourhoodRow] = []
        info = QLabel("Danh sách khu phố để chọn khi thêm cộng tác viên và để lọc danh sách. "
                      "Khu phố đã lưu trữ không hiện khi chọn; người đã ở khu phố đó vẫn giữ "
                      "nguyên.")
        info.setWordWrap(True)
        info.setProperty("role", "muted")
        self.show_archived = QCheckBox("Hiện cả khu phố đã lưu trữ")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Danh sách khu phố")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.hide()

        self.add_button = QPushButton("Thêm khu phố…")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton("Đổi tên / số…")
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.archive_button = QPushButton("Lưu trữ")
        self.archive_button.clicked.connect(self.toggle_archived)
        buttons = FlowLayout()
        for widget in (self.add_button, self.edit_button, self.archive_button,
                       self.show_archived):
            buttons.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        ctx.events.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # -- loading --------------------------------------------------------------------------

    def _on_data_changed(self, kind: str) -> None:
        if events.concerns(kind, events.PEOPLE):
            self._dirty = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self._dirty = False
        keep = select_id if select_id is not None else self.selected_id()
        self._rows = roster_service.list_neighbourhoods(
            self.ctx.factory, include_archived=self.show_archived.isChecked())
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            values = (str(row.number) if row.number else NO_NUMBER, row.name, str(row.people),
                      "Đã lưu trữ" if row.archived else "Đang dùng")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if c in (0, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            if row.id == keep:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> NeighbourhoodRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        self.archive_button.setText("Bỏ lưu trữ" if row and row.archived else "Lưu trữ")

    def _say(self, text: str, role: str) -> None:
        self.feedback.setText(text)
        style.set_role(self.feedback, role)
        self.feedback.show()

    # -- actions --------------------------------------------------------------------------

    def _run_dialog(self, dialog: NeighbourhoodDialog) -> tuple[str, int | None] | None:
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.values() if accepted else None
        finally:
            dialog.deleteLater()

    def add(self, name: str | None = None, number: int | None = None) -> bool:
        """Add a khu phố; without arguments the user types it in a dialog."""
        if name is None and number is None:
            values = self._run_dialog(NeighbourhoodDialog("Thêm khu phố", None, self))
            if values is None:
                return False
            name, number = values
        try:
            row = roster_service.add_neighbourhood(self.ctx.factory, name or "", number)
        except UserError as exc:
            self._say(exc.message, "error")
            return False
        self._say(f"Đã thêm {row.name}.", "ok")
        self._changed(row.id)
        return True

    def edit_selected(self, name: str | None = None, number: int | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        if name is None:
            values = self._run_dialog(NeighbourhoodDialog("Đổi tên khu phố", row, self))
            if values is None:
                return False
            name, number = values
        try:
            saved = roster_service.update_neighbourhood(self.ctx.factory, row.id, name=name,
                                                        number=number)
        except UserError as exc:
            self._say(exc.message, "error")
            return False
        self._say(f"Đã lưu {saved.name}.", "ok")
        self._changed(saved.id)
        return True

    def toggle_archived(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        try:
            saved = roster_service.archive_neighbourhood(self.ctx.factory, row.id,
                                                         not row.archived)
        except UserError as exc:
            self._say(exc.message, "error")
            return False
        self._say(f"Đã lưu trữ {saved.name}." if saved.archived
                  else f"{saved.name} đã dùng lại được.", "ok")
        self._changed(saved.id)
        return True

    def _changed(self, select_id: int) -> None:
        log.info("neighbourhood %d changed", select_id)
        self.reload(select_id)
        self.ctx.events.data_changed.emit(events.PEOPLE)
