"""The confirm / Hủy row at the foot of the app's dialogs (Qt has no Vietnamese texts for its
standard buttons, so the app makes its own)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def confirm_cancel_row(
    on_confirm: Callable[[], object],
    on_cancel: Callable[[], object],
    confirm_text: str = "Lưu",
    *,
    primary: bool = False,
) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """A right-aligned row: the confirm button (the default, Enter) and "Hủy"."""
    confirm = QPushButton(confirm_text)
    if primary:
        confirm.setProperty("role", "primary")
    else:
        confirm.setDefault(True)
    confirm.clicked.connect(on_confirm)
    cancel = QPushButton("Hủy")
    cancel.clicked.connect(on_cancel)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(confirm)
    row.addWidget(cancel)
    return row, confirm, cancel
