"""Where the data lives: --data-dir, TRAINER_APP_DATA, a portable data/ folder, or the user's
data folder. Knows nothing of Qt or the database."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

ENV_VAR = "TRAINER_APP_DATA"
DB_FILENAME = "trainer.db"


class DataDirSource(StrEnum):
    ARGUMENT = "argument"
    ENVIRONMENT = "environment"
    PORTABLE = "portable"
    USER = "user"


@dataclass(frozen=True)
class DataDir:
    root: Path
    source: DataDirSource

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def media_dir(self) -> Path:
        return self.root / "media"

    @property
    def lock_path(self) -> Path:
        return self.root / "trainer-app.lock"

    @property
    def ui_settings_path(self) -> Path:
        return self.root / "window.ini"


def portable_dir() -> Path | None:
    """A `data/` folder beside the executable means portable mode (a USB stick)."""
    exe = Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0]).resolve()
    candidate = exe.parent / "data"
    return candidate if candidate.is_dir() else None


def resolve_data_dir(argument: str | None = None) -> DataDir:
    if argument:
        return DataDir(Path(argument).expanduser().resolve(), DataDirSource.ARGUMENT)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return DataDir(Path(env).expanduser().resolve(), DataDirSource.ENVIRONMENT)
    portable = portable_dir()
    if portable is not None:
        return DataDir(portable, DataDirSource.PORTABLE)
    from platformdirs import user_data_dir

    return DataDir(Path(user_data_dir("trainer-app", appauthor=False)), DataDirSource.USER)
