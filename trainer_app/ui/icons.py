"""The app's one icon set: simple line icons drawn here as SVG (24×24, 2 px strokes), so every
icon has the same style and ships inside the package. Each icon gets a colour per state so it
stays visible on the dark navigation bar and on the white selected row."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SHAPES: dict[str, str] = {
    "overview": '<path d="M3 11 L12 3 L21 11"/><path d="M5 9.5 V21 H10 V15 H14 V21 H19 V9.5"/>',
    "sessions": '<rect x="3" y="5" width="18" height="16" rx="2"/>'
                '<path d="M3 10 H21 M8 3 V7 M16 3 V7 M7 14 H9 M11 14 H13 M15 14 H17 M7 17.5 H9'
                ' M11 17.5 H13"/>',
    "attendance": '<rect x="5" y="4" width="14" height="18" rx="2"/>'
                  '<path d="M9 2.5 H15 V6 H9 Z"/><path d="M8.5 13.5 L11 16 L16 10.5"/>',
    "library": '<rect x="2" y="4" width="20" height="14" rx="2"/>'
               '<path d="M10 8 L15 11 L10 14 Z"/><path d="M8 21 H16"/>',
    "questions": '<circle cx="12" cy="12" r="9.5"/>'
                 '<path d="M9.3 9.3 A2.8 2.8 0 1 1 13.4 11.7 C12.4 12.3 12 12.9 12 14.2"/>'
                 '<circle cx="12" cy="17.4" r="0.9" fill="{c}"/>',
    "people": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20 C2.5 16 5.5 14 9 14'
              ' C12.5 14 15.5 16 15.5 20"/><circle cx="17" cy="9" r="2.6"/>'
              '<path d="M16.5 14.2 C19.5 14 21.5 16 21.5 19.5"/>',
    "reports": '<path d="M6 2 H14 L19 7 V22 H6 Z"/><path d="M14 2 V7 H19"/>'
               '<path d="M9 12 H16 M9 15.5 H16 M9 19 H13"/>',
    "settings": '<path d="M3 6 H21 M3 12 H21 M3 18 H21"/>'
                '<circle cx="8" cy="6" r="2.4" fill="{c}"/><circle cx="16" cy="12" r="2.4"'
                ' fill="{c}"/><circle cx="10" cy="18" r="2.4" fill="{c}"/>',
    "backup": '<path d="M12 3 V15 M7 10 L12 15 L17 10"/><path d="M4 17 V21 H20 V17"/>',
    "info": '<circle cx="12" cy="12" r="9.5"/><path d="M12 11 V17"/>'
            '<circle cx="12" cy="7.5" r="0.9" fill="{c}"/>',
}

NAV_NORMAL = "#ffffff"
NAV_SELECTED = "#0b3d6e"
INK = "#0b3d6e"


def _svg(name: str, colour: str) -> bytes:
    body = _SHAPES[name].replace("{c}", colour)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        f'stroke="{colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        f"{body}</svg>"
    ).encode()


def _pixmap(name: str, colour: str, size: int) -> QPixmap:
    return _render(_svg(name, colour), size)


def _render(svg: bytes, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


class _SvgIconEngine(QIconEngine):
    """Renders an icon at the size and mode asked for, when asked (start-up stays fast)."""

    def __init__(self, name: str, colour: str, selected_colour: str | None) -> None:
        super().__init__()
        self.name, self.colour, self.selected_colour = name, colour, selected_colour
        self._cache: dict[tuple[int, bool], QPixmap] = {}

    def _colour(self, mode: QIcon.Mode) -> str:
        if mode == QIcon.Mode.Selected and self.selected_colour:
            return self.selected_colour
        return self.colour

    def pixmap(self, size: QSize, mode: QIcon.Mode, _state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, mode == QIcon.Mode.Selected)
        if key not in self._cache:
            self._cache[key] = _pixmap(self.name, self._colour(mode), side)
        return self._cache[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self.name, self.colour, self.selected_colour)


@cache
def icon(name: str, colour: str = INK, selected_colour: str | None = None) -> QIcon:
    """An icon by name; ``selected_colour`` is used when its list row is selected."""
    return QIcon(_SvgIconEngine(name, colour, selected_colour))


def nav_icon(name: str) -> QIcon:
    return icon(name, NAV_NORMAL, NAV_SELECTED)


# The app's own icon (window, taskbar, and the Windows .exe/.ico made by freeze/make_icon.py):
# the attendance clipboard of the set above, white on a navy tile, so it reads on any background.
APP_ICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    f'<rect x="0.5" y="0.5" width="23" height="23" rx="5" fill="{INK}"/>'
    '<g transform="translate(3.6 3.3) scale(0.7)" fill="none" stroke="#ffffff" '
    'stroke-width="2.3" stroke-linecap="round" stroke-linejoin="round">'
    + _SHAPES["attendance"] + "</g></svg>"
)


def app_icon_pixmap(size: int) -> QPixmap:
    return _render(APP_ICON_SVG.encode(), size)


class _AppIconEngine(_SvgIconEngine):
    def __init__(self) -> None:
        super().__init__("attendance", INK, None)

    def pixmap(self, size: QSize, mode: QIcon.Mode, _state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        if (side, False) not in self._cache:
            self._cache[(side, False)] = app_icon_pixmap(side)
        return self._cache[(side, False)]

    def clone(self) -> QIconEngine:
        return _AppIconEngine()


@cache
def app_icon() -> QIcon:
    """The window and taskbar icon: the same drawing as the built executable's icon."""
    return QIcon(_AppIconEngine())


def names() -> list[str]:
    return list(_SHAPES)
