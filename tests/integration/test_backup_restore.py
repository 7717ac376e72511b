"""Backups round-trip every table; restore refuses a damaged backup and keeps what it replaces."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from tests.helpers import file_digest, table_dump
from trainer_app.db.backup import list_backups
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace, open_workspace

pytestmark = pytest.mark.sqlite_only(
    "backups and restores of the SQLite file itself (PostgreSQL: test_postgres_workspace.py)")


def _change_data(ws: Workspace) -> None:
    conn = sqlite3.connect(ws.data_dir.db_path)
    conn.execute("UPDATE person SET notes = 'đã sửa sau khi sao lưu'")
    conn.execute("DELETE FROM certificate")
    conn.commit()
    conn.close()


def test_backup_then_restore_round_trips_every_table(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    backup = backup_service.create_manual(ws, now=datetime(2026, 11, 21, 10, 0))
    at_backup = table_dump(ws.data_dir.db_path)
    assert at_backup["person"] and at_backup["attempt"] and at_backup["answer"]
    _change_data(ws)
    changed = table_dump(ws.data_dir.db_path)
    assert changed != at_backup
    ws.close()

    result = backup_service.restore(ws.data_dir, backup, now=datetime(2026, 11, 21, 11, 0))

    assert table_dump(ws.data_dir.db_path) == at_backup
    assert result.previous_copy is not None
    assert table_dump(result.previous_copy) == changed  # the replaced data is kept
    reopened = open_workspace(ws.data_dir)
    reopened.close()


def test_restore_from_damaged_backup_is_refused(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    backup = backup_service.create_manual(ws, now=datetime(2026, 11, 21, 10, 0))
    raw = backup.read_bytes()
    backup.write_bytes(raw[:4096] + b"\x00" * 100 + raw[4196 : len(raw) // 2])
    ws.close()
    before = table_dump(ws.data_dir.db_path)
    digest = file_digest(ws.data_dir.db_path)
    count = len(list_backups(ws.data_dir.backups_dir))

    with pytest.raises(UserError) as caught:
        backup_service.restore(ws.data_dir, backup)

    assert "Không thể khôi phục" in caught.value.message
    assert "không bị thay đổi" in caught.value.message
    assert file_digest(ws.data_dir.db_path) == digest
    assert table_dump(ws.data_dir.db_path) == before
    assert len(list_backups(ws.data_dir.backups_dir)) == count


@pytest.mark.parametrize("content", [b"", b"hello, not a database"])
def test_restore_refuses_non_databases(workspace: Workspace, content: bytes) -> None:
    bogus = workspace.data_dir.root / "bogus.db"
    bogus.write_bytes(content)
    with pytest.raises(UserError):
        backup_service.restore(workspace.data_dir, bogus)


def test_restore_over_a_damaged_database_moves_it_aside(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    backup = backup_service.create_manual(ws, now=datetime(2026, 11, 21, 10, 0))
    expected = table_dump(backup)
    ws.close()
    ws.data_dir.db_path.write_bytes(b"garbage" * 100)
    result = backup_service.restore(ws.data_dir, backup)
    assert result.previous_copy is not None and ".damaged-" in result.previous_copy
    assert table_dump(ws.data_dir.db_path) == expected


def test_external_copy_and_reminder(demo_workspace: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    now = datetime(2026, 11, 21, 10, 0)
    assert "Chưa có bản sao lưu" in (backup_service.external_reminder(ws, now) or "")
    usb = tmp_path / "USB" / "TapHuan"
    copy = backup_service.copy_to_external(ws, usb, now=now)
    copied, live = table_dump(copy), table_dump(ws.data_dir.db_path)
    # The copy is taken before "last copy off the laptop" is recorded in the settings.
    assert {k: v for k, v in copied.items() if k != "setting"} == {
        k: v for k, v in live.items() if k != "setting"
    }
    assert backup_service.external_reminder(ws, now.replace(day=25)) is None
    later = backup_service.external_reminder(ws, now.replace(day=30))
    assert later is not None and "9 ngày" in later


def test_stepped_copy_reports_progress_and_cancel_leaves_nothing(
    demo_workspace: Workspace, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    from trainer_app.db.backup import CopyCancelled, copy_database

    source = demo_workspace.data_dir.db_path
    seen: list[tuple[int, int]] = []
    target = tmp_path / "copy.db"
    copy_database(source, target, progress=lambda done, total: seen.append((done, total)),
                  pages_per_step=8)
    assert len(seen) > 3 and seen[-1][0] == seen[-1][1] > 0
    assert table_dump(target) == table_dump(source)

    stopped = tmp_path / "stopped.db"
    calls: list[int] = []
    with pytest.raises(CopyCancelled):
        copy_database(source, stopped, cancel=lambda: bool(calls.append(1)) or len(calls) > 2,
                      pages_per_step=8)
    assert not stopped.exists()
    assert not stopped.with_name("stopped.db.part").exists()
