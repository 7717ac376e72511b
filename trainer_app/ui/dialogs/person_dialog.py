"""Add or edit one collaborator, with field checks done by the roster service (one set of
rules for the GUI, the CLI and imports). Problems are shown in the dialog, in Vietnamese,
and the fields concerned are marked; nothing is stored until every field is right."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import GENDER_LABELS, Gender
from trainer_app.domain.vncontact import normalize_phone, phone_problem
from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import (
    DuplicatePerson,
    PersonInput,
    PersonInvalid,
    PersonRow,
)
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.people_table_model import format_phone
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget

log = logging.getLogger(__name__)

CONSENT_METHODS = (
    "Ký phiếu đồng ý khi đăng ký CTV",
    "Ký vào danh sách đồng ý tại buổi tập huấn",
    "Đồng ý bằng lời nói, có người làm chứng",
    "Đồng ý qua tin nhắn Zalo/SMS",
)
NO_CHOICE = "— Chưa chọn —"


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, with Vietnamese buttons; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    try:
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PersonDialog(QDialog):
    """``person`` None: a new collaborator (``defaults`` may pre-select khu phố and role).
    After ``exec()`` returns Accepted, ``saved`` holds the stored row."""

    def __init__(self, ctx: AppContext, person: PersonRow | None = None,
                 parent: QWidget | None = None, *, neighbourhood_id: int | None = None,
                 role_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.saved: PersonRow | None = None
        self.setWindowTitle("Sửa thông tin cộng tác viên" if person else "Thêm cộng tác viên")
        self.setModal(True)

        self.name_edit = QLineEdit(placeholderText="VD: Nguyễn Thị Lan")
        self.name_edit.setMaxLength(200)
        self.gender_combo = QComboBox()
        self.gender_combo.addItem("— Chưa rõ —", None)
        for gender in Gender:
            self.gender_combo.addItem(GENDER_LABELS[gender], gender.value)
        self.year_edit = QLineEdit(placeholderText="VD: 1975")
        self.year_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.phone_edit = QLineEdit(placeholderText="VD: 0912 345 678")
        self.phone_hint = QLabel()
        self.phone_hint.setProperty("role", "muted")
        self.phone_hint.setWordWrap(True)
        self.neighbourhood_combo = QComboBox()
        self.role_combo = QComboBox()
        self.add_role_button = QPushButton("Thêm chức danh…")
        self.add_role_button.clicked.connect(self.add_role)
        role_box = QWidget()
        role_row = QHBoxLayout(role_box)
        role_row.setContentsMargins(0, 0, 0, 0)
        role_row.addWidget(self.role_combo, 1)
        role_row.addWidget(self.add_role_button)
        self.unit_edit = QLineEdit(placeholderText="VD: Hội Phụ nữ phường")
        self.notes_edit = QPlainTextEdit()
        self.consent_check = QCheckBox("Đã đồng ý cho trạm lưu và xử lý dữ liệu cá nhân")
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd/MM/yyyy")
        self.consent_date.setMaximumDate(to_qdate(date.today()))
        self.consent_date.setDate(to_qdate(date.today()))
        self.consent_method = QComboBox()
        self.consent_method.setEditable(True)
        self.consent_method.addItems(CONSENT_METHODS)
        self.consent_method.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.consent_check.toggled.connect(self._update_consent)

        self.form = FormWidget()
        self.form.add_row("Họ và tên (*)", self.name_edit)
        self.form.add_row("Giới tính", self.gender_combo)
        self.form.add_row("Năm sinh", self.year_edit)
        self.form.add_row("Số điện thoại", self.phone_edit, self.phone_hint)
        self.form.add_row("Khu phố", self.neighbourhood_combo)
        self.form.add_row("Chức danh", role_box)
        self.form.add_row("Đơn vị", self.unit_edit)
        self.form.add_row("Ghi chú", self.notes_edit)
        self.form.set_text_box_lines(self.notes_edit, 3)
        self.form.add_row("Dữ liệu cá nhân", self.consent_check)
        self.form.add_row("Ngày đồng ý", self.consent_date)
        self.form.add_row("Cách đồng ý", self.consent_method)

        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setProperty("role", "error")
        self.feedback.hide()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        buttons, self.save_button, self.cancel_button = confirm_cancel_row(
            self.accept, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)

        self.phone_edit.textChanged.connect(self._update_phone_hint)
        self._fill_choices(person, neighbourhood_id, role_id)
        if person is not None:
            self._fill(person)
        self._update_consent(self.consent_check.isChecked())
        self._update_phone_hint()
        self._fit_to_screen()
        self.name_edit.setFocus()

    # -- building -------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """Tall enough to show every field without scrolling when the screen allows."""
        metrics = self.fontMetrics()
        width = metrics.averageCharWidth() * 80
        height = (self.form.sizeHint().height() + self.save_button.sizeHint().height()
                  + metrics.lineSpacing() * 4 + 40)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(width, height)

    def _fill_choices(self, person: PersonRow | None, neighbourhood_id: int | None,
                      role_id: int | None) -> None:
        factory = self.ctx.factory
        current_nb = person.neighbourhood_id if person else neighbourhood_id
        current_role = person.role_id if person else role_id
        self.neighbourhood_combo.addItem(NO_CHOICE, None)
        for nb in roster_service.list_neighbourhoods(factory, include_archived=True):
            if nb.archived and nb.id != current_nb:
                continue
            label = nb.name + (" (đã lưu trữ)" if nb.archived else "")
            self.neighbourhood_combo.addItem(label, nb.id)
        self._fill_roles(current_role)
        self._select(self.neighbourhood_combo, current_nb)

    def _fill_roles(self, current: int | None) -> None:
        self.role_combo.clear()
        self.role_combo.addItem(NO_CHOICE, None)
        for role in roster_service.list_roles(self.ctx.factory, include_archived=True):
            if role.archived and role.id != current:
                continue
            self.role_combo.addItem(role.name + (" (đã lưu trữ)" if role.archived else ""),
                                    role.id)
        self._select(self.role_combo, current)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _fill(self, person: PersonRow) -> None:
        self.name_edit.setText(person.full_name)
        self._select(self.gender_combo, person.gender)
        self.year_edit.setText(str(person.birth_year) if person.birth_year else "")
        self.phone_edit.setText(person.phone or "")
        self.unit_edit.setText(person.unit)
        self.notes_edit.setPlainText(person.notes)
        self.consent_check.setChecked(person.consent_date is not None)
        if person.consent_date is not None:
            self.consent_date.setDate(to_qdate(person.consent_date))
            self.consent_method.setCurrentText(person.consent_method)

    # -- behaviour ------------------------------------------------------------------------

    def _update_consent(self, checked: bool) -> None:
        self.consent_date.setEnabled(checked)
        self.consent_method.setEnabled(checked)

    def _update_phone_hint(self) -> None:
        text = self.phone_edit.text().strip()
        if not text:
            self.phone_hint.setText("Có thể để trống.")
            return
        problem = phone_problem(text)
        if problem:
            self.phone_hint.setText(f"Chưa đúng: {problem}.")
        else:
            self.phone_hint.setText(f"Sẽ lưu: {format_phone(normalize_phone(text))}")

    def add_role(self) -> None:
        name = ask_text(self, "Thêm chức danh", "Tên chức danh mới:")
        if not name:
            return
        try:
            role = roster_service.add_role(self.ctx.factory, name)
        except UserError as exc:
            self.show_problem(exc.message)
            return
        self._fill_roles(role.id)

    def person_input(self) -> PersonInput:
        consent = self.consent_check.isChecked()
        return PersonInput(
            full_name=self.name_edit.text(),
            gender=self.gender_combo.currentData(),
            birth_year=self.year_edit.text(),
            phone=self.phone_edit.text(),
            neighbourhood_id=self.neighbourhood_combo.currentData(),
            role_id=self.role_combo.currentData(),
            unit=self.unit_edit.text(),
            notes=self.notes_edit.toPlainText(),
            consent_date=from_qdate(self.consent_date.date()) if consent else None,
            consent_method=self.consent_method.currentText() if consent else "",
        )

    def show_problem(self, message: str) -> None:
        self.feedback.setText(message)
        self.feedback.show()

    def mark_invalid(self, fields: list[str]) -> None:
        edits = {"full_name": self.name_edit, "birth_year": self.year_edit,
                 "phone": self.phone_edit, "unit": self.unit_edit}
        for name, edit in edits.items():
            edit.setProperty("invalid", name in fields)
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        widgets: dict[str, QWidget] = {**edits, "gender": self.gender_combo,
                                       "neighbourhood_id": self.neighbourhood_combo,
                                       "role_id": self.role_combo,
                                       "consent_date": self.consent_date,
                                       "consent_method": self.consent_method}
        for name in fields:
            if name in widgets:
                widgets[name].setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def accept(self) -> None:
        data = self.person_input()
        factory = self.ctx.factory
        try:
            if self.person is None:
                self.saved = roster_service.add_person(factory, data)
            else:
                self.saved = roster_service.update_person(factory, self.person.id, data)
        except PersonInvalid as exc:
            self.mark_invalid(list(exc.problems))
            self.show_problem(exc.message)
            return
        except DuplicatePerson as exc:
            self.mark_invalid(["full_name", "phone"])
            self.show_problem(exc.message)
            return
        except UserError as exc:
            self.show_problem(exc.message)
            return
        log.info("person %d saved from the dialog", self.saved.id)
        super().accept()
