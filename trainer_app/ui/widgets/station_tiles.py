"""Tổng quan at the centre: one tile per station that sent packages — people trained this
year, khu phố covered, the last package's date; a station late with its package is in red
and says so in words (never colour alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from trainer_app.ui import style
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:  # the exchange service (SQLAlchemy) loads only at a centre with stations
    from trainer_app.services.exchange.district import StationTile

TILE_WIDTH = 330


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100):d}%"


class StationTileWidget(QFrame):
    def __init__(self, tile: StationTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setObjectName(f"station_{tile.code}")
        self.setFixedWidth(TILE_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(paragraph(f"{tile.code} — {tile.name}", "h2"))
        self.people = QLabel(f"{tile.people} người được tập huấn trong năm")
        self.coverage = QLabel(f"Khu phố đã có người tập huấn: {tile.hoods_covered}/"
                               f"{tile.hoods_total} ({_share(tile.coverage)})")
        last = f"{tile.last_package:%d/%m/%Y}" if tile.last_package else "chưa có"
        self.last = QLabel(f"Gói số liệu gần nhất: {last}"
                           + (" — CHẬM GỬI SỐ LIỆU" if tile.late else ""))
        self.last.setWordWrap(True)
        style.set_role(self.last, "error" if tile.late else "muted")
        for label in (self.people, self.coverage, self.last):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.fit()

    def fit(self) -> None:
        """Wrapped labels: the tile's height for its fixed width (once the stylesheet's fonts
        apply), so the flow never clips it."""
        self.ensurePolished()
        for child in self.findChildren(QLabel):
            child.ensurePolished()
        layout = self.layout()
        if layout is not None:
            self.setMinimumHeight(layout.totalHeightForWidth(TILE_WIDTH))

    def sizeHint(self) -> QSize:
        return QSize(TILE_WIDTH, self.minimumHeight())


class StationTiles(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.tiles: list[StationTileWidget] = []
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)  # the tiles wrap: taller when narrower
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 480)
        return QSize(width, self.heightForWidth(width))

    def set_tiles(self, tiles: list[StationTile]) -> None:
        for widget in self.tiles:
            self.flow.removeWidget(widget)
            widget.deleteLater()
        self.tiles = [StationTileWidget(t, self) for t in tiles]
        for widget in self.tiles:
            self.flow.addWidget(widget)
        self._fit(self.width())

    def _fit(self, width: int) -> None:
        """As tall as the wrapped rows of tiles (layouts above do not ask heightForWidth)."""
        for tile in self.tiles:
            tile.fit()
        self.setMinimumHeight(self.flow.heightForWidth(max(width, TILE_WIDTH)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit(self.width())
