"""A full disk during a backup, certificate PDF writing, a roster import and a media copy:
a clear Vietnamese message, the previous state intact, no partial file left behind.

The full disk is a real one: a small tmpfs mounted for the test (needs root and
permission to mount, as on this machine and in CI); elsewhere the tests skip saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.certificate_world import Who, make_session
from tests.helpers import table_dump
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.opening import Workspace, open_workspace


def _mount_tmpfs(path: Path, size_kb: int) -> bool:
    if os.name == "nt" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                           str(path)], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, 4096):
        pytest.skip("needs root and permission to mount a small tmpfs (a real full disk)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> None:
    """Fill the disk to the last byte."""
    fd = os.open(disk / "filler.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)


def _snapshot(folder: Path) -> set[str]:
    """The files in ``folder``, but the filler and the live database's own -wal and -shm
    (SQLite's, present whenever the database is open; not a partial copy)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.name not in ("filler.bin", "trainer.db-wal", "trainer.db-shm")}


@pytest.fixture
def full_workspace(small_disk: Path) -> Iterator[Workspace]:
    data_dir = DataDir(small_disk / "data", DataDirSource.ARGUMENT)
    ws = open_workspace(data_dir)
    yield ws
    ws.close()


def test_backup_on_a_full_disk(full_workspace: Workspace, small_disk: Path) -> None:
    from trainer_app.services.workspace import backup as backup_service

    ws = full_workspace
    before_files = _snapshot(small_disk)
    before = table_dump(ws.data_dir.db_path)
    fill(small_disk)
    with pytest.raises(UserError) as caught:
        backup_service.create_manual(ws)
    assert caught.value.code == "disk_full"
    assert "ổ đĩa" in caught.value.message and "đầy" in caught.value.message
    (small_disk / "filler.bin").unlink()
    assert _snapshot(small_disk) == before_files  # no partial backup
    assert table_dump(ws.data_dir.db_path) == before


def test_usb_backup_on_a_full_stick(workspace: Workspace, small_disk: Path) -> None:
    from trainer_app.services.workspace import backup as backup_service

    fill(small_disk)
    with pytest.raises(UserError) as caught:
        backup_service.copy_to_external(workspace, small_disk)
    assert "đầy" in caught.value.message
    assert _snapshot(small_disk) == set()


def test_roster_import_on_a_full_disk(full_workspace: Workspace, small_disk: Path,
                                      tmp_path: Path) -> None:
    from trainer_app.services.roster.importer import commit_import, plan_import

    ws = full_workspace
    rows = "\n".join(f"Nguyễn Thị Mai {n:04d},{1960 + n % 40},09{n:08d}" for n in range(3000))
    source = tmp_path / "ds.csv"
    source.write_text("Họ và tên,Năm sinh,Số điện thoại\n" + rows + "\n", encoding="utf-8")
    plan = plan_import(ws.session_factory, source)
    before = table_dump(ws.data_dir.db_path)
    fill(small_disk)
    with pytest.raises(UserError) as caught:
        commit_import(ws.session_factory, plan)
    assert caught.value.code == "disk_full"
    assert "Chưa có gì được lưu" in caught.value.message
    (small_disk / "filler.bin").unlink()
    ws.engine.dispose()
    assert table_dump(ws.data_dir.db_path) == before


@pytest.mark.sqlite_only("a full disk under the SQLite file")
def test_certificate_pdf_on_a_full_disk(workspace: Workspace, small_disk: Path) -> None:
    from trainer_app.services.certificates import service as certs
    from trainer_app.services.certificates.documents import reissue

    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    issued = certs.issue(ws.session_factory, ws.data_dir, sid)
    number = issued.issued[0].number
    before = table_dump(ws.data_dir.db_path)
    fill(small_disk)
    with pytest.raises(UserError) as caught:
        reissue(ws.session_factory, ws.data_dir, number, small_disk / "giấy.pdf")
    assert caught.value.code == "disk_full"
    assert _snapshot(small_disk) == set()  # no partial PDF
    after = table_dump(ws.data_dir.db_path)
    assert after["certificate"] == before["certificate"]


def test_media_copy_on_a_full_disk(full_workspace: Workspace, small_disk: Path) -> None:
    from trainer_app.resources import shipped_dir
    from trainer_app.services.media import service as media_service
    from trainer_app.services.media.importer import import_files

    ws = full_workspace
    media_service.sync_catalogue(ws.session_factory)
    item = next(i for i in media_service.list_items(ws.session_factory, ws.data_dir.media_dir)
                if i.kind == "video")
    clip = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"
    before = table_dump(ws.data_dir.db_path)
    before_files = _snapshot(small_disk)
    fill(small_disk)
    with pytest.raises(UserError) as caught:
        import_files(ws.session_factory, ws.data_dir.media_dir, item.id, [clip])
    assert caught.value.code == "disk_full", caught.value.message
    assert "đầy" in caught.value.message
    (small_disk / "filler.bin").unlink()
    left = {p for p in _snapshot(small_disk) - before_files if not (small_disk / p).is_dir()}
    assert left == set()  # no partial copy
    assert table_dump(ws.data_dir.db_path)["media_file"] == before["media_file"]
