"""Opens the workspace on a worker thread while the window is already on screen.

Opening the database (and, when the page to show needs it, importing SQLAlchemy and the
models) takes longer than showing the window; doing it here keeps the window responsive
meanwhile. Tổng quan needs no SQLAlchemy on SQLite (``db.plain_reads``): for it the import
waits until another page is opened. The result comes back as a signal on the GUI
thread. The engine's pool is emptied before handing over, so no connection made on the
worker is ever used on the GUI thread.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from trainer_app.datadir import DataDir

log = logging.getLogger(__name__)


class WorkspaceLoader(QObject):
    loaded = Signal(object)  # Workspace
    failed = Signal(object)  # the exception

    def __init__(self, data_dir: DataDir, parent: QObject | None = None, *,
                 prepare_orm: bool = False) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.prepare_orm = prepare_orm  # the first page uses the ORM: load it here
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="workspace-loader", daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            from trainer_app.services.workspace.opening import open_workspace

            workspace = open_workspace(self.data_dir)
            if self.prepare_orm:
                workspace.prepare_orm()
            workspace.release_connections()
        except Exception as exc:
            log.debug("workspace loader failed: %s", type(exc).__name__)
            self.failed.emit(exc)
            return
        self.loaded.emit(workspace)
