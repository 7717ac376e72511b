"""Headless sub-commands. Same services as the GUI; never imports PySide6.

Exit codes: 0 success, 1 a check found a problem, 2 bad usage or unusable input.
Errors print one Vietnamese line on stderr (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, NoReturn

from trainer_app import __version__
from trainer_app.cli.locking import hold_instance_lock, writes
from trainer_app.datadir import DataDir, resolve_data_dir
from trainer_app.services.errors import UserError

log = logging.getLogger("trainer_app.cli")


class VietnameseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"Lỗi cú pháp lệnh: {message}. Xem: trainer-app --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(
        prog="trainer-app",
        description="Tập huấn CTV — chạy không có lệnh con để mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"trainer-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu")
    parser.add_argument("--database-url", metavar="URL",
                        help="cơ sở dữ liệu PostgreSQL (postgresql://…); mặc định: SQLite "
                             "trong thư mục dữ liệu")
    parser.add_argument("--debug", action="store_true", help="in chi tiết lỗi (traceback)")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    demo = commands.add_parser("demo", help="tạo dữ liệu mẫu (phường Tân Hưng)")
    demo.add_argument("--reset", action="store_true", help="xóa dữ liệu mẫu cũ rồi tạo lại")
    demo.add_argument("--json", action="store_true")

    db = commands.add_parser("db", help="kiểm tra cơ sở dữ liệu")
    db_commands = db.add_subparsers(dest="db_command", metavar="LỆNH", required=True)
    check = db_commands.add_parser("check", help="kiểm tra toàn vẹn, WAL, khóa ngoại")
    check.add_argument("--json", action="store_true")
    copy = db_commands.add_parser(
        "copy", help="chép dữ liệu sang cơ sở dữ liệu PostgreSQL trống (--to) hoặc về thư mục "
                     "dữ liệu (--from)")
    direction = copy.add_mutually_exclusive_group(required=True)
    direction.add_argument("--to", metavar="URL", help="PostgreSQL đích (trống)")
    direction.add_argument("--from", dest="from_url", metavar="URL",
                           help="PostgreSQL nguồn; chép về thư mục dữ liệu chưa có dữ liệu")
    copy.add_argument("--json", action="store_true")

    backup = commands.add_parser("backup", help="sao lưu và khôi phục")
    backup_commands = backup.add_subparsers(dest="backup_command", metavar="LỆNH", required=True)
    create = backup_commands.add_parser("create", help="tạo bản sao lưu ngay")
    create.add_argument("--json", action="store_true")
    listing = backup_commands.add_parser("list", help="liệt kê các bản sao lưu")
    listing.add_argument("--json", action="store_true")
    restore = backup_commands.add_parser("restore", help="khôi phục từ một bản sao lưu")
    restore.add_argument("file", help="tệp sao lưu (đường dẫn, tên tệp, hoặc 'latest')")
    restore.add_argument("--json", action="store_true")

    from trainer_app.cli import roster as cli_roster

    cli_roster.add_parsers(commands)
    from trainer_app.cli import quiz as cli_quiz

    cli_quiz.add_parsers(commands)
    from trainer_app.cli import attempt as cli_attempt

    cli_attempt.add_parsers(commands)
    from trainer_app.cli import session as cli_session

    cli_session.add_parsers(commands)
    from trainer_app.cli import report as cli_report

    cli_report.add_parsers(commands)
    from trainer_app.cli import certificate as cli_certificate

    cli_certificate.add_parsers(commands)
    from trainer_app.cli import media as cli_media

    cli_media.add_parsers(commands)
    from trainer_app.cli import results as cli_results

    cli_results.add_parsers(commands)
    from trainer_app.cli import settings as cli_settings

    cli_settings.add_parsers(commands)
    from trainer_app.cli import exchange as cli_exchange

    cli_exchange.add_parsers(commands)
    from trainer_app.cli import phone as cli_phone

    cli_phone.add_parsers(commands)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def _emit(options: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(options, "json", False):
        payload = asdict(data) if is_dataclass(data) and not isinstance(data, type) else data
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _cmd_demo(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace import demo as demo_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = demo_service.fill_demo(workspace, reset=options.reset)
    finally:
        workspace.close()
    _emit(options, result, result.message)
    return 0


def _cmd_db_copy(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace import db_copy

    def progress(table: str, done: int, total: int) -> None:
        if not options.json and table:
            print(f"[{done + 1}/{total}] {table}", file=sys.stderr, flush=True)

    local = DataDir(data_dir.root, data_dir.source)  # the folder's SQLite side (locked)
    if options.to:
        result = db_copy.copy_to_server(local, options.to, progress)
    else:
        result = db_copy.copy_from_server(local, options.from_url, progress)
    lines = [f"{t.table}\t{t.rows}\t{t.checksum}" for t in result.tables]
    _emit(options, {**asdict(result), "rows": result.rows}, "\n".join([
        f"Đã chép {result.rows} dòng từ {result.source} sang {result.target}; số dòng và mã "
        "kiểm tra từng bảng khớp.", *lines]))
    return 0


def _cmd_db_check(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace import check as check_service

    if options.db_command == "copy":
        return _cmd_db_copy(options, data_dir)
    report = check_service.check_database(data_dir)
    lines = [f"{item.name}: {'đạt' if item.ok else 'LỖI'} — {item.detail}" for item in report.items]
    _emit(options, report, "\n".join([report.summary, f"Cơ sở dữ liệu: {report.database}", *lines]))
    return 0 if report.ok else 1


def _cmd_backup(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace import backup as backup_service
    from trainer_app.services.workspace.opening import open_workspace

    if options.backup_command == "list":
        entries = backup_service.list_entries(data_dir)
        text = "\n".join(f"{e.name}\t{e.reason}\t{e.size_bytes} byte" for e in entries)
        _emit(options, [asdict(e) for e in entries], text or "Chưa có bản sao lưu nào.")
        return 0
    if options.backup_command == "create":
        workspace = open_workspace(data_dir, daily_backup=False)
        try:
            path = backup_service.create_manual(workspace)
        finally:
            workspace.close()
        _emit(options, {"backup": str(path)}, f"Đã sao lưu: {path}")
        return 0
    source = backup_service.resolve_backup(data_dir, options.file)
    result = backup_service.restore(data_dir, source)
    kept = f" Dữ liệu cũ được giữ tại {result.previous_copy}." if result.previous_copy else ""
    warnings = "".join(f"\n{line}" for line in result.warnings)
    _emit(options, result, f"Đã khôi phục từ {Path(result.restored_from).name}.{kept}{warnings}")
    return 0


def _cmd_roster(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import roster as cli_roster

    return cli_roster.run(options, data_dir)


def _cmd_quiz(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import quiz as cli_quiz

    return cli_quiz.run(options, data_dir)


def _cmd_attempt(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import attempt as cli_attempt

    return cli_attempt.run(options, data_dir)


def _cmd_media(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import media as cli_media

    return cli_media.run(options, data_dir)


def _cmd_session(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import session as cli_session

    return cli_session.run(options, data_dir)


def _cmd_report(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import report as cli_report

    return cli_report.run(options, data_dir)


def _cmd_export(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import results as cli_results

    return cli_results.run(options, data_dir)


def _cmd_certificate(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import certificate as cli_certificate

    return cli_certificate.run(options, data_dir)


def _cmd_settings(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import settings as cli_settings

    return cli_settings.run(options, data_dir)


def _cmd_exchange(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import exchange as cli_exchange

    return cli_exchange.run(options, data_dir)


def _cmd_phone(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import phone as cli_phone

    return cli_phone.run(options, data_dir)


COMMANDS: dict[str, Callable[[argparse.Namespace, DataDir], int]] = {
    "session": _cmd_session,
    "attendance": _cmd_session,
    "quiz": _cmd_quiz,
    "attempt": _cmd_attempt,
    "media": _cmd_media,
    "report": _cmd_report,
    "export": _cmd_export,
    "certificates": _cmd_certificate,
    "certificate": _cmd_certificate,
    "demo": _cmd_demo,
    "roster": _cmd_roster,
    "db": _cmd_db_check,
    "backup": _cmd_backup,
    "settings": _cmd_settings,
    "exchange": _cmd_exchange,
    "phone": _cmd_phone,
}


def run_command(options: argparse.Namespace) -> int:
    if hasattr(signal, "SIGPIPE"):  # `trainer-app … | head` ends quietly, as other tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        data_dir = resolve_data_dir(options.data_dir, options.database_url)
        # A workspace on a database server has no folder lock (several instances at once);
        # db copy reads or writes the folder's own SQLite file, so it always takes it.
        locked = writes(options) and (not data_dir.on_server or options.command == "db")
        if not locked:
            return COMMANDS[options.command](options, data_dir)
        with hold_instance_lock(data_dir):
            return COMMANDS[options.command](options, data_dir)
    except UserError as exc:
        if options.debug:
            log.exception("command failed")
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except Exception as exc:
        if options.debug:
            raise
        print(f"Lỗi không mong muốn: {type(exc).__name__}: {exc}. Chạy lại với --debug để "
              "xem chi tiết.", file=sys.stderr)
        return 2
