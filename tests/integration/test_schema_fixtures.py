"""Every earlier schema version, with data, migrates to head with nothing lost — on start and
when restored from a backup."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.helpers import table_dump
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, read_schema_state
from trainer_app.db.models import Base
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import open_workspace

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures").glob("schema_*.db"))

# Columns a migration deliberately moved elsewhere; their own test follows the values there.
MOVED = {
    "media_item": {"file_path", "sha256", "size_bytes", "duration_s"},  # 0002 -> media_file
}


def _all_columns(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def _columns(db: Path) -> dict[str, list[str]]:
    """The columns of ``db`` that must keep their values at head (all but ``MOVED``)."""
    return {table: [c for c in cols if c not in MOVED.get(table, set())]
            for table, cols in _all_columns(db).items()}


def _assert_columns_kept(old: dict[str, list[str]], new_db: Path) -> None:
    # Checked first: SQLite reads a missing "quoted" column as a string literal.
    new = _all_columns(new_db)
    for table, cols in old.items():
        assert set(cols) <= set(new.get(table, [])), table


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
    _assert_columns_kept(old_columns, data_dir.db_path)
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
    _assert_columns_kept(_columns(fixture), data_dir.db_path)
    assert _projected(data_dir.db_path, _columns(fixture)) == before
    assert table_dump(backup) == table_dump(fixture)  # the backup itself is left as it was


def test_0002_moves_media_files_and_quiz_metadata(tmp_path: Path) -> None:
    """A 0001 media item with a file gets it as media_file 1; ``quiz_meta:<code>`` settings
    become quiz and question columns and are deleted."""
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    data_dir.root.mkdir()
    shutil.copy(FIXTURES[0], data_dir.db_path)
    conn = sqlite3.connect(data_dir.db_path)
    with conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        conn.execute("UPDATE media_item SET file_path='videos/nghiện game.mp4', sha256=?, "
                     "size_bytes=1234, duration_s=61.5 WHERE id=7", ("ab" * 32,))
        code, question_key = conn.execute(
            "SELECT quiz.code, question.key FROM quiz JOIN question ON question.quiz_id = "
            "quiz.id ORDER BY quiz.id, question.position LIMIT 1").fetchone()
        conn.execute("INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)", (
            f"quiz_meta:{code}",
            '{"scoring": "partial", "description": "Mô tả", "questions": {"'
            + question_key + '": {"name": "Câu một", "tags": ["luật", "111"]}}}',
            "2026-01-01 00:00:00"))
    conn.close()

    open_workspace(data_dir, daily_backup=False).close()

    conn = sqlite3.connect(data_dir.db_path)
    try:
        assert conn.execute(
            "SELECT media_item_id, position, file_path, original_name, sha256, size_bytes, "
            "duration_s FROM media_file").fetchall() == [
            (7, 1, "videos/nghiện game.mp4", "nghiện game.mp4", "ab" * 32, 1234, 61.5)]
        assert conn.execute("SELECT scoring, description FROM quiz WHERE code=?",
                            (code,)).fetchone() == ("partial", "Mô tả")
        assert conn.execute(
            "SELECT question.name, question.tags_json FROM question JOIN quiz ON quiz.id = "
            "question.quiz_id WHERE quiz.code=? AND question.key=?",
            (code, question_key)).fetchone() == ("Câu một", '["luật", "111"]')
        assert conn.execute(
            "SELECT count(*) FROM setting WHERE key LIKE 'quiz_meta:%'").fetchone() == (0,)
    finally:
        conn.close()


def _structure(db: Path) -> dict[str, tuple[object, ...]]:
    """Columns, named CHECK and UNIQUE constraints, foreign keys and indexes per table:
    what Alembic's autogenerate does not compare on SQLite (CHECKs above all)."""
    conn = sqlite3.connect(db)
    try:
        out: dict[str, tuple[object, ...]] = {}
        for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                "'sqlite_%' AND name != 'alembic_version'"):
            columns = sorted((r[1], r[2], r[3], r[5])
                             for r in conn.execute(f'PRAGMA table_info("{name}")'))
            checks = sorted(re.findall(r"CONSTRAINT (\w+) CHECK", sql))
            uniques = sorted(re.findall(r"CONSTRAINT (\w+) UNIQUE", sql))
            keys = sorted((r[2], r[3], r[4], r[6])
                          for r in conn.execute(f'PRAGMA foreign_key_list("{name}")'))
            indexes = sorted(r[1] for r in conn.execute(f'PRAGMA index_list("{name}")')
                             if not str(r[1]).startswith("sqlite_autoindex"))
            out[name] = (columns, checks, uniques, keys, indexes)
        return out
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_migrated_schema_equals_a_new_one(fixture: Path, tmp_path: Path) -> None:
    migrated = DataDir(tmp_path / "old", DataDirSource.ARGUMENT)
    migrated.root.mkdir()
    shutil.copy(fixture, migrated.db_path)
    open_workspace(migrated, daily_backup=False).close()
    fresh = tmp_path / "models.db"  # straight from the models, no migration involved
    engine = create_engine(f"sqlite:///{fresh}")
    Base.metadata.create_all(engine)
    engine.dispose()

    assert _structure(migrated.db_path) == _structure(fresh)
