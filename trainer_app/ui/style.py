"""The app's one stylesheet and its text-size setting.

The base font is 12 pt at 100 %; Ctrl + / Ctrl - change the scale in steps of 10 %
(``Preferences.text_scale_percent``). Headings use ``QLabel[role="h1"]`` etc. in the stylesheet,
so other views can opt in with ``label.setProperty("role", "h1")``.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 12.0
DEFAULT_SCALE = 100
MIN_SCALE = 50
MAX_SCALE = 300
SCALE_STEP = 10
# A family with full Vietnamese coverage when installed (DejaVu on Debian); Qt falls back
# through fontconfig otherwise.
PREFERRED_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Arial"]

_QSS_PATH = Path(__file__).with_name("style.qss")


def clamp_scale(percent: int) -> int:
    return max(MIN_SCALE, min(MAX_SCALE, int(percent)))


def step_scale(percent: int, steps: int) -> int:
    """The next scale ``steps`` steps away, snapped to the 10 % grid and clamped."""
    snapped = round(percent / SCALE_STEP) * SCALE_STEP
    return clamp_scale(snapped + steps * SCALE_STEP)


def point_size(percent: int, factor: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * clamp_scale(percent) / 100 * factor, 1)


def build_stylesheet(percent: int) -> str:
    template = Template(_QSS_PATH.read_text(encoding="utf-8"))
    return template.substitute(
        nav=point_size(percent, 1.1),
        h1=point_size(percent, 1.6),
        h2=point_size(percent, 1.25),
        figure=point_size(percent, 2.4),
    )


def base_font(percent: int) -> QFont:
    font = QFont()
    font.setFamilies(PREFERRED_FAMILIES)
    font.setPointSizeF(point_size(percent))
    return font


def apply_style(app: QApplication, percent: int) -> None:
    """Set the app-wide font and stylesheet for ``percent`` text size."""
    app.setFont(base_font(percent))
    # Setting the sheet again repolishes every widget, so sizes follow the new font.
    app.setStyleSheet(build_stylesheet(percent))
    app.setProperty("textScalePercent", clamp_scale(percent))


def current_scale(app: QApplication) -> int:
    value = app.property("textScalePercent")
    return int(value) if value else DEFAULT_SCALE
