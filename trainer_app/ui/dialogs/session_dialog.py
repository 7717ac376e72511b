"""Create or edit a training session: programme, title, date, times, venue, trainers,
notes, and (when creating) who is invited — whole khu phố, roles, or nobody yet (people
can be added later, or checked in as they come)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import reference as roster_reference
from trainer_app.services.sessions import programmes as programme_service
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.results import SessionDetail
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget


class SessionDialog(QDialog):
    """``detail`` None: a new session. Otherwise edit that one (a finished session asks
    for confirmation first; the change is written to the audit log)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 detail: SessionDetail | None = None, *, on_date: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.session_id: int | None = detail.id if detail else None
        self.warnings: list[str] = []
        self.setWindowTitle("Sửa buổi tập huấn" if detail else "Tạo buổi tập huấn")
        form = FormWidget()
        self.programme = QComboBox()
        self.programme.setObjectName("sessionProgramme")
        for row in programme_service.list_programmes(ctx.factory):
            self.programme.addItem(f"{row.title} ({row.steps} bước)", row.id)
        self.programme.setEnabled(detail is None)
        self.title = QLineEdit(detail.title if detail else "")
        self.title.setObjectName("sessionTitle")
        self.title.setPlaceholderText("Để trống: \"Tập huấn <tên chương trình>\"")
        self.day = QDateEdit()
        self.day.setObjectName("sessionDate")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        when = detail.held_on if detail else (on_date or date.today())
        self.day.setDate(QDate(when.year, when.month, when.day))
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        start = detail.start_time if detail and detail.start_time else time(8, 0)
        end = detail.end_time if detail and detail.end_time else time(11, 0)
        self.start.setTime(QTime(start.hour, start.minute))
        self.end.setTime(QTime(end.hour, end.minute))
        self.venue = QLineEdit(detail.venue if detail else "")
        self.venue.setObjectName("sessionVenue")
        self.venue.setPlaceholderText("Ví dụ: Hội trường Trạm Y tế phường")
        self.trainers = QLineEdit(detail.trainers if detail else "")
        self.notes = QPlainTextEdit(detail.notes if detail else "")
        self.notes.setFixedHeight(70)
        form.add_row("Chương trình", self.programme)
        form.add_row("Tên buổi", self.title)
        form.add_row("Ngày", self.day)
        form.add_row("Bắt đầu", self.start)
        form.add_row("Kết thúc", self.end)
        form.add_row("Địa điểm", self.venue)
        form.add_row("Người trình bày", self.trainers)
        form.add_row("Ghi chú", self.notes)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        self.hood_boxes: list[QCheckBox] = []
        self.role_boxes: list[QCheckBox] = []
        if detail is None:
            layout.addWidget(self._invite_box())
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(
            self._save, self.reject, "Lưu" if detail else "Tạo buổi")
        layout.addLayout(row)

    def _invite_box(self) -> QGroupBox:
        box = QGroupBox("Mời (có thể thêm sau)")
        grid = QGridLayout()
        for n, hood in enumerate(h for h in roster_reference.list_neighbourhoods(
                self.ctx.factory) if h.people):
            check = QCheckBox(f"{hood.name} ({hood.people})")
            check.setProperty("hood_id", hood.id)
            self.hood_boxes.append(check)
            grid.addWidget(check, n // 3, n % 3)
        offset = (len(self.hood_boxes) + 2) // 3 + 1
        for n, role in enumerate(r for r in roster_reference.list_roles(self.ctx.factory)
                                 if r.people):
            check = QCheckBox(f"Mọi {role.name.lower()} ({role.people})")
            check.setProperty("role_id", role.id)
            self.role_boxes.append(check)
            grid.addWidget(check, offset + n // 3, n % 3)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(120)
        outer = QVBoxLayout(box)
        if not self.hood_boxes:
            outer.addWidget(QLabel("Chưa có cộng tác viên nào trong danh sách."))
        outer.addWidget(scroll)
        return box

    def draft(self) -> session_service.SessionDraft:
        qd = self.day.date()
        start, end = self.start.time(), self.end.time()
        return session_service.SessionDraft(
            held_on=date(qd.year(), qd.month(), qd.day()), title=self.title.text(),
            programme=self.programme.currentData(),
            start_time=time(start.hour(), start.minute()), end_time=time(end.hour(), end.minute()),
            venue=self.venue.text(), trainers=self.trainers.text(),
            notes=self.notes.toPlainText())

    def _save(self) -> None:
        f = self.ctx.factory
        try:
            if self.session_id is None:
                result = session_service.create_session(f, self.draft())
                hoods = tuple(int(b.property("hood_id")) for b in self.hood_boxes
                              if b.isChecked())
                roles = tuple(int(b.property("role_id")) for b in self.role_boxes
                              if b.isChecked())
                if hoods or roles:
                    session_service.invite(f, result.session_id, neighbourhood_ids=hoods,
                                           role_ids=roles)
            else:
                locked = self.detail is not None and self.detail.status == "finished"
                if locked and choose(
                        self, "Buổi đã kết thúc",
                        "Buổi này đã kết thúc và được khóa. Vẫn sửa? Thay đổi sẽ được ghi vào "
                        "nhật ký.", [("Vẫn sửa", True), ("Hủy", False)], default=False,
                        escape=False) is not True:
                    return
                result = session_service.update_session(f, self.session_id, self.draft(),
                                                        confirm_locked=locked)
        except UserError as exc:
            self.error.setText(exc.message)
            return
        self.session_id = result.session_id
        self.warnings = result.warnings
        self.ctx.events.data_changed.emit("sessions")
        self.accept()
