"""Backups the user asks for: create, list, restore (checked first), copy to a USB stick."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trainer_app.datadir import DataDir
from trainer_app.db.backup import (
    BackupReason,
    CopyCancelled,
    copy_database,
    create_backup,
    list_backups,
    prune_backups,
)
from trainer_app.db.health import DbStatus, inspect_database
from trainer_app.db.migrate import upgrade_to_head
from trainer_app.services.errors import UserError
from trainer_app.services.storage_errors import disk_errors, storage_problem
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.datafolder import move_aside
from trainer_app.services.workspace.opening import Workspace
from trainer_app.services.workspace.swap import swap_in

log = logging.getLogger(__name__)

EXTERNAL_REMINDER_DAYS = 7

# Said wherever a copy leaves the laptop (the USB-backup dialog).
PERSONAL_DATA_NOTE = (
    "Bản sao này chứa dữ liệu cá nhân của cộng tác viên (họ tên, số điện thoại, năm sinh, "
    "khu phố, điểm danh, kết quả kiểm tra, giấy chứng nhận). Hãy giữ USB cẩn thận, không để "
    "ai khác chép; xóa các bản cũ khi không còn cần. Người đã được xóa dữ liệu theo yêu cầu "
    "vẫn còn trong các bản sao lưu ra USB làm trước khi xóa: hãy xóa các bản đó."
)

Progress = Callable[[int, int], None]  # (done, total); total 0 = amount not known yet
CancelFlag = Callable[[], bool]


def _stop_if_cancelled(cancel: CancelFlag | None, written: Path | None = None) -> None:
    """Cancelled: remove the copy just written (a cancelled backup leaves nothing) and say so."""
    if cancel is None or not cancel():
        return
    if written is not None:
        written.unlink(missing_ok=True)
    raise UserError("Đã hủy sao lưu; không có bản sao nào được ghi.", code="cancelled")


@dataclass(frozen=True)
class BackupEntry:
    path: str
    name: str
    created_at: str
    reason: str
    size_bytes: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    previous_copy: str | None  # where the replaced database was kept
    migrated: bool
    # Vietnamese warnings, e.g. certificate numbers issued after this backup was made.
    warnings: tuple[str, ...] = ()


def list_entries(data_dir: DataDir) -> list[BackupEntry]:
    if data_dir.on_server:
        from trainer_app.services.workspace.server_backup import list_server_backups

        return [BackupEntry(b.path, b.name, b.created_at,
                            "pre-restore" if "pre-restore" in b.name else "manual",
                            b.size_bytes) for b in list_server_backups(data_dir)]
    return [
        BackupEntry(str(b.path), b.path.name, b.created_at.isoformat(timespec="seconds"),
                    b.reason, b.size_bytes)
        for b in list_backups(data_dir.backups_dir)
    ]


def create_manual(workspace: Workspace, now: datetime | None = None, *,
                  progress: Progress | None = None, cancel: CancelFlag | None = None) -> Path:
    """A backup in the data folder. ``cancel`` is looked at before and after the copy (the
    copy itself is one SQLite backup call); a cancelled backup leaves no file."""
    now = now or datetime.now()
    _stop_if_cancelled(cancel)
    if workspace.data_dir.on_server:
        from trainer_app.services.workspace.server_backup import create_server_backup

        return create_server_backup(workspace.data_dir, workspace.engine, now)
    if progress is not None:
        progress(0, 0)
    with disk_errors("tạo bản sao lưu"):
        try:
            path = create_backup(workspace.data_dir.db_path, workspace.data_dir.backups_dir,
                                 BackupReason.MANUAL, now)
        except OSError as exc:
            if storage_problem(exc):
                raise
            raise UserError(
                f"Không tạo được bản sao lưu trong {workspace.data_dir.backups_dir} "
                f"({exc.strerror or exc}). Có thể tệp đang bị chương trình khác giữ; hãy thử "
                "lại. Không có tệp dở dang nào được để lại.", code="backup_failed") from exc
    _stop_if_cancelled(cancel, path)
    keep = settings_service.load_preferences(workspace.session_factory).backup_keep
    prune_backups(workspace.data_dir.backups_dir, keep)
    if progress is not None:
        progress(1, 1)
    return path


def check_backup(path: Path) -> None:
    """Raise a UserError unless `path` is a usable backup of this app (same or older schema)."""
    if not path.is_file():
        raise UserError(f"Không tìm thấy bản sao lưu {path}.", code="backup_missing")
    health = inspect_database(path)
    if health.status in (DbStatus.OK, DbStatus.BEHIND) and health.revision is not None:
        _check_shape(path, health.revision)
        return
    reasons = {
        DbStatus.EMPTY: "tệp rỗng",
        DbStatus.NOT_DATABASE: "không phải cơ sở dữ liệu",
        DbStatus.DAMAGED: "tệp bị hỏng",
        DbStatus.FOREIGN: "dữ liệu của chương trình khác",
        DbStatus.NEWER: "được tạo bởi phiên bản ứng dụng mới hơn",
        DbStatus.MISSING: "không có dữ liệu",
        DbStatus.BUSY: "tệp đang bận hoặc không đọc được",
    }
    raise UserError(
        f"Không thể khôi phục từ {path.name}: {reasons.get(health.status, health.detail)}. "
        "Dữ liệu hiện tại không bị thay đổi.",
        code="backup_unusable",
    )


def _check_shape(path: Path, revision: str) -> None:
    """Refuse a backup whose tables, columns, indexes, triggers or views are not exactly what
    the app's migrations give at the backup's own revision."""
    import sqlite3

    from trainer_app.db.schema_check import schema_problems

    try:
        problems = schema_problems(path, revision)
    except sqlite3.Error as exc:
        problems = [f"không đọc được cấu trúc ({exc})"]
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise UserError(
            f"Không thể khôi phục từ {path.name}: cấu trúc dữ liệu không đúng như của ứng dụng "
            f"Tập huấn CTV ({shown}). Tệp có thể đã bị sửa hoặc của chương trình khác. Dữ "
            "liệu hiện tại không bị thay đổi.",
            code="backup_schema_mismatch",
        )


def restore(data_dir: DataDir, backup: Path, now: datetime | None = None) -> RestoreResult:
    """Replace the database with `backup`. The caller must have closed every connection.

    The backup is checked first; the database it replaces is kept (as a pre-restore backup,
    or moved aside when it is itself damaged); an older schema is migrated to head.
    """
    now = now or datetime.now()
    if data_dir.on_server:
        return _restore_on_server(data_dir, backup, now)
    check_backup(backup)
    db_path = data_dir.db_path
    previous: Path | None = None
    if db_path.exists():
        current = inspect_database(db_path)
        if current.status is DbStatus.BUSY:
            raise UserError(
                f"Dữ liệu hiện tại {db_path} đang bận (chương trình khác đang ghi). Hãy đóng "
                "chương trình kia rồi khôi phục lại; không có gì bị thay đổi.", code="busy")
        if current.status in (DbStatus.OK, DbStatus.BEHIND, DbStatus.NEWER, DbStatus.FOREIGN):
            previous = create_backup(db_path, data_dir.backups_dir, BackupReason.PRE_RESTORE, now)
        else:
            previous = move_aside(db_path, now)
    incoming = db_path.with_name(db_path.name + ".restoring")
    with disk_errors("khôi phục"):
        copy_database(backup, incoming)
        _use_wal(incoming)  # WAL from the moment it is in place, even if killed right after
    swap_in(incoming, db_path)
    migrated = inspect_database(db_path).status is DbStatus.BEHIND
    if migrated:
        upgrade_to_head(db_path)
    log.info("restored database from %s", backup.name)
    from trainer_app.services.certificates.store import restore_warnings

    return RestoreResult(str(backup), str(previous) if previous else None, migrated,
                         tuple(restore_warnings(data_dir)))


def _restore_on_server(data_dir: DataDir, backup: Path, now: datetime) -> RestoreResult:
    from trainer_app.services.workspace.server_backup import restore_server_backup
    from trainer_app.services.workspace.server_db import open_server_engine, open_server_workspace

    engine, _state, _label = open_server_engine(data_dir)
    try:
        previous = restore_server_backup(data_dir, engine, backup, now)
    finally:
        engine.dispose()
    notes: list[str] = []
    engine, _factory = open_server_workspace(data_dir, notes)  # migrates an older dump
    engine.dispose()
    log.info("restored the server database from %s", backup.name)
    return RestoreResult(str(backup), str(previous), bool(notes))


def _use_wal(db_path: Path) -> None:
    """A backup file is in DELETE journal mode; the live database is always WAL."""
    from trainer_app.db.sqlite_raw import connect_raw

    conn = connect_raw(db_path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def copy_to_external(workspace: Workspace, folder: Path, now: datetime | None = None, *,
                     progress: Progress | None = None, cancel: CancelFlag | None = None
                     ) -> Path:
    """Back up to a folder the user picked (a USB stick) and remember when. ``cancel`` is
    looked at before and after the copy; a cancelled copy is removed and not remembered."""
    now = now or datetime.now()
    _stop_if_cancelled(cancel)
    if progress is not None:
        progress(0, 0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"TapHuanCTV-saoluu-{now:%Y%m%d-%H%M%S}.db"
        copy_database(workspace.data_dir.db_path, target, progress=progress, cancel=cancel)
    except CopyCancelled as exc:
        raise UserError("Đã hủy sao lưu ra USB.", code="cancelled") from exc
    except (OSError, sqlite3.Error) as exc:
        problem = storage_problem(exc)
        if isinstance(exc, sqlite3.Error) and problem is None:
            raise
        reason = "ổ đĩa đã đầy" if problem == "full" else (
            getattr(exc, "strerror", None) or str(exc))
        raise UserError(
            f"Không ghi được bản sao lưu vào {folder}: {reason}. "
            "Hãy kiểm tra USB còn cắm, còn chỗ trống và không bị khóa ghi.",
            code="external_backup_failed",
        ) from exc
    _stop_if_cancelled(cancel, target)
    prefs = settings_service.load_preferences(workspace.reads)
    prefs.external_backup_dir = str(folder)
    prefs.last_external_backup_at = now.isoformat(timespec="seconds")
    settings_service.save_preferences(workspace.session_factory, prefs)
    if progress is not None:
        progress(1, 1)
    return target


def external_reminder(workspace: Workspace, now: datetime | None = None) -> str | None:
    """A Vietnamese reminder when the last copy off the laptop is older than a week."""
    now = now or datetime.now()
    prefs = settings_service.load_preferences(workspace.reads)
    age = settings_service.external_backup_age_days(prefs, now)
    if age is None:
        return "Chưa có bản sao lưu nào ra USB hoặc ổ ngoài. Hãy sao lưu ra USB để phòng mất máy."
    if age > EXTERNAL_REMINDER_DAYS:
        return f"Bản sao lưu ra USB gần nhất đã cách đây {int(age)} ngày. Hãy sao lưu lại."
    return None


def resolve_backup(data_dir: DataDir, name: str) -> Path:
    """A backup named by path, by file name in the backups folder, or 'latest'."""
    if name == "latest":
        entries = list_entries(data_dir)
        if not entries:
            raise UserError("Chưa có bản sao lưu nào để khôi phục.", code="no_backup")
        return Path(entries[0].path)
    candidate = Path(name).expanduser()
    if not candidate.exists() and (data_dir.backups_dir / name).exists():
        candidate = data_dir.backups_dir / name
    if not candidate.exists():
        raise UserError(f"Không tìm thấy tệp sao lưu: {name}", code="backup_missing")
    return candidate.resolve()
