"""db.plain_reads: the first page's reads without SQLAlchemy, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from trainer_app.db.plain_reads import SqliteFile, as_date, reading


@pytest.fixture
def db(tmp_path: Path) -> SqliteFile:
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE s (id INTEGER PRIMARY KEY, held_on DATE, at DATETIME, ok BOOLEAN);
        INSERT INTO s VALUES (1, '2026-11-02', '2026-11-02 08:00:00.000000', 1),
                             (2, '2026-12-20', '2026-12-20 08:00:00.000000', 0);
    """)
    conn.commit()
    conn.close()
    return SqliteFile(path)


def test_dates_are_compared_as_sqlite_holds_them(db: SqliteFile) -> None:
    with reading(db) as r:
        assert r.rows("SELECT id FROM s WHERE held_on >= :d", {"d": date(2026, 12, 1)}) == [(2,)]
        assert r.value("SELECT id FROM s WHERE at < :t",
                       {"t": datetime(2026, 11, 2, 9, 0)}) == 1
        assert r.value("SELECT COUNT(*) FROM s WHERE NOT ok") == 1
        assert r.value("SELECT id FROM s WHERE id = :i", {"i": 99}) is None
        held = r.value("SELECT held_on FROM s WHERE id = 1")
    assert as_date(held) == date(2026, 11, 2)


def test_nothing_can_be_written_through_it(db: SqliteFile) -> None:
    with reading(db) as r, pytest.raises(sqlite3.OperationalError, match="readonly"):
        r.rows("UPDATE s SET ok = 0")
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM s WHERE ok").fetchone() == (1,)
    finally:
        conn.close()


def test_as_date_takes_what_either_engine_gives() -> None:
    assert as_date(None) is None
    assert as_date(date(2026, 1, 2)) == date(2026, 1, 2)
    assert as_date(datetime(2026, 1, 2, 8, 30)) == date(2026, 1, 2)
    assert as_date("2026-01-02") == date(2026, 1, 2)
    assert as_date("2026-01-02 08:30:00.000000") == date(2026, 1, 2)
