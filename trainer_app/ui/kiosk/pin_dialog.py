"""The trainer's PIN: asked to leave the kiosk, and set once before the first kiosk."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row


class PinDialog(QDialog):
    """Asks for a PIN (digits, hidden). ``confirm_twice`` for setting a new one."""

    def __init__(self, parent: QWidget | None, text: str, *, confirm_twice: bool = False,
                 button: str = "Thoát chế độ làm bài") -> None:
        super().__init__(parent)
        self.setWindowTitle("Mã PIN của người tập huấn")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.again: QLineEdit | None = None
        self.error = QLabel("")
        self.error.setStyleSheet("color: #8a1c1c;")
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
            self.again.setMaxLength(8)
            layout.addWidget(self.again)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._accept, self.reject, button)
        layout.addLayout(row)

    def _accept(self) -> None:
        if self.again is not None and self.again.text() != self.pin.text():
            self.error.setText("Hai lần nhập không giống nhau.")
            return
        self.accept()

    def value(self) -> str:
        return self.pin.text()
