"""Reading the database with plain SQL, with or without SQLAlchemy.

The first page (Tổng quan) and the settings it shows are read with a handful of plain
queries. On a SQLite workspace they go through the standard library's ``sqlite3``, so the
app shows its first page with data before SQLAlchemy and our models are imported: that import
is most of the start's time and a third of its memory (``bench/bench_startup.py``). On a
PostgreSQL server, and wherever a session factory is at hand (the command line, the tests),
the very same queries go through a SQLAlchemy session: one text of each query for both.

Rules for the queries: named parameters (``:name``), which both ``sqlite3`` and SQLAlchemy's
``text()`` take; booleans written ``NOT col``; enum values passed as parameters; dates passed
as ``date`` (``SqliteFile`` turns them into the ISO text SQLite holds) and read back with
``as_date`` (PostgreSQL gives ``date``, SQLite gives text).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from trainer_app.db.sqlite_raw import connect_raw

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["PlainReader", "ReadSource", "SqliteFile", "as_date", "reading"]

Params = Mapping[str, object]


@dataclass(frozen=True)
class SqliteFile:
    """A workspace's SQLite database, read with the standard library alone."""

    path: Path


ReadSource: TypeAlias = "SqliteFile | sessionmaker[Session]"


class PlainReader(Protocol):
    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        """Every row of ``sql`` as plain tuples."""
        ...

    def value(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row, None when there is no row."""
        ...


def _sqlite_param(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")  # how SQLAlchemy stores a DATETIME in SQLite
    if isinstance(value, date):
        return value.isoformat()
    return value


class _SqliteReader:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        values = {k: _sqlite_param(v) for k, v in (params or {}).items()}
        return self._conn.execute(sql, values).fetchall()

    def value(self, sql: str, params: Params | None = None) -> Any:
        found = self.rows(sql, params)
        return found[0][0] if found else None


class _SessionReader:
    def __init__(self, session: Session) -> None:
        from sqlalchemy import text

        self._session = session
        self._text = text

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._session.execute(self._text(sql), dict(params or {}))]

    def value(self, sql: str, params: Params | None = None) -> Any:
        found = self.rows(sql, params)
        return found[0][0] if found else None


@contextmanager
def reading(source: ReadSource) -> Iterator[PlainReader]:
    """A reader over ``source``: every query in one snapshot of the data; nothing can be
    written through it (a SQLite file is opened read-only, and never created)."""
    if isinstance(source, SqliteFile):
        conn = connect_raw(source.path, readonly=True)
        try:
            conn.execute("BEGIN")  # one snapshot for all the reads
            yield _SqliteReader(conn)
        finally:
            conn.close()
        return
    with source() as session:
        yield _SessionReader(session)


def as_date(value: object) -> date | None:
    """A DATE column's value as ``date`` (SQLite returns text, PostgreSQL a date)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
