"""Which database a data folder uses, for the Settings page: SQLite in the folder (the
default) or a PostgreSQL server whose URL is kept in the folder's ``database-url`` file
(mode 0600: a Start-menu shortcut has no command line). A change takes effect at the next
start; the password is never shown."""

from __future__ import annotations

from dataclasses import dataclass

from trainer_app.datadir import URL_ENV_VAR, DataDir, read_url_file, redact_url, write_url_file
from trainer_app.services.errors import UserError


@dataclass(frozen=True)
class DatabaseChoice:
    in_use: str  # "SQLite — …/trainer.db" or "PostgreSQL — postgresql://user:***@host/db"
    on_server: bool
    saved_url: str | None  # redacted; what the next start will use from the file
    from_environment: bool  # TRAINER_APP_DATABASE_URL or --database-url wins over the file


def describe(data_dir: DataDir, environment_url: str | None = None) -> DatabaseChoice:
    if data_dir.on_server:
        in_use = f"PostgreSQL — {data_dir.database_label}"
    else:
        in_use = f"SQLite — {data_dir.db_path}"
    saved = read_url_file(data_dir.root)
    overridden = bool(environment_url) and environment_url != saved
    return DatabaseChoice(in_use, data_dir.on_server, redact_url(saved) if saved else None,
                          overridden)


def check_connection(url: str) -> str:
    """Connect once and say what was found (a UserError says why not)."""
    from pathlib import Path

    from trainer_app.datadir import DataDirSource
    from trainer_app.services.workspace.server_db import open_server_engine

    probe = DataDir(Path("."), DataDirSource.ARGUMENT, url.strip())
    engine, state, label = open_server_engine(probe)
    engine.dispose()
    if state.is_foreign:
        raise UserError(f"Kết nối được {label} nhưng cơ sở dữ liệu có bảng của chương trình "
                        "khác: hãy dùng một cơ sở dữ liệu trống.", code="foreign")
    if state.is_newer:
        raise UserError(f"Kết nối được {label} nhưng dữ liệu thuộc phiên bản ứng dụng mới hơn.",
                        code="newer")
    if state.revision is None:
        return f"Kết nối được {label}: cơ sở dữ liệu trống, sẽ được tạo khi mở lại ứng dụng."
    return f"Kết nối được {label}: dữ liệu của ứng dụng (lược đồ {state.revision})."


def save_choice(data_dir: DataDir, url: str | None) -> str:
    """Keep ``url`` for the next start (None: back to SQLite in the folder)."""
    from trainer_app.services.workspace.server_db import check_url

    if url is not None and url.strip():
        check_url(url.strip())
        write_url_file(data_dir.root, url.strip())
        return (f"Đã lưu. Lần mở sau ứng dụng dùng {redact_url(url.strip())}. Hãy đóng và mở "
                "lại ứng dụng.")
    write_url_file(data_dir.root, None)
    return ("Đã lưu. Lần mở sau ứng dụng dùng SQLite trong thư mục dữ liệu. Hãy đóng và mở lại "
            "ứng dụng.")


__all__ = ["URL_ENV_VAR", "DatabaseChoice", "check_connection", "describe", "save_choice"]
