"""A crafted backup is refused before it replaces anything; stored media paths never lead
outside the media folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import table_dump
from trainer_app.datadir import DataDir
from trainer_app.db.models import MediaFile, MediaItem
from trainer_app.services.errors import UserError
from trainer_app.services.media import service as media_service
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace

pytestmark = pytest.mark.sqlite_only("crafted SQLite backup files")


def _backup(ws: Workspace) -> Path:
    return backup_service.create_manual(ws)


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.executescript(sql)
    finally:
        conn.close()


def _stranger(tmp_path: Path) -> Path:
    path = tmp_path / "stranger.db"
    _edit(path, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
                "INSERT INTO alembic_version VALUES ('0002');")
    return path


TRIGGER = """
CREATE TRIGGER leak BEFORE UPDATE OF erased ON person BEGIN
  INSERT INTO setting (key, value, updated_at)
  VALUES ('leak-' || old.id, old.full_name || ' ' || coalesce(old.phone, ''), '2026-01-01');
END;
"""

MUTATIONS: dict[str, Callable[[Path, Path], Path]] = {
    "stranger": lambda backup, tmp: _stranger(tmp),
    "trigger": lambda backup, tmp: (_edit(backup, TRIGGER), backup)[1],
    "view": lambda backup, tmp: (_edit(backup, "CREATE VIEW people AS SELECT * FROM person;"),
                                 backup)[1],
    "extra table": lambda backup, tmp: (_edit(backup, "CREATE TABLE loot (x TEXT);"),
                                        backup)[1],
    "dropped index": lambda backup, tmp: (_edit(backup, "DROP INDEX IF EXISTS "
                                                "ix_person_search_key;"), backup)[1],
    "extra column": lambda backup, tmp: (_edit(backup, "ALTER TABLE person ADD COLUMN x TEXT;"),
                                         backup)[1],
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_crafted_backup_is_refused(demo_workspace: Workspace, tmp_path: Path,
                                   mutation: str) -> None:
    ws = demo_workspace
    crafted = MUTATIONS[mutation](_backup(ws), tmp_path)
    ws.close()
    before = table_dump(ws.data_dir.db_path)
    with pytest.raises(UserError) as caught:
        backup_service.restore(ws.data_dir, crafted)
    assert caught.value.code == "backup_schema_mismatch"
    assert "không bị thay đổi" in caught.value.message
    assert table_dump(ws.data_dir.db_path) == before


def test_an_untouched_backup_restores(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    backup = _backup(ws)
    ws.close()
    result = backup_service.restore(ws.data_dir, backup)
    assert result.previous_copy


def test_index_exists_for_the_dropped_index_case(workspace: Workspace) -> None:
    """The 'dropped index' case above must drop something real."""
    conn = sqlite3.connect(str(workspace.data_dir.db_path))
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()
    assert "ix_person_search_key" in names


# --- media paths ------------------------------------------------------------------------------


def _file_row(ws: Workspace, file_path: str) -> int:
    with ws.session_factory.begin() as session:
        item = MediaItem(title="Tệp lạ", kind="document")
        session.add(item)
        session.flush()
        row = MediaFile(media_item_id=item.id, position=1, file_path=file_path,
                        original_name="a.txt", sha256="0" * 64, size_bytes=4)
        session.add(row)
        session.flush()
        return row.id


def _outside_paths(data_dir: DataDir, tmp_path: Path) -> dict[str, tuple[str, Path]]:
    secret = tmp_path / "secret.txt"
    secret.write_text("bí mật", encoding="utf-8")
    data_dir.media_dir.mkdir(parents=True, exist_ok=True)
    link = data_dir.media_dir / "link.txt"
    link.symlink_to(tmp_path / "linked.txt")
    (tmp_path / "linked.txt").write_text("qua liên kết", encoding="utf-8")
    return {
        "dotdot": ("../../secret.txt", secret),
        "absolute": (str(secret), secret),
        "symlink": ("link.txt", tmp_path / "linked.txt"),
    }


@pytest.mark.parametrize("case", ["dotdot", "absolute", "symlink"])
def test_media_path_outside_the_folder_is_never_used(workspace: Workspace, tmp_path: Path,
                                                     case: str) -> None:
    ws = workspace
    stored, target = _outside_paths(ws.data_dir, tmp_path)[case]
    file_id = _file_row(ws, stored)
    rows = media_service.list_items(ws.session_factory, ws.data_dir.media_dir)
    (info,) = [f for r in rows for f in r.files if f.id == file_id]
    assert info.path == "" and info.state == "missing"  # nothing to open
    checked = media_service.check_library(ws.session_factory, ws.data_dir.media_dir)
    assert [f.state for r in checked for f in r.files if f.id == file_id] == ["missing"]
    media_service.remove_file(ws.session_factory, ws.data_dir.media_dir, file_id)
    assert target.is_file()  # the outside file was not deleted
