"""What every page of the shell has: a heading, a scrollable body (so it fits 1024×768 at any
text size) and self-refresh on ``events.data_changed``. A page that is hidden when data
changes refreshes the next time it is shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from trainer_app.ui import events
from trainer_app.ui.context import AppContext


class Page(QWidget):
    #: Kinds of ``data_changed`` this page shows; ALL always counts.
    watches: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self._ready = False
        self._pending: set[str] = {events.ALL}

        self.heading = QLabel(title)
        self.heading.setProperty("role", "h1")
        self.heading.setWordWrap(True)

        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.body_layout.setSpacing(14)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 12, 12)
        outer.setSpacing(12)
        outer.addWidget(self.heading)
        outer.addWidget(self.scroll, 1)

        ctx.events.data_changed.connect(self._on_data_changed)

    # -- refresh protocol ---------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        """Reload what ``kind`` of change affects. Pages override this."""

    @property
    def ready(self) -> bool:
        return self._ready

    def set_ready(self) -> None:
        """Called by the shell once the window is on screen: data may be loaded now."""
        self._ready = True
        if self.isVisible():
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, set()
        if events.ALL in pending:
            self.refresh(events.ALL)
            return
        for kind in sorted(pending):
            self.refresh(kind)

    def _on_data_changed(self, kind: str) -> None:
        if not events.concerns(kind, *self.watches):
            return
        self._pending.add(kind)
        if self._ready and self.isVisible():
            self._flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ready and self._pending:
            self._flush()


def paragraph(text: str, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label
