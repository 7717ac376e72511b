"""The one place that knows the store is SQLite: engine creation and connection pragmas."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from trainer_app.db.sqlite_raw import BUSY_TIMEOUT_MS


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Deleted content (an erased person's name and phone) is zeroed in the file, not
        # left in free pages: set explicitly, builds differ.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an answer shown as saved survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _set_pragmas_for_migration(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Deleted content (an erased person's name and phone) is zeroed in the file, not
        # left in free pages: set explicitly, builds differ.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        # Batch migrations recreate tables: with foreign keys on, ON DELETE CASCADE
        # would wipe child rows. Checked afterwards with PRAGMA foreign_key_check.
        cursor.execute("PRAGMA foreign_keys=OFF")
    finally:
        cursor.close()


def make_engine(db_path: Path, *, for_migration: bool = False) -> Engine:
    """An engine on the database file with the pragmas of the design on every connection."""
    # hide_parameters: error messages (and so logs) never carry names or phone numbers.
    # Workers (ui/tasks.py) get pooled connections: the pool lends each to one thread at a
    # time, so they may cross threads (never switch to StaticPool or SingletonThreadPool).
    engine = create_engine(
        f"sqlite:///{db_path}",
        hide_parameters=True,
        poolclass=QueuePool,
        connect_args={"check_same_thread": False},
    )
    listener = _set_pragmas_for_migration if for_migration else _set_pragmas
    event.listen(engine, "connect", listener)
    if for_migration:
        _transactional_ddl(engine)
    return engine


def _transactional_ddl(engine: Engine) -> None:
    """A migration is all or nothing. Python's sqlite3 module starts transactions only before
    INSERT/UPDATE/DELETE, so CREATE/DROP/ALTER TABLE would commit one by one: a migration
    killed half-way left a schema Alembic could neither go back from nor finish ("table
    media_file already exists"). Here the driver is left in autocommit mode and SQLAlchemy
    emits BEGIN itself, so the whole upgrade is one SQLite transaction."""

    def no_driver_transactions(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    def begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", no_driver_transactions)
    event.listen(engine, "begin", begin)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def server_url(url: str) -> str:
    """The SQLAlchemy URL for a PostgreSQL server through psycopg 3 (``postgresql://…`` and
    ``postgres://…`` as people write them are accepted)."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError("not a PostgreSQL URL")


def make_server_engine(url: str) -> Engine:
    """An engine on a PostgreSQL server: the SQLite pragmas have no meaning there (the server
    keeps its own durability and foreign keys always hold)."""
    return create_engine(
        server_url(url),
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5, "application_name": "trainer-app"},
    )
