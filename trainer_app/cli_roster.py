"""`trainer-app roster …`: import, list and export collaborators. Never imports PySide6."""

from __future__ import annotations

import argparse

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    roster = commands.add_parser("roster", help="danh sách cộng tác viên")
    sub = roster.add_subparsers(dest="roster_command", metavar="LỆNH", required=True)
    imp = sub.add_parser("import", help="nhập từ tệp Excel (XLSX) hoặc CSV")
    imp.add_argument("file")
    imp.add_argument("--sheet", metavar="NAME", help="tên trang tính (mặc định: trang đầu)")
    imp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không lưu")
    imp.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="liệt kê cộng tác viên")
    listing.add_argument("--search", metavar="TEXT", help="tìm theo tên hoặc số điện thoại")
    listing.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="xuất danh sách ra tệp XLSX")
    export.add_argument("file")
    export.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"import": cmd_import, "list": cmd_list, "export": cmd_export}
    return handlers[options.roster_command](options, data_dir)


def cmd_import(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("roster import")


def cmd_list(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("roster list")


def cmd_export(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("roster export")
