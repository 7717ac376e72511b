"""A full disk (or a failing one) under the database, told in Vietnamese.

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full") and a failed
write as ``SQLITE_IOERR``; SQLAlchemy wraps either in ``OperationalError``. The transaction
was rolled back by then: nothing was stored, and the message says so.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from trainer_app.services.errors import UserError

SQLITE_IOERR = 10
SQLITE_FULL = 13
# Extended code: the -shm file could not be grown. SQLite recreates it when the first
# connection opens a WAL database whose last connection had closed; on a full disk that is the
# first write to fail, reported as an I/O error rather than SQLITE_FULL.
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | (19 << 8)
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    if isinstance(exc, sqlite3.Error):
        return exc
    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError
    return orig if isinstance(orig, sqlite3.Error) else None


def storage_problem(exc: BaseException) -> str | None:
    """'full' or 'io' when `exc` is a full or failing disk, else None."""
    if isinstance(exc, OSError):
        return "full" if exc.errno in _FULL_ERRNOS else None
    error = _sqlite_error(exc)
    if error is None:
        return None
    extended = int(getattr(error, "sqlite_errorcode", 0) or 0)
    code = extended & 0xFF
    if code == SQLITE_FULL or extended == SQLITE_IOERR_SHMSIZE:
        return "full"
    if code == SQLITE_IOERR:
        return "io"
    return None


@contextmanager
def disk_errors(what: str) -> Iterator[None]:
    """Turn a full or failing disk during `what` (Vietnamese, e.g. "nhập danh sách") into
    a UserError that says nothing was stored."""
    try:
        yield
    except Exception as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        if problem == "full":
            raise UserError(
                f"Không {what} được: ổ đĩa chứa thư mục dữ liệu đã đầy. Chưa có gì được lưu "
                "(dữ liệu giữ nguyên như trước). Hãy xóa bớt tệp hoặc giải phóng chỗ trống "
                "rồi thử lại.", code="disk_full") from exc
        raise UserError(
            f"Không {what} được: lỗi đọc/ghi ổ đĩa chứa thư mục dữ liệu ({exc}). Chưa có gì "
            "được lưu. Hãy kiểm tra ổ đĩa rồi thử lại.", code="disk_error") from exc
