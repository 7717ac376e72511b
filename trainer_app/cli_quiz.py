"""`trainer-app quiz …`: check, import and export quiz files. Never imports PySide6."""

from __future__ import annotations

import argparse

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    quiz = commands.add_parser("quiz", help="bộ câu hỏi kiểm tra")
    sub = quiz.add_subparsers(dest="quiz_command", metavar="LỆNH", required=True)
    check = sub.add_parser("check", help="kiểm tra tệp câu hỏi (báo lỗi theo tệp và dòng)")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true")
    imp = sub.add_parser("import", help="nhập tệp câu hỏi (TOML, GIFT, Aiken, XLSX)")
    imp.add_argument("file")
    imp.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"check": cmd_check, "import": cmd_import}
    return handlers[options.quiz_command](options, data_dir)


def cmd_check(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("quiz check")


def cmd_import(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("quiz import")
