"""Opening a data folder: pragmas, damaged files moved aside, refusals, daily backups."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.helpers import file_digest, read_only_dir, table_dump
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.backup import BackupReason, list_backups
from trainer_app.services.errors import DatabaseDamaged, UserError
from trainer_app.services.workspace.opening import Workspace, open_workspace

pytestmark = pytest.mark.sqlite_only("opening, damage and pragmas of the SQLite file itself")

DAY = datetime(2026, 11, 20, 9, 0)


def _pragma(ws: Workspace, name: str) -> object:
    with ws.engine.connect() as connection:
        return connection.execute(text(f"PRAGMA {name}")).scalar()


def test_new_workspace_has_design_pragmas(workspace: Workspace) -> None:
    assert workspace.data_dir.db_path.is_file()
    assert _pragma(workspace, "journal_mode") == "wal"
    assert _pragma(workspace, "foreign_keys") == 1
    assert _pragma(workspace, "synchronous") == 2  # FULL
    assert int(_pragma(workspace, "busy_timeout")) >= 5000  # type: ignore[call-overload]


def _write_existing(data_dir: DataDir, content: bytes) -> str:
    data_dir.root.mkdir(parents=True, exist_ok=True)
    data_dir.db_path.write_bytes(content)
    return file_digest(data_dir.db_path)


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "empty", "rỗng"),
        (os.urandom(8192), "not_database", "không phải là cơ sở dữ liệu"),
        (b"PK\x03\x04 this is a zip, say an xlsx", "not_database", "không phải"),
    ],
)
def test_unusable_file_is_moved_aside_not_overwritten(
    data_dir: DataDir, content: bytes, code: str, words: str
) -> None:
    digest = _write_existing(data_dir, content)
    with pytest.raises(DatabaseDamaged) as caught:
        open_workspace(data_dir, now=DAY)
    assert caught.value.code == code
    assert words in caught.value.message
    moved = caught.value.moved_to
    assert moved is not None and moved.exists() and file_digest(moved) == digest
    assert not data_dir.db_path.exists()
    # The next start begins with a fresh database; the moved file stays.
    ws = open_workspace(data_dir, now=DAY)
    ws.close()
    assert moved.exists()


def test_truncated_database_is_detected(data_dir: DataDir) -> None:
    ws = open_workspace(data_dir, now=DAY)
    from trainer_app.services.workspace.demo import fill_demo

    fill_demo(ws, today=DAY.date())
    ws.close()
    raw = data_dir.db_path.read_bytes()
    for extra in ("-wal", "-shm"):
        Path(str(data_dir.db_path) + extra).unlink(missing_ok=True)
    data_dir.db_path.write_bytes(raw[: len(raw) // 3])
    digest = file_digest(data_dir.db_path)
    with pytest.raises(DatabaseDamaged) as caught:
        open_workspace(data_dir, now=DAY + timedelta(days=1))
    assert caught.value.code == "damaged"
    assert caught.value.moved_to is not None and file_digest(caught.value.moved_to) == digest
    # The automatic backup of the first start is offered.
    assert caught.value.newest_backup is not None
    assert caught.value.newest_backup.name.endswith("-auto.db")


def test_database_of_a_newer_version_is_refused_untouched(data_dir: DataDir) -> None:
    open_workspace(data_dir, now=DAY).close()
    conn = sqlite3.connect(data_dir.db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = table_dump(data_dir.db_path)
    with pytest.raises(UserError) as caught:
        open_workspace(data_dir, now=DAY)
    assert caught.value.code == "newer"
    assert "phiên bản ứng dụng mới hơn" in caught.value.message
    assert table_dump(data_dir.db_path) == before


def test_other_programs_database_is_refused_untouched(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    conn = sqlite3.connect(data_dir.db_path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    digest = file_digest(data_dir.db_path)
    with pytest.raises(UserError) as caught:
        open_workspace(data_dir, now=DAY)
    assert caught.value.code == "foreign"
    assert file_digest(data_dir.db_path) == digest


def test_read_only_data_folder_gives_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    with read_only_dir(root):
        with pytest.raises(UserError) as caught:
            open_workspace(DataDir(root, DataDirSource.ARGUMENT), now=DAY)
        assert caught.value.code == "data_dir_read_only"
        assert "chỉ đọc" in caught.value.message
        assert list(root.iterdir()) == []


def test_missing_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError) as caught:
        open_workspace(DataDir(blocker / "data", DataDirSource.ARGUMENT), now=DAY)
    assert caught.value.code == "data_dir_unusable"
    assert blocker.read_text() == "not a folder"


def test_missing_data_folder_is_created(tmp_path: Path) -> None:
    root = tmp_path / "new" / "nested"
    open_workspace(DataDir(root, DataDirSource.ARGUMENT), now=DAY).close()
    assert (root / "trainer.db").is_file()


def test_daily_backup_once_a_day_and_pruned(data_dir: DataDir) -> None:
    for day in range(5):
        for hour in (8, 14):
            open_workspace(data_dir, now=DAY.replace(hour=hour) + timedelta(days=day),
                           backup_keep=3).close()
    autos = [b for b in list_backups(data_dir.backups_dir) if b.reason == BackupReason.AUTO]
    assert [b.created_at.date() for b in autos] == [
        (DAY + timedelta(days=d)).date() for d in (4, 3, 2)
    ]
