"""Is a file an SQLite database at all? Looks at the first bytes only (no sqlite3 import)."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def plainly_unusable(path: Path) -> bool:
    """An existing file that is empty or not SQLite: damaged, before any deeper check."""
    try:
        return path.exists() and (path.stat().st_size == 0 or not has_sqlite_header(path))
    except OSError:
        return True
