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
    imp.add_argument("--wait", action="store_true",
                     help="đang có người làm bài kiểm tra: đợi họ xong rồi nhập (mặc định: "
                          "báo và thoát, mã 2)")
    imp.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="liệt kê cộng tác viên")
    listing.add_argument("--search", metavar="TEXT", help="tìm theo tên hoặc số điện thoại")
    listing.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="xuất danh sách ra tệp XLSX")
    export.add_argument("file")
    export.add_argument("--json", action="store_true")
    undo = sub.add_parser("undo", help="hoàn tác một lần nhập danh sách")
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID", help="số của lần nhập")
    undo.add_argument("--json", action="store_true")
    erase = sub.add_parser("erase", help="xóa dữ liệu cá nhân của một người (khi họ yêu cầu)")
    erase.add_argument("person_id", type=int, metavar="PERSON_ID", help="mã cộng tác viên")
    erase.add_argument("--yes", action="store_true", help="xác nhận xóa (không hoàn tác được)")
    erase.add_argument("--keep-backups", action="store_true",
                       help="không sửa các bản sao lưu (mặc định: xóa cả trong mọi bản sao lưu)")
    erase.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"import": cmd_import, "list": cmd_list, "export": cmd_export,
                "undo": cmd_undo, "erase": cmd_erase}
    return handlers[options.roster_command](options, data_dir)


# How often `roster import --wait` looks again whether the quiz is over (seconds).
WAIT_POLL_S = 2.0


def cmd_import(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Import FILE. Prints {"added", "merged", "skipped": [{"row", "reason"}], "warnings"}
    with --json. Possible doubles (same name and birth year, no phone to compare) are never
    added here: they are listed in the warnings with their row numbers, for the GUI's
    preview to settle. Exit 0 when the file was usable (even if rows were skipped), 2 with
    one Vietnamese line on stderr when it was not, or while people are answering a quiz
    (``--wait``: wait for them instead, then import)."""
    import json
    import sys
    import time

    from trainer_app.services.roster.importer import (
        ImportOptions,
        commit_import,
        plan_import,
        preview_result,
    )
    from trainer_app.services.roster.quiz_guard import QuizInProgress
    from trainer_app.services.workspace.opening import open_workspace

    waited = False
    workspace = open_workspace(data_dir)
    try:
        plan = plan_import(workspace.session_factory, options.file,
                           ImportOptions(sheet=options.sheet))
        if options.dry_run:
            result = preview_result(plan)
        else:
            while True:
                try:
                    result = commit_import(workspace.session_factory, plan)
                    break
                except QuizInProgress as busy:
                    if not options.wait:
                        raise
                    if not waited:
                        print(f"{busy.message} Đang đợi…", file=sys.stderr, flush=True)
                    waited = True
                    time.sleep(WAIT_POLL_S)
                    plan = plan_import(workspace.session_factory, options.file,
                                       ImportOptions(sheet=options.sheet))
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


LIST_COLUMNS = (("id", "Mã"), ("full_name", "Họ và tên"), ("gender_label", "Giới tính"),
                ("birth_year", "Năm sinh"), ("phone", "Điện thoại"),
                ("neighbourhood_name", "Khu phố"), ("role_name", "Chức danh"),
                ("unit", "Đơn vị"))


def _print_json(data: object) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _aligned(rows: list[dict[str, object]]) -> str:
    """A header line and one line per person, columns padded to the widest cell."""
    cells = [[label for _key, label in LIST_COLUMNS]]
    cells += [["" if row[key] is None else str(row[key]) for key, _label in LIST_COLUMNS]
              for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(LIST_COLUMNS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths,
                                                                       strict=True)).rstrip()
                     for line in cells)


def cmd_list(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Print the collaborators (not archived), in the Vietnamese order; ``--search`` as in
    the People page. ``--json``: a list of objects with every field of ``PersonRow``
    (dates as YYYY-MM-DD)."""
    from dataclasses import asdict

    from trainer_app.services.roster import service as roster_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        people = roster_service.list_people(workspace.session_factory,
                                            search=options.search or "")
    finally:
        workspace.close()
    rows = [asdict(p) for p in people]
    if options.json:
        _print_json(rows)
    elif not rows:
        print("Không tìm thấy ai." if options.search else "Chưa có cộng tác viên nào.")
    else:
        print(_aligned(rows))
        print(f"({len(rows)} người)")
    return 0


def cmd_export(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Write the roster (not archived) to FILE.xlsx. ``--json``: {"file", "people"}."""
    from pathlib import Path

    from trainer_app.services.roster import service as roster_service
    from trainer_app.services.workspace.opening import open_workspace

    roster_service.check_xlsx_target(Path(options.file))
    workspace = open_workspace(data_dir)
    try:
        result = roster_service.export_roster(workspace.session_factory, options.file)
    finally:
        workspace.close()
    if options.json:
        _print_json({"file": result.path, "people": result.people})
    else:
        print(f"Đã xuất {result.people} người ra tệp {result.path}.")
    return 0


def cmd_undo(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Undo import BATCH_ID. ``--json``: {"batch_id", "removed", "restored", "warnings"}."""
    from dataclasses import asdict

    from trainer_app.services.roster.importer import undo_import
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = undo_import(workspace.session_factory, options.batch_id)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        print("\n".join([result.message, *(f"Lưu ý: {w}" for w in result.warnings)]))
    return 0


def cmd_erase(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Erase PERSON_ID's personal data (their results stay as anonymous figures). Refuses
    without ``--yes``. The erasure reaches every backup in the data folder unless
    ``--keep-backups`` (which lists them). ``--json``: {"person_id", "attempts_detached",
    "certificates_detached", "attendance_kept", "import_records_cleaned",
    "merged_records_erased", "backups_scrubbed", "backups_kept"}."""
    from dataclasses import asdict

    from trainer_app.services.errors import UserError
    from trainer_app.services.roster import service as roster_service
    from trainer_app.services.workspace.opening import open_workspace

    if not options.yes:
        raise UserError(
            f"Xóa dữ liệu cá nhân của người mã {options.person_id} không hoàn tác được. "
            "Thêm --yes để xác nhận.", code="confirm_needed")
    workspace = open_workspace(data_dir)
    try:
        result = roster_service.erase_person_everywhere(
            workspace.session_factory, data_dir, options.person_id,
            keep_backups=options.keep_backups)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        print(result.message)
    return 0
