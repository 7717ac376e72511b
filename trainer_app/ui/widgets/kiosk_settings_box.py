"""Settings of the kiosk (làm bài trên máy): what the result screen shows, and the trainer's
PIN that leaving the kiosk needs."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.kiosk.pin_dialog import PinDialog


class KioskSettingsBox(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Làm bài trên máy (kiosk)")
        self.ctx = ctx
        hint = QLabel("Sau khi nộp bài, màn hình kết quả cho người làm bài xem:")
        hint.setWordWrap(True)
        self.show_score = QCheckBox("Điểm (thang 10) và số câu đúng")
        self.show_pass = QCheckBox("Đạt / chưa đạt")
        self.show_answers = QCheckBox("Đáp án đúng của từng câu, kèm giải thích")
        self.feedback = QLabel("")
        self.feedback.setWordWrap(True)
        self.save_button = QPushButton("Lưu cài đặt làm bài")
        self.save_button.clicked.connect(self.save)
        self.pin_button = QPushButton("Đặt mã PIN…")
        self.pin_button.clicked.connect(self.change_pin)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.pin_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        for box in (self.show_score, self.show_pass, self.show_answers):
            layout.addWidget(box)
        layout.addWidget(self.feedback)
        layout.addLayout(row)

    def refresh(self) -> None:
        settings = kiosk_settings.load_kiosk_settings(self.ctx.factory)
        self.show_score.setChecked(settings.show_score)
        self.show_pass.setChecked(settings.show_pass)
        self.show_answers.setChecked(settings.show_answers)
        self.pin_button.setText("Đổi mã PIN…" if settings.has_pin else "Đặt mã PIN…")

    def save(self) -> None:
        kiosk_settings.save_kiosk_settings(
            self.ctx.factory, show_score=self.show_score.isChecked(),
            show_pass=self.show_pass.isChecked(), show_answers=self.show_answers.isChecked())
        self.feedback.setText("Đã lưu.")
        self.ctx.events.data_changed.emit(events.PREFERENCES)

    def change_pin(self) -> None:
        settings = kiosk_settings.load_kiosk_settings(self.ctx.factory)
        if settings.has_pin:
            ask = PinDialog(self, "Nhập mã PIN hiện tại:", button="Tiếp tục")
            if not ask.exec():
                return
            if not kiosk_settings.check_pin(settings, ask.value()):
                self.feedback.setText("Mã PIN hiện tại không đúng; chưa đổi.")
                return
        dialog = PinDialog(self, "Mã PIN mới (4–8 chữ số):", confirm_twice=True,
                           button="Lưu mã PIN")
        if not dialog.exec():
            return
        try:
            kiosk_settings.set_pin(self.ctx.factory, dialog.value())
        except UserError as exc:
            self.feedback.setText(exc.message)
            return
        self.feedback.setText("Đã lưu mã PIN mới.")
        self.refresh()
