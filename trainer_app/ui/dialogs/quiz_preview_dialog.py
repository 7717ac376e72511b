"""A quiz as a participant sees it: one question per screen, large type, the options as big
buttons to tick, “Trước” / “Sau” (or ← / →). Nothing is recorded: it is only a preview.
The options are shown in the stored order (a real attempt may shuffle them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import QuizDoc, letter
from trainer_app.ui import style

PREVIEW_POINTS = 28

PREVIEW_SHEET = f"""
QDialog#quizPreview {{ background: #ffffff; }}
QDialog#quizPreview QLabel, QDialog#quizPreview QRadioButton,
QDialog#quizPreview QCheckBox, QDialog#quizPreview QPushButton {{
    font-size: {PREVIEW_POINTS}pt;
}}
QDialog#quizPreview QLabel#previewCounter, QDialog#quizPreview QLabel#previewHint {{
    font-size: {PREVIEW_POINTS - 8}pt; color: #3a4654;
}}
QDialog#quizPreview QRadioButton, QDialog#quizPreview QCheckBox {{
    padding: 10px; spacing: 16px; border: 2px solid #8a98a8; border-radius: 8px;
    background: #f4f6f8;
}}
QDialog#quizPreview QRadioButton:checked, QDialog#quizPreview QCheckBox:checked {{
    border: 3px solid #0b3d6e; background: #dbe8f5;
}}
QDialog#quizPreview QRadioButton::indicator, QDialog#quizPreview QCheckBox::indicator {{
    width: 28px; height: 28px;
}}
"""


class OptionText(QLabel):
    """The wrapped text of an option; a click on it ticks the option's button."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setBuddy(button)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.click()
        event.accept()


class QuizPreviewDialog(QDialog):
    def __init__(self, doc: QuizDoc, parent: QWidget | None = None, start: int = 0) -> None:
        super().__init__(parent)
        self.doc = doc
        self.index = 0
        self.setObjectName("quizPreview")
        self.setWindowTitle(f"Xem trước: {doc.title}")
        self.setStyleSheet(PREVIEW_SHEET)

        self.counter = QLabel()
        self.counter.setObjectName("previewCounter")
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        font = style.base_font(100, PREVIEW_POINTS / style.BASE_POINT_SIZE, bold=True)
        self.question_label.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("previewHint")
        self.hint.setWordWrap(True)

        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.options_layout.setSpacing(12)
        self.group: QButtonGroup | None = None
        self.option_buttons: list[QAbstractButton] = []
        self.option_rows: list[QWidget] = []

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(18)
        column.addWidget(self.counter)
        column.addWidget(self.question_label)
        column.addWidget(self.hint)
        column.addWidget(self.options_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.back_button = QPushButton("← Trước")
        self.back_button.setToolTip("Câu trước (mũi tên trái)")
        self.back_button.clicked.connect(self.previous)
        self.next_button = QPushButton("Sau →")
        self.next_button.setToolTip("Câu sau (mũi tên phải)")
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for key, slot in ((Qt.Key.Key_Left, self.previous), (Qt.Key.Key_Right, self.next),
                          (Qt.Key.Key_PageUp, self.previous), (Qt.Key.Key_PageDown, self.next)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)

        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.9), int(screen.height() * 0.9))
        self.show_question(start)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """← / → also when the shortcuts did not fire (e.g. the window is not active)."""
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.next()
            return
        super().keyPressEvent(event)

    def show_question(self, index: int) -> None:
        questions = self.doc.questions
        if not questions:
            self.counter.setText("")
            self.question_label.setText("Bộ câu hỏi chưa có câu hỏi nào.")
            self.hint.setText("")
            self.back_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        self.index = max(0, min(index, len(questions) - 1))
        q = questions[self.index]
        self.counter.setText(f"Câu {self.index + 1} / {len(questions)}")
        self.question_label.setText(q.text)
        multiple = q.kind == QuestionKind.MULTIPLE
        self.hint.setText("Chọn tất cả các ý đúng." if multiple else "Chọn một ý.")
        for row in self.option_rows:
            self.options_layout.removeWidget(row)
            row.deleteLater()
        self.option_buttons, self.option_rows = [], []
        if self.group is not None:
            self.group.deleteLater()
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        for i, option in enumerate(q.options):
            button: QAbstractButton = (QCheckBox if multiple else QRadioButton)(f"{letter(i)}.")
            button.setAccessibleName(f"{letter(i)}. {option.text}")
            self.group.addButton(button, i)
            row = QFrame()
            row.setObjectName("previewOption")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(OptionText(option.text, button), 1)
            self.options_layout.addWidget(row)
            self.option_buttons.append(button)
            self.option_rows.append(row)
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(questions) - 1)
        (self.next_button if self.next_button.isEnabled() else self.close_button).setDefault(True)

    def next(self) -> None:
        if self.index < len(self.doc.questions) - 1:
            self.show_question(self.index + 1)

    def previous(self) -> None:
        if self.index > 0:
            self.show_question(self.index - 1)
