"""Opening a data folder: check the database, move a damaged one aside, migrate after a
backup, take the daily backup. Used by the GUI and the CLI alike.

On SQLite all of this is done with the standard library: the SQLAlchemy engine and session
factory are made when first asked for (``Workspace.engine``/``session_factory``), so the GUI
shows its first page, read through ``Workspace.reads``, before SQLAlchemy is imported."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer_app.datadir import DataDir
from trainer_app.db.backup import BackupReason, create_backup, list_backups, prune_backups
from trainer_app.db.health import DAMAGE_STATES, DbHealth, DbStatus, inspect_database
from trainer_app.db.migrate import upgrade_to_head
from trainer_app.db.plain_reads import ReadSource, SqliteFile
from trainer_app.services.errors import DatabaseDamaged, UserError
from trainer_app.services.workspace.datafolder import (
    ensure_writable_dir,
    move_aside,
    remove_stale_partials,
    set_aside_orphans,
    tighten_data_folder,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# A half-written copy (a backup or restore killed mid-way) untouched this long is removed.
STALE_PARTIAL_S = 3600.0

DAMAGE_MESSAGES = {
    DbStatus.EMPTY: "Tệp dữ liệu {name} bị rỗng (0 byte), có thể do mất điện hoặc đĩa đầy.",
    DbStatus.NOT_DATABASE: "Tệp {name} không phải là cơ sở dữ liệu của ứng dụng.",
    DbStatus.DAMAGED: "Tệp dữ liệu {name} bị hỏng (lỗi khi kiểm tra toàn vẹn).",
}


class Workspace:
    """An open data folder's database. On SQLite the engine is made on first use (and
    SQLAlchemy imported then); ``reads`` never needs it."""

    def __init__(self, data_dir: DataDir, engine: Engine | None = None,
                 session_factory: sessionmaker[Session] | None = None,
                 notes: list[str] | None = None) -> None:
        if engine is None and data_dir.on_server:
            raise ValueError("a workspace on a server is opened with its engine")
        self.data_dir = data_dir
        self.notes: list[str] = notes if notes is not None else []
        self._engine = engine
        self._factory = session_factory
        self._lock = threading.Lock()  # pages' workers may ask at once

    def _ensure_engine(self) -> tuple[Engine, sessionmaker[Session]]:
        with self._lock:
            if self._engine is None:
                from trainer_app.db.engine import make_engine

                self._engine = make_engine(self.data_dir.db_path)
            if self._factory is None:
                from trainer_app.db.engine import make_session_factory

                self._factory = make_session_factory(self._engine)
            return self._engine, self._factory

    @property
    def engine(self) -> Engine:
        return self._ensure_engine()[0]

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return self._ensure_engine()[1]

    def prepare_orm(self) -> None:
        """Import SQLAlchemy and the models and make the engine now (on a worker thread at
        start, when the first page needs them), instead of on first use."""
        import trainer_app.db.models  # noqa: F401 (every service's queries use them)

        self._ensure_engine()

    @property
    def reads(self) -> ReadSource:
        """What plain-SQL readers (``db.plain_reads``) read from: the SQLite file itself,
        without SQLAlchemy; on a server, the session factory."""
        if self.data_dir.on_server:
            return self.session_factory
        return SqliteFile(self.data_dir.db_path)

    def release_connections(self) -> None:
        """Close the pooled connections (the next use opens new ones), if any were made."""
        if self._engine is not None:
            self._engine.dispose()

    def close(self) -> None:
        self.release_connections()


def newest_valid_backup(data_dir: DataDir) -> Path | None:
    for info in list_backups(data_dir.backups_dir):
        if inspect_database(info.path).status in (DbStatus.OK, DbStatus.BEHIND):
            return info.path
    return None


def refuse_message(health: DbHealth, db_path: Path) -> str | None:
    if health.status is DbStatus.BUSY:
        return (
            f"Dữ liệu {db_path} đang bận (một chương trình khác đang ghi vào tệp) hoặc tạm "
            f"thời không đọc được ({health.detail}). Đã chờ nhưng chưa được; hãy đóng chương "
            "trình kia (hoặc đợi nó xong) rồi thử lại. Tệp dữ liệu không bị thay đổi."
        )
    if health.status is DbStatus.NEWER:
        return (
            f"Dữ liệu {db_path} được tạo bởi phiên bản ứng dụng mới hơn (lược đồ "
            f"{health.revision}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi."
        )
    if health.status is DbStatus.FOREIGN:
        return (
            f"Tệp {db_path} là cơ sở dữ liệu của chương trình khác, không phải của ứng dụng "
            "Tập huấn CTV. Hãy chọn thư mục dữ liệu khác; tệp không bị thay đổi."
        )
    return None


def open_workspace(
    data_dir: DataDir,
    *,
    now: datetime | None = None,
    daily_backup: bool = True,
    backup_keep: int | None = None,
) -> Workspace:
    """Open (or create) the workspace's database, ready to use.

    Raises `DatabaseDamaged` after moving an unusable file aside, `UserError` when the folder
    cannot be used or the file must not be touched (newer app version, other program's file).
    """
    now = now or datetime.now()
    ensure_writable_dir(data_dir.root)
    if data_dir.on_server:
        from trainer_app.services.workspace.server_db import open_server_workspace

        server_notes: list[str] = []
        engine, factory = open_server_workspace(data_dir, server_notes)
        return Workspace(data_dir, engine, factory, notes=server_notes)
    db_path = data_dir.db_path
    health = inspect_database(db_path)
    notes: list[str] = []
    if health.status in DAMAGE_STATES:
        moved = move_aside(db_path, now)
        log.warning("database unusable (%s: %s), moved to %s", health.status, health.detail,
                    moved.name)
        backup = newest_valid_backup(data_dir)
        message = DAMAGE_MESSAGES[health.status].format(name=db_path.name)
        message += f" Tệp đã được đổi tên thành {moved.name} (không bị xóa)."
        message += (
            f" Có thể khôi phục từ bản sao lưu mới nhất: {backup.name}."
            if backup
            else " Không có bản sao lưu nào; ứng dụng sẽ bắt đầu với dữ liệu trống."
        )
        raise DatabaseDamaged(
            message, code=str(health.status), moved_to=moved, newest_backup=backup
        )
    refusal = refuse_message(health, db_path)
    if refusal:
        raise UserError(refusal, code=str(health.status))
    if health.status is DbStatus.BEHIND:
        saved = create_backup(db_path, data_dir.backups_dir, BackupReason.PRE_MIGRATION, now)
        log.info("schema %s behind, backed up to %s before migrating", health.revision,
                 saved.name)
        upgrade_to_head(db_path)
        notes.append(f"Đã nâng cấp dữ liệu lên phiên bản mới (bản sao lưu trước: {saved.name}).")
    elif health.status is DbStatus.MISSING:
        set_aside_orphans(db_path, now)
        upgrade_to_head(db_path)
        log.info("created a new database")
    tighten_data_folder(data_dir.root)
    remove_stale_partials(data_dir.root, STALE_PARTIAL_S)
    workspace = Workspace(data_dir, notes=notes)
    if daily_backup:
        take_daily_backup(workspace, now, backup_keep)
    return workspace


def take_daily_backup(workspace: Workspace, now: datetime, keep: int | None) -> Path | None:
    """Back up once a day (the first start of the day), then prune old automatic copies."""
    from trainer_app.services.workspace import settings as settings_service

    backups_dir = workspace.data_dir.backups_dir
    if any(
        b.reason == BackupReason.AUTO and b.created_at.date() == now.date()
        for b in list_backups(backups_dir)
    ):
        return None
    if keep is None:
        keep = settings_service.load_preferences(workspace.reads).backup_keep
    path = create_backup(workspace.data_dir.db_path, backups_dir, BackupReason.AUTO, now)
    prune_backups(backups_dir, keep)
    return path
