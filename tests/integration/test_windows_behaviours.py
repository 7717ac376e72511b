"""What Windows does that can be checked here: data folders with '#', '%', '&', spaces,
Vietnamese letters and long paths; a file held open while it is replaced (Windows refuses
``os.replace`` then — simulated by making ``os.replace`` raise PermissionError, as Windows
would, since this machine has no such lock)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.certificate_world import Who, make_session
from tests.helpers import table_dump
from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace, open_workspace

pytestmark = pytest.mark.sqlite_only("files of the SQLite data folder held open")

ODD_NAMES = ["TH #2", "100% dữ liệu", "Trạm Y tế & CTV", "Phường Tân Hưng – Quý IV"]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def _long_folder(base: Path) -> Path:
    folder = base / "Dữ liệu tập huấn cộng tác viên #1 & 2 (100%)"
    while len(str(folder)) < 300:  # beyond Windows' old 260-character MAX_PATH
        folder = folder / "thư mục con của trạm y tế phường"
    return folder


@pytest.mark.parametrize("name", [*ODD_NAMES, "long"])
def test_demo_check_backup_restore_in_an_odd_folder(tmp_path: Path, name: str) -> None:
    data = _long_folder(tmp_path) if name == "long" else tmp_path / name
    for args in (("demo",), ("db", "check"), ("backup", "create", "--json")):
        result = _cli(data, *args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    restored = _cli(data, "backup", "restore", "latest", "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["restored_from"]
    check = _cli(data, "db", "check", "--json")
    assert check.returncode == 0 and json.loads(check.stdout)["ok"], check.stdout
    assert sorted(p.name for p in data.parent.iterdir()) == [data.name]  # no stray file


# --- a file held open while it is replaced ---------------------------------------------------


def refuse_replace(monkeypatch: pytest.MonkeyPatch, module: object,
                   when: Callable[[Path], bool]) -> list[Path]:
    """Make ``os.replace`` in ``module`` raise PermissionError (WinError 32: the file is
    being used by another process) when the destination matches ``when``."""
    real = os.replace
    refused: list[Path] = []

    def replace(src: object, dst: object) -> None:
        if when(Path(str(dst))):
            refused.append(Path(str(dst)))
            raise PermissionError(13, "The process cannot access the file because it is "
                                      "being used by another process", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(module.os, "replace", replace)
    return refused


def _wal_only_change(ws: Workspace) -> None:
    """A committed change still in the -wal only (no checkpoint yet)."""
    conn = sqlite3.connect(str(ws.data_dir.db_path))
    try:
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("INSERT INTO setting (key, value, updated_at) VALUES "
                     "('wal-only', '\"x\"', '2026-01-01')")
        conn.commit()
    finally:
        conn.close()


def test_restore_onto_a_database_held_open(workspace: Workspace,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.services.workspace import swap

    ws = workspace
    saved = backup_service.create_manual(ws)
    _wal_only_change(ws)
    ws.close()
    before = table_dump(ws.data_dir.db_path)
    refused = refuse_replace(monkeypatch, swap, lambda p: p.name == "trainer.db")
    with pytest.raises(UserError) as caught:
        backup_service.restore(ws.data_dir, saved)
    assert refused and caught.value.code == "file_in_use"
    assert "không bị thay đổi" in caught.value.message
    assert table_dump(ws.data_dir.db_path) == before  # the -wal's change is still there
    assert ("wal-only",) in [(k,) for k, *_ in before["setting"]]
    assert not list(ws.data_dir.root.glob("*.restoring"))


def test_damaged_database_held_open_is_not_half_moved(data_dir: DataDir,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.services.workspace import datafolder

    open_workspace(data_dir).close()
    data_dir.db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    damaged = data_dir.db_path.read_bytes()
    refuse_replace(monkeypatch, datafolder, lambda p: ".damaged-" in p.name)
    with pytest.raises(UserError) as caught:
        open_workspace(data_dir, now=datetime(2026, 12, 1, 9))
    assert caught.value.code == "file_in_use"
    assert data_dir.db_path.read_bytes() == damaged  # nothing moved
    assert not list(data_dir.root.glob("*.damaged-*"))


def test_backup_replace_refused(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.db import backup as db_backup

    refuse_replace(monkeypatch, db_backup, lambda p: p.suffix == ".db")
    before = sorted(p.name for p in workspace.data_dir.backups_dir.iterdir())
    with pytest.raises(UserError) as caught:
        backup_service.create_manual(workspace)
    assert caught.value.code == "backup_failed"
    assert sorted(p.name for p in workspace.data_dir.backups_dir.iterdir()) == before


def test_certificate_pdf_onto_a_file_open_in_a_reader(workspace: Workspace, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.reports import pdf_file
    from trainer_app.services.certificates import service as certs
    from trainer_app.services.certificates.documents import reissue

    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    number = certs.issue(ws.session_factory, ws.data_dir, sid).issued[0].number
    out = tmp_path / "in" / "giấy.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF-1.4 the copy open in a PDF reader")
    refuse_replace(monkeypatch, pdf_file, lambda p: p == out)
    with pytest.raises(UserError) as caught:
        reissue(ws.session_factory, ws.data_dir, number, out)
    assert "đang mở trong chương trình khác" in caught.value.message
    assert out.read_bytes() == b"%PDF-1.4 the copy open in a PDF reader"
    assert sorted(p.name for p in out.parent.iterdir()) == ["giấy.pdf"]  # no temp file


def test_serial_file_held_open_issues_nothing(workspace: Workspace,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.services.certificates import service as certs
    from trainer_app.services.certificates import store
    from trainer_app.services.workspace import datafolder  # writes the serials file

    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    store.load_or_create_key(ws.data_dir)
    refuse_replace(monkeypatch, datafolder, lambda p: p.name == "serials.json")
    with pytest.raises(UserError) as caught:
        certs.issue(ws.session_factory, ws.data_dir, sid)
    assert caught.value.code == "certificate_store_failed"
    assert certs.list_certificates(ws.session_factory) == []
    assert not [p for p in store.folder(ws.data_dir).iterdir() if p.name.startswith(".")]
