"""The window the room sees. Full screen on the projector; with a single screen (or a
projector that only duplicates the laptop) it is full screen on the laptop and the
trainer drives it by keyboard (Page Down/Up as presentation remotes send, B for black,
Esc to leave) or a small bar that shows when the mouse moves."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from trainer_app.ui.presenter.slides import PRESENTER_QSS, Slide, build_slide, fit_slide

BAR_HIDE_MS = 3000


class PresenterWindow(QWidget):
    next_requested = Signal()
    back_requested = Signal()
    black_requested = Signal()
    leave_requested = Signal()
    media_requested = Signal()

    def __init__(self, *, with_bar: bool) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.setWindowTitle("Trình chiếu")
        self.setStyleSheet(PRESENTER_QSS)
        self.setMouseTracking(True)
        self.slide: Slide | None = None
        self.holder = QWidget()
        self.holder.setMouseTracking(True)
        self.stack = QStackedLayout(self.holder)
        self.bar = QFrame(self)
        self.bar.setObjectName("presenterBar")
        self.bar.setStyleSheet("QFrame#presenterBar { background: rgba(0,0,0,160); }"
                               "QPushButton { font-size: 16pt; padding: 6px 14px; }")
        row = QHBoxLayout(self.bar)
        for text, signal in (("◀ Lùi (Page Up)", self.back_requested),
                             ("Tiếp (Page Down) ▶", self.next_requested),
                             ("Màn hình đen (B)", self.black_requested),
                             ("Thoát trình chiếu (Esc)", self.leave_requested)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(signal)
            row.addWidget(button)
        self.with_bar = with_bar
        self.bar.hide()
        self.hide_bar = QTimer(self)
        self.hide_bar.setSingleShot(True)
        self.hide_bar.setInterval(BAR_HIDE_MS)
        self.hide_bar.timeout.connect(self.bar.hide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.holder)

    def show_slide(self, slide: Slide) -> None:
        if slide == self.slide:
            return
        self.slide = slide
        old = self.stack.currentWidget()
        page = build_slide(slide)
        page.setMouseTracking(True)
        fit_slide(page, self.width(), self.height())
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.setProperty("black", "true" if slide.kind == "black" else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def text(self) -> str:
        """Everything the room reads now (for tests and the trainer's preview)."""
        if self.slide is None:
            return ""
        s = self.slide
        pairs = [f"{number} — {label}" for number, label in s.pairs]
        return "\n".join(x for x in (s.kicker, s.title, s.big, *pairs, *s.lines, s.footer) if x)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        page = self.stack.currentWidget()
        if page is not None:
            fit_slide(page, self.width(), self.height())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.with_bar:
            self.bar.setGeometry(0, self.height() - 70, self.width(), 70)
            self.bar.show()
            self.bar.raise_()
            self.hide_bar.start()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.next_requested.emit()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.back_requested.emit()
        elif key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.black_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        elif key in (Qt.Key.Key_P, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.media_requested.emit()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # the trainer leaves run mode; the window never closes on its own
        self.leave_requested.emit()
