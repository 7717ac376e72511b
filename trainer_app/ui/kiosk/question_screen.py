"""One question per screen: large text, one big button per option (A, B, C… or the keys
1–9), back and forward. Every click is handed to the window, which saves it at once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.quiz import letter
from trainer_app.services.quizzes.kiosk import KioskQuestion


class OptionButton(QPushButton):
    """A big checkable button whose text wraps (a plain QPushButton never wraps, so a long
    option would widen the screen and be cut off)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setProperty("kiosk", "option")
        self.setCheckable(True)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setProperty("kiosk", "option-text")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.toggled.connect(self._restyle)

    def _restyle(self, checked: bool) -> None:
        self.label.setProperty("kiosk", "option-text-on" if checked else "option-text")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(64, self.label.heightForWidth(width - 48) + 24)

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(self.width() if self.width() > 100 else 800))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(self.width() if self.width() > 100 else 800))


class QuestionScreen(QWidget):
    answered = Signal(str, list)  # question key, chosen option indexes (quiz order)
    back_requested = Signal()
    next_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.question: KioskQuestion | None = None
        self.buttons: list[OptionButton] = []
        self.group: QButtonGroup | None = None
        self.progress = QLabel()
        self.progress.setProperty("kiosk", "hint")
        self.saved = QLabel()
        self.saved.setProperty("kiosk", "saved")
        self.saved.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.text = QLabel()
        self.text.setProperty("kiosk", "question")
        self.text.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setProperty("kiosk", "hint")
        self.options_box = QVBoxLayout()
        self.options_box.setSpacing(14)
        holder = QWidget()
        holder.setObjectName("kioskPane")
        inner = QVBoxLayout(holder)
        inner.addWidget(self.text)
        inner.addWidget(self.hint)
        inner.addLayout(self.options_box)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        self.back = QPushButton("◀  Câu trước")
        self.back.clicked.connect(self.back_requested)
        self.next = QPushButton("Câu sau  ▶")
        self.next.setProperty("kiosk", "primary")
        self.next.clicked.connect(self.next_requested)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.saved)
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(nav)

    def show_question(self, question: KioskQuestion, number: int, total: int,
                      chosen: list[int]) -> None:
        self.question = question
        self.progress.setText(f"Câu {number}/{total}")
        self.text.setText(question.text)
        self.hint.setText("Chọn TẤT CẢ các ý đúng (có thể chọn nhiều ý)." if question.multiple
                          else "Chọn một ý.")
        self.saved.setText("✓ Đã lưu câu trả lời" if chosen else "")
        for button in self.buttons:
            self.options_box.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(not question.multiple)
        for shown, (index, text) in enumerate(question.options):
            button = OptionButton(f"{letter(shown)}.  {text}")
            button.setChecked(index in chosen)
            button.setProperty("option_index", index)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(self._clicked)
            self.group.addButton(button)
            self.options_box.addWidget(button)
            self.buttons.append(button)
        self.back.setEnabled(number > 1)
        self.next.setText("Xem lại bài  ▶" if number == total else "Câu sau  ▶")
        self.next.setFocus()

    def chosen(self) -> list[int]:
        return sorted(int(b.property("option_index")) for b in self.buttons if b.isChecked())

    def _clicked(self) -> None:
        if self.question is not None:
            self.answered.emit(self.question.key, self.chosen())

    def mark_saved(self, ok: bool, message: str = "") -> None:
        self.saved.setText("✓ Đã lưu câu trả lời" if ok else f"Chưa lưu được: {message}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text().upper()
        number = None
        if text and "A" <= text <= "Z":
            number = ord(text) - ord("A")
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            number = key - Qt.Key.Key_1
        if number is not None and number < len(self.buttons):
            self.buttons[number].click()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.next_requested.emit()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp) and self.back.isEnabled():
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
