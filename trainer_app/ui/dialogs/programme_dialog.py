"""Chương trình tập huấn: the programmes and the default agenda of each. Steps are
reordered by dragging (or Alt+↑/↓), added, edited and removed; "Lưu" stores the whole
agenda at once. Sessions already created keep their own copy of the agenda."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import CERTIFICATE_RULE_LABELS
from trainer_app.services.errors import UserError
from trainer_app.services.media import service as media_service
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.sessions import programmes as programme_service
from trainer_app.services.sessions.programmes import StepRow
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.dialogs.step_dialog import StepDialog
from trainer_app.ui.models.session_models import STEP_KIND_LABELS

STEP_ROLE = Qt.ItemDataRole.UserRole


class AgendaList(QListWidget):
    """The steps; drag to reorder, Alt+↑/↓ from the keyboard."""

    def __init__(self) -> None:
        super().__init__()
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setWordWrap(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and row >= 0 and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = row - 1 if event.key() == Qt.Key.Key_Up else row + 1
            if 0 <= target < self.count():
                item = self.takeItem(row)
                self.insertItem(target, item)
                self.setCurrentRow(target)
            return
        super().keyPressEvent(event)

    def steps(self) -> list[StepRow]:
        return [self.item(n).data(STEP_ROLE) for n in range(self.count())]


def step_text(step: StepRow) -> str:
    kind = STEP_KIND_LABELS.get(step.kind, step.kind)
    what = step.media_title or step.quiz_code
    minutes = f", {step.minutes} phút" if step.minutes else ""
    return f"{step.title} ({kind}{minutes})" + (f" — {what}" if what and what != step.title
                                                 else "")


class ProgrammeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Chương trình tập huấn")
        self.programmes = QListWidget()
        self.programmes.currentRowChanged.connect(self._load)
        add_programme = QPushButton("Thêm chương trình…")
        add_programme.clicked.connect(self.add_programme)
        self.rule = QComboBox()
        self.rule.setObjectName("certificateRule")
        for value, label in CERTIFICATE_RULE_LABELS.items():
            self.rule.addItem(label, str(value))
        self.rule.activated.connect(self._rule_chosen)
        self.agenda = AgendaList()
        self.agenda.itemActivated.connect(lambda _item: self.edit_step())
        add = QPushButton("Thêm bước…")
        add.clicked.connect(self.add_step)
        edit = QPushButton("Sửa bước…")
        edit.clicked.connect(self.edit_step)
        remove = QPushButton("Xóa bước")
        remove.clicked.connect(self.remove_step)
        save = QPushButton("Lưu chương trình")
        save.setProperty("role", "primary")
        save.clicked.connect(self.save)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        self.status = QLabel("Kéo thả (hoặc Alt+↑/↓) để đổi thứ tự các bước.")
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.programmes, 1)
        left.addWidget(add_programme)
        left.addWidget(QLabel("Cấp giấy chứng nhận cho:"))
        left.addWidget(self.rule)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(self.agenda, 1)
        right.addWidget(self.status)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        self.media = [(row.id, row.title) for row in
                      media_service.list_items(ctx.factory, ctx.data_dir.media_dir)]
        self.quizzes = [(q.id, q.title) for q in quiz_service.list_quizzes(ctx.factory)]
        self.ids: list[int] = []
        self.rules: list[str] = []
        self.reload()
        self.resize(980, 560)

    def reload(self, select: int | None = None) -> None:
        rows = programme_service.list_programmes(self.ctx.factory)
        self.ids = [r.id for r in rows]
        self.rules = [r.certificate_rule for r in rows]
        self.programmes.blockSignals(True)
        self.programmes.clear()
        for row in rows:
            self.programmes.addItem(f"{row.title}\n{row.steps} bước, {row.sessions} buổi")
        self.programmes.blockSignals(False)
        target = self.ids.index(select) if select in self.ids else 0
        self.programmes.setCurrentRow(target)
        self._load(target)

    def programme_id(self) -> int | None:
        row = self.programmes.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _load(self, row: int) -> None:
        self.agenda.clear()
        if not 0 <= row < len(self.ids):
            return
        self.rule.setCurrentIndex(max(0, self.rule.findData(self.rules[row])))
        for step in programme_service.get_agenda(self.ctx.factory, self.ids[row]):
            self._append(step)

    def _append(self, step: StepRow, at: int | None = None) -> None:
        item = QListWidgetItem(step_text(step))
        item.setData(STEP_ROLE, step)
        if at is None:
            self.agenda.addItem(item)
        else:
            self.agenda.insertItem(at, item)
        self.agenda.setCurrentItem(item)

    def _rule_chosen(self, _index: int) -> None:
        programme_id = self.programme_id()
        if programme_id is None:
            return
        programme_service.set_certificate_rule(self.ctx.factory, programme_id,
                                               str(self.rule.currentData()))
        self.rules[self.programmes.currentRow()] = str(self.rule.currentData())
        self.status.setText("Đã lưu quy tắc cấp giấy chứng nhận.")

    def add_programme(self) -> None:
        title, ok = QInputDialog.getText(self, "Thêm chương trình", "Tên chương trình:")
        if not ok:
            return
        try:
            new_id = programme_service.add_programme(self.ctx.factory, title)
        except UserError as exc:
            show_error(self, "Chưa thêm được", exc.message)
            return
        self.reload(new_id)

    def add_step(self) -> None:
        dialog = StepDialog(self, None, self.media, self.quizzes)
        if dialog.exec():
            self._append(dialog.step(), self.agenda.currentRow() + 1)

    def edit_step(self) -> None:
        item = self.agenda.currentItem()
        if item is None:
            return
        dialog = StepDialog(self, item.data(STEP_ROLE), self.media, self.quizzes)
        if dialog.exec():
            item.setData(STEP_ROLE, dialog.step())
            item.setText(step_text(dialog.step()))

    def remove_step(self) -> None:
        row = self.agenda.currentRow()
        if row >= 0:
            self.agenda.takeItem(row)

    def save(self) -> None:
        programme_id = self.programme_id()
        if programme_id is None:
            return
        try:
            saved = programme_service.set_agenda(self.ctx.factory, programme_id,
                                                 self.agenda.steps())
        except UserError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText(f"Đã lưu {len(saved)} bước. Các buổi đã tạo giữ chương trình cũ.")
        self.ctx.events.data_changed.emit("sessions")
        self.reload(programme_id)
