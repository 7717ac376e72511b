"""Slow work off the GUI thread: a service call on ``QThreadPool``, its progress in a small
window with “Hủy”, its result (or error) back on the GUI thread.

    run_task(self, "Đang sao lưu…", lambda progress, cancel: service.work(
        ..., progress=progress, cancel=cancel), on_done=self.show_result)

``fn(progress, cancel)`` runs on a worker thread. It reports with ``progress(done, total)``
or ``progress(done, total, text)`` (``total`` <= 0: amount unknown) — the same plain callback
the services take — and polls ``cancel()``. To stop it raises ``TaskCancelled`` or the
services' ``UserError(code="cancelled")``; that outcome is quiet (``on_cancelled``). A value
``fn`` returns always reaches ``on_done``, even when “Hủy” was pressed too late to stop the
work: the work is done (an import committed, a file written), so the user must hear of it.

While the task runs, the wait cursor shows and mouse/keyboard input to the parent's window is
swallowed (no second click starts the work twice, no shortcut, no close button); the
progress window appears only when the work lasts longer than ``show_after_ms``, so quick work
does not flash a window. A ``UserError`` is shown with ``show_error`` unless ``on_error``
handles it; any other exception goes to ``sys.excepthook`` (the app's crash dialog).

The worker never touches widgets: everything it says goes through queued signals.
Database access from the worker is fine: each service call opens its own session, and the
engine's pool hands a connection to one thread at a time (see tests/ui/test_tasks.py).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from trainer_app.services.errors import UserError
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.input_blocker import InputBlocker
from trainer_app.ui.task_worker import (
    PROGRESS_INTERVAL_S,
    CancelFn,
    ProgressFn,
    TaskCancelled,
    TaskFn,
    TaskRunnable,
    TaskSignals,
    is_cancellation,
    raise_if_cancelled,
)
from trainer_app.ui.widgets.progress_dialog import ProgressDialog

# What a task function takes and raises is defined in task_worker and offered here too.
__all__ = ["PROGRESS_INTERVAL_S", "CancelFn", "Outcome", "ProgressFn", "TaskCancelled",
           "TaskFn", "TaskHandle", "is_cancellation", "raise_if_cancelled", "run_task",
           "running_tasks", "wait_all"]

log = logging.getLogger(__name__)

T = TypeVar("T")

SHOW_AFTER_MS = 400
QUIT_WAIT_S = 60.0  # at quit: how long to let running work end (a backup is never cut short)
DEFAULT_ERROR_TITLE = "Không thực hiện được"

class Outcome(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


# -- the GUI side ---------------------------------------------------------------------------

_running: set[TaskHandle[Any]] = set()
_quit_hooked: list[QCoreApplication] = []


class TaskHandle(QObject, Generic[T]):
    """One running (or ended) task. Kept alive by the module until its outcome has been
    delivered, so callers may drop it."""

    progressed = Signal(object)  # (done, total, text | None), throttled, on the GUI thread
    finished = Signal()  # after on_done / on_error / on_cancelled ran

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: TaskFn[T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[UserError], None] | None,
        on_cancelled: Callable[[], None] | None,
        error_title: str,
        cancellable: bool,
        show_after_ms: int,
    ) -> None:
        super().__init__()  # no Qt parent (it may outlive its window): _running holds it
        self.title = title
        self.cancellable = cancellable
        self._parent = parent
        self._parent_alive = True
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self._error_title = error_title
        self._cancel = threading.Event()
        self._worker_ended = threading.Event()
        self._signals = TaskSignals()
        self._runnable = TaskRunnable(fn, self._signals, self._cancel, self._worker_ended)
        self._dialog: ProgressDialog | None = None
        self._last_progress: tuple[int, int, str | None] | None = None
        self._blocker: InputBlocker | None = None
        self._cursor = False
        self.outcome = Outcome.RUNNING
        self.result: T | None = None
        self.error: BaseException | None = None
        self._delivered = False
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(max(0, show_after_ms))
        self._show_timer.timeout.connect(self._show_dialog)

    # -- public ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.outcome is Outcome.RUNNING

    @property
    def delivered(self) -> bool:
        """The outcome has been handed to on_done / on_error / on_cancelled."""
        return self._delivered

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def dialog(self) -> ProgressDialog | None:
        """The progress window, once shown (None before ``show_after_ms`` and after)."""
        return self._dialog if self._dialog is not None and isValid(self._dialog) else None

    @property
    def last_progress(self) -> tuple[int, int, str | None] | None:
        return self._last_progress

    def cancel(self) -> None:
        """Ask the work to stop (it polls the flag); the outcome still arrives by signal."""
        if self._cancel.is_set() or not self.running:
            return
        log.info("task %r: cancel requested", self.title)
        self._cancel.set()
        dialog = self.dialog
        if dialog is not None and not dialog.stopping:
            dialog.request_cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Run the event loop until the outcome is delivered (tests, a caller that must have
        the result first); True when it was within ``timeout_ms``. GUI thread only."""
        if self._delivered:
            return True
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(max(0, timeout_ms))
        if not self._delivered:
            loop.exec()
        timer.stop()
        self.finished.disconnect(loop.quit)
        return self._delivered

    def wait_for_worker(self, timeout_s: float) -> bool:
        """Block (without an event loop) until ``fn`` has returned or raised."""
        return self._worker_ended.wait(timeout_s)

    # -- start and delivery -----------------------------------------------------------------

    def _start(self) -> None:
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.progress.connect(self._progress_arrived, queued)
        self._signals.succeeded.connect(self._succeeded, queued)
        self._signals.failed.connect(self._failed, queued)
        parent = self._parent
        if parent is not None:
            parent.destroyed.connect(self._parent_destroyed)
            self._blocker = InputBlocker(parent.window())
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self._blocker)
        if isinstance(QCoreApplication.instance(), QApplication):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor = True
        _running.add(self)
        _hook_quit()
        self._show_timer.start()
        log.debug("task %r started", self.title)
        # The pool deletes the runnable after run(); the reference kept here only makes sure
        # Python does not collect it before it started. Nothing calls it again.
        QThreadPool.globalInstance().start(self._runnable)

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running or not self._parent_alive:
            return
        dialog = ProgressDialog(self.title, self._parent, cancellable=self.cancellable)
        dialog.cancel_requested.connect(self.cancel)
        if self._last_progress is not None:
            dialog.set_progress(*self._last_progress)
        if self._cancel.is_set():
            dialog.request_cancel()
        self._dialog = dialog
        dialog.show()

    @Slot(object)
    def _progress_arrived(self, payload: tuple[int, int, str | None]) -> None:
        if not self.running:
            return
        self._last_progress = payload
        dialog = self.dialog
        if dialog is not None:
            dialog.set_progress(*payload)
        self.progressed.emit(payload)

    @Slot()
    def _parent_destroyed(self) -> None:
        # The window went away (its C++ side is being destroyed): stop the work, drop the
        # progress window with it, and deliver nothing to callbacks that would touch it.
        self._parent_alive = False
        self._dialog = None
        self._remove_blocker()
        self._cancel.set()

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        self.outcome, self.result = Outcome.DONE, result
        self._end()
        if self._parent_alive:
            self._call(self._on_done, result)
        else:
            log.warning("task %r ended after its window closed; result dropped", self.title)
        self._deliver()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._end()
        if is_cancellation(exc):
            self.outcome = Outcome.CANCELLED
            log.info("task %r cancelled", self.title)
            if self._on_cancelled is not None and self._parent_alive:
                self._call(self._on_cancelled)
        elif isinstance(exc, UserError):
            self.outcome = Outcome.FAILED
            log.info("task %r refused (%s)", self.title, exc.code)
            if self._on_error is not None and self._parent_alive:
                self._call(self._on_error, exc)
            elif self._parent_alive:
                self._call(show_error, self._parent, self._error_title, exc.message)
        else:
            self.outcome = Outcome.FAILED
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self._deliver()

    def _call(self, callback: Callable[..., Any], *args: Any) -> None:
        try:
            callback(*args)
        except Exception:
            exc_type, exc, tb = sys.exc_info()
            assert exc_type is not None and exc is not None
            sys.excepthook(exc_type, exc, tb)

    def _end(self) -> None:
        """Undo what the task put on screen; before callbacks, so their messages can be
        clicked."""
        self._show_timer.stop()
        dialog = self.dialog
        self._dialog = None
        if dialog is not None:
            dialog.finish()
        self._remove_blocker()
        if self._cursor:
            QApplication.restoreOverrideCursor()
            self._cursor = False

    def _remove_blocker(self) -> None:
        blocker, self._blocker = self._blocker, None
        app = QCoreApplication.instance()
        if blocker is not None and isValid(blocker) and app is not None and isValid(app):
            app.removeEventFilter(blocker)

    def _deliver(self) -> None:
        self._delivered = True
        if self._parent is not None and self._parent_alive and isValid(self._parent):
            self._parent.destroyed.disconnect(self._parent_destroyed)
        _running.discard(self)
        self.finished.emit()


def run_task(
    parent: QWidget | None,
    title: str,
    fn: TaskFn[T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[UserError], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    error_title: str = DEFAULT_ERROR_TITLE,
    cancellable: bool = True,
    show_after_ms: int = SHOW_AFTER_MS,
) -> TaskHandle[T]:
    """Start ``fn(progress, cancel)`` on the thread pool; see the module docstring.

    ``title`` says what is happening ("Đang sao lưu…"): the progress window's title and
    first line. ``on_done(result)``, ``on_error(user_error)`` and ``on_cancelled()`` run on
    the GUI thread, after the progress window has gone; none runs once ``parent`` has been
    destroyed. Without ``on_error`` a ``UserError`` is shown in a message box titled
    ``error_title``.
    """
    handle: TaskHandle[T] = TaskHandle(
        parent, title, fn, on_done=on_done, on_error=on_error, on_cancelled=on_cancelled,
        error_title=error_title, cancellable=cancellable, show_after_ms=show_after_ms)
    handle._start()
    return handle


def running_tasks() -> tuple[TaskHandle[Any], ...]:
    return tuple(_running)


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Let every running task deliver its outcome (tests); True when none is left."""
    deadline = time.monotonic() + timeout_ms / 1000
    while _running:
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not next(iter(_running)).wait(left):
            return not _running
    return True


def _hook_quit() -> None:
    app = QCoreApplication.instance()
    if app is None or any(a is app for a in _quit_hooked):
        return
    _quit_hooked.append(app)
    app.aboutToQuit.connect(_stop_all_for_quit)


def _stop_all_for_quit() -> None:
    """At quit the workspace is closed next: let no worker still use it. Cancellable work is
    asked to stop; every worker gets up to QUIT_WAIT_S to end."""
    handles = list(_running)
    if not handles:
        return
    log.info("quitting with %d task(s) running: stopping them", len(handles))
    for handle in handles:
        if handle.cancellable:
            handle.cancel()
    deadline = time.monotonic() + QUIT_WAIT_S
    for handle in handles:
        if not handle.wait_for_worker(max(0.0, deadline - time.monotonic())):
            log.error("task %r still running at quit", handle.title)
