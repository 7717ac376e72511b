"""The streaming copy into <data>/media/: sha256 on the way, progress, cancel, and no half
file left behind whatever stops it."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tracemalloc
import uuid
from pathlib import Path

import pytest

from trainer_app.services.errors import UserError
from trainer_app.services.media.file_copy import CHUNK, copy_file, sha256_of


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_copy_streams_with_sha256_and_progress(tmp_path: Path) -> None:
    source = tmp_path / "Thư mục có dấu" / "Trẻ em nghiện game.mp4"
    source.parent.mkdir()
    data = os.urandom(3 * CHUNK + 123)
    source.write_bytes(data)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "media" / "video" / "Trẻ em nghiện game.mp4"
    result = copy_file(source, target, progress=lambda d, t: seen.append((d, t)),
                       done_before=100, total=100 + len(data))
    assert target.read_bytes() == data
    assert result.sha256 == hashlib.sha256(data).hexdigest() == sha256_of(target)
    assert result.size_bytes == len(data)
    assert seen[-1] == (100 + len(data), 100 + len(data))
    assert len(seen) == 4
    assert _leftovers(target.parent) == [target.name]


def test_existing_target_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "a.mp4"
    source.write_bytes(b"new")
    target = tmp_path / "media" / "a.mp4"
    target.parent.mkdir()
    target.write_bytes(b"old")
    with pytest.raises(UserError) as caught:
        copy_file(source, target)
    assert caught.value.code == "target_exists"
    assert target.read_bytes() == b"old"
    assert _leftovers(target.parent) == ["a.mp4"]


def test_cancel_mid_copy_of_a_4_gb_file_leaves_nothing_and_memory_stays_small(
        tmp_path: Path) -> None:
    """A real 4 GB (sparse) file: the copy must stream (memory does not grow with the file)
    and stop on the cancel flag after a few chunks, removing its partial copy."""
    source = tmp_path / "video 4GB.mp4"
    with source.open("wb") as f:
        f.truncate(4 * 1024 ** 3)
    target = tmp_path / "media" / "video 4GB.mp4"
    chunks: list[int] = []
    tracemalloc.start()
    with pytest.raises(UserError) as caught:
        copy_file(source, target, progress=lambda d, t: chunks.append(d),
                  cancel=lambda: len(chunks) >= 20, total=source.stat().st_size)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.code == "cancelled"
    assert len(chunks) == 20
    assert peak < 8 * CHUNK  # a few buffers, not gigabytes
    assert _leftovers(target.parent) == []


class _PulledStick(io.RawIOBase):
    """Mocked: a USB stick cannot be pulled out in a test. A source that gives two chunks,
    then fails as a removed device does (EIO)."""

    def __init__(self) -> None:
        self.reads = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if self.reads > 2:
            raise OSError(5, "Input/output error")
        return b"x" * CHUNK


def test_usb_stick_pulled_mid_copy(tmp_path: Path) -> None:
    source = tmp_path / "USB" / "phim.mp4"
    source.parent.mkdir()
    source.write_bytes(b"x")
    target = tmp_path / "media" / "phim.mp4"
    with pytest.raises(UserError) as caught:
        copy_file(source, target, open_source=lambda p: _PulledStick())  # type: ignore[arg-type,return-value]
    assert caught.value.code == "source_unreadable"
    assert "phim.mp4" in caught.value.message and "USB" in caught.value.message
    assert _leftovers(target.parent) == []


def _enospc_writer(limit: int):
    class Writer(io.FileIO):
        written = 0

        def write(self, data: bytes) -> int:  # type: ignore[override]
            if Writer.written + len(data) > limit:
                raise OSError(28, "No space left on device")
            Writer.written += len(data)
            return super().write(data)

    return lambda p: Writer(str(p), "xb")


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 2 MB filesystem (tmpfs) when we are root and may mount; otherwise an injected
    writer raising ENOSPC after 2 MB (said in the test id)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() == 0 and shutil.which("mount"):
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                              capture_output=True)
        if done.returncode == 0:
            try:
                yield mount, None
            finally:
                subprocess.run(["umount", str(mount)], check=False)
            return
    yield mount, _enospc_writer(2 * 1024 * 1024)


def test_disk_full_mid_copy_leaves_no_half_file(tmp_path: Path, small_disk) -> None:
    mount, writer = small_disk
    source = tmp_path / "big.mp4"
    source.write_bytes(os.urandom(5 * CHUNK))
    (mount / "media").mkdir()
    (mount / "media" / "keep.txt").write_text("đã có")
    target = mount / "media" / "big.mp4"
    kwargs = {"open_target": writer} if writer else {}
    with pytest.raises(UserError) as caught:
        copy_file(source, target, **kwargs)
    assert caught.value.code == "disk_full"
    assert "đầy" in caught.value.message
    assert _leftovers(target.parent) == ["keep.txt"]


def test_source_vanished_before_copy(tmp_path: Path) -> None:
    target = tmp_path / "media" / f"{uuid.uuid4().hex}.mp4"
    with pytest.raises(UserError) as caught:
        copy_file(tmp_path / "gone.mp4", target)
    assert caught.value.code == "source_unreadable"
    assert _leftovers(target.parent) == []


