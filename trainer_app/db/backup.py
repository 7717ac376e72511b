"""Backups with the SQLite backup API (a plain file copy of a WAL database loses data)."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from trainer_app.db.sqlite_raw import connect_raw

_NAME_RE = re.compile(r"^trainer-(\d{8}-\d{6}(?:-\d{6})?)-([a-z-]+)\.db$")


class BackupReason(StrEnum):
    AUTO = "auto"  # once a day at start
    MANUAL = "manual"  # asked for by the user
    PRE_MIGRATION = "pre-migration"
    PRE_RESTORE = "pre-restore"  # the database a restore replaced


# Reasons whose copies are pruned down to the "keep" setting; the others are kept.
PRUNED_REASONS = (BackupReason.AUTO, BackupReason.PRE_MIGRATION)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str
    size_bytes: int


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class CopyCancelled(Exception):
    """The caller's cancel flag stopped a copy; nothing was left behind."""


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    pages_per_step: int = 2048,
) -> None:
    """Consistent copy of a live database (WAL included) into a new file, then fsync.

    With `progress`/`cancel` the copy runs in steps of `pages_per_step` pages, reporting
    (pages done, pages in all) and stopping with `CopyCancelled` when `cancel()` is true.
    On any failure the partial file is removed."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancel is not None and cancel():
            raise CopyCancelled

    stepped = progress is not None or cancel is not None
    try:
        src = connect_raw(source)
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)  # private copy
            os.close(fd)
            dst = sqlite3.connect(str(tmp))
            dst.execute("PRAGMA secure_delete=ON")
            try:
                if stepped:
                    src.backup(dst, pages=pages_per_step, progress=step)
                else:
                    src.backup(dst)
                # A backup is a single self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def backup_name(reason: str, now: datetime) -> str:
    return f"trainer-{now:%Y%m%d-%H%M%S-%f}-{reason}.db"


def create_backup(db_path: Path, backups_dir: Path, reason: str, now: datetime) -> Path:
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = backups_dir / backup_name(reason, now)
    copy_database(db_path, target)
    return target


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first. Files of other names are ignored."""
    if not backups_dir.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in backups_dir.iterdir():
        match = _NAME_RE.match(path.name)
        if not match or not path.is_file():
            continue
        stamp = match.group(1)
        fmt = "%Y%m%d-%H%M%S-%f" if stamp.count("-") == 2 else "%Y%m%d-%H%M%S"
        found.append(
            BackupInfo(path, datetime.strptime(stamp, fmt), match.group(2), path.stat().st_size)
        )
    found.sort(key=lambda info: info.created_at, reverse=True)
    return found


def prune_backups(backups_dir: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic and pre-migration backups beyond `keep` of each kind."""
    removed: list[Path] = []
    for reason in PRUNED_REASONS:
        same = [b for b in list_backups(backups_dir) if b.reason == reason]
        for info in same[max(keep, 1):]:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed
