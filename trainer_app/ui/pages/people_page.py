"""Cộng tác viên: the roster. Search as you type (no accents needed, or phone digits),
filters by khu phố and role, add / edit / archive / merge, a person's record, import from
Excel, export to Excel. Everything goes through ``services.roster``; after a change
the page announces ``data_changed("people")`` and refreshes with every other view.

Keyboard: Ctrl+F search, Ctrl+N add, ↓ or Enter in the search box moves into the list,
Enter (or a double click) on a row edits it, Ctrl+I shows the record.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import PersonRow
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.merge_people_dialog import MergePeopleDialog
from trainer_app.ui.dialogs.messages import choose, show_error, show_info
from trainer_app.ui.dialogs.person_dialog import PersonDialog
from trainer_app.ui.dialogs.person_history_dialog import PersonHistoryDialog
from trainer_app.ui.models.people_table_model import PeopleTableModel
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.widgets.empty_state import empty_state_card
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.people_table import PeopleTable

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
ALL_NEIGHBOURHOODS = "Tất cả khu phố"
ALL_ROLES = "Tất cả chức danh"
EMPTY_TEXT = "Chưa có cộng tác viên nào — Nhập từ Excel…"


def labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field that wrap together in a flow layout."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field, 1)
    return box


class PeoplePage(Page):
    watches = (events.PEOPLE, "sessions", "attendance", "certificates", "quizzes")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Cộng tác viên", parent)
        self.total_active = 0
        self.total_all = 0
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload_people)

        self._build_filters()
        self._build_buttons()
        self._build_empty_state()
        self.count_label = paragraph("", "muted")
        self.count_label.setObjectName("peopleCount")
        self.no_results = paragraph("", "warning")
        self.no_results.hide()

        self.model = PeopleTableModel(self)
        self.table = PeopleTable(self.model, self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        # The list, or (nobody stored yet) what to do first, in the space below the toolbar.
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_state)
        empty_layout.addStretch(1)
        self.content = QStackedWidget()
        self.content.addWidget(self.table)
        self.content.addWidget(empty_page)

        self.body_layout.addLayout(self.filters)
        self.body_layout.addLayout(self.buttons)
        self.body_layout.addWidget(self.count_label)
        self.body_layout.addWidget(self.no_results)
        self.body_layout.addWidget(self.content, 1)

        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence("Ctrl+N"), self.add_person),
                           (QKeySequence("Ctrl+I"), self.show_history)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.search_edit.installEventFilter(self)
        self._update_buttons()

    # -- building -------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Tên hoặc số điện thoại")
        self.search_edit.setToolTip("Không cần gõ dấu: “nguyen thi lan” tìm được Nguyễn Thị "
                                    "Lan. Gõ vài số để tìm theo số điện thoại. (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Tìm cộng tác viên")
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.neighbourhood_filter = QComboBox()
        self.neighbourhood_filter.setAccessibleName("Lọc theo khu phố")
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName("Lọc theo chức danh")
        self.archived_check = QCheckBox("Hiện cả người đã lưu trữ")
        for combo in (self.neighbourhood_filter, self.role_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.reload_people())
        self.archived_check.toggled.connect(lambda _on: self.reload_people())
        self.filters = FlowLayout()
        self.filters.addWidget(labelled("&Tìm:", self.search_edit))
        self.filters.addWidget(labelled("&Khu phố:", self.neighbourhood_filter))
        self.filters.addWidget(labelled("Chức &danh:", self.role_filter))
        self.filters.addWidget(self.archived_check)

    def _build_buttons(self) -> None:
        self.add_button = QPushButton("Thêm…")
        self.add_button.setProperty("role", "primary")
        self.add_button.setToolTip("Thêm một cộng tác viên (Ctrl+N)")
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton("Sửa…")
        self.edit_button.setToolTip("Sửa người đang chọn (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.history_button = QPushButton("Hồ sơ…")
        self.history_button.setToolTip("Các buổi đã dự, điểm, giấy chứng nhận; xuất hoặc xóa "
                                       "dữ liệu cá nhân (Ctrl+I)")
        self.history_button.clicked.connect(self.show_history)
        self.archive_button = QPushButton("Lưu trữ")
        self.archive_button.setToolTip("Ẩn khỏi danh sách, không xóa gì")
        self.archive_button.clicked.connect(self.toggle_archived)
        self.merge_button = QPushButton("Gộp hai người…")
        self.merge_button.setToolTip("Một người có hai hồ sơ: gộp thành một")
        self.merge_button.clicked.connect(self.merge_people)
        self.import_button = QPushButton("Nhập từ Excel…")
        self.import_button.clicked.connect(self.import_excel)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.clicked.connect(self.export_excel)
        self.buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.history_button,
                       self.archive_button, self.merge_button, self.import_button,
                       self.export_button):
            self.buttons.addWidget(button)

    def _build_empty_state(self) -> None:
        self.empty_import_button = QPushButton("Nhập từ Excel…")
        self.empty_import_button.setProperty("role", "primary")
        self.empty_import_button.clicked.connect(self.import_excel)
        self.empty_add_button = QPushButton("Thêm một người…")
        self.empty_add_button.clicked.connect(self.add_person)
        self.empty_state, self.empty_title = empty_state_card(
            EMPTY_TEXT,
            "Nhập danh sách cộng tác viên từ tệp Excel hoặc CSV của phường (tên, năm sinh, "
            "số điện thoại, khu phố…), hoặc thêm từng người.",
            [self.empty_import_button, self.empty_add_button])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self.table.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_table()
                return True
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    # -- loading --------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        self._fill_filters()
        self.reload_people()

    def _fill_filters(self) -> None:
        factory = self.ctx.factory
        for combo, first, rows in (
            (self.neighbourhood_filter, ALL_NEIGHBOURHOODS,
             [(n.id, n.name) for n in roster_service.list_neighbourhoods(factory)]),
            (self.role_filter, ALL_ROLES,
             [(r.id, r.name) for r in roster_service.list_roles(factory)]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for item_id, name in rows:
                combo.addItem(name, item_id)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def filters_active(self) -> bool:
        return bool(self.search_edit.text().strip() or self.neighbourhood_filter.currentData()
                    or self.role_filter.currentData())

    def reload_people(self) -> None:
        """Ask the service again with the current search and filters."""
        self._search_timer.stop()
        factory = self.ctx.factory
        selected = self.selected_ids()
        rows = roster_service.list_people(
            factory, search=self.search_edit.text(),
            neighbourhood_id=self.neighbourhood_filter.currentData(),
            role_id=self.role_filter.currentData(),
            include_archived=self.archived_check.isChecked())
        self.total_active = roster_service.count_people(factory)
        self.total_all = roster_service.count_people(factory, include_archived=True)
        self.model.set_rows(rows)
        self.select_ids(selected)
        self._update_counts(rows)
        self._update_buttons()

    def _update_counts(self, rows: list[PersonRow]) -> None:
        nobody = self.total_all == 0
        self.content.setCurrentIndex(1 if nobody else 0)
        self.count_label.setVisible(not nobody)
        shown = len(rows)
        archived_shown = sum(1 for r in rows if r.archived)
        if self.filters_active():
            text = f"Tìm thấy {shown} người (trong tổng số {self.total_active} người)"
        else:
            text = f"{self.total_active} người"
            if archived_shown:
                text += f", thêm {archived_shown} người đã lưu trữ"
        self.count_label.setText(text + ".")
        no_match = not nobody and shown == 0
        if no_match:
            typed = self.search_edit.text().strip()
            what = f"khớp với “{typed}”" if typed else "trong khu phố / chức danh đã chọn"
            self.no_results.setText(f"Không tìm thấy ai {what}. Hãy gõ ít chữ hơn, hoặc "
                                    "chọn “Tất cả khu phố”, “Tất cả chức danh”.")
        self.no_results.setVisible(no_match)

    # -- selection (the table keeps it) ----------------------------------------------------

    def selected_people(self) -> list[PersonRow]:
        return self.table.selected_people()

    def selected_ids(self) -> list[int]:
        return [p.id for p in self.selected_people()]

    def current_person(self) -> PersonRow | None:
        return self.table.current_person()

    def select_ids(self, ids: list[int]) -> None:
        self.table.select_ids(ids)

    def _update_buttons(self) -> None:
        people = self.selected_people()
        one = len(people) == 1
        self.edit_button.setEnabled(one)
        self.history_button.setEnabled(one)
        self.archive_button.setEnabled(bool(people))
        all_archived = bool(people) and all(p.archived for p in people)
        self.archive_button.setText("Bỏ lưu trữ" if all_archived else "Lưu trữ")

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_table(self) -> None:
        if self._search_timer.isActive():
            self.reload_people()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and not self.selected_people():
            self.select_ids([p.id for p in self.model.people()[:1]])

    # -- actions --------------------------------------------------------------------------

    def _changed(self, select: list[int] | None = None) -> None:
        """Announce the change; every page (this one too) refreshes itself."""
        self.ctx.events.data_changed.emit(events.PEOPLE)
        if not (self._ready and self.isVisible()):
            self.reload_people()
        if select:
            if any(self.model.row_of(i) is None for i in select) and self.filters_active():
                self.search_edit.clear()  # the new or edited person must be seen
                self.neighbourhood_filter.setCurrentIndex(0)
                self.role_filter.setCurrentIndex(0)
                self.reload_people()
            self.select_ids(select)

    def add_person(self) -> PersonRow | None:
        dialog = PersonDialog(self.ctx, None, self,
                              neighbourhood_id=self.neighbourhood_filter.currentData(),
                              role_id=self.role_filter.currentData())
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
                return None
            saved = dialog.saved
        finally:
            dialog.deleteLater()
        self.ctx.events.status_message.emit(f"Đã thêm {saved.full_name}.")
        self._changed([saved.id])
        return saved

    def edit_selected(self) -> PersonRow | None:
        person = self.current_person()
        if person is None:
            return None
        dialog = PersonDialog(self.ctx, person, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
                return None
            saved = dialog.saved
        finally:
            dialog.deleteLater()
        self.ctx.events.status_message.emit(f"Đã lưu thông tin của {saved.full_name}.")
        self._changed([saved.id])
        return saved

    def show_history(self) -> None:
        person = self.current_person()
        if person is None:
            return
        try:
            dialog = PersonHistoryDialog(self.ctx, person.id, self)
        except UserError as exc:
            show_error(self, "Không mở được hồ sơ", exc.message)
            return
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        if dialog.changed:
            self.reload_people()
            if not dialog.erased:
                self.select_ids([person.id])

    def toggle_archived(self) -> None:
        people = self.selected_people()
        if not people:
            return
        restore = all(p.archived for p in people)
        try:
            for person in people:
                if restore:
                    roster_service.unarchive_person(self.ctx.factory, person.id)
                else:
                    roster_service.archive_person(self.ctx.factory, person.id)
        except UserError as exc:
            show_error(self, "Không lưu trữ được", exc.message)
            return
        names = people[0].full_name if len(people) == 1 else f"{len(people)} người"
        if restore:
            message = f"Đã bỏ lưu trữ {names}."
        else:
            message = (f"Đã lưu trữ {names}. Muốn xem lại: bật “Hiện cả người đã lưu trữ”.")
        self.ctx.events.status_message.emit(message)
        self._changed([p.id for p in people] if restore or self.archived_check.isChecked()
                      else None)

    def merge_people(self) -> bool:
        people = self.selected_people()
        keep = people[0] if people else None
        drop = people[1] if len(people) > 1 else None
        dialog = MergePeopleDialog(self.ctx, keep, drop, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
                return False
            result = dialog.result_
        finally:
            dialog.deleteLater()
        self.ctx.events.status_message.emit(result.message)
        self._changed([result.keep.id])
        return True

    def import_excel(self) -> bool:
        from trainer_app.ui.dialogs.roster_import_wizard import run_import_wizard

        stored = run_import_wizard(self, self.ctx)
        if stored:
            self.refresh()
        return stored

    def export_excel(self) -> Path | None:
        filtered = self.filters_active()
        everyone = True
        if filtered:
            answer = choose(
                self, "Xuất Excel", "Xuất những ai?",
                [(f"Tất cả ({self.total_active} người)", True),
                 (f"Chỉ {self.model.rowCount()} người đang hiện", False), ("Hủy", None)],
                default=True, escape=None)
            if answer is None:
                return None
            everyone = bool(answer)
        suggested = Path.home() / f"DanhSachCTV-{date.today():%Y%m%d}.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Xuất danh sách cộng tác viên", str(suggested), "Bảng tính Excel (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            if everyone:
                result = roster_service.export_roster(self.ctx.factory, path)
            else:
                result = roster_service.export_roster(
                    self.ctx.factory, path, search=self.search_edit.text(),
                    neighbourhood_id=self.neighbourhood_filter.currentData(),
                    role_id=self.role_filter.currentData(),
                    include_archived=self.archived_check.isChecked())
        except UserError as exc:
            show_error(self, "Không xuất được", exc.message)
            return None
        show_info(self, "Đã xuất Excel", f"Đã lưu {result.people} người vào tệp {path.name}.",
                  f"Thư mục: {path.parent}")
        return path

