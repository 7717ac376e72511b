"""Every earlier schema version, with data, migrates to head with nothing lost — on start and
when restored from a backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import table_dump
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, read_schema_state
from trainer_app.services import backup_service
from trainer_app.services.workspace import open_workspace

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures").glob("schema_*.db"))


def _columns(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def _projected(db: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: sorted(conn.execute(
                f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM \"{table}\""
            ).fetchall(), key=repr)
            for table, cols in columns.items()
        }
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_revision() -> None:
    revisions = {p.stem.removeprefix("schema_") for p in FIXTURES}
    assert revisions == set(KNOWN_REVISIONS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_migrates_to_head_without_loss(fixture: Path, tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    data_dir.root.mkdir()
    shutil.copy(fixture, data_dir.db_path)
    old_columns = _columns(fixture)
    before = _projected(fixture, old_columns)
    assert sum(len(rows) for rows in before.values()) > 500  # the fixture holds real data

    open_workspace(data_dir, daily_backup=False).close()

    assert read_schema_state(data_dir.db_path).revision == HEAD_REVISION
    assert _projected(data_dir.db_path, old_columns) == before


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_restoring_an_old_backup_migrates_it(fixture: Path, tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    open_workspace(data_dir, daily_backup=False).close()
    backup = tmp_path / fixture.name
    shutil.copy(fixture, backup)
    before = _projected(fixture, _columns(fixture))

    backup_service.restore(data_dir, backup)

    assert read_schema_state(data_dir.db_path).revision == HEAD_REVISION
    assert _projected(data_dir.db_path, _columns(fixture)) == before
    assert table_dump(backup) == table_dump(fixture)  # the backup itself is left as it was
