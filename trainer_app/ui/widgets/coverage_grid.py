"""The khu phố at a glance: one cell per khu phố with "trained / collaborators", coloured
by how many have been trained — with the words in the cell and a legend, never colour
alone. Gaps (nobody trained yet) stand out in red."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trainer_app.services.reporting.dashboard import HoodCoverage

NONE = QColor("#f4c7c3")  # nobody trained yet
SOME = QColor("#ffe3a3")  # some trained
MOST = QColor("#c8e6c9")  # 80 % or more trained
LEGEND = (("Chưa ai được tập huấn", NONE), ("Đã tập huấn một phần", SOME),
          ("Từ 80% trở lên", MOST))
CELL_W, CELL_H, GAP = 74, 44, 4


def colour(hood: HoodCoverage) -> QColor:
    if hood.trained == 0:
        return NONE
    return MOST if hood.share >= 0.8 else SOME


def cell_text(hood: HoodCoverage) -> str:
    head = f"KP {hood.number}" if hood.number is not None else hood.name[:8]
    return f"{head}\n{hood.trained}/{hood.collaborators}"


class CoverageGrid(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.hoods: list[HoodCoverage] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def set_hoods(self, hoods: list[HoodCoverage]) -> None:
        self.hoods = hoods
        self.updateGeometry()
        self.update()

    def columns(self, width: int | None = None) -> int:
        return max(1, ((width or self.width()) + GAP) // (CELL_W + GAP))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = -(-len(self.hoods) // self.columns(width)) if self.hoods else 0
        return rows * (CELL_H + GAP) + 34

    def sizeHint(self) -> QSize:
        return QSize(10 * (CELL_W + GAP), self.heightForWidth(10 * (CELL_W + GAP)))

    def minimumSizeHint(self) -> QSize:
        return QSize(4 * (CELL_W + GAP), CELL_H + 34)

    def cell_rect(self, index: int) -> QRect:
        columns = self.columns()
        row, column = divmod(index, columns)
        return QRect(column * (CELL_W + GAP), row * (CELL_H + GAP), CELL_W, CELL_H)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        for index, hood in enumerate(self.hoods):
            rect = self.cell_rect(index)
            painter.fillRect(rect, colour(hood))
            painter.setPen(QColor("#555555"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(QColor("#111111"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell_text(hood))
        rows = -(-len(self.hoods) // self.columns()) if self.hoods else 0
        x, y = 0, rows * (CELL_H + GAP) + 6
        for text, fill in LEGEND:
            painter.fillRect(QRect(x, y + 4, 16, 16), fill)
            painter.drawRect(QRect(x, y + 4, 16, 16))
            width = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(QRect(x + 22, y, width + 4, 24), Qt.AlignmentFlag.AlignVCenter,
                             text)
            x += width + 44
        painter.end()

    def hood_at(self, point: QPoint) -> HoodCoverage | None:
        for index, hood in enumerate(self.hoods):
            if self.cell_rect(index).contains(point):
                return hood
        return None

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            hood = self.hood_at(event.pos())
            if hood is not None:
                QToolTip.showText(event.globalPos(), f"{hood.name}: {hood.trained} trong số "
                                  f"{hood.collaborators} cộng tác viên đã được tập huấn", self)
                return True
        return super().event(event)
