"""A page not built yet: its title and, in one line, what it will hold. No fake data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from trainer_app.ui import icons
from trainer_app.ui.context import AppContext
from trainer_app.ui.pages.base import Page, paragraph


class PlaceholderPage(Page):
    def __init__(
        self, ctx: AppContext, title: str, coming: str, icon_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, title, parent)
        self.coming = coming
        card = QFrame()
        card.setProperty("role", "card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        picture = QLabel()
        picture.setPixmap(icons.icon(icon_name).pixmap(64, 64))
        picture.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(picture)
        headline = paragraph("Trang này đang được xây dựng.", "h2")
        layout.addWidget(headline)
        self.description = paragraph(coming)
        self.description.setObjectName("comingText")
        layout.addWidget(self.description)
        self.body_layout.addWidget(card)
        self.body_layout.addStretch(1)
