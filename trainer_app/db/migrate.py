"""Schema version checks (stdlib only, fast) and Alembic upgrades (imported only when needed)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trainer_app.db.sqlite_raw import connect_raw

# The newest revision this version of the app knows. A test checks it equals Alembic's head.
HEAD_REVISION = "0005"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class MigrationError(Exception):
    """Migration left broken foreign keys or failed; the pre-migration backup is kept."""


@dataclass(frozen=True)
class SchemaState:
    revision: str | None  # None: no schema yet (new, empty database)
    has_tables: bool

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD_REVISION

    @property
    def is_newer(self) -> bool:
        return self.revision is not None and self.revision not in KNOWN_REVISIONS

    @property
    def is_behind(self) -> bool:
        return self.revision is None or (
            self.revision in KNOWN_REVISIONS and self.revision != HEAD_REVISION
        )

    @property
    def is_foreign(self) -> bool:
        """Tables but no version: some other program's database."""
        return self.revision is None and self.has_tables


def read_schema_state(db_path: Path) -> SchemaState:
    conn = connect_raw(db_path)
    try:
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not str(row[0]).startswith("sqlite_")
        }
        if "alembic_version" not in tables:
            return SchemaState(None, bool(tables))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return SchemaState(row[0] if row else None, True)
    finally:
        conn.close()


def upgrade_to_head(db_path: Path, revision: str = "head") -> None:
    """Run Alembic up to head (or `revision`) on a connection without foreign keys, then
    check them."""
    from alembic import command
    from alembic.config import Config

    from trainer_app.db.engine import make_engine

    engine = make_engine(db_path, for_migration=True)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        with engine.connect() as connection:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise MigrationError(f"foreign_key_check found {len(problems)} broken references")
    finally:
        engine.dispose()


# Only these primary result codes mean the file itself is damaged. Busy, locked, I/O,
# out-of-memory or "cannot open" say nothing about the file: never move it aside for them.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself, not by SQLite
        return False
    return (int(code) & 0xFF) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def integrity_ok(db_path: Path) -> tuple[bool, str]:
    """`PRAGMA quick_check(1)`: (ok, first problem or 'ok').

    Errors other than corruption (busy, locked, I/O) are raised, not reported as damage."""
    try:
        conn = connect_raw(db_path)
        # A damaged file's report can quote bytes that are not UTF-8: never fail on them.
        conn.text_factory = lambda data: data.decode("utf-8", "replace")
        try:
            row = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise
        return False, str(exc)
    except UnicodeDecodeError:  # SQLite's own error message quoted bytes of a damaged page
        return False, "malformed database (text that is not UTF-8)"
    result = str(row[0]) if row else "no result"
    return result == "ok", result
