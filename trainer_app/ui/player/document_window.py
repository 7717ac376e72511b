"""PDF documents page by page, each page as large as the screen allows (white page on black,
readable from the back of the room). Pages come from ``player.pdf_document`` (pypdfium2;
see its docstring for why not QtPdf), drawn again at the size of the window.

With a second screen the page shows full screen on the projector and the laptop keeps the
controls. Keys: → / Page Down / Space next page, ← / Page Up previous, Home / End, F full
screen, Esc leaves full screen or closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer_app.player.pdf_document import PdfDocument
from trainer_app.ui.player.screens import (
    ScreenLike,
    ScreenPlan,
    plan_screens,
    screen_of,
    show_full_screen_on,
    system_screens,
)

log = logging.getLogger(__name__)


class PageView(QLabel):
    """A black area showing one rendered page, centred; asks to be redrawn on resize."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.setPalette(palette)
        self.setMinimumSize(200, 150)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ProjectorPages(QWidget):
    key_pressed = Signal(object)

    def __init__(self, title: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.view = PageView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.key_pressed.emit(event)


def to_pixmap(document: PdfDocument, index: int, size: QSize) -> QPixmap:
    image = document.render(index, max(1, size.width()), max(1, size.height()))
    qimage = QImage(image.data, image.width, image.height, image.stride,
                    QImage.Format.Format_RGB32)
    return QPixmap.fromImage(qimage.copy())  # copy: the bytes object is not kept alive


class DocumentWindow(QWidget):
    closed = Signal()

    def __init__(self, document: PdfDocument, title: str, *,
                 screens: Callable[[], Sequence[ScreenLike]] = system_screens,
                 control_screen: Callable[[QWidget], ScreenLike | None] = screen_of,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Tài liệu: {title}")
        self.document = document
        self.page = 0
        self._screens, self._control_screen = screens, control_screen
        self.projector: ProjectorPages | None = None
        self.plan: ScreenPlan | None = None

        self.view = PageView()
        self.view.resized.connect(self.render)
        self.previous_button = self._button("◀ Trang trước", "Trang trước (←, Page Up)",
                                            lambda: self.go(self.page - 1))
        self.next_button = self._button("Trang sau ▶", "Trang sau (→, Page Down, phím cách)",
                                        lambda: self.go(self.page + 1))
        self.page_label = QLabel()
        self.page_label.setProperty("role", "h2")
        self.full_button = self._button("Toàn màn hình", "Toàn màn hình (F); thoát: Esc",
                                        self.toggle_full_screen)
        controls = QHBoxLayout()
        controls.addWidget(self.previous_button)
        controls.addWidget(self.page_label)
        controls.addWidget(self.next_button)
        controls.addStretch(1)
        controls.addWidget(self.full_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view, 1)
        layout.addLayout(controls)
        self.resize(900, 700)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def start(self) -> None:
        self.plan = plan_screens(list(self._screens()), self._control_screen(self))
        if self.plan.presentation is not None:
            self.projector = ProjectorPages(self.windowTitle())
            self.projector.key_pressed.connect(self.keyPressEvent)
            self.projector.view.resized.connect(self.render)
            show_full_screen_on(self.projector, self.plan.presentation)
        self.go(0)

    @property
    def target(self) -> PageView:
        return self.projector.view if self.projector is not None else self.view

    def go(self, page: int) -> None:
        self.page = max(0, min(page, self.document.page_count - 1))
        self.page_label.setText(f"Trang {self.page + 1}/{self.document.page_count}")
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.document.page_count - 1)
        self.render()

    def render(self) -> None:
        target = self.target
        size = target.size() * target.devicePixelRatioF()
        pixmap = to_pixmap(self.document, self.page, size)
        pixmap.setDevicePixelRatio(target.devicePixelRatioF())
        target.setPixmap(pixmap)
        if target is not self.view:
            self.view.setText("Đang chiếu trên màn hình máy chiếu; điều khiển ở đây.")

    def toggle_full_screen(self) -> None:
        if self.projector is not None:
            return
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.go(self.page + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.go(self.page - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(self.document.page_count - 1)
        elif key == Qt.Key.Key_F:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape:
            self.showNormal() if self.isFullScreen() else self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.document is None:
            super().closeEvent(event)
            return
        if self.projector is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.projector = None
        self.document.close()
        self.document = None  # type: ignore[assignment]
        super().closeEvent(event)
        self.closed.emit()


def open_pdf(path: Path) -> PdfDocument:
    return PdfDocument(path)
