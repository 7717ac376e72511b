"""Copy one file into the library, streaming: sha256 computed on the way, progress and cancel,
all or nothing.

The bytes go to a hidden temporary name beside the destination, are flushed and fsynced, and
only then ``os.replace``d onto the final name (atomic on one filesystem). Whatever stops the
copy — Hủy, a full disk, the USB stick pulled out (the source raising OSError mid-read) —
removes the temporary file, so no half file is ever left in ``<data>/media/``. Memory use
does not grow with the file: a 4 GB video goes through one 1 MB buffer.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from trainer_app.services.errors import UserError

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
Opener = Callable[[Path], BinaryIO]


def _open_source(path: Path) -> BinaryIO:
    return path.open("rb")


def _open_target(path: Path) -> BinaryIO:
    return path.open("xb")


@dataclass(frozen=True)
class CopyResult:
    path: Path
    sha256: str
    size_bytes: int


def cancelled() -> UserError:
    return UserError("Đã hủy; không có tệp nào được chép.", code="cancelled")


def sha256_of(path: Path, *, progress: ProgressFn | None = None, done_before: int = 0,
              total: int = 0, cancel: CancelFn | None = None) -> str:
    """The file's sha256, read in chunks (the full check before a session)."""
    digest = hashlib.sha256()
    done = done_before
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
            if cancel is not None and cancel():
                raise cancelled()
    return digest.hexdigest()


def copy_file(
    source: Path,
    target: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    done_before: int = 0,
    total: int = 0,
    open_source: Opener = _open_source,
    open_target: Opener = _open_target,
) -> CopyResult:
    """Copy ``source`` to ``target`` (which must not exist). ``progress(done, total)`` counts
    from ``done_before`` (several files in one progress bar). Raises ``UserError``
    (code "cancelled", "disk_full", "source_unreadable", "target_unwritable",
    "target_exists")."""
    if target.exists():
        raise UserError(f"Tệp {target} đã có trong thư mục dữ liệu; không chép đè lên.",
                        code="target_exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    digest = hashlib.sha256()
    size = 0
    stage = "source"
    try:
        with open_source(source) as reader:
            stage = "target"
            with open_target(temp) as writer:
                while True:
                    stage = "source"
                    chunk = reader.read(CHUNK)
                    if not chunk:
                        break
                    stage = "target"
                    writer.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(done_before + size, total)
                    if cancel is not None and cancel():
                        raise cancelled()
                writer.flush()
                os.fsync(writer.fileno())
        stage = "target"
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise _explain(exc, stage, source, target) from exc
    except BaseException:
        _remove(temp)
        raise
    return CopyResult(target, digest.hexdigest(), size)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # nothing more can be done; the next check will show it
        log.warning("could not remove the partial copy %s: %s", path.name, exc)


def _explain(exc: OSError, stage: str, source: Path, target: Path) -> UserError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(
            f"Ổ đĩa chứa thư mục dữ liệu ({target.parent}) đã đầy khi chép {source.name}. "
            "Chưa chép gì (phần chép dở đã được xóa). Hãy giải phóng chỗ trống rồi thử lại.",
            code="disk_full")
    if stage == "source":
        return UserError(
            f"Không đọc được tệp {source} giữa chừng ({exc.strerror or exc}) — có thể USB "
            "đã bị rút ra. Chưa chép gì (phần chép dở đã được xóa). Hãy cắm lại rồi thử lại.",
            code="source_unreadable")
    return UserError(
        f"Không ghi được vào thư mục dữ liệu {target.parent} ({exc.strerror or exc}). Chưa "
        "chép gì.", code="target_unwritable")
