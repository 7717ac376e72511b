"""Where the data lives: --data-dir, TRAINER_APP_DATA, a portable data/ folder, or the user's
data folder; and which database: SQLite in that folder (the default) or a PostgreSQL server
named by --database-url, TRAINER_APP_DATABASE_URL or the folder's ``database-url`` file (mode
0600, written by the Settings page). Knows nothing of Qt or the database."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

ENV_VAR = "TRAINER_APP_DATA"
URL_ENV_VAR = "TRAINER_APP_DATABASE_URL"
DB_FILENAME = "trainer.db"
URL_FILENAME = "database-url"


class DataDirSource(StrEnum):
    ARGUMENT = "argument"
    ENVIRONMENT = "environment"
    PORTABLE = "portable"
    USER = "user"


@dataclass(frozen=True)
class DataDir:
    root: Path
    source: DataDirSource
    #: A PostgreSQL server's URL; None means SQLite in ``root`` (the default).
    database_url: str | None = None

    @property
    def on_server(self) -> bool:
        return self.database_url is not None

    @property
    def database_label(self) -> str:
        """What to show for the database in use: the file, or the URL without a password."""
        if self.database_url is None:
            return str(self.db_path)
        return redact_url(self.database_url)

    @property
    def url_file(self) -> Path:
        return self.root / URL_FILENAME

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


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for screens and logs)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "(địa chỉ không hợp lệ)"
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def read_url_file(root: Path) -> str | None:
    """The database URL kept in the data folder by the Settings page, if any."""
    try:
        text = (root / URL_FILENAME).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return None
    return text or None


def write_url_file(root: Path, url: str | None) -> None:
    """Keep (or with None, forget) the database URL; the file is readable by its owner only,
    since the URL may carry a password."""
    path = root / URL_FILENAME
    if url is None:
        path.unlink(missing_ok=True)
        return
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(url.strip() + "\n")
    os.replace(path.with_suffix(".tmp"), path)
    os.chmod(path, 0o600)


def _folder(argument: str | None) -> tuple[Path, DataDirSource]:
    if argument:
        return Path(argument).expanduser().resolve(), DataDirSource.ARGUMENT
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser().resolve(), DataDirSource.ENVIRONMENT
    portable = portable_dir()
    if portable is not None:
        return portable, DataDirSource.PORTABLE
    from platformdirs import user_data_dir

    return Path(user_data_dir("trainer-app", appauthor=False)), DataDirSource.USER


def resolve_data_dir(argument: str | None = None, database_url: str | None = None) -> DataDir:
    root, source = _folder(argument)
    url = (database_url or "").strip() or os.environ.get(URL_ENV_VAR, "").strip() or None
    if url is None:
        url = read_url_file(root)
    return DataDir(root, source, url)
