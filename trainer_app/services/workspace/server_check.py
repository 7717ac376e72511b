"""`db check` on a PostgreSQL server: the connection, the schema version, constraints that
hold (none left NOT VALID, a dangling reference refused) and the row counts. Reads only."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from trainer_app.datadir import DataDir
from trainer_app.db.migrate import HEAD_REVISION
from trainer_app.db.models import Base
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.check_report import CheckItem, CheckReport
from trainer_app.services.workspace.server_db import open_server_engine


def check_server(data_dir: DataDir) -> CheckReport:
    report = CheckReport(False, "", data_dir.database_label, "ok")
    try:
        engine, state, label = open_server_engine(data_dir)
    except UserError as exc:
        report.status = exc.code or "unreachable"
        report.items.append(CheckItem("kết nối máy chủ", False, exc.message))
        report.summary = f"CÓ VẤN ĐỀ: {exc.message}"
        return report
    try:
        report.revision = state.revision
        report.items.append(CheckItem("kết nối máy chủ", True, label))
        report.items.append(CheckItem("phiên bản lược đồ", state.revision == HEAD_REVISION,
                                      str(state.revision)))
        if state.revision is None:
            report.status = "foreign" if state.is_foreign else "missing"
            report.summary = ("CÓ VẤN ĐỀ: cơ sở dữ liệu của chương trình khác" if state.is_foreign
                              else "CÓ VẤN ĐỀ: chưa có dữ liệu (chưa tạo lược đồ)")
            return report
        with engine.connect() as connection:
            not_valid = connection.execute(text(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n "
                "ON n.oid = c.connamespace WHERE n.nspname = 'public' AND NOT c.convalidated"
            )).scalars().all()
            for table in sorted(Base.metadata.tables):
                report.counts[table] = int(connection.execute(
                    text(f'SELECT count(*) FROM "{table}"')).scalar_one())
        with engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(text(
                    "INSERT INTO agenda_item (session_id, position, kind, title, notes) "
                    "VALUES (-1, 1, 'slide', 'check', '')"))
                enforced = False
            except IntegrityError:
                enforced = True
            finally:
                transaction.rollback()
        report.foreign_keys_enforced = enforced
        report.items.append(CheckItem("ràng buộc hợp lệ", not not_valid,
                                      "ok" if not not_valid else ", ".join(not_valid)))
        report.items.append(CheckItem("khóa ngoại được áp dụng", enforced,
                                      "bản ghi sai tham chiếu bị từ chối" if enforced
                                      else "không được áp dụng"))
    finally:
        engine.dispose()
    report.ok = all(item.ok for item in report.items)
    report.summary = (
        f"ĐẠT: {report.counts.get('person', 0)} cộng tác viên, "
        f"{report.counts.get('training_session', 0)} buổi tập huấn (PostgreSQL)." if report.ok
        else "CÓ VẤN ĐỀ: xem các mục dưới đây.")
    return report
