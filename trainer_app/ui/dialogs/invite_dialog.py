"""Mời thêm người: pick collaborators by hand for a session (search without accents, tick,
"Mời"); people already on the list are shown ticked and greyed, and uninviting someone is
possible until they have been checked in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import service as session_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row

ID_ROLE = Qt.ItemDataRole.UserRole


class InviteDialog(QDialog):
    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.setWindowTitle("Mời thêm người")
        self.already = {r.person_id for r in attendance_service.list_attendance(
            ctx.factory, session_id)}
        self.search = QLineEdit()
        self.search.setObjectName("inviteSearch")
        self.search.setPlaceholderText("Tìm tên (không cần dấu) hoặc số điện thoại")
        self.search.textChanged.connect(self.fill)
        self.list = QListWidget()
        self.list.setObjectName("inviteList")
        self.list.itemChanged.connect(self._count)
        self.chosen: set[int] = set()
        self.summary = QLabel("")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._invite, self.reject, "Mời")
        layout.addLayout(row)
        self.resize(560, 600)
        self.fill("")

    def fill(self, text: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for person in roster_service.list_people(self.ctx.factory, search=text):
            extra = ", ".join(x for x in (
                f"sinh {person.birth_year}" if person.birth_year else "",
                person.neighbourhood_name) if x)
            item = QListWidgetItem(person.full_name + (f" ({extra})" if extra else ""))
            item.setData(ID_ROLE, person.id)
            if person.id in self.already:
                item.setText(item.text() + " — đã mời")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if person.id in self.chosen
                                   else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._count()

    def _count(self, item: QListWidgetItem | None = None) -> None:
        if item is not None and int(item.data(ID_ROLE)) not in self.already:
            person_id = int(item.data(ID_ROLE))
            if item.checkState() == Qt.CheckState.Checked:
                self.chosen.add(person_id)
            else:
                self.chosen.discard(person_id)
        self.summary.setText(f"Đã chọn {len(self.chosen)} người để mời thêm "
                             f"(đã có {len(self.already)} người trong danh sách).")
        self.ok.setEnabled(bool(self.chosen))

    def _invite(self) -> None:
        try:
            session_service.invite(self.ctx.factory, self.session_id,
                                   person_ids=tuple(sorted(self.chosen)),
                                   confirm_locked=False)
        except UserError as exc:
            self.error.setText(exc.message)
            return
        self.ctx.events.data_changed.emit("attendance")
        self.accept()
