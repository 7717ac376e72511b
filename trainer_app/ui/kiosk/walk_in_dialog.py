"""Someone not on the list adds themselves: full name and birth year. When the name looks
like someone already known, they choose "this is me" or "I am someone else"."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row


class WalkInDialog(QDialog):
    def __init__(self, parent: QWidget | None, typed: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm tên người làm bài")
        self.setObjectName("kiosk")
        self.name = QLineEdit(typed)
        self.name.setObjectName("walkInName")
        self.year = QLineEdit()
        self.year.setObjectName("walkInYear")
        self.year.setMaxLength(4)
        self.year.setPlaceholderText("ví dụ 1965")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Họ và tên:", self.name)
        form.addRow("Năm sinh:", self.year)
        layout = QVBoxLayout(self)
        hint = QLabel("Nhờ người tập huấn giúp nếu cần.")
        hint.setProperty("kiosk", "hint")
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._accept, self.reject, "Tiếp tục")
        layout.addLayout(row)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("Hãy nhập họ và tên.")
            return
        self.accept()
