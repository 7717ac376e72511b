"""The command line as a script would drive it: real processes, real data folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import file_digest, table_dump
from trainer_app import __version__


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "trainer_app"]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"trainer-app {__version__}"


def test_demo_then_check_reports_ok_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    data = tmp_path / "empty"
    demo = run("demo", "--json", data=data)
    assert demo.returncode == 0, demo.stderr
    created = json.loads(demo.stdout)
    assert created["created"] is True
    assert (created["people"], created["neighbourhoods"], created["media_items"]) == (40, 75, 12)
    assert created["sessions"] == 2

    check = run("db", "check", "--json", data=data)
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["ok"] is True
    assert report["journal_mode"] == "wal"
    assert report["foreign_keys_enforced"] is True
    assert report["counts"]["person"] == 40
    assert report["counts"]["attempt"] > 0 and report["counts"]["certificate"] > 0

    again = run("demo", "--json", data=data)
    assert again.returncode == 0 and json.loads(again.stdout)["created"] is False


def test_demo_refuses_a_folder_with_real_data(tmp_path: Path) -> None:
    data = tmp_path / "real"
    assert run("demo", data=data).returncode == 0
    conn = sqlite3.connect(data / "trainer.db")
    conn.execute("INSERT INTO person (full_name, search_key, unit, notes, archived, erased, "
                 "is_demo, created_at, updated_at) VALUES ('Lê Thị Thật', 'le thi that', '', "
                 "'', 0, 0, 0, '2026-01-01', '2026-01-01')")
    conn.commit()
    conn.close()
    before = table_dump(data / "trainer.db")
    result = run("demo", "--reset", data=data)
    assert result.returncode == 2
    assert "dữ liệu thật" in result.stderr
    assert "Traceback" not in result.stderr
    assert table_dump(data / "trainer.db") == before


def test_bad_usage_exits_2_with_one_vietnamese_line(tmp_path: Path) -> None:
    result = run("backup", "frobnicate", data=tmp_path / "d")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi cú pháp lệnh")


def test_db_check_on_damaged_file_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "broken"
    data.mkdir()
    (data / "trainer.db").write_bytes(b"\x00garbage" * 512)
    digest = file_digest(data / "trainer.db")
    result = run("db", "check", "--json", data=data)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["status"] == "not_database"
    assert file_digest(data / "trainer.db") == digest
    assert sorted(p.name for p in data.iterdir()) == ["trainer.db"]


def test_backup_create_list_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    assert run("demo", data=data).returncode == 0
    created = run("backup", "create", "--json", data=data)
    assert created.returncode == 0, created.stderr
    backup = Path(json.loads(created.stdout)["backup"])
    at_backup = table_dump(data / "trainer.db")

    conn = sqlite3.connect(data / "trainer.db")
    conn.execute("DELETE FROM answer")
    conn.commit()
    conn.close()

    listed = json.loads(run("backup", "list", "--json", data=data).stdout)
    assert backup.name in [entry["name"] for entry in listed]

    restored = run("backup", "restore", backup.name, "--json", data=data)
    assert restored.returncode == 0, restored.stderr
    assert table_dump(data / "trainer.db") == at_backup
    assert json.loads(restored.stdout)["previous_copy"]


def test_restore_of_missing_backup_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    assert run("demo", data=data).returncode == 0
    result = run("backup", "restore", "khong-co.db", data=data)
    assert result.returncode == 2
    assert "Không tìm thấy tệp sao lưu" in result.stderr


def test_restore_refused_while_the_app_holds_the_folder(tmp_path: Path) -> None:
    from trainer_app.services.workspace.instance_lock import InstanceLock

    data = tmp_path / "ws"
    assert run("demo", data=data).returncode == 0
    before = table_dump(data / "trainer.db")
    lock = InstanceLock(data / "trainer-app.lock")
    assert lock.acquire()
    try:
        result = run("backup", "restore", "latest", data=data)
    finally:
        lock.release()
    assert result.returncode == 2
    assert "đang mở" in result.stderr
    assert table_dump(data / "trainer.db") == before


def test_newer_database_is_refused_by_commands(tmp_path: Path) -> None:
    data = tmp_path / "ws"
    assert run("demo", data=data).returncode == 0
    conn = sqlite3.connect(data / "trainer.db")
    conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    conn.commit()
    conn.close()
    result = run("backup", "create", data=data)
    assert result.returncode == 2
    assert "mới hơn" in result.stderr
