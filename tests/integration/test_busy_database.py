"""A busy database is not a damaged one: nothing is moved aside, the command waits or refuses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.health import DbStatus, inspect_database
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.opening import open_workspace

HOLDER = (
    "import sqlite3, sys, time\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('PRAGMA journal_mode=DELETE')\n"
    "conn.execute('BEGIN EXCLUSIVE')\n"
    "conn.execute(\"INSERT INTO setting (key, value, updated_at) \"\n"
    "             \"VALUES ('holder', 'x', '2026-01-01')\")\n"
    "print('held', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "conn.execute('COMMIT')\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def _delete_journal_db(tmp_path: Path) -> DataDir:
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    open_workspace(data_dir).close()
    conn = sqlite3.connect(str(data_dir.db_path))
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    return data_dir


def _hold(db_path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def _nothing_moved(data_dir: DataDir) -> None:
    names = sorted(p.name for p in data_dir.root.iterdir())
    assert "trainer.db" in names, names
    assert not [n for n in names if ".damaged-" in n], names


def test_roster_list_waits_for_an_exclusive_writer(tmp_path: Path) -> None:
    data_dir = _delete_journal_db(tmp_path)
    holder = _hold(data_dir.db_path, 2.0)
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "trainer_app", "--data-dir", str(data_dir.root),
             "roster", "list", "--json"],
            capture_output=True, text=True, env=_env(), timeout=120)
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert waited > 1.0
    _nothing_moved(data_dir)
    conn = sqlite3.connect(str(data_dir.db_path))
    try:  # the holder's write landed in the live file, not in a renamed one
        assert conn.execute("SELECT value FROM setting WHERE key='holder'").fetchone() == ("x",)
    finally:
        conn.close()


def test_busy_past_the_timeout_is_refused_not_moved(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.db import sqlite_raw

    data_dir = _delete_journal_db(tmp_path)
    monkeypatch.setattr(sqlite_raw, "BUSY_TIMEOUT_MS", 200)
    holder = _hold(data_dir.db_path, 30.0)
    try:
        assert inspect_database(data_dir.db_path).status is DbStatus.BUSY
        with pytest.raises(UserError) as caught:
            open_workspace(data_dir, now=datetime(2026, 12, 1, 9, 0))
        assert caught.value.code == "busy"
        assert "đang bận" in caught.value.message
        _nothing_moved(data_dir)
    finally:
        holder.kill()
        holder.wait()
    assert inspect_database(data_dir.db_path).status is DbStatus.OK


def test_restore_leaves_the_database_in_wal_mode(tmp_path: Path) -> None:
    from trainer_app.services.workspace import backup as backup_service

    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    workspace = open_workspace(data_dir)
    try:
        saved = backup_service.create_manual(workspace)
    finally:
        workspace.close()
    backup_service.restore(data_dir, saved)
    conn = sqlite3.connect(str(data_dir.db_path))
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


LOCK_HOLDER = (
    "import sys, time; from pathlib import Path; "
    "from trainer_app.services.workspace.instance_lock import InstanceLock; "
    "lock = InstanceLock(Path(sys.argv[1])); print(lock.acquire(), flush=True); "
    "time.sleep(float(sys.argv[2])); lock.release()"
)


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=_env(), timeout=120)


def test_cli_writes_wait_for_the_instance_lock(tmp_path: Path) -> None:
    """A command that writes waits for the window's (or another command's) lock; reading
    commands do not need it."""
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    open_workspace(data_dir).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(data_dir.lock_path), "2.5"],
        stdout=subprocess.PIPE, text=True, env=_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        assert _cli(data_dir.root, "roster", "list").returncode == 0
        started = time.monotonic()
        result = _cli(data_dir.root, "quiz", "load-shipped")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert waited > 1.5, "the write did not wait for the holder's lock"


def test_cli_write_refused_while_the_lock_is_held(data_dir: DataDir) -> None:
    from trainer_app.cli.locking import hold_instance_lock
    from trainer_app.services.workspace.instance_lock import InstanceLock

    open_workspace(data_dir).close()
    window = InstanceLock(data_dir.lock_path)
    assert window.acquire()
    try:
        with pytest.raises(UserError) as caught, hold_instance_lock(data_dir, wait_seconds=0.3):
            pass
    finally:
        window.release()
    assert caught.value.code == "locked"
    assert "đang mở thư mục dữ liệu" in caught.value.message
