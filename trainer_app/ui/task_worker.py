"""The worker side of ``ui.tasks``: what a task function is given (``progress``, ``cancel``),
how it says it stopped (``TaskCancelled``), and the runnable that calls it on a pool thread
and hands everything back through queued signals. It never touches a widget."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Signal

from trainer_app.services.errors import UserError

__all__ = ["PROGRESS_INTERVAL_S", "CancelFn", "ProgressFn", "TaskCancelled", "TaskFn",
           "TaskRunnable", "TaskSignals", "is_cancellation", "raise_if_cancelled"]

T = TypeVar("T")

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second reach the GUI thread



class ProgressFn(Protocol):
    """What ``fn`` gets to report with; also fits the services' ``(done, total)`` callback."""

    def __call__(self, done: int, total: int, text: str | None = None) -> None: ...


CancelFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelFn], T]


class TaskCancelled(Exception):
    """Raised by a task function that stopped because ``cancel()`` became true."""


def is_cancellation(exc: BaseException) -> bool:
    return isinstance(exc, TaskCancelled) or (
        isinstance(exc, UserError) and exc.code == "cancelled")


def raise_if_cancelled(cancel: CancelFn) -> None:
    if cancel():
        raise TaskCancelled


class TaskSignals(QObject):
    """Lives on the GUI thread; the worker emits, so every slot runs queued on the GUI
    thread. Payloads are plain objects (no int overflow, no bools: see qt_workarounds)."""

    progress = Signal(object)  # (done, total, text | None)
    succeeded = Signal(object)  # fn's result
    failed = Signal(object)  # the exception


class TaskRunnable(QRunnable):
    """Deleted by the pool after ``run`` (auto-delete): nothing touches it once started."""

    def __init__(self, fn: TaskFn[Any], signals: TaskSignals, cancel: threading.Event,
                 ended: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._cancel = cancel
        self._ended = ended  # set on the worker when fn has returned or raised
        self._last_emit = 0.0
        self._last_text: str | None = None

    def _progress(self, done: int, total: int, text: str | None = None) -> None:
        now = time.monotonic()
        new_text = text is not None and text != self._last_text
        complete = total > 0 and done >= total
        if not (new_text or complete or now - self._last_emit >= PROGRESS_INTERVAL_S):
            return
        self._last_emit = now
        if text is not None:
            self._last_text = text
        self._signals.progress.emit((int(done), int(total), text))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel.is_set)
        except BaseException as exc:  # delivered to the GUI thread, which decides
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)
        finally:
            self._ended.set()

