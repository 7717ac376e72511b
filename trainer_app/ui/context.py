"""What the composition root (app.py) hands to the UI: the data folder, the current
workspace, the app-wide events, and callbacks for the things only the app may do
(closing and reopening the workspace around a restore)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer_app.datadir import DataDir
from trainer_app.ui.events import AppEvents

if TYPE_CHECKING:  # these pull in SQLAlchemy: not imported before the window shows
    from trainer_app.services.workspace.backup import RestoreResult
    from trainer_app.services.workspace.opening import Workspace

RestoreCallback = Callable[[Path], "RestoreResult"]


class AppContext:
    """Shared by the shell and its pages. The workspace may be replaced (after a restore),
    so views ask for ``ctx.factory`` each time instead of keeping it."""

    def __init__(
        self,
        data_dir: DataDir,
        workspace: Workspace,
        events: AppEvents,
        restore_backup: RestoreCallback | None = None,
    ) -> None:
        self.data_dir = data_dir
        self._workspace = workspace
        self.events = events
        self._restore_backup = restore_backup
        # The phone quiz (ui/phone_quiz/phone_quiz.PhoneQuiz) once a page has opened one:
        # the main window asks before closing while it serves.
        self.phone_quiz: Any = None

    @property
    def workspace(self) -> Workspace:
        return self._workspace

    @property
    def factory(self) -> Any:
        # A sessionmaker; typed loosely because ui/ must not import sqlalchemy, even for types.
        # On SQLite the first call imports SQLAlchemy (a page other than Tổng quan).
        return self._workspace.session_factory

    @property
    def reads(self) -> Any:
        """For the plain-SQL readers (settings, Tổng quan's figures): on SQLite they need no
        SQLAlchemy, which keeps the start light (``db.plain_reads``)."""
        return self._workspace.reads

    def replace_workspace(self, workspace: Workspace) -> None:
        """Called by the app after it reopened the workspace."""
        self._workspace = workspace

    def set_restore_callback(self, callback: RestoreCallback) -> None:
        self._restore_backup = callback

    def restore_backup(self, path: Path) -> RestoreResult:
        """Close the workspace, restore ``path``, reopen; done by the app's callback."""
        if self._restore_backup is None:
            raise RuntimeError("no restore callback installed")
        return self._restore_backup(path)

    @property
    def log_dir(self) -> Path:
        return self.data_dir.logs_dir
