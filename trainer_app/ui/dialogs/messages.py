"""Message boxes with Vietnamese buttons (Qt ships no Vietnamese translation of its own)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

K = TypeVar("K")

CLOSE = "Đóng"
CANCEL = "Hủy"


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    return box


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
          details: str) -> None:
    box = _box(parent, icon, title, text, details)
    box.setDefaultButton(box.addButton(CLOSE, QMessageBox.ButtonRole.AcceptRole))
    box.exec()
    box.deleteLater()  # else every message stays alive as a child of the window


def show_info(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _tell(parent, QMessageBox.Icon.Information, title, text, details)


def show_warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _tell(parent, QMessageBox.Icon.Warning, title, text, details)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _tell(parent, QMessageBox.Icon.Critical, title, text, details)


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[tuple[str, K]],
    *,
    default: K | None = None,
    escape: K | None = None,
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> K | None:
    """Ask the user to pick one of ``choices`` (button text, key); None when closed."""
    box = _box(parent, icon, title, text, details)
    buttons = {}
    for label, key in choices:
        button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
        buttons[button] = key
        if key == default:
            box.setDefaultButton(button)
        if key == escape:
            box.setEscapeButton(button)
    box.exec()
    answer = buttons.get(box.clickedButton())
    box.deleteLater()
    return answer


def confirm(
    parent: QWidget | None, title: str, text: str, yes: str, no: str = CANCEL, details: str = ""
) -> bool:
    """Yes/no with the safe answer (``no``) as default and on Escape."""
    answer = choose(
        parent, title, text, [(yes, True), (no, False)], default=False, escape=False,
        details=details, icon=QMessageBox.Icon.Warning,
    )
    return bool(answer)
