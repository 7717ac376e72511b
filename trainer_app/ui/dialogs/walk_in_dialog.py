"""Someone came without being on the list: name, birth year, phone, khu phố; stored as a
collaborator and checked in at once. When the name looks like someone already stored
(accents and case aside), the user chooses: check in that person, or add a new one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import PersonInput, PersonInvalid
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions.attendance import MarkResult, WalkInLooksKnown
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget

NO_CHOICE = "— Chưa chọn —"
ADD_NEW = "Thêm là người mới"
GO_BACK = "Quay lại"
FIELD_WIDGETS = {"full_name": "name_edit", "birth_year": "year_edit", "phone": "phone_edit",
                 "neighbourhood_id": "neighbourhood_combo"}


def check_in_label(person_id: int, name: str) -> str:
    return f"Điểm danh {name} (mã {person_id})"


@dataclass(frozen=True)
class WalkInOutcome:
    """What happened: ``result`` is the change (None when nothing changed), ``message`` the
    line for the page's status line, ``warning`` whether that line is a warning."""

    result: MarkResult | None
    message: str
    warning: bool = False


class WalkInDialog(QDialog):
    """After ``exec()`` returns Accepted, ``outcome`` says what was done."""

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.outcome: WalkInOutcome | None = None
        self.setWindowTitle("Thêm người đến không có tên trong danh sách")
        self.setModal(True)

        self.name_edit = QLineEdit(placeholderText="VD: Nguyễn Thị Lan")
        self.name_edit.setMaxLength(200)
        self.year_edit = QLineEdit(placeholderText="VD: 1975")
        self.year_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.phone_edit = QLineEdit(placeholderText="VD: 0912 345 678")
        self.neighbourhood_combo = QComboBox()
        self.neighbourhood_combo.addItem(NO_CHOICE, None)
        for hood in roster_service.list_neighbourhoods(ctx.factory):
            self.neighbourhood_combo.addItem(hood.name, hood.id)

        intro = QLabel("Người này sẽ được lưu vào danh sách cộng tác viên và điểm danh "
                       "ngay bây giờ.")
        intro.setWordWrap(True)
        self.form = FormWidget()
        self.form.add_row("Họ và tên (*)", self.name_edit)
        self.form.add_row("Năm sinh", self.year_edit)
        self.form.add_row("Số điện thoại", self.phone_edit)
        self.form.add_row("Khu phố", self.neighbourhood_combo)

        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setProperty("role", "error")
        self.feedback.hide()

        buttons, self.save_button, self.cancel_button = confirm_cancel_row(
            self.accept, self.reject, "Thêm và điểm danh")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        self.name_edit.setFocus()

    def person_input(self) -> PersonInput:
        return PersonInput(full_name=self.name_edit.text(),
                           birth_year=self.year_edit.text().strip() or None,
                           phone=self.phone_edit.text().strip() or None,
                           neighbourhood_id=self.neighbourhood_combo.currentData())

    def _show_problem(self, text: str, fields: tuple[str, ...] = ()) -> None:
        self.feedback.setText(text)
        self.feedback.show()
        for name, attr in FIELD_WIDGETS.items():
            widget = getattr(self, attr)
            widget.setProperty("invalid", name in fields)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if fields and fields[0] in FIELD_WIDGETS:
            getattr(self, FIELD_WIDGETS[fields[0]]).setFocus()

    def accept(self) -> None:
        if not self.name_edit.text().strip():
            self._show_problem("Hãy nhập họ và tên.", ("full_name",))
            return
        data = self.person_input()
        try:
            outcome = self._add(data, force=False)
        except WalkInLooksKnown as known:
            outcome = self._ask_known(data, known)
        except PersonInvalid as exc:
            self._show_problem(exc.message, tuple(exc.problems))
            return
        except UserError as exc:
            self._show_problem(exc.message)
            return
        if outcome is None:
            return  # back to the form
        self.outcome = outcome
        super().accept()

    def _add(self, data: PersonInput, *, force: bool) -> WalkInOutcome:
        result = attendance_service.add_walk_in(self.ctx.factory, self.session_id, data,
                                                force=force)
        row = result.rows[0] if result.rows else None
        name = row.full_name if row else data.full_name
        when = f" lúc {row.checked_in_at:%H:%M}" if row and row.checked_in_at else ""
        return WalkInOutcome(result, f"Đã thêm và điểm danh {name}{when} (người đến thêm).")

    def _ask_known(self, data: PersonInput, known: WalkInLooksKnown) -> WalkInOutcome | None:
        """Raises PersonInvalid / UserError from adding as new, handled by ``accept``."""
        choices: list[tuple[str, object]] = [
            (check_in_label(pid, name), pid) for pid, name in known.candidates]
        choices += [(ADD_NEW, ADD_NEW), (GO_BACK, None)]
        answer = choose(self, "Người này có thể đã có trong danh sách", known.message,
                        choices, default=known.candidates[0][0] if known.candidates else None,
                        escape=None)
        if answer is None:
            return None
        if answer == ADD_NEW:
            return self._add(data, force=True)
        assert isinstance(answer, int)
        try:
            result = attendance_service.check_in(self.ctx.factory, self.session_id, answer)
        except UserError as exc:
            if exc.code == "already_checked_in":
                return WalkInOutcome(None, exc.message, warning=True)
            raise
        row = result.rows[0] if result.rows else None
        name = row.full_name if row else ""
        when = f" lúc {row.checked_in_at:%H:%M}" if row and row.checked_in_at else ""
        message = f"Đã điểm danh {name}{when}."
        return WalkInOutcome(result, " ".join([message, *result.warnings]),
                             warning=bool(result.warnings))
