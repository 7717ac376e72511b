"""The data folder itself: can we write there, and moving a damaged file out of the way.

Standard library only: the GUI runs these checks before SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from trainer_app.db.fileformat import plainly_unusable
from trainer_app.services.errors import UserError


def database_plainly_unusable(db_path: Path) -> bool:
    """An existing database file that is empty or not SQLite at all (first bytes only; no
    sqlite3 or SQLAlchemy import), so the GUI can say so before it loads anything heavier."""
    return plainly_unusable(db_path)


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(path: Path) -> None:
    """0600 for a file, 0700 for a folder (POSIX; on Windows the user's profile does it)."""
    if os.name == "nt":
        return
    try:
        path.chmod(PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE)
    except OSError:
        pass  # not ours (a shared USB stick's file system): nothing more we can do


def tighten_data_folder(root: Path) -> None:
    """Make the app's own files in the data folder private: the folder, the database and
    its -wal/-shm, and everything under backups/ and logs/ (folders made before 0700)."""
    if os.name == "nt" or not root.is_dir():
        return
    make_private(root)
    for name in ("trainer.db", "trainer.db-wal", "trainer.db-shm", "trainer-app.lock"):
        if (root / name).exists():
            make_private(root / name)
    for sub in ("backups", "logs", "certificates"):
        folder = root / sub
        if folder.is_dir():
            make_private(folder)
            for item in folder.iterdir():
                make_private(item)


def ensure_writable_dir(path: Path) -> None:
    """Create the folder if needed (0700) and prove we can write there, or raise a UserError."""
    try:
        created = not path.exists()
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        if created:
            make_private(path)
    except OSError as exc:
        raise UserError(
            f"Không tạo được thư mục dữ liệu {path}: {exc.strerror or exc}. "
            "Hãy chọn thư mục khác bằng --data-dir hoặc kiểm tra quyền ghi.",
            code="data_dir_unusable",
        ) from exc
    if not path.is_dir():
        raise UserError(
            f"Đường dẫn dữ liệu {path} không phải là thư mục. Hãy chọn thư mục khác.",
            code="data_dir_unusable",
        )
    probe = path / f".write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        raise UserError(
            f"Thư mục dữ liệu {path} chỉ đọc, không ghi được ({exc.strerror or exc}). "
            "Hãy chép ứng dụng sang ổ đĩa ghi được hoặc chọn thư mục khác bằng --data-dir.",
            code="data_dir_read_only",
        ) from exc


def _in_use(path: Path, exc: OSError) -> UserError:
    return UserError(
        f"Không đổi tên được tệp {path.name} trong {path.parent}: tệp đang được mở bởi chương "
        f"trình khác ({exc.strerror or exc}). Hãy đóng các chương trình khác (cửa sổ ứng dụng "
        "thứ hai, phần mềm đang sao chép hay quét virus) rồi mở lại. Chưa có gì bị thay đổi.",
        code="file_in_use")


def move_aside(db_path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way. Never deletes.

    Does not depend on the rename succeeding (Windows refuses it while another program has
    the file open): the database goes first, so a refusal leaves everything as it was."""
    suffix = f".damaged-{now:%Y%m%d-%H%M%S}"
    target = db_path.with_name(db_path.name + suffix)
    try:
        os.replace(db_path, target)
    except OSError as exc:
        raise _in_use(db_path, exc) from exc
    for extra in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + extra)
        if side.exists():
            try:
                os.replace(side, target.with_name(target.name + extra))
            except OSError as exc:
                raise _in_use(side, exc) from exc
    return target


def set_aside_orphans(db_path: Path, now: datetime) -> None:
    """A -wal/-shm left without its database (a move that stopped half-way) must never be
    read as part of a new database: rename it out of the way (never deleted)."""
    if db_path.exists():
        return
    for extra in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + extra)
        if side.exists():
            try:
                os.replace(side, side.with_name(f"{side.name}.orphan-{now:%Y%m%d-%H%M%S}"))
            except OSError as exc:
                raise _in_use(side, exc) from exc


def stale_partials(root: Path, older_than_s: float) -> list[Path]:
    """Copies a killed process left half-written (``backups/*.part``, ``trainer.db.restoring``
    and its ``.part``), untouched for `older_than_s` seconds. They hold personal data and are
    never listed as backups."""
    import time

    limit = time.time() - older_than_s
    found = [*root.glob("trainer.db.restoring*"), *(root / "backups").glob("*.part")]
    stale = []
    for path in found:
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                stale.append(path)
        except OSError:
            continue
    return stale


def remove_stale_partials(root: Path, older_than_s: float) -> int:
    removed = 0
    for path in stale_partials(root, older_than_s):
        try:
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all or nothing (a temporary file beside it, flushed to disk,
    then swapped in), readable by its owner only. Used for what the app keeps beside the
    database: signing keys, number marks, export sequence numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
