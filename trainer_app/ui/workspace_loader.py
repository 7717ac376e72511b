"""Opens the workspace on a worker thread while the window is being built and shown.

Importing SQLAlchemy and opening the database take longer than showing the window; doing it
here keeps the window responsive meanwhile, and lets the two overlap. The outcome comes back
on the GUI thread, to the callbacks given to ``on_outcome`` (which may be given after the
thread has started, even after it has finished). The engine's pool is emptied before handing
over, so no connection made on the worker is ever used on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from trainer_app.datadir import DataDir

log = logging.getLogger(__name__)


class WorkspaceLoader(QObject):
    loaded = Signal(object)  # Workspace
    failed = Signal(object)  # the exception

    def __init__(self, data_dir: DataDir, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._outcome: tuple[bool, Any] | None = None  # (loaded?, workspace or exception)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="workspace-loader", daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def on_outcome(self, on_loaded: Callable[[Any], None],
                   on_failed: Callable[[BaseException], None]) -> None:
        """Call ``on_loaded(workspace)`` or ``on_failed(exc)`` on the GUI thread, once. An
        outcome that came before this call is delivered at the next event-loop turn."""
        with self._lock:  # the worker records and emits under the same lock
            self.loaded.connect(on_loaded)
            self.failed.connect(on_failed)
            early = self._outcome
        if early is not None:
            ok, value = early
            QTimer.singleShot(0, lambda: on_loaded(value) if ok else on_failed(value))

    def _run(self) -> None:
        try:
            from trainer_app.services.workspace.opening import open_workspace

            workspace = open_workspace(self.data_dir)
            workspace.engine.dispose()
        except Exception as exc:
            log.debug("workspace loader failed: %s", type(exc).__name__)
            outcome: tuple[bool, Any] = (False, exc)
        else:
            outcome = (True, workspace)
        with self._lock:
            self._outcome = outcome
            (self.loaded if outcome[0] else self.failed).emit(outcome[1])
