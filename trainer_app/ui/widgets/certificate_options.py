"""The certificate options of the session's "Giấy tờ…" window: print onto pre-printed forms
(phôi), print the score, also save one file per person (the folder is asked for at save
time), and the way to the form positions ("Vị trí in trên phôi…") and to the register
("Sổ cấp giấy chứng nhận…").

"In lên phôi" and "In điểm" are remembered (a station that prints on forms always does);
the register's "Cấp lại" uses the same two choices (``print_choices``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from trainer_app.ui.context import AppContext
from trainer_app.ui.widgets.certificate_print_choices import print_choices, store_print_choices

__all__ = ["CertificateOptions"]

class CertificateOptions(QWidget):
    """Emits ``changed`` when a choice changed, ``outdated`` when a window it opened
    changed what is printed (positions saved, a certificate revoked or re-issued)."""

    changed = Signal()
    outdated = Signal()

    def __init__(self, ctx: AppContext, session_id: int, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self._settings = settings
        on_forms, show_score = print_choices(settings)
        self.on_forms = QCheckBox("In lên phôi có sẵn (chỉ in tên, số, ngày… vào chỗ trống)")
        self.on_forms.setChecked(on_forms)
        self.show_score = QCheckBox("In điểm bài kiểm tra")
        self.show_score.setChecked(show_score)
        self.per_person = QCheckBox("Lưu thêm mỗi người một tệp (chọn thư mục khi lưu)")
        self.form_button = QPushButton("Vị trí in trên phôi…")
        self.register_button = QPushButton("Sổ cấp giấy chứng nhận…")
        for button, slot in ((self.form_button, self.open_form_positions),
                             (self.register_button, self.open_register)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=slot: s())
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_button)
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.on_forms, self.show_score, self.per_person):
            layout.addWidget(box)
        layout.addLayout(buttons)
        for box in (self.on_forms, self.show_score):
            box.toggled.connect(self._remember)
        self.per_person.toggled.connect(lambda _on: self.changed.emit())

    def _remember(self, _on: bool) -> None:
        store_print_choices(self._settings, self.on_forms.isChecked(),
                            self.show_score.isChecked())
        self.changed.emit()

    def open_form_positions(self) -> None:
        from trainer_app.ui.dialogs.certificate_form_dialog import CertificateFormDialog

        dialog = CertificateFormDialog(self.ctx, self)
        dialog.exec()
        saved = dialog.saved
        dialog.deleteLater()
        if saved and self.on_forms.isChecked():
            self.outdated.emit()

    def open_register(self) -> None:
        from trainer_app.ui.dialogs.certificate_register_dialog import (
            CertificateRegisterDialog,
        )

        dialog = CertificateRegisterDialog(self.ctx, self, session_id=self.session_id)
        dialog.exec()
        touched = dialog.changed_anything
        dialog.deleteLater()
        if touched:
            self.outdated.emit()
