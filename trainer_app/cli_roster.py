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
    """Import FILE. Prints {"added", "merged", "skipped": [{"row", "reason"}], "warnings"}
    with --json. Possible doubles (same name and birth year, no phone to compare) are never
    added here: they are listed in the warnings with their row numbers, for the GUI's
    preview to settle. Exit 0 when the file was usable (even if rows were skipped), 2 with
    one Vietnamese line on stderr when it was not."""
    import json

    from trainer_app.services.roster_import import (
        ImportOptions,
        commit_import,
        plan_import,
        preview_result,
    )
    from trainer_app.services.workspace import open_workspace

    workspace = open_workspace(data_dir)
    try:
        plan = plan_import(workspace.session_factory, options.file,
                           ImportOptions(sheet=options.sheet))
        if options.dry_run:
            result = preview_result(plan)
        else:
            result = commit_import(workspace.session_factory, plan)
    finally:
        workspace.close()
    if options.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    head = "Xem trước, chưa lưu gì: sẽ thêm" if options.dry_run else "Đã thêm"
    lines = [f"{head} {result.added} người, gộp {result.merged} dòng vào người đã có, "
             f"bỏ qua {len(result.skipped)} dòng lỗi."]
    lines += [f"Dòng {item['row']}: {item['reason']}" for item in result.skipped]
    lines += [f"Lưu ý: {warning}" for warning in result.warnings]
    print("\n".join(lines))
    return 0


def cmd_list(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("roster list")


def cmd_export(options: argparse.Namespace, data_dir: DataDir) -> int:
    raise NotImplementedError("roster export")
