"""Before handing in: every question's number, answered or blank; a tap goes back to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ReviewScreen(QWidget):
    go_to = Signal(int)  # 0-based question number
    submit_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("Xem lại bài trước khi nộp")
        title.setProperty("kiosk", "title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.buttons: list[QPushButton] = []
        self.submit = QPushButton("Nộp bài")
        self.submit.setProperty("kiosk", "primary")
        self.submit.clicked.connect(self.submit_requested)
        self.back = QPushButton("◀  Quay lại câu cuối")
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addLayout(row)

    def show_review(self, answered: list[bool]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = []
        for number, done in enumerate(answered):
            button = QPushButton(f"{number + 1}" + (" ✓" if done else " —"))
            button.setProperty("kiosk", "review-done" if done else "review-blank")
            button.setToolTip("Đã trả lời" if done else "Chưa trả lời")
            button.clicked.connect(lambda _c=False, n=number: self.go_to.emit(n))
            self.grid.addWidget(button, number // 5, number % 5)
            self.buttons.append(button)
        blanks = answered.count(False)
        self.summary.setText(
            "Bạn đã trả lời tất cả các câu. Bấm \"Nộp bài\" khi đã sẵn sàng." if not blanks else
            f"Còn {blanks} câu chưa trả lời (ô có dấu —). Bấm vào số câu để làm tiếp, "
            "hoặc nộp bài luôn.")
        self.submit.setFocus()
