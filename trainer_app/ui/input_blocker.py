"""While a task of a window runs, that window takes no mouse or keyboard input and its close
button does nothing (``ui.tasks`` installs this filter on the application)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

__all__ = ["InputBlocker"]

_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.Drop, QEvent.Type.Close,
})


class InputBlocker(QObject):
    """An application event filter that swallows user input to one window (and refuses the
    user's request to close it) while a task of that window runs. Other windows, the
    progress window among them, are untouched."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT or not isinstance(watched, QWidget):
            return False
        if not isValid(self._window) or watched.window() is not self._window:
            return False
        if kind == QEvent.Type.Close and (watched is not self._window
                                          or not event.spontaneous()):
            # Only the user's close button is refused (as Qt itself refuses it for a window
            # under a modal one); close() from code and app.quit() go on, and the quit hook
            # below stops the work before the workspace closes.
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # "the widget takes this key": no menu shortcut fires
        else:
            event.ignore()  # a close event left accepted would still close the window
        return True
