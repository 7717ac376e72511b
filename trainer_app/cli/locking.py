"""Commands that change the data folder hold its instance lock, as the window does.

A command waits a little for the lock (another command finishing), then refuses with a
Vietnamese message: the window holds the lock for as long as it is open.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager

from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError

LOCK_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.1

# (command, sub-command) pairs that only read the database (and may write files the user
# named). Everything else takes the lock. `None` stands for "any sub-command".
READ_ONLY: frozenset[tuple[str, str | None]] = frozenset({
    ("db", None),
    ("backup", "list"),
    ("roster", "list"), ("roster", "export"),
    ("quiz", "check"), ("quiz", "export"), ("quiz", "template"), ("quiz", "list"),
    ("session", "list"), ("session", "show"), ("session", "check"),
    ("certificate", "verify"), ("certificate", "list"), ("certificate", "register"),
    ("certificate", "form-test"),
    ("media", "check"), ("media", "probe"),
    ("export", None),
})


def _sub_command(options: argparse.Namespace) -> str | None:
    for name in vars(options):
        if name.endswith("_command") and name != "command":
            value = getattr(options, name)
            if isinstance(value, str):
                return value
    return None


def writes(options: argparse.Namespace) -> bool:
    """Whether the command may change the data folder (and so must hold the lock)."""
    command = str(options.command)
    sub = _sub_command(options)
    if (command, sub) == ("db", "copy"):  # fills or reads the folder's own SQLite file
        return True
    if (command, None) in READ_ONLY:
        return False
    if command == "roster" and sub == "import" and getattr(options, "dry_run", False):
        return False
    return (command, sub) not in READ_ONLY


@contextmanager
def hold_instance_lock(data_dir: DataDir, wait_seconds: float | None = None) -> Iterator[None]:
    from trainer_app.services.workspace.datafolder import ensure_writable_dir
    from trainer_app.services.workspace.instance_lock import InstanceLock

    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    ensure_writable_dir(data_dir.root)
    lock = InstanceLock(data_dir.lock_path)
    deadline = time.monotonic() + wait
    while not lock.acquire():
        if time.monotonic() >= deadline:
            raise UserError(
                f"Ứng dụng (hoặc một lệnh khác) đang mở thư mục dữ liệu {data_dir.root}; đã "
                f"chờ {wait:g} giây. Hãy đóng cửa sổ ứng dụng (hoặc đợi lệnh kia xong) rồi "
                "chạy lại. Không có gì bị thay đổi.",
                code="locked",
            )
        time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()
