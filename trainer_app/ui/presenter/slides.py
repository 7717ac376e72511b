"""The presenter's slides: large type, high contrast, nothing but what the room needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trainer_app.domain.quiz import letter

PRESENTER_QSS = """
QWidget#presenter { background: #0b2545; }
QWidget#presenter QLabel { color: #ffffff; background: transparent; }
QWidget#presenter QLabel[slide="kicker"] { font-size: 28pt; color: #ffd166; }
QWidget#presenter QLabel[slide="title"] { font-size: 48pt; font-weight: bold; }
QWidget#presenter QLabel[slide="text"] { font-size: 32pt; }
QWidget#presenter QLabel[slide="big"] { font-size: 110pt; font-weight: bold; color: #ffd166; }
QWidget#presenter QLabel[slide="number"] { font-size: 72pt; font-weight: bold;
    color: #ffd166; }
QWidget#presenter QLabel[slide="question"] { font-size: 40pt; font-weight: bold; }
QWidget#presenter QLabel[slide="option"] { font-size: 34pt; }
QWidget#presenter QLabel[slide="small"] { font-size: 22pt; color: #d0d8e8; }
QWidget#presenter[black="true"] { background: #000000; }
"""


@dataclass(frozen=True)
class Slide:
    """What to show: ``kind`` picks the layout; the rest fills it."""

    kind: str  # title | text | hotline | quiz_status | question | closing | black
    title: str = ""
    kicker: str = ""
    lines: list[str] = field(default_factory=list)
    big: str = ""
    footer: str = ""


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
    layout.setContentsMargins(80, 50, 80, 50)
    layout.setSpacing(24)
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
        role = "number" if slide.kind == "hotline" else "text"
        for line in slide.lines:
            layout.addWidget(_label(line, role))
    layout.addStretch(1)
    if slide.footer:
        layout.addWidget(_label(slide.footer, "small"))
    return page
