"""“Gộp hai người”: pick the person to keep and the double to merge into them, read what
will happen (``roster_service.merge_preview``), then merge."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import MergeResult, PersonRow
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import confirm
from trainer_app.ui.models.people_table_model import format_phone
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
MAX_RESULTS = 200


def person_line(person: PersonRow) -> str:
    parts = [person.full_name, str(person.birth_year or ""), format_phone(person.phone),
             person.neighbourhood_name, f"mã {person.id}"]
    line = " · ".join(p for p in parts if p)
    return line + (" (đã lưu trữ)" if person.archived else "")


class PersonPicker(QGroupBox):
    """A search box and the matching people (archived ones too); one is chosen."""

    chosen = Signal()

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.ctx = ctx
        self.search = QLineEdit(placeholderText="Tìm tên hoặc số điện thoại")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Tìm: {title}")
        self.results = QListWidget()
        self.results.setAccessibleName(title)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self._pinned: PersonRow | None = None
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._take_first)
        self.results.currentItemChanged.connect(lambda *_: self.chosen.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)

    def person_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def set_person(self, person: PersonRow | None) -> None:
        self._pinned = person
        self.reload()

    def reload(self) -> None:
        wanted = self.person_id() or (self._pinned.id if self._pinned else None)
        people = roster_service.list_people(self.ctx.factory, search=self.search.text(),
                                            include_archived=True)[:MAX_RESULTS]
        if self._pinned is not None and not self.search.text().strip() and all(
                p.id != self._pinned.id for p in people):
            people.insert(0, self._pinned)
        self.results.blockSignals(True)
        self.results.clear()
        for person in people:
            item = QListWidgetItem(person_line(person))
            item.setToolTip(person_line(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.results.addItem(item)
            if person.id == wanted:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        self.chosen.emit()

    def _take_first(self) -> None:
        self._timer.stop()
        self.reload()
        if self.results.count() and self.results.currentItem() is None:
            self.results.setCurrentRow(0)
        self.results.setFocus()


class MergePeopleDialog(QDialog):
    """After Accepted, ``result`` holds what the merge did."""

    def __init__(self, ctx: AppContext, keep: PersonRow | None = None,
                 drop: PersonRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: MergeResult | None = None
        self.setWindowTitle("Gộp hai người trùng nhau")
        self.setModal(True)

        intro = QLabel("Dùng khi một người có hai hồ sơ (ví dụ nhập hai lần với cách viết "
                       "khác nhau). Điểm danh, bài kiểm tra và giấy chứng nhận chuyển sang "
                       "người giữ lại; thông tin còn trống được bổ sung.")
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.keep_picker = PersonPicker(ctx, "Người giữ lại")
        self.drop_picker = PersonPicker(ctx, "Người bị gộp vào (sẽ lưu trữ hoặc xóa)")
        self.swap_button = QPushButton("Đổi chiều ⇄")
        self.swap_button.setToolTip("Giữ người bên phải, gộp người bên trái vào")
        self.swap_button.clicked.connect(self.swap)
        pickers = QHBoxLayout()
        pickers.addWidget(self.keep_picker, 1)
        pickers.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignVCenter)
        pickers.addWidget(self.drop_picker, 1)

        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons, self.merge_button, self.cancel_button = confirm_cancel_row(
            self.merge, self.reject, "Gộp hai người", primary=True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(pickers, 1)
        layout.addWidget(self.preview_label)
        layout.addLayout(buttons)

        self.keep_picker.chosen.connect(self.update_preview)
        self.drop_picker.chosen.connect(self.update_preview)
        self.keep_picker.set_person(keep)
        self.drop_picker.set_person(drop)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 130, metrics.lineSpacing() * 34
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)
        self.keep_picker.search.setFocus()

    def swap(self) -> None:
        keep, drop = self.keep_picker.person_id(), self.drop_picker.person_id()
        factory = self.ctx.factory
        keep_row = roster_service.get_person(factory, keep) if keep else None
        drop_row = roster_service.get_person(factory, drop) if drop else None
        self.keep_picker.search.clear()
        self.drop_picker.search.clear()
        self.keep_picker.results.clearSelection()
        self.keep_picker.results.setCurrentItem(None)
        self.drop_picker.results.setCurrentItem(None)
        self.keep_picker.set_person(drop_row)
        self.drop_picker.set_person(keep_row)

    def update_preview(self) -> None:
        keep, drop = self.keep_picker.person_id(), self.drop_picker.person_id()
        if keep is None or drop is None:
            self._show("Chọn người giữ lại ở bên trái và người bị gộp ở bên phải.", "muted")
            self.merge_button.setEnabled(False)
            return
        try:
            preview = roster_service.merge_preview(self.ctx.factory, keep, drop)
        except UserError as exc:
            self._show(exc.message, "warning")
            self.merge_button.setEnabled(False)
            return
        self._show("\n".join(preview.lines()), "")
        self.merge_button.setEnabled(True)

    def _show(self, text: str, role: str) -> None:
        self.preview_label.setText(text)
        style.set_role(self.preview_label, role)

    def merge(self) -> bool:
        keep, drop = self.keep_picker.person_id(), self.drop_picker.person_id()
        if keep is None or drop is None:
            return False
        if not confirm(self, "Gộp hai người", "Gộp hai hồ sơ này thành một?", "Gộp",
                       details=self.preview_label.text()):
            return False
        try:
            self.result_ = roster_service.merge_people(self.ctx.factory, keep, drop)
        except UserError as exc:
            self._show(exc.message, "error")
            return False
        log.info("merge done from the dialog: %d into %d", drop, keep)
        self.accept()
        return True
