"""What the room sees while phones answer: a large QR code, the address written under it,
the room code for those who type; live "23/31 đã nộp bài" and, per question, how many have
answered. After the test: the answer distribution per question (bars, the right answer
marked with a word, not only a colour), to discuss the questions most people got wrong.
No names, no leaderboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ProjectorView"]

QSS = """
QWidget#phoneProjector { background: #0b2545; }
QWidget#phoneProjector QLabel { color: #ffffff; background: transparent; }
QWidget#phoneProjector QLabel[role="accent"] { color: #ffd166; }
QWidget#phoneProjector QLabel[role="muted"] { color: #d0d8e8; }
QWidget#phoneProjector QLabel#qr { background: #ffffff; padding: 12px; }
QWidget#phoneProjector QProgressBar { background: #1d3b66; border: 1px solid #d0d8e8;
    border-radius: 4px; color: #ffffff; text-align: center; }
QWidget#phoneProjector QProgressBar::chunk { background: #56b4e9; }
QWidget#phoneProjector QProgressBar[right="true"]::chunk { background: #009e73; }
QWidget#phoneProjector QScrollArea, QWidget#phoneProjector QScrollArea > QWidget > QWidget {
    background: transparent; }
"""


def _label(text: str = "", size: int = 28, bold: bool = False, role: str = "") -> QLabel:
    label = QLabel(text)
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class ProjectorView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("phoneProjector")
        self.setWindowTitle("Làm bài trên điện thoại — màn chiếu")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(QSS)
        self.title = _label(title, 34, True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QLabel()
        self.qr.setObjectName("qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step1 = _label("1. Nối điện thoại vào Wi-Fi của phòng", 24, role="muted")
        self.step2 = _label("2. Mở camera hoặc Zalo, quét mã", 24, role="muted")
        self.address = _label("", 22, True, "accent")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = _label("", 28, True)
        self.notice = _label("", 22, True, "accent")
        self.notice.hide()
        self.count = _label("0/0", 110, True, "accent")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_words = _label("đã nộp bài", 36)
        self.count_words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.joined = _label("", 26, role="muted")
        self.joined.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars_box = QWidget()
        self.bars = QGridLayout(self.bars_box)
        self.bars.setHorizontalSpacing(14)
        self.bars.setVerticalSpacing(6)
        left = QVBoxLayout()
        left.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.address)
        left.addWidget(self.code)
        left.addWidget(self.step1)
        left.addWidget(self.step2)
        left.addWidget(self.notice)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.count)
        right.addWidget(self.count_words)
        right.addWidget(self.joined)
        right.addWidget(self.bars_box)
        right.addStretch(1)
        live = QWidget()
        row = QHBoxLayout(live)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.spread = self._new_spread()
        self.pages = QStackedWidget()
        self.pages.addWidget(live)
        self.pages.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        self.question_count = 0
        self.showing_distribution = False

    # --- live ---------------------------------------------------------------------------

    def set_link(self, url: str, address: str, code: str, qr_png: bytes,
                 changed: bool = False) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png, "PNG")
        self.qr.setPixmap(pixmap.scaled(420, 420, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.FastTransformation))
        self.qr.setToolTip(url)
        self.address.setText(url)
        self.code.setText(f"Hoặc gõ {address} — mã phòng: {code[:3]} {code[3:]}")
        self.notice.setVisible(changed)
        self.notice.setText("Địa chỉ đã đổi (mạng Wi-Fi của máy tính thay đổi): hãy quét lại "
                            "mã mới." if changed else "")

    def set_status(self, status: Any) -> None:
        """``status``: a LiveStatus."""
        self.count.setText(f"{status.submitted}/{status.expected}")
        answering = status.joined - status.submitted
        self.joined.setText(f"{answering} người đang làm bài")
        if status.question_count != self.question_count:
            self._make_bars(status.question_count)
        top = max(status.expected, status.joined, 1)
        for number, answered in enumerate(status.answered):
            bar = self.bars.itemAtPosition(number // 2, (number % 2) * 2 + 1).widget()
            assert isinstance(bar, QProgressBar)
            bar.setMaximum(top)
            bar.setValue(answered)
            bar.setFormat(f"{answered}")

    def _make_bars(self, count: int) -> None:
        while self.bars.count():
            item = self.bars.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for number in range(count):
            label = _label(f"Câu {number + 1}", 20, role="muted")
            label.setWordWrap(False)
            bar = QProgressBar()
            bar.setMinimumHeight(26)
            bar.setTextVisible(True)
            self.bars.addWidget(label, number // 2, (number % 2) * 2)
            self.bars.addWidget(bar, number // 2, (number % 2) * 2 + 1)
        self.question_count = count

    def count_text(self) -> str:
        return f"{self.count.text()} {self.count_words.text()}"

    # --- after the test -------------------------------------------------------------------

    def show_distribution(self, on: bool) -> None:
        self.showing_distribution = on
        self.pages.setCurrentIndex(1 if on else 0)

    def _new_spread(self) -> QVBoxLayout:
        """A fresh page for the distribution (the scroll area deletes the old one)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setSpacing(8)
        self.scroll.setWidget(box)
        return layout

    def set_distribution(self, spreads: list[Any]) -> None:
        """``spreads``: QuestionSpread per question; the most-missed first."""
        self.spread = self._new_spread()
        ordered = sorted(spreads, key=lambda s: (s.right / s.answered) if s.answered else 2)
        for spread in ordered:
            share = f"{round(100 * spread.right / spread.answered)}% đúng" if spread.answered \
                else "chưa có bài nộp"
            head = _label(f"Câu {spread.number}: {spread.text}  ({share})", 22, True)
            self.spread.addWidget(head)
            top = max(spread.answered, 1)
            for option in spread.options:
                line = QWidget()
                row = QHBoxLayout(line)
                row.setContentsMargins(24, 0, 0, 0)
                mark = "✓ ĐÚNG" if option.correct else ""
                text = _label(f"{option.letter}. {option.text}", 19,
                              option.correct, "accent" if option.correct else "")
                bar = QProgressBar()
                bar.setMaximum(top)
                bar.setValue(option.count)
                bar.setFormat(f"{option.count} {mark}".strip())
                bar.setProperty("right", "true" if option.correct else "false")
                bar.setFixedWidth(260)
                bar.setMinimumHeight(26)
                row.addWidget(text, 1)
                row.addWidget(bar)
                self.spread.addWidget(line)
        self.spread.addStretch(1)

    def distribution_text(self) -> str:
        """Everything the distribution page reads (for tests)."""
        parts = []
        for index in range(self.spread.count()):
            widget = self.spread.itemAt(index).widget()
            if isinstance(widget, QLabel):
                parts.append(widget.text())
            elif widget is not None:
                parts.extend(w.text() for w in widget.findChildren(QLabel))
                parts.extend(w.format() for w in widget.findChildren(QProgressBar))
        return "\n".join(parts)
