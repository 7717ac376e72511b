"""A small bar chart over the last sessions (pass rate, or the gain from pre- to post-test),
with the value written on each bar and the date under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer_app.services.reporting.dashboard import SessionTrend


class TrendChart(QWidget):
    def __init__(self, value: Callable[[SessionTrend], float | None], top: float,
                 label: Callable[[float], str], colour: str = "#0b3d6e") -> None:
        super().__init__()
        self.value = value
        self.top = top
        self.label = label
        self.colour = QColor(colour)
        self.trend: list[SessionTrend] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(150)

    def set_trend(self, trend: list[SessionTrend]) -> None:
        self.trend = trend
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 150)

    def bars(self) -> list[tuple[str, float | None]]:
        return [(f"{t.held_on:%d/%m}", self.value(t)) for t in self.trend]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        bars = self.bars()
        if not bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Chưa có buổi nào có kết quả kiểm tra.")
            painter.end()
            return
        metrics = painter.fontMetrics()
        base = self.height() - metrics.height() - 4
        usable = base - metrics.height() - 6
        step = self.width() / len(bars)
        for n, (day, value) in enumerate(bars):
            x = int(n * step + step * 0.15)
            width = max(4, int(step * 0.7))
            painter.setPen(QColor("#333333"))
            painter.drawText(QRect(int(n * step), base + 2, int(step), metrics.height() + 2),
                             Qt.AlignmentFlag.AlignCenter, day)
            if value is None:
                painter.drawText(QRect(int(n * step), base - metrics.height(), int(step),
                                       metrics.height()), Qt.AlignmentFlag.AlignCenter, "–")
                continue
            height = int(usable * max(0.0, min(value, self.top)) / self.top)
            painter.fillRect(QRect(x, base - height, width, height), self.colour)
            painter.drawText(QRect(int(n * step), base - height - metrics.height() - 2,
                                   int(step), metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, self.label(value))
        painter.drawLine(0, base, self.width(), base)
        painter.end()
