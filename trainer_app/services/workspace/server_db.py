"""Opening a workspace whose database is a PostgreSQL server (``--database-url``): connect,
refuse what is not ours or is newer, migrate with the same scripts as SQLite, and explain
every failure in Vietnamese. The data folder still holds logs, media and exports."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from trainer_app.datadir import DataDir, redact_url
from trainer_app.services.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from trainer_app.db.migrate import SchemaState

log = logging.getLogger(__name__)

URL_FORM = "postgresql://người_dùng:mật_khẩu@máy_chủ:5432/tên_cơ_sở_dữ_liệu"


def check_url(url: str) -> None:
    """Refuse a URL that is not a PostgreSQL address before anything connects."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        raise UserError(f"Địa chỉ cơ sở dữ liệu không hợp lệ ({exc}). Dạng đúng: {URL_FORM}.",
                        code="bad_database_url") from exc
    if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise UserError(
            f"Địa chỉ cơ sở dữ liệu «{redact_url(url)}» không phải PostgreSQL (phải bắt đầu "
            f"bằng postgresql://). Dạng đúng: {URL_FORM}. Muốn dùng SQLite trong thư mục dữ "
            "liệu thì bỏ --database-url.", code="bad_database_url")
    if not parts.path.strip("/"):
        raise UserError(f"Địa chỉ cơ sở dữ liệu thiếu tên cơ sở dữ liệu. Dạng đúng: {URL_FORM}.",
                        code="bad_database_url")


def server_error_message(label: str, kind: str, detail: str) -> str:
    if kind == "auth":
        return (f"Máy chủ cơ sở dữ liệu {label} từ chối đăng nhập: sai tên người dùng hoặc mật "
                "khẩu. Không có gì bị thay đổi.")
    if kind == "no_database":
        return (f"Trên máy chủ chưa có cơ sở dữ liệu {label}. Nhờ cán bộ CNTT tạo cơ sở dữ liệu "
                "và người dùng (xem README, mục PostgreSQL). Không có gì bị thay đổi.")
    if kind == "unreachable":
        return (f"Không kết nối được máy chủ cơ sở dữ liệu {label}: máy chủ chưa chạy, sai "
                "địa chỉ hoặc cổng, hoặc tường lửa chặn. Không có gì bị thay đổi. "
                f"(Chi tiết: {detail})")
    return f"Lỗi máy chủ cơ sở dữ liệu {label}: {detail}. Không có gì bị thay đổi."


def open_server_engine(data_dir: DataDir) -> tuple[Engine, SchemaState, str]:
    """Engine, schema state — or a UserError saying why not."""
    from trainer_app.db.engine import make_server_engine
    from trainer_app.db.server import ServerError, read_server_schema_state

    url = data_dir.database_url or ""
    check_url(url)
    label = redact_url(url)
    try:
        engine = make_server_engine(url)
    except ImportError as exc:
        raise UserError("Thiếu thư viện psycopg để dùng PostgreSQL. Cài gói: pip install "
                        "'trainer-app[postgres]' (bản đóng gói đã có sẵn).",
                        code="no_driver") from exc
    try:
        state = read_server_schema_state(engine)
    except ServerError as exc:
        engine.dispose()
        raise UserError(server_error_message(label, str(exc.kind), exc.detail),
                        code=f"server_{exc.kind}") from exc
    return engine, state, label


def open_server_workspace(data_dir: DataDir, notes: list[str]
                          ) -> tuple[Engine, sessionmaker[Session]]:
    """The Workspace parts (engine, session factory) on the server, migrated to head."""
    from trainer_app.db.engine import make_session_factory
    from trainer_app.db.server import ServerError, classify, upgrade_server_to_head

    engine, state, label = open_server_engine(data_dir)
    try:
        if state.is_foreign:
            raise UserError(
                f"Cơ sở dữ liệu {label} đã có bảng của chương trình khác, không phải của ứng "
                "dụng Tập huấn CTV. Hãy dùng một cơ sở dữ liệu trống; không có gì bị thay đổi.",
                code="foreign")
        if state.is_newer:
            raise UserError(
                f"Cơ sở dữ liệu {label} được tạo bởi phiên bản ứng dụng mới hơn (lược đồ "
                f"{state.revision}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.",
                code="newer")
        if state.is_behind:
            try:
                upgrade_server_to_head(engine)
            except ServerError as exc:
                raise UserError(server_error_message(label, str(exc.kind), exc.detail),
                                code=f"server_{exc.kind}") from exc
            except Exception as exc:  # a DBAPI error mid-migration: rolled back as a whole
                problem = classify(exc)
                raise UserError(server_error_message(label, str(problem.kind), problem.detail),
                                code="migration_failed") from exc
            if state.revision is None:
                log.info("created the schema on the server")
            else:
                notes.append("Đã nâng cấp lược đồ cơ sở dữ liệu trên máy chủ lên phiên bản mới.")
    except BaseException:
        engine.dispose()
        raise
    return engine, make_session_factory(engine)
