"""A PDF shown page by page inside a window, as wide as the pane (scroll for the rest of the
page), with "Trang 1/3" and previous / next. Pages come from ``player.pdf_document``
(pypdfium2, the app's one PDF renderer; see its docstring), redrawn when the pane is resized.
Without a document the pane shows a line of text (what to do next, or why there is none).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.player.pdf_document import PdfDocument, PdfError

__all__ = ["PdfPreview"]

RESIZE_DELAY_MS = 120


class _Area(QScrollArea):
    def __init__(self, owner: PdfPreview) -> None:
        super().__init__()
        self._owner = owner

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._owner.schedule_render()


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PdfDocument | None = None
        self.path: Path | None = None
        self.page = 0
        self.page_image = QLabel()
        self.page_image.setObjectName("previewPage")
        self.page_image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_image.setWordWrap(True)
        self.page_image.setMargin(12)
        self.area = _Area(self)
        self.area.setWidget(self.page_image)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.previous_button = QPushButton("Trang trước")
        self.previous_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button = QPushButton("Trang sau")
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)  # in a dialog: Enter is not "next page"
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPageLabel")
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESIZE_DELAY_MS)
        self._timer.timeout.connect(self.render)
        self.show_message("")

    @property
    def page_count(self) -> int:
        return self.document.page_count if self.document is not None else 0

    def show_file(self, path: Path) -> None:
        """Open ``path`` and show its first page; a file that cannot be read says why."""
        self.close_document()
        try:
            self.document = PdfDocument(Path(path))
        except PdfError as exc:
            self.show_message(exc.message)
            return
        self.path = Path(path)
        self.go(0)

    def show_message(self, text: str) -> None:
        self.close_document()
        self.page_image.setPixmap(QPixmap())
        self.page_image.setText(text)
        self._controls()

    def close_document(self) -> None:
        if self.document is not None:
            self.document.close()
        self.document = None
        self.path = None
        self.page = 0

    def go(self, page: int) -> None:
        if self.document is None:
            return
        self.page = max(0, min(page, self.document.page_count - 1))
        self._controls()
        self.render()

    def _controls(self) -> None:
        count = self.page_count
        self.page_label.setText(f"Trang {self.page + 1}/{count}" if count else "")
        self.previous_button.setEnabled(count > 0 and self.page > 0)
        self.next_button.setEnabled(count > 0 and self.page < count - 1)

    def schedule_render(self) -> None:
        if self.document is not None:
            self._timer.start()

    def render(self) -> None:
        """Draw the page as wide as the pane (minus the scroll bar)."""
        if self.document is None:
            return
        ratio = self.devicePixelRatioF()
        width = max(200, self.area.viewport().width() - 24 - self.area.verticalScrollBar()
                    .sizeHint().width())
        page_w, page_h = self.document.page_size(self.page)
        size = QSize(int(width * ratio), int(width * page_h / page_w * ratio))
        image = self.document.render(self.page, size.width(), size.height())
        qimage = QImage(image.data, image.width, image.height, image.stride,
                        QImage.Format.Format_RGB32)
        pixmap = QPixmap.fromImage(qimage.copy())  # copy: the bytes are not kept alive
        pixmap.setDevicePixelRatio(ratio)
        self.page_image.setText("")
        self.page_image.setPixmap(pixmap)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageDown:
            self.go(self.page + 1)
        elif event.key() == Qt.Key.Key_PageUp:
            self.go(self.page - 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
