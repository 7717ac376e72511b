"""`db check`: is the database sound? Reads only; changes nothing."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from trainer_app.datadir import DataDir
from trainer_app.db.engine import make_engine
from trainer_app.db.health import DbStatus, inspect_database
from trainer_app.db.migrate import HEAD_REVISION
from trainer_app.db.models import Base
from trainer_app.db.sqlite_raw import connect_raw
from trainer_app.services.workspace.check_report import CheckItem, CheckReport


def check_database(data_dir: DataDir) -> CheckReport:
    if data_dir.on_server:
        from trainer_app.services.workspace.server_check import check_server

        return check_server(data_dir)
    db_path = data_dir.db_path
    health = inspect_database(db_path)
    report = CheckReport(False, "", str(db_path), str(health.status), health.revision)
    report.items.append(CheckItem("tệp dữ liệu", health.status is DbStatus.OK,
                                  _status_text(health.status, health.detail)))
    if health.status is not DbStatus.OK:
        report.summary = f"CÓ VẤN ĐỀ: {_status_text(health.status, health.detail)}"
        return report
    conn = connect_raw(db_path, readonly=True)
    try:
        report.journal_mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        fk_problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        for table in sorted(Base.metadata.tables):
            row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            report.counts[table] = int(row[0])
    finally:
        conn.close()
    report.items.append(CheckItem("toàn vẹn (quick_check)", True, "ok"))
    report.items.append(CheckItem("phiên bản lược đồ", health.revision == HEAD_REVISION,
                                  str(health.revision)))
    report.items.append(CheckItem("ghi nhật ký WAL", report.journal_mode == "wal",
                                  report.journal_mode or "?"))
    report.items.append(CheckItem("tham chiếu khóa ngoại", not fk_problems,
                                  f"{len(fk_problems)} tham chiếu hỏng"))
    report.foreign_keys_enforced = _foreign_keys_enforced(data_dir)
    report.items.append(CheckItem("khóa ngoại được áp dụng", report.foreign_keys_enforced,
                                  "bản ghi sai tham chiếu bị từ chối"
                                  if report.foreign_keys_enforced else "không được áp dụng"))
    report.ok = all(item.ok for item in report.items)
    people = report.counts.get("person", 0)
    sessions = report.counts.get("training_session", 0)
    report.summary = (
        f"ĐẠT: {people} cộng tác viên, {sessions} buổi tập huấn." if report.ok
        else "CÓ VẤN ĐỀ: xem các mục dưới đây."
    )
    return report


def _foreign_keys_enforced(data_dir: DataDir) -> bool:
    """Try a row that points at nothing, inside a transaction that is rolled back."""
    engine = make_engine(data_dir.db_path)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(text(
                    "INSERT INTO agenda_item (session_id, position, kind, title, notes) "
                    "VALUES (-1, 1, 'slide', 'check', '')"
                ))
            except IntegrityError:
                return True
            except sqlite3.Error:
                return False
            finally:
                transaction.rollback()
            return False
    finally:
        engine.dispose()


def _status_text(status: DbStatus, detail: str) -> str:
    texts = {
        DbStatus.OK: "bình thường",
        DbStatus.MISSING: "chưa có dữ liệu (chưa tạo cơ sở dữ liệu)",
        DbStatus.BEHIND: "phiên bản cũ, sẽ được nâng cấp khi mở ứng dụng",
        DbStatus.EMPTY: "tệp rỗng (0 byte)",
        DbStatus.NOT_DATABASE: "không phải cơ sở dữ liệu",
        DbStatus.DAMAGED: f"tệp bị hỏng ({detail})",
        DbStatus.FOREIGN: "cơ sở dữ liệu của chương trình khác",
        DbStatus.NEWER: "được tạo bởi phiên bản ứng dụng mới hơn",
        DbStatus.BUSY: f"đang bận hoặc tạm thời không đọc được ({detail}); thử lại sau",
    }
    return texts[status]
