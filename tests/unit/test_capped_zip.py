"""The capped zip reader: limits counted while reading, not taken from the headers."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from trainer_app.domain.capped_zip import (
    ZipLimits,
    ZipRefused,
    open_capped_zip,
    unsafe_member_name,
)


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_reads_members_within_limits(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "a.zip", {"x.txt": "Nguyễn Thị Lan".encode(), "d/y": b"1"})
    with open_capped_zip(path) as archive:
        assert sorted(archive.names()) == ["d/y", "x.txt"]
        assert archive.read("x.txt").decode() == "Nguyễn Thị Lan"
        archive.check_all()


def test_bomb_is_refused_while_reading_even_when_headers_lie(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bomb.zip", {"sheet.xml": b"0" * (3 * 1024 * 1024)})
    assert path.stat().st_size < 20 * 1024  # 3 MB of zeros packs into a few KB
    limits = ZipLimits(max_member_bytes=1024 * 1024)
    with pytest.raises(ZipRefused, match="hơn 1 MB") as counted:
        with open_capped_zip(path, limits) as archive:
            archive.read("sheet.xml")
    assert counted.value.member == "sheet.xml"
    # Forge the declared uncompressed size in the central directory (and local header):
    # a reader that trusts it would let the member through.
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = raw.find(signature)
        struct.pack_into("<I", raw, at + offset, 10)
    forged = io.BytesIO(bytes(raw))
    with pytest.raises(ZipRefused) as caught:
        with open_capped_zip(forged, limits) as archive:
            archive.read("sheet.xml")
    assert caught.value.member == "sheet.xml"
    assert "1 MB" in caught.value.message or "hỏng" in caught.value.message


def test_total_and_member_count_limits(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", {f"m{i}": b"x" * 100 for i in range(12)})
    with pytest.raises(ZipRefused, match="12 thành phần"):
        with open_capped_zip(path, ZipLimits(max_members=10)):
            pass
    with pytest.raises(ZipRefused, match="giải nén ra hơn"):
        with open_capped_zip(path, ZipLimits(max_total_bytes=500)) as archive:
            archive.check_all()


def test_not_a_zip_and_truncated(tmp_path: Path) -> None:
    (tmp_path / "t.zip").write_bytes(b"hello, not a zip")
    with pytest.raises(ZipRefused, match="không phải tệp nén"):
        with open_capped_zip(tmp_path / "t.zip"):
            pass
    good = make_zip(tmp_path / "g.zip", {"a": b"abc" * 1000}).read_bytes()
    (tmp_path / "cut.zip").write_bytes(good[: len(good) // 2])
    with pytest.raises(ZipRefused):
        with open_capped_zip(tmp_path / "cut.zip") as archive:
            archive.check_all()


@pytest.mark.parametrize("name, unsafe", [
    ("manifest.json", False), ("data/sessions.json", False), ("../evil", True),
    ("a/../../b", True), ("/etc/passwd", True), ("C:\\x", True), ("a\\b", True), ("", True),
])
def test_unsafe_member_names(name: str, unsafe: bool) -> None:
    assert unsafe_member_name(name) is unsafe
