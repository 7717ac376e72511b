"""The certificate signing key is never lost or replaced, and data folders with URI
characters in their names work (the read-only open escapes the path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.certificate_world import Who, make_session
from tests.integration.test_certificates import payloads
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates import store
from trainer_app.services.certificates.documents import write_session_certificates
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace, open_workspace


def _issue_one(ws: Workspace, name: str, out: Path) -> str:
    sid = make_session(ws, [Who(name)], code=f"p-{name}")
    write_session_certificates(ws.session_factory, ws.data_dir, sid, out)
    (payload,) = payloads(out)
    return payload


def test_db_check_in_a_folder_named_th_hash_2(tmp_path: Path) -> None:
    root = tmp_path / "TH #2"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    cli = [sys.executable, "-m", "trainer_app", "--data-dir", str(root)]
    assert subprocess.run([*cli, "demo"], capture_output=True, env=env).returncode == 0
    result = subprocess.run([*cli, "db", "check"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["TH #2"]  # no stray "TH " file


def test_missing_key_file_comes_back_from_the_database_in_a_hash_folder(
        tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "TH #2", DataDirSource.ARGUMENT)
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        payload = _issue_one(ws, "Lê Thị Ánh", tmp_path / "a.pdf")
        key_file = store.folder(data_dir) / store.KEY_FILE
        key = key_file.read_text()
        key_file.unlink()
        # issuing again must use the same key, not make a new one
        _issue_one(ws, "Trần Văn Bình", tmp_path / "b.pdf")
        assert key_file.read_text() == key
        assert certs.verify(ws.session_factory, data_dir, payload).status == "valid"
    finally:
        ws.close()


def test_keys_of_two_laptops_are_both_kept(tmp_path: Path) -> None:
    """Laptop A's backup restored on laptop B: B's key file stays, A's key stays in the
    database, both verify, a warning says so, and nothing overwrote either key."""
    laptop_a = DataDir(tmp_path / "A", DataDirSource.ARGUMENT)
    laptop_b = DataDir(tmp_path / "B", DataDirSource.ARGUMENT)
    ws_a = open_workspace(laptop_a, daily_backup=False)
    try:
        from_a = _issue_one(ws_a, "Lê Thị Ánh", tmp_path / "a.pdf")
        backup_a = backup_service.create_manual(ws_a)
    finally:
        ws_a.close()
    ws_b = open_workspace(laptop_b, daily_backup=False)
    try:
        from_b = _issue_one(ws_b, "Trần Văn Bình", tmp_path / "b.pdf")
    finally:
        ws_b.close()
    key_a = (store.folder(laptop_a) / store.KEY_FILE).read_text()
    key_b = (store.folder(laptop_b) / store.KEY_FILE).read_text()
    assert key_a != key_b
    result = backup_service.restore(laptop_b, backup_a)
    assert any("khóa ký" in line and "giữ lại" in line for line in result.warnings)
    ws = open_workspace(laptop_b, daily_backup=False)
    try:
        assert certs.verify(ws.session_factory, laptop_b, from_a).status == "valid"
        # B's own certificate: the signature holds (A's register has another 001/2026)
        assert certs.verify(ws.session_factory, laptop_b, from_b).status == "mismatch"
        _issue_one(ws, "Phạm Thị Cúc", tmp_path / "c.pdf")
    finally:
        ws.close()
    assert (store.folder(laptop_b) / store.KEY_FILE).read_text() == key_b
    # both keys are now in the database too, so the next backup carries both
    from trainer_app.services.certificates.keys import db_keys
    primary, others = db_keys(laptop_b.db_path)
    assert primary is not None and primary.hex() == key_a.strip()
    assert [k.hex() for k in others] == [key_b.strip()]


def test_backup_restore_onto_a_new_laptop_carries_both_keys(tmp_path: Path) -> None:
    laptop_a = DataDir(tmp_path / "A", DataDirSource.ARGUMENT)
    laptop_b = DataDir(tmp_path / "B", DataDirSource.ARGUMENT)
    laptop_c = DataDir(tmp_path / "C", DataDirSource.ARGUMENT)
    ws_a = open_workspace(laptop_a, daily_backup=False)
    try:
        from_a = _issue_one(ws_a, "Lê Thị Ánh", tmp_path / "a.pdf")
        backup_a = backup_service.create_manual(ws_a)
    finally:
        ws_a.close()
    ws_b = open_workspace(laptop_b, daily_backup=False)
    try:
        from_b = _issue_one(ws_b, "Trần Văn Bình", tmp_path / "b.pdf")
    finally:
        ws_b.close()
    backup_service.restore(laptop_b, backup_a)
    ws_b = open_workspace(laptop_b, daily_backup=False)
    try:
        store.all_keys(laptop_b)
        backup_b = backup_service.create_manual(ws_b)
    finally:
        ws_b.close()
    open_workspace(laptop_c, daily_backup=False).close()
    backup_service.restore(laptop_c, backup_b)
    ws_c = open_workspace(laptop_c, daily_backup=False)
    try:
        assert certs.verify(ws_c.session_factory, laptop_c, from_a).status == "valid"
        assert certs.verify(ws_c.session_factory, laptop_c, from_b).status == "mismatch"
        assert certs.verify(ws_c.session_factory, laptop_c,
                            from_b[:-1] + ("0" if from_b[-1] != "0" else "1")
                            ).status == "bad_signature"
    finally:
        ws_c.close()


def test_key_made_where_hard_links_are_refused(workspace: Workspace,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT32 USB stick (portable mode) has no hard links: the key is still made, once."""
    from trainer_app.services.certificates import keys

    def no_links(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(keys.os, "link", no_links)
    first = store.load_or_create_key(workspace.data_dir)
    assert store.load_or_create_key(workspace.data_dir) == first
    assert (store.folder(workspace.data_dir) / store.KEY_FILE).read_text().strip() == first.hex()
    assert [p.name for p in store.folder(workspace.data_dir).iterdir()] == [store.KEY_FILE]
