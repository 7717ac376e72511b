"""Errors that carry a plain Vietnamese message for the user."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Something the user can act on. `message` is Vietnamese and says what to do."""

    exit_code = 2

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class CheckFailed(UserError):
    """A check found a problem (exit code 1)."""

    exit_code = 1


class DatabaseDamaged(UserError):
    """The database file was unusable and has been moved aside (never deleted)."""

    exit_code = 1

    def __init__(
        self, message: str, *, code: str, moved_to: Path | None, newest_backup: Path | None
    ) -> None:
        super().__init__(message, code=code)
        self.moved_to = moved_to
        self.newest_backup = newest_backup
