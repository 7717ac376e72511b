"""The app's one stylesheet and its text-size setting.

The base font is 12 pt at 100 %; Ctrl + / Ctrl - change the scale in steps of 10 %
(``Preferences.text_scale_percent``). Headings use ``QLabel[role="h1"]`` etc. in the stylesheet,
so other views can opt in with ``label.setProperty("role", "h1")``.
"""

from __future__ import annotations

import math
from pathlib import Path
from string import Template

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 12.0
DEFAULT_SCALE = 100
MIN_SCALE = 50
MAX_SCALE = 300
SCALE_STEP = 10
# Families with full Vietnamese coverage, best first. Liberation Sans (Debian's
# fonts-liberation2, metric-compatible with Arial) keeps the stacked marks of capitals
# (Ế, Ắ, Ở) within the line; DejaVu Sans draws them up to a quarter line above it, where
# Qt clips them, so "TẾ" shows as "TÊ" unless the widget has room on top (see clip_margin).
PREFERRED_FAMILIES = ["Liberation Sans", "Arial", "Segoe UI", "DejaVu Sans", "Noto Sans"]
# Capitals whose stacked diacritics rise highest.
STACKED_CAPITALS = "ẤẦẨẪẮẰẲẴẾỀỂỄỐỒỔỖỚỜỞỠỨỪỬỮ"

_QSS_PATH = Path(__file__).with_name("style.qss")


def clamp_scale(percent: int) -> int:
    return max(MIN_SCALE, min(MAX_SCALE, int(percent)))


def step_scale(percent: int, steps: int) -> int:
    """The next scale ``steps`` steps away, snapped to the 10 % grid and clamped."""
    snapped = round(percent / SCALE_STEP) * SCALE_STEP
    return clamp_scale(snapped + steps * SCALE_STEP)


def point_size(percent: int, factor: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * clamp_scale(percent) / 100 * factor, 1)


def base_font(percent: int, factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(PREFERRED_FAMILIES)
    font.setPointSizeF(point_size(percent, factor))
    font.setBold(bold)
    return font


def clip_margin(font: QFont) -> int:
    """Pixels by which Vietnamese capitals with stacked marks rise above the font's ascent.
    A label needs that much room on top, or Qt clips the marks off."""
    metrics = QFontMetricsF(font)
    top = max(-metrics.tightBoundingRect(char).top() for char in STACKED_CAPITALS)
    return max(0, math.ceil(top - metrics.ascent()) + 1)  # +1: rounding, antialiasing


def build_stylesheet(percent: int) -> str:
    template = Template(_QSS_PATH.read_text(encoding="utf-8"))
    sizes = {"nav": 1.1, "h1": 1.6, "h2": 1.25, "figure": 2.4}
    bold = {"h1", "h2", "figure"}
    values: dict[str, float | int] = {name: point_size(percent, f) for name, f in sizes.items()}
    values["pad"] = clip_margin(base_font(percent, bold=True))
    for name, factor in sizes.items():
        values[f"pad_{name}"] = clip_margin(base_font(percent, factor, name in bold))
    values["box_pad"] = max(6, int(values["pad"]) + 2)
    return template.substitute(values)


def apply_style(app: QApplication, percent: int) -> None:
    """Set the app-wide font and stylesheet for ``percent`` text size."""
    app.setFont(base_font(percent))
    # Setting the sheet again repolishes every widget, so sizes follow the new font.
    app.setStyleSheet(build_stylesheet(percent))
    app.setProperty("textScalePercent", clamp_scale(percent))


def current_scale(app: QApplication) -> int:
    value = app.property("textScalePercent")
    return int(value) if value else DEFAULT_SCALE


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's stylesheet role (``error``, ``warning``, ``ok``…) after creation."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    # unpolish()/polish() restyles colours but keeps the old padding of a shown QLabel;
    # touching the widget's own sheet makes Qt recompute the whole box.
    sheet = widget.styleSheet()
    widget.setStyleSheet(sheet + " ")
    widget.setStyleSheet(sheet)
