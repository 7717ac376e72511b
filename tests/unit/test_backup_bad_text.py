"""Found by the backup fuzzer (issue 14): a damaged backup whose schema names hold bytes
that are not UTF-8 made the restore check fail with UnicodeDecodeError (SQLite quotes the
name in its error). It is a damaged file: a Vietnamese message naming it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from trainer_app.services.errors import UserError
from trainer_app.services.workspace.backup import check_backup


def test_schema_name_not_utf8_is_reported_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "trainer-2026-12-01.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, full_name TEXT)")
    conn.commit()
    conn.close()
    raw = bytearray(path.read_bytes())
    at = raw.find(b"tablepersonperson")
    raw[at + 6] = 0xD4  # the table's name: "p\xd4rson", not UTF-8
    sql = raw.find(b"CREATE TABLE person (")
    raw[sql + len("CREATE TABLE person (")] = 0x01  # and its SQL no longer parses
    path.write_bytes(bytes(raw))
    with pytest.raises(UserError) as caught:
        check_backup(path)
    assert path.name in caught.value.message
