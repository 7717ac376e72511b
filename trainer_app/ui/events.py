"""The app-wide signals: after a service call that changes data, the UI emits
``data_changed(kind)`` once and every page refreshes itself. Pages never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# Kinds of change. "*" means everything may have changed (e.g. after a restore).
ALL = "*"
ORG = "org"
PREFERENCES = "preferences"
BACKUP = "backup"
PEOPLE = "people"
EXCHANGE = "exchange"  # stations' packages imported


class AppEvents(QObject):
    data_changed = Signal(str)
    # A page asks the shell to show another page (by key); pages never hold each other.
    navigate_requested = Signal(str)
    # A short, non-blocking note for the status bar ("Đã sao lưu: …").
    status_message = Signal(str)


def concerns(kind: str, *interesting: str) -> bool:
    """True when a change of ``kind`` may affect a view interested in ``interesting``."""
    return kind == ALL or kind in interesting
