"""Is a database file shaped exactly as this app's migrations make it, at its own revision?

Compared by structure, not by SQL text (batch migrations rewrite the text): the tables and,
for each, its columns (``PRAGMA table_info``: name, type, not null, primary key) and its
indexes (``PRAGMA index_list``/``index_info``: unique, partial, columns), and the names of
triggers and views. Anything more or less is refused: a backup with a trigger of its own
could copy a person's data away when they are erased; one without the app's tables would
restore into a database on which every command fails.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from trainer_app.db.sqlite_raw import connect_raw

Column = tuple[str, str, int, int]  # name, declared type (upper case), not null, pk position
Index = tuple[int, int, tuple[str, ...]]  # unique, partial, columns


@dataclass(frozen=True)
class SchemaShape:
    tables: dict[str, frozenset[Column]]
    indexes: dict[str, frozenset[Index]]
    triggers: frozenset[str]
    views: frozenset[str]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_shape(conn: sqlite3.Connection) -> SchemaShape:
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = sorted(n for t, n in objects if t == "table" and not n.startswith("sqlite_"))
    shape_tables: dict[str, frozenset[Column]] = {}
    shape_indexes: dict[str, frozenset[Index]] = {}
    for table in tables:
        shape_tables[table] = frozenset(
            (str(row[1]), str(row[2]).upper(), int(row[3]), int(row[5]))
            for row in conn.execute(f"PRAGMA table_info({_quote(table)})"))
        found: set[Index] = set()
        for row in conn.execute(f"PRAGMA index_list({_quote(table)})"):
            name, unique, partial = str(row[1]), int(row[2]), int(row[4])
            columns = tuple(str(r[2]) for r in conn.execute(f"PRAGMA index_info({_quote(name)})"))
            found.add((unique, partial, columns))
        shape_indexes[table] = frozenset(found)
    return SchemaShape(
        shape_tables, shape_indexes,
        frozenset(n for t, n in objects if t == "trigger"),
        frozenset(n for t, n in objects if t == "view"),
    )


def shape_of(db_path: Path) -> SchemaShape:
    conn = connect_raw(db_path, readonly=True)
    try:
        return read_shape(conn)
    finally:
        conn.close()


@cache
def reference_shape(revision: str) -> SchemaShape:
    """The shape the app's own migrations give at `revision` (built once per process in a
    throw-away database)."""
    from trainer_app.db.migrate import upgrade_to_head

    with tempfile.TemporaryDirectory(prefix="trainer-schema-") as folder:
        path = Path(folder) / "reference.db"
        upgrade_to_head(path, revision)
        return shape_of(path)


def differences(actual: SchemaShape, expected: SchemaShape) -> list[str]:
    """Vietnamese descriptions of how `actual` differs from `expected` (empty: the same)."""
    found: list[str] = []
    missing = sorted(set(expected.tables) - set(actual.tables))
    extra = sorted(set(actual.tables) - set(expected.tables))
    if missing:
        found.append("thiếu bảng " + ", ".join(missing))
    if extra:
        found.append("có bảng lạ " + ", ".join(extra))
    for table in sorted(set(expected.tables) & set(actual.tables)):
        if actual.tables[table] != expected.tables[table]:
            found.append(f"bảng {table} có cột khác")
        elif actual.indexes.get(table) != expected.indexes.get(table):
            found.append(f"bảng {table} có chỉ mục khác")
    for kind, have, want in (("trigger", actual.triggers, expected.triggers),
                             ("view", actual.views, expected.views)):
        if have - want:
            found.append(f"có {kind} lạ " + ", ".join(sorted(have - want)))
        if want - have:
            found.append(f"thiếu {kind} " + ", ".join(sorted(want - have)))
    return found


def schema_problems(db_path: Path, revision: str) -> list[str]:
    return differences(shape_of(db_path), reference_shape(revision))
