"""What state a database file is in, found without changing it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from trainer_app.db.fileformat import has_sqlite_header
from trainer_app.db.migrate import SchemaState, integrity_ok, is_corruption, read_schema_state


class DbStatus(StrEnum):
    MISSING = "missing"  # no file yet: a new workspace
    OK = "ok"
    BEHIND = "behind"  # an older schema: migrate (after a backup)
    EMPTY = "empty"  # a file of 0 bytes
    NOT_DATABASE = "not_database"  # not an SQLite file at all
    DAMAGED = "damaged"  # SQLite header, but quick_check fails
    FOREIGN = "foreign"  # an SQLite database of some other program
    NEWER = "newer"  # made by a newer version of the app
    BUSY = "busy"  # locked by another program, or unreadable for now: never moved aside


# States in which the file is unusable and must be moved aside (never overwritten).
DAMAGE_STATES = (DbStatus.EMPTY, DbStatus.NOT_DATABASE, DbStatus.DAMAGED)


@dataclass(frozen=True)
class DbHealth:
    status: DbStatus
    detail: str
    revision: str | None = None


def inspect_database(db_path: Path) -> DbHealth:
    """The file's state. Only an empty file, a file without the SQLite header, or SQLite's
    own SQLITE_CORRUPT / SQLITE_NOTADB count as damage; a busy, locked or unreadable file
    is BUSY (the caller refuses or retries, and never moves it)."""
    if not db_path.exists():
        return DbHealth(DbStatus.MISSING, "no database file")
    try:
        size = db_path.stat().st_size
        with db_path.open("rb"):
            pass
    except OSError as exc:
        return DbHealth(DbStatus.BUSY, str(exc))
    if size == 0:
        return DbHealth(DbStatus.EMPTY, "0 bytes")
    if not has_sqlite_header(db_path):
        return DbHealth(DbStatus.NOT_DATABASE, "no SQLite header")
    try:
        ok, detail = integrity_ok(db_path)
        if not ok:
            return DbHealth(DbStatus.DAMAGED, detail)
        state: SchemaState = read_schema_state(db_path)
    except UnicodeDecodeError as exc:  # names in damaged pages
        return DbHealth(DbStatus.DAMAGED, str(exc))
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return DbHealth(DbStatus.DAMAGED, str(exc))
        return DbHealth(DbStatus.BUSY, str(exc))
    if state.is_foreign:
        return DbHealth(DbStatus.FOREIGN, "tables without a schema version")
    if state.is_newer:
        return DbHealth(DbStatus.NEWER, f"schema {state.revision}", state.revision)
    if state.revision is None:
        # A valid SQLite file with no tables: treat as a new workspace.
        return DbHealth(DbStatus.MISSING, "empty SQLite database")
    if state.is_behind:
        return DbHealth(DbStatus.BEHIND, f"schema {state.revision}", state.revision)
    return DbHealth(DbStatus.OK, "ok", state.revision)
