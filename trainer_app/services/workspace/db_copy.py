"""`db copy`: move a workspace between SQLite (the data folder's file) and a PostgreSQL
server, both ways, table by table in one transaction on the target.

Refuses a target that already holds tables; names every row the target would refuse (NUL
bytes, text longer than its column, a reference to a row that does not exist) before
anything is written; resets the id sequences on PostgreSQL; verifies row counts and a
checksum per table afterwards. Nothing is committed unless all of it holds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, Engine, String, Table, func, inspect, select, text

from trainer_app.db.models import Base
from trainer_app.services.errors import UserError

Progress = Callable[[str, int, int], None]  # (table, tables done, tables in all)
BATCH = 2000
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


@dataclass
class CopyResult:
    source: str
    target: str
    tables: list[TableCopy] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _normal(value: Any) -> str:
    """One spelling of a value on both engines (SQLite keeps booleans as 0/1, datetimes as
    text; PostgreSQL hands back bool and datetime objects)."""
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns)


def table_checksum(connection: Connection, table: Table) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in connection.execute(_ordered(table)).yield_per(BATCH):
        digest.update("\x1f".join(_normal(v) for v in row).encode("utf-8"))
        digest.update(b"\x1e")
        count += 1
    return count, digest.hexdigest()[:16]


def _row_problems(table: Table, rows: Iterable[Any], known: dict[str, set[Any]]) -> list[str]:
    problems: list[str] = []
    pk = [c.name for c in table.primary_key.columns]
    fks = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]
    for row in rows:
        mapping = row._mapping
        where = ", ".join(f"{name}={mapping[name]}" for name in pk)
        for column in table.columns:
            value = mapping[column.name]
            if isinstance(value, str):
                if "\x00" in value:
                    problems.append(f"bảng {table.name}, dòng {where}, cột {column.name}: "
                                    "chứa ký tự NUL (PostgreSQL không nhận)")
                length = getattr(column.type, "length", None)
                if isinstance(column.type, String) and length and len(value) > length:
                    problems.append(f"bảng {table.name}, dòng {where}, cột {column.name}: dài "
                                    f"{len(value)} ký tự, tối đa {length}")
        for column_name, parent in fks:
            value = mapping[column_name]
            if value is not None and value not in known.get(parent, set()):
                problems.append(f"bảng {table.name}, dòng {where}, cột {column_name}: trỏ tới "
                                f"{parent} số {value} không tồn tại")
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _refuse_non_empty(engine: Engine, label: str) -> None:
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    if tables:
        raise UserError(f"Cơ sở dữ liệu đích {label} không trống (đã có {len(tables)} bảng, ví "
                        f"dụ {sorted(tables)[0]}). Chỉ chép vào một cơ sở dữ liệu trống; không có "
                        "gì bị thay đổi.", code="target_not_empty")


def _reset_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk[0].name}'), "
            f"COALESCE((SELECT max(\"{pk[0].name}\") FROM \"{table.name}\"), 0) + 1, false)"))


def copy_between(source: Engine, target: Engine, source_label: str, target_label: str,
                 create_schema: Callable[[Connection], None],
                 progress: Progress | None = None, *, schema_made: bool = False) -> CopyResult:
    """Copy every table of the app from ``source`` into the empty ``target`` (whose schema
    ``create_schema`` makes inside the copy's transaction, unless ``schema_made``)."""
    if not schema_made:
        _refuse_non_empty(target, target_label)
    tables = list(Base.metadata.sorted_tables)
    result = CopyResult(source_label, target_label)
    known: dict[str, set[Any]] = {}
    with source.connect() as reading:
        problems: list[str] = []
        for table in tables:
            rows = reading.execute(_ordered(table)).all()
            problems += _row_problems(table, rows, known)
            pk = list(table.primary_key.columns)
            single = len(pk) == 1
            known[table.name] = {row._mapping[pk[0].name] for row in rows} if single else set()
        if problems:
            shown = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS])
            raise UserError(f"Không chép được: {len(problems)} dòng cơ sở dữ liệu đích sẽ từ "
                            f"chối (không có gì được ghi):\n{shown}", code="rows_refused")
        with target.begin() as writing:
            create_schema(writing)
            for number, table in enumerate(tables, start=1):
                if progress is not None:
                    progress(table.name, number - 1, len(tables))
                batch: list[dict[str, Any]] = []
                for row in reading.execute(_ordered(table)).yield_per(BATCH):
                    batch.append(dict(row._mapping))
                    if len(batch) >= BATCH:
                        writing.execute(table.insert(), batch)
                        batch = []
                if batch:
                    writing.execute(table.insert(), batch)
            if target.dialect.name == "postgresql":
                _reset_sequences(writing, tables)
            for table in tables:
                source_count, source_sum = table_checksum(reading, table)
                target_count, target_sum = table_checksum(writing, table)
                if (source_count, source_sum) != (target_count, target_sum):
                    raise UserError(
                        f"Kiểm tra sau khi chép không khớp ở bảng {table.name} ({source_count} "
                        f"dòng, mã {source_sum} ≠ {target_count} dòng, mã {target_sum}); không "
                        "có gì được ghi.", code="copy_mismatch")
                result.tables.append(TableCopy(table.name, target_count, target_sum))
            if progress is not None:
                progress("", len(tables), len(tables))
    return result


def count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
                for t in Base.metadata.sorted_tables}


def _alembic_in(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    from trainer_app.db.migrate import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def copy_to_server(data_dir: Any, url: str, progress: Progress | None = None) -> CopyResult:
    """The data folder's SQLite workspace into the empty PostgreSQL database at ``url``."""
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.db.engine import make_engine
    from trainer_app.services.workspace.opening import open_workspace
    from trainer_app.services.workspace.server_db import open_server_engine

    assert isinstance(data_dir, DataDir)
    if not data_dir.db_path.exists():
        raise UserError(f"Thư mục {data_dir.root} chưa có dữ liệu để chép.", code="no_source")
    local = DataDir(data_dir.root, data_dir.source)
    open_workspace(local, daily_backup=False).close()  # checked and migrated to head first
    target, _state, label = open_server_engine(DataDir(data_dir.root, DataDirSource.ARGUMENT, url))
    source = make_engine(data_dir.db_path)
    try:
        return copy_between(source, target, str(data_dir.db_path), label, _alembic_in, progress)
    finally:
        source.dispose()
        target.dispose()


def copy_from_server(data_dir: Any, url: str, progress: Progress | None = None) -> CopyResult:
    """The PostgreSQL database at ``url`` into the data folder, which must hold no database
    yet; the file appears only when the copy is complete and verified."""
    import os

    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.db.engine import make_engine
    from trainer_app.db.migrate import HEAD_REVISION, upgrade_to_head
    from trainer_app.services.workspace.datafolder import ensure_writable_dir
    from trainer_app.services.workspace.server_db import open_server_engine

    assert isinstance(data_dir, DataDir)
    ensure_writable_dir(data_dir.root)
    if data_dir.db_path.exists() and data_dir.db_path.stat().st_size > 0:
        raise UserError(f"Thư mục {data_dir.root} đã có dữ liệu ({data_dir.db_path.name}). Chọn "
                        "một thư mục dữ liệu mới để chép về; không có gì bị thay đổi.",
                        code="target_not_empty")
    source, state, label = open_server_engine(DataDir(data_dir.root, DataDirSource.ARGUMENT, url))
    if state.revision != HEAD_REVISION:
        source.dispose()
        raise UserError(f"Cơ sở dữ liệu {label} chưa ở phiên bản lược đồ hiện tại "
                        f"({state.revision}); hãy mở nó bằng ứng dụng trước (tự nâng cấp) rồi "
                        "chép.", code="source_not_current")
    partial = data_dir.db_path.with_name(data_dir.db_path.name + ".copying")
    partial.unlink(missing_ok=True)
    upgrade_to_head(partial)
    target = make_engine(partial)
    try:
        result = copy_between(source, target, label, str(data_dir.db_path), lambda _c: None,
                              progress, schema_made=True)
    except BaseException:
        target.dispose()
        source.dispose()
        partial.unlink(missing_ok=True)
        raise
    target.dispose()
    source.dispose()
    os.replace(partial, data_dir.db_path)
    return result

