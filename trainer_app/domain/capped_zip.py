"""One zip reader for every zip the app reads (XLSX workbooks, DOCX files, exchange
packages), with limits counted while reading — never trusted from the archive's own headers,
which a crafted file can fill with anything. Nothing is ever extracted to disk.

Standard library only. Callers turn ``ZipRefused`` into their own ``UserError`` naming the
file (``ZipRefused.message`` says what is wrong and, where it applies, which member).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

__all__ = ["DEFAULT_LIMITS", "CappedZip", "ZipLimits", "ZipRefused", "open_capped_zip"]

_CHUNK = 64 * 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 200
    max_member_bytes: int = 20 * MB
    max_total_bytes: int = 200 * MB


DEFAULT_LIMITS = ZipLimits()


class ZipRefused(Exception):
    """The archive breaks a limit, is damaged, or names a member unsafely."""

    def __init__(self, message: str, member: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.member = member


def _size_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit} byte"


def unsafe_member_name(name: str) -> bool:
    """A member name that would point outside a folder if it were ever extracted: absolute,
    a drive letter, a backslash path, or any ``..`` part."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    if len(name) >= 2 and name[1] == ":":
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


class CappedZip:
    """An open archive; read members with ``read`` (bytes) or ``check_all``."""

    def __init__(self, archive: zipfile.ZipFile, limits: ZipLimits) -> None:
        self._archive = archive
        self.limits = limits
        self._total = 0
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise ZipRefused(f"Tệp nén có {len(infos)} thành phần, quá giới hạn "
                             f"{limits.max_members}: không phải tệp của ứng dụng hoặc bị làm "
                             "giả.")
        self._infos = {info.filename: info for info in infos}

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The member's bytes, refusing it as soon as it unpacks past the limit."""
        info = self._infos.get(name)
        if info is None:
            raise ZipRefused(f"Tệp nén thiếu thành phần «{name}».", name)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._archive.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self._total += len(chunk)
                    if size > self.limits.max_member_bytes:
                        raise ZipRefused(
                            f"Thành phần «{name}» giải nén ra hơn "
                            f"{_size_text(self.limits.max_member_bytes)}: tệp quá lớn hoặc là "
                            "tệp nén độc hại.", name)
                    if self._total > self.limits.max_total_bytes:
                        raise ZipRefused(
                            "Tệp nén giải nén ra hơn "
                            f"{_size_text(self.limits.max_total_bytes)}: tệp quá lớn hoặc là "
                            "tệp nén độc hại.", name)
                    chunks.append(chunk)
        except ZipRefused:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError, ValueError) as exc:
            raise ZipRefused(f"Thành phần «{name}» bị hỏng, không đọc được ({exc}).",
                             name) from exc
        return b"".join(chunks)

    def check_all(self) -> None:
        """Read every member once, within the limits (before handing the file to a library
        that would unpack it without them)."""
        for name in self._infos:
            if not name.endswith("/"):
                self.read(name)


@contextmanager
def open_capped_zip(source: Path | IO[bytes],
                    limits: ZipLimits = DEFAULT_LIMITS) -> Iterator[CappedZip]:
    """Open ``source`` as a zip within ``limits``; ``ZipRefused`` if it is not a readable
    zip at all."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError,
            NotImplementedError) as exc:  # e.g. a damaged "version needed" field
        raise ZipRefused("Tệp không phải tệp nén hợp lệ (bị hỏng, bị cắt cụt hoặc sai loại "
                         "tệp).") from exc
    with archive:
        yield CappedZip(archive, limits)
