"""Tổng quan at the centre: one tile per station that sent packages — people trained this
year, khu phố covered, the last package's date; a station late with its package is in red
and says so in words (never colour alone)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from trainer_app.services.exchange.district import StationTile
from trainer_app.ui import style
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100):d}%"


class StationTileWidget(QFrame):
    def __init__(self, tile: StationTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setObjectName(f"station_{tile.code}")
        self.setMinimumWidth(220)
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
            layout.addWidget(label)


class StationTiles(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.tiles: list[StationTileWidget] = []

    def set_tiles(self, tiles: list[StationTile]) -> None:
        for widget in self.tiles:
            self.flow.removeWidget(widget)
            widget.deleteLater()
        self.tiles = [StationTileWidget(t, self) for t in tiles]
        for widget in self.tiles:
            self.flow.addWidget(widget)
