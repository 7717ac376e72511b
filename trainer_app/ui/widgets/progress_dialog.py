"""A small progress window for slow work: what is happening, a bar, and “Hủy”.

Not a ``QProgressDialog``: that one pumps the event loop inside ``setValue()`` when it is
modal (re-entrancy while a task's result is being delivered) and shows itself on its own
timer. This one only shows what it is told; ``ui/tasks.py`` decides when it appears.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

CANCEL = "Hủy"
STOPPING = "Đang dừng…"
STEPS = 1000  # bar resolution: tenths of a percent


class ProgressDialog(QDialog):
    """Window-modal when it has a parent. Escape and the close button ask to cancel (when
    cancelling is allowed) instead of closing; the owner calls ``finish()`` when the work
    ends."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(
            Qt.WindowModality.WindowModal if parent is not None
            else Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, cancellable)
        self._cancellable = cancellable
        self._stopping = False
        self._finished = False

        self.label = QLabel(title)
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(360)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first figure arrives
        self.bar.setFormat("%p%")
        self.cancel_button = QPushButton(CANCEL)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.request_cancel)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)

    @property
    def stopping(self) -> bool:
        return self._stopping

    def set_progress(self, done: int, total: int, text: str | None = None) -> None:
        """``total`` <= 0: the amount of work is unknown (a moving bar)."""
        if total > 0:
            if self.bar.maximum() != STEPS:
                self.bar.setRange(0, STEPS)
            fraction = min(max(done / total, 0.0), 1.0)
            self.bar.setValue(int(STEPS * fraction))
        elif self.bar.maximum() != 0:
            self.bar.setRange(0, 0)
        if text and not self._stopping:
            self.label.setText(text)

    def percent(self) -> int | None:
        """The shown percentage; None while the bar only says "busy"."""
        if self.bar.maximum() == 0:
            return None
        return round(100 * self.bar.value() / self.bar.maximum())

    def request_cancel(self) -> None:
        if not self._cancellable or self._stopping:
            return
        self._stopping = True
        self.cancel_button.setEnabled(False)
        self.label.setText(STOPPING)
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The work ended: hide for good and let Qt delete the window."""
        self._finished = True
        self.hide()
        self.deleteLater()

    # Until finish(), Escape (reject) and the title-bar close button only ask to cancel.
    def reject(self) -> None:
        if self._finished:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
        else:
            event.ignore()
            self.request_cancel()
