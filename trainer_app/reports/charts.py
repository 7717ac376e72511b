"""Bar charts of the reports, drawn once as plain primitives (rectangles, lines, texts in
points, origin bottom left) and rendered two ways: as a ``reportlab.graphics`` Drawing for
the PDF and as a PNG (Pillow, the same shipped font) for the Word file, so both look the
same. No matplotlib.

Each bar carries its value written above it (the chart stays readable in black and white
and to someone who cannot tell the colours apart); the legend names the series."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from trainer_app.reports.typeface import BOLD, REGULAR, font_files, register_fonts

__all__ = ["BarChart", "Series", "chart_drawing", "chart_png"]

GRID = "#c8c8c8"
INK = "#000000"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str  # "#rrggbb"


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    top: float  # the axis' top (10 for scores, 100 for percentages); raised to fit
    label: Callable[[float], str]  # the text written above a bar
    width: float = 450.0  # points
    height: float = 180.0


@dataclass(frozen=True)
class _Rect:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class _Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.5


@dataclass(frozen=True)
class _Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    anchor: str = "middle"  # start | middle | end


def _nice_step(span: float) -> float:
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _layout(chart: BarChart) -> list[_Rect | _Line | _Text]:
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    values = [v for s in chart.series for v in s.values if v is not None]
    top = max([chart.top, *values]) if values else chart.top
    bottom = min(0.0, *values) if values else 0.0
    step = _nice_step(top - bottom)
    top = math.ceil(top / step - 1e-9) * step
    bottom = math.floor(bottom / step + 1e-9) * step
    left, right, head, foot = 30.0, 6.0, 34.0, 18.0
    plot_w = chart.width - left - right
    plot_h = chart.height - head - foot
    scale = plot_h / (top - bottom or 1)

    def y_of(value: float) -> float:
        return foot + (value - bottom) * scale

    items: list[_Rect | _Line | _Text] = [
        _Text(chart.width / 2, chart.height - 12, chart.title, 11, bold=True)]
    x = left
    for series in chart.series:  # legend under the title
        items.append(_Rect(x, chart.height - 28, 9, 9, series.colour))
        items.append(_Text(x + 12, chart.height - 27, series.name, 9, anchor="start"))
        x += 24 + stringWidth(series.name, REGULAR, 9)
    tick = bottom
    while tick <= top + 1e-9:
        y = y_of(tick)
        items.append(_Line(left, y, left + plot_w, y, GRID if tick else INK, 0.5))
        items.append(_Text(left - 3, y - 3, chart.label(tick), 8, anchor="end"))
        tick += step
    items.append(_Line(left, foot, left, foot + plot_h, INK, 0.6))
    n = max(1, len(chart.categories))
    group = plot_w / n
    bar = min(40.0, group * 0.75 / max(1, len(chart.series)))
    label_size = 8 if bar >= 16 else 6.5
    every = max(1, math.ceil(n / max(1, plot_w // 34)))  # thin out crowded labels
    for i, category in enumerate(chart.categories):
        centre = left + group * (i + 0.5)
        if i % every == 0:
            items.append(_Text(centre, foot - 11, category, 8))
        start = centre - bar * len(chart.series) / 2
        for k, series in enumerate(chart.series):
            value = series.values[i] if i < len(series.values) else None
            if value is None:
                continue
            x0 = start + k * bar
            y0, y1 = sorted((y_of(0), y_of(value)))
            items.append(_Rect(x0 + 0.5, y0, bar - 1, max(0.6, y1 - y0), series.colour))
            if bar >= 9:
                y_text = y1 + 2 if value >= 0 else y0 - label_size - 1
                items.append(_Text(x0 + bar / 2, y_text, chart.label(value), label_size))
    return items


def chart_drawing(chart: BarChart) -> object:
    """The chart as a ``reportlab.graphics.shapes.Drawing`` (a flowable)."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor

    drawing = Drawing(chart.width, chart.height)
    drawing.initialFontName = REGULAR  # else the renderer starts with Helvetica
    drawing.initialFontSize = 9
    for item in _layout(chart):
        if isinstance(item, _Rect):
            drawing.add(Rect(item.x, item.y, item.w, item.h, fillColor=HexColor(item.colour),
                             strokeColor=None))
        elif isinstance(item, _Line):
            drawing.add(Line(item.x1, item.y1, item.x2, item.y2,
                             strokeColor=HexColor(item.colour), strokeWidth=item.width))
        else:
            drawing.add(String(item.x, item.y, item.text, fontName=BOLD if item.bold
                               else REGULAR, fontSize=item.size, textAnchor=item.anchor,
                               fillColor=HexColor(INK)))
    return drawing


@lru_cache(maxsize=16)
def _pil_font(bold: bool, pixels: int) -> object:
    from PIL import ImageFont

    return ImageFont.truetype(str(font_files()[BOLD if bold else REGULAR]), pixels)


def chart_png(chart: BarChart, dpi: int = 200) -> bytes:
    """The same chart as PNG bytes at ``dpi`` (for Word)."""
    from PIL import Image, ImageDraw

    k = dpi / 72
    width, height = round(chart.width * k), round(chart.height * k)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)

    def px(x: float, y: float) -> tuple[float, float]:
        return x * k, height - y * k

    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for item in _layout(chart):
        if isinstance(item, _Rect):
            x0, y1 = px(item.x, item.y)
            x1, y0 = px(item.x + item.w, item.y + item.h)
            draw.rectangle((x0, y0, x1, y1), fill=item.colour)
        elif isinstance(item, _Line):
            draw.line((*px(item.x1, item.y1), *px(item.x2, item.y2)), fill=item.colour,
                      width=max(1, round(item.width * k)))
        else:
            font = _pil_font(item.bold, round(item.size * k))
            draw.text(px(item.x, item.y), item.text, fill=INK, font=font,  # type: ignore[arg-type]
                      anchor=anchors[item.anchor])
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
