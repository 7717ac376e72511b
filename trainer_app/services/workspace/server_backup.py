"""Backups of a workspace on a PostgreSQL server: ``pg_dump`` / ``pg_restore`` in their
custom format, into the data folder's ``backups/`` (files ``trainer-…-manual.pgdump``).
A restore refuses a dump that holds triggers, functions, views or tables the app does not
know, as on SQLite; the dump tool must be at least the server's major version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from trainer_app.datadir import DataDir, redact_url
from trainer_app.services.errors import UserError

SUFFIX = ".pgdump"
_ALLOWED_KINDS = {"TABLE", "TABLE DATA", "SEQUENCE", "SEQUENCE SET", "SEQUENCE OWNED BY",
                  "DEFAULT", "CONSTRAINT", "FK CONSTRAINT", "INDEX", "CHECK CONSTRAINT",
                  "ENCODING", "STDSTRINGS", "SEARCHPATH", "DATABASE", "SCHEMA", "COMMENT",
                  "ACL", "DEFAULT ACL"}
_FORBIDDEN_KINDS = ("TRIGGER", "FUNCTION", "PROCEDURE", "VIEW", "MATERIALIZED VIEW", "RULE",
                    "EVENT TRIGGER", "AGGREGATE", "EXTENSION", "POLICY", "PUBLICATION",
                    "SUBSCRIPTION", "OPERATOR", "CAST", "TYPE")


@dataclass(frozen=True)
class ServerBackup:
    path: str
    name: str
    created_at: str
    size_bytes: int


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UserError(
            f"Không tìm thấy chương trình {name} để sao lưu/khôi phục cơ sở dữ liệu PostgreSQL. "
            "Cài gói postgresql-client (Debian/Ubuntu: sudo apt install postgresql-client; "
            "Windows: cài PostgreSQL và thêm thư mục bin vào PATH), hoặc nhờ cán bộ CNTT sao lưu "
            "máy chủ bằng pg_dump.", code="no_pg_dump")
    return found


def _env(url: str) -> dict[str, str]:
    """libpq's environment for ``url`` (the password never goes on a command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    query = dict(parsed.query)
    host = parsed.host or query.get("host")
    if host:
        env["PGHOST"] = str(host if isinstance(host, str) else host[0])
    port = parsed.port or query.get("port")
    if port:
        env["PGPORT"] = str(port if not isinstance(port, tuple) else port[0])
    if parsed.username:
        env["PGUSER"] = parsed.username
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    if parsed.database:
        env["PGDATABASE"] = parsed.database
    return env


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    return int(match.group(1)) if match else 0


def check_tool_version(tool: str, server_major: int) -> None:
    output = subprocess.run([_tool(tool), "--version"], capture_output=True, text=True,
                            timeout=30).stdout
    named = re.search(r"PostgreSQL\)\s+(\d+)", output)
    have = int(named.group(1)) if named else _major(output)
    if have < server_major:
        raise UserError(
            f"{tool} trên máy này là phiên bản {have}, cũ hơn máy chủ PostgreSQL "
            f"({server_major}): bản sao lưu sẽ không đúng. Cài {tool} phiên bản {server_major} "
            "trở lên (gói postgresql-client cùng phiên bản với máy chủ).",
            code="pg_dump_too_old")


def server_major(workspace_engine: object) -> int:
    from sqlalchemy import Engine

    assert isinstance(workspace_engine, Engine)
    with workspace_engine.connect() as connection:
        number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
    return number // 10000


def create_server_backup(data_dir: DataDir, engine: object, now: datetime | None = None,
                         reason: str = "manual") -> Path:
    url = data_dir.database_url or ""
    check_tool_version("pg_dump", server_major(engine))
    now = now or datetime.now()
    data_dir.backups_dir.mkdir(parents=True, exist_ok=True)
    final = data_dir.backups_dir / f"trainer-{now:%Y%m%d-%H%M%S-%f}-{reason}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    result = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
         "--file", str(partial)],
        env=_env(url), capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise UserError(f"pg_dump không sao lưu được {redact_url(url)}: "
                        f"{result.stderr.strip()[:300]}", code="pg_dump_failed")
    os.chmod(partial, 0o600)
    os.replace(partial, final)
    return final


def list_server_backups(data_dir: DataDir) -> list[ServerBackup]:
    if not data_dir.backups_dir.is_dir():
        return []
    out = []
    for path in sorted(data_dir.backups_dir.glob(f"trainer-*{SUFFIX}"), reverse=True):
        stamp = datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
        out.append(ServerBackup(str(path), path.name, stamp, path.stat().st_size))
    return out


def dump_problems(path: Path, known_tables: set[str]) -> list[str]:
    """What in the dump's table of contents the app would not have made itself."""
    listing = subprocess.run([_tool("pg_restore"), "--list", str(path)], capture_output=True,
                             text=True, timeout=300)
    if listing.returncode != 0:
        raise UserError(f"Tệp {path.name} không phải bản sao lưu PostgreSQL đọc được "
                        f"({listing.stderr.strip()[:200]}). Dữ liệu hiện tại không bị thay đổi.",
                        code="backup_unusable")
    problems = []
    # TOC lines: "123; 1259 16390 TABLE public person postgres",
    # "214; 2604 16401 DEFAULT public attempt id postgres"
    kinds = sorted(_ALLOWED_KINDS | set(_FORBIDDEN_KINDS), key=len, reverse=True)
    head = re.compile(r"^\d+;\s+\d+\s+\d+\s+")
    for line in listing.stdout.splitlines():
        match = head.match(line.strip())
        if not match:
            continue
        rest = line.strip()[match.end():]
        kind = next((k for k in kinds if rest.startswith(k + " ")), None)
        tokens = rest[len(kind) + 1:].split() if kind else rest.split()
        name = tokens[1] if len(tokens) > 1 else rest
        if kind is None or kind in _FORBIDDEN_KINDS:
            problems.append(f"{kind or rest.split()[0]} {name}")
        elif kind in ("TABLE", "TABLE DATA") and name not in known_tables:
            problems.append(f"bảng lạ {name}")
    return problems


def restore_server_backup(data_dir: DataDir, engine: object, backup: Path,
                          now: datetime | None = None) -> Path:
    """Check the dump, keep the current data as a pre-restore dump, then restore in one
    transaction. Returns the pre-restore dump."""
    from trainer_app.db.models import Base

    if not backup.is_file():
        raise UserError(f"Không tìm thấy bản sao lưu {backup}.", code="backup_missing")
    known = set(Base.metadata.tables) | {"alembic_version"}
    problems = dump_problems(backup, known)
    if problems:
        raise UserError(
            f"Không thể khôi phục từ {backup.name}: bản sao lưu chứa thành phần ứng dụng không "
            f"tạo ra ({', '.join(problems[:5])}). Dữ liệu hiện tại không bị thay đổi.",
            code="backup_unusable")
    url = data_dir.database_url or ""
    check_tool_version("pg_restore", server_major(engine))
    previous = create_server_backup(data_dir, engine, now, reason="pre-restore")
    from sqlalchemy import Engine

    assert isinstance(engine, Engine)
    engine.dispose()
    result = subprocess.run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", make_url(url).database or "",
         str(backup)],
        env=_env(url), capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise UserError(f"pg_restore không khôi phục được từ {backup.name}: "
                        f"{result.stderr.strip()[:300]}. Máy chủ giữ nguyên dữ liệu cũ (khôi "
                        "phục chạy trong một giao dịch).", code="pg_restore_failed")
    return previous
