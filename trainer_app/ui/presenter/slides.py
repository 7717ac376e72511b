"""The presenter's slides: large type, high contrast, nothing but what the room needs.
Type starts large and shrinks only as far as needed for the slide to fit the screen
(``fit_slide``), so a long question never runs off a 1024×768 projector."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trainer_app.domain.quiz import letter

PRESENTER_QSS = """
QWidget#presenter { background: #0b2545; }
QWidget#presenter QLabel { color: #ffffff; background: transparent; }
QWidget#presenter QLabel[slide="kicker"] { color: #ffd166; }
QWidget#presenter QLabel[slide="big"] { color: #ffd166; }
QWidget#presenter QLabel[slide="number"] { color: #ffd166; }
QWidget#presenter QLabel[slide="small"] { color: #d0d8e8; }
QWidget#presenter[black="true"] { background: #000000; }
"""

# Point sizes at full scale, and whether bold, per role.
ROLE_FONTS: dict[str, tuple[float, bool]] = {
    "kicker": (28, False), "title": (48, True), "text": (32, False), "big": (110, True),
    "number": (64, True), "label": (28, False), "question": (40, True),
    "option": (34, False), "small": (22, False),
}
MIN_SCALE = 0.35
MARGINS = (80, 40, 80, 40)
SPACING = 18


@dataclass(frozen=True)
class Slide:
    """What to show: ``kind`` picks the layout; the rest fills it."""

    kind: str  # title | text | hotline | quiz_status | question | closing | black
    title: str = ""
    kicker: str = ""
    lines: list[str] = field(default_factory=list)
    big: str = ""
    footer: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)  # hotline: number, label


def _label(text: str, role: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter
           ) -> QLabel:
    label = QLabel(text)
    label.setProperty("slide", role)
    label.setWordWrap(True)
    label.setAlignment(align)
    return label


def build_slide(slide: Slide) -> QWidget:
    """A widget for ``slide`` (a fresh one each time: slides are cheap)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*MARGINS)
    layout.setSpacing(SPACING)
    if slide.kind == "black":
        return page
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    layout.addStretch(1)
    if slide.kicker:
        layout.addWidget(_label(slide.kicker, "kicker"))
    if slide.kind == "question":
        layout.addWidget(_label(slide.title, "question", left))
        for n, option in enumerate(slide.lines):
            layout.addWidget(_label(f"{letter(n)}.  {option}", "option", left))
    else:
        if slide.title:
            layout.addWidget(_label(slide.title, "title"))
        if slide.big:
            layout.addWidget(_label(slide.big, "big"))
        for number, text in slide.pairs:
            layout.addWidget(_label(number, "number"))
            layout.addWidget(_label(text, "label"))
        for line in slide.lines:
            layout.addWidget(_label(line, "text"))
    layout.addStretch(1)
    if slide.footer:
        layout.addWidget(_label(slide.footer, "small"))
    fit_slide(page, 1366, 768)
    return page


def _apply(labels: list[QLabel], scale: float) -> None:
    for label in labels:
        size, bold = ROLE_FONTS.get(str(label.property("slide")), (28, False))
        font = QFont(label.font())
        font.setPointSizeF(max(8.0, size * scale))
        font.setBold(bold)
        label.setFont(font)


def fit_slide(page: QWidget, width: int, height: int) -> float:
    """Largest type (up to full scale) at which every label fits ``width``×``height``
    without being cut; returns the scale used."""
    labels = page.findChildren(QLabel)
    if not labels:
        return 1.0
    inner_w = max(100, width - MARGINS[0] - MARGINS[2])
    inner_h = max(100, height - MARGINS[1] - MARGINS[3])
    scale = 1.0
    while True:
        _apply(labels, scale)
        needed = sum(label.heightForWidth(inner_w) for label in labels)
        needed += SPACING * (len(labels) - 1)
        wide = max(label.fontMetrics().horizontalAdvance(word) for label in labels
                   for word in label.text().split() or [""])
        if (needed <= inner_h and wide <= inner_w) or scale <= MIN_SCALE:
            return scale
        scale = max(MIN_SCALE, scale * 0.92)
