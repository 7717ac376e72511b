"""The card a page shows when it has nothing yet: what to do next, with the buttons for it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout


def empty_state_card(title: str, text: str,
                     buttons: Sequence[QPushButton]) -> tuple[QFrame, QLabel]:
    """The card and its title label (pages change the title when a filter hides everything)."""
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 12)
    heading = paragraph(title, "h2")
    layout.addWidget(heading)
    layout.addWidget(paragraph(text))
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return card, heading
