"""A field that takes the width of its row and a button beside it; when the row is too
narrow for both (a 1024 px projector at a large text size), the button goes under the
field instead of squeezing it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

Direction = QBoxLayout.Direction


class WrapRow(QWidget):
    def __init__(self, main: QWidget, side: QWidget, *, main_letters: int = 28,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.side = side
        self.main_letters = main_letters
        self.box = QBoxLayout(Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(10)
        self.box.addWidget(main, 1)
        self.box.addWidget(side, 0, Qt.AlignmentFlag.AlignLeft)

    def needed_width(self) -> int:
        """Width below which the side widget goes under the main one."""
        main = self.main.fontMetrics().averageCharWidth() * self.main_letters
        return main + self.box.spacing() + self.side.sizeHint().width()

    def wrapped(self) -> bool:
        return self.box.direction() == Direction.TopToBottom

    def _arrange(self, width: int) -> None:
        wanted = Direction.LeftToRight if width >= self.needed_width() else Direction.TopToBottom
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange(self.width())
