"""The trainer's PIN: asked to leave the kiosk, and set once before the first kiosk. After
wrong tries the dialog counts down the wait (``PinLockout``) with the field locked."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer_app.domain.pin_lockout import PinLockout, countdown_text
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row

PIN_MAX_DIGITS = 8


class PinDialog(QDialog):
    """Asks for a PIN (digits, hidden). ``confirm_twice`` for setting a new one; with a
    ``lockout`` the field stays locked while it says to wait, showing the time left."""

    def __init__(self, parent: QWidget | None, text: str, *, confirm_twice: bool = False,
                 button: str = "Thoát chế độ làm bài",
                 lockout: PinLockout | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mã PIN của người tập huấn")
        self.lockout = lockout
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX_DIGITS)
        self.again: QLineEdit | None = None
        self.error = QLabel("")
        self.error.setStyleSheet("color: #8a1c1c;")
        self.countdown = QLabel("")
        self.countdown.setObjectName("pinCountdown")
        self.countdown.setWordWrap(True)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.pin)
        if confirm_twice:
            layout.addWidget(QLabel("Nhập lại mã PIN:"))
            self.again = QLineEdit()
            self.again.setObjectName("pinAgain")
            self.again.setEchoMode(QLineEdit.EchoMode.Password)
            self.again.setMaxLength(PIN_MAX_DIGITS)
            layout.addWidget(self.again)
        layout.addWidget(self.countdown)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._accept, self.reject, button)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.tick()

    def locked(self) -> bool:
        return self.lockout is not None and self.lockout.wait_left() > 0

    def tick(self) -> None:
        """Show the wait left (once a second while locked); unlock when it is over."""
        if self.locked():
            assert self.lockout is not None
            self.countdown.setText(
                f"Đã nhập sai mã PIN {self.lockout.failures} lần. Hãy đợi "
                f"{countdown_text(self.lockout.wait_left())} rồi thử lại.")
            self.pin.setEnabled(False)
            self.ok.setEnabled(False)
            if not self.timer.isActive():
                self.timer.start()
            return
        self.timer.stop()
        self.countdown.setText("")
        self.pin.setEnabled(True)
        self.ok.setEnabled(True)
        self.pin.setFocus()

    def _accept(self) -> None:
        if self.locked():
            return
        if self.again is not None and self.again.text() != self.pin.text():
            self.error.setText("Hai lần nhập không giống nhau.")
            return
        self.accept()

    def value(self) -> str:
        return self.pin.text()
