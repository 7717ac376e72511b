"""Saving a document where the user asked, with a Vietnamese message for every way that
can fail (no such folder, read-only folder, full disk, file open in another program,
broken installation). The writers save atomically, so a failure never leaves half a
file under the chosen name."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from trainer_app.services.errors import UserError

__all__ = ["check_target", "save_document"]

T = TypeVar("T")
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def check_target(path: str | Path, suffix: str = ".pdf") -> Path:
    """Refuse a name without ``suffix`` or in a folder that does not exist."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise UserError(f"Tên tệp phải có đuôi {suffix} (đã nhận: \"{target.name}\").",
                        code="bad_target")
    if target.is_dir():
        raise UserError(f"\"{target}\" là một thư mục; hãy ghi cả tên tệp, ví dụ "
                        f"{target / ('tai-lieu' + suffix)}.", code="bad_target")
    if not target.parent.is_dir():
        raise UserError(f"Không có thư mục \"{target.parent}\" để lưu tệp {target.name}; hãy "
                        "chọn thư mục khác.", code="target_folder_missing")
    return target


def write_error(target: Path, exc: OSError) -> UserError:
    """The Vietnamese message for a failed save of ``target``."""
    where = f"tệp {target.name} vào thư mục \"{target.parent}\""
    if exc.errno in _FULL:
        return UserError(f"Không lưu được {where}: ổ đĩa đã đầy. Hãy xóa bớt tệp hoặc lưu sang "
                         "ổ đĩa khác (USB). Không có tệp dở dang nào được để lại.",
                         code="disk_full")
    if exc.errno in _READ_ONLY or isinstance(exc, PermissionError):
        busy = " hoặc tệp cùng tên đang mở trong chương trình khác (hãy đóng lại)" \
            if target.exists() else ""
        return UserError(f"Không lưu được {where}: thư mục chỉ đọc, không có quyền ghi{busy}. "
                         "Hãy chọn thư mục khác, ví dụ Tài liệu hoặc Màn hình nền.",
                         code="target_read_only")
    return UserError(f"Không lưu được {where}: {exc.strerror or exc}.", code="write_failed")


def save_document(path: str | Path, write: Callable[[Path], T], *, suffix: str = ".pdf") -> T:
    """Check ``path``, then run the writer ``write(path)``; turn file-system errors and a
    missing shipped font into a ``UserError``."""
    from trainer_app.reports.typeface import FontMissing

    target = check_target(path, suffix)
    try:
        return write(target)
    except FontMissing as exc:
        raise UserError(exc.message, code="font_missing") from exc
    except OSError as exc:
        raise write_error(target, exc) from exc
