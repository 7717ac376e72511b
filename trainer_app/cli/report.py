"""`trainer-app report …`: the printed documents of a session. Never imports PySide6.

    trainer-app report pocket-cards --out the.pdf [--sheets N] [--json]
    trainer-app report answer-sheets --session 3 --quiz bvte-kiem-tra-cuoi-khoa \\
        --out phieu.pdf [--blank 5] [--phase post] [--json]
    trainer-app report attendance 3 --out diem-danh.pdf [--blank] [--group] [--json]
    trainer-app report attendance 3 --allowance --amount 50000 --out tien.pdf [--blank]
    trainer-app report plan 3 [4 5] --out ke-hoach.docx [--amount 50000] [--number 12]
    trainer-app report invitation 3 --out giay-moi.pdf [--per-person] [--date 2026-12-01]

Reports only read the database (answer sheets may freeze the quiz version the session will
use, as ``quiz freeze`` does), so they run while the app is open: no instance lock.
Every file is saved atomically: a failure leaves no half file. Exit codes: 0 written;
2 bad input or the file could not be saved (one Vietnamese line on stderr).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", help="in tài liệu (PDF): thẻ bỏ túi, phiếu trả lời")
    sub = report.add_subparsers(dest="report_command", metavar="LỆNH", required=True)
    cards = sub.add_parser("pocket-cards", help="thẻ bỏ túi: đường dây nóng và các bước cần "
                                                "làm, 8 thẻ một tờ A4")
    cards.add_argument("--out", required=True, metavar="F.pdf", help="tệp PDF sẽ ghi")
    cards.add_argument("--sheets", type=int, default=1, metavar="N",
                       help="số tờ A4 (mặc định 1 tờ = 8 thẻ)")
    cards.add_argument("--json", action="store_true")
    sheets = sub.add_parser(
        "answer-sheets",
        help="phiếu trả lời trắc nghiệm trên giấy cho một buổi tập huấn (in sẵn tên từng "
             "người, thêm phiếu trống cho người đến thêm)")
    sheets.add_argument("--session", type=int, required=True, metavar="ID",
                        help="số buổi tập huấn")
    sheets.add_argument("--quiz", required=True, metavar="CODE", help="mã bộ câu hỏi")
    sheets.add_argument("--out", required=True, metavar="F.pdf", help="tệp PDF sẽ ghi")
    sheets.add_argument("--blank", type=int, default=0, metavar="N",
                        help="số phiếu trống (ghi tên bằng tay) cho người đến thêm")
    sheets.add_argument("--phase", choices=("pre", "post", "other"),
                        help="đầu vào (pre), cuối khóa (post) hay khác, khi buổi dùng bộ câu "
                             "hỏi ở nhiều phần")
    sheets.add_argument("--json", action="store_true")
    attendance = sub.add_parser(
        "attendance", help="danh sách điểm danh (trống trước buổi, có tình trạng sau buổi) "
                           "hoặc danh sách nhận tiền hỗ trợ")
    attendance.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    attendance.add_argument("--out", required=True, metavar="F.pdf", help="tệp PDF sẽ ghi")
    attendance.add_argument("--blank", action="store_true",
                            help="bản in trước buổi: người được mời, cột ký tên để trống")
    attendance.add_argument("--group", action="store_true", help="nhóm theo khu phố")
    attendance.add_argument("--allowance", action="store_true",
                            help="danh sách nhận tiền hỗ trợ (mức mỗi người: --amount, mặc "
                                 "định theo Cài đặt)")
    attendance.add_argument("--amount", type=int, metavar="ĐỒNG",
                            help="số tiền hỗ trợ mỗi người, ví dụ 50000")
    attendance.add_argument("--json", action="store_true")
    _add_letter_parsers(sub)
    from trainer_app.cli import results as cli_results

    cli_results.add_report_parsers(sub)


def _add_letter_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    plan = sub.add_parser("plan", help="kế hoạch tập huấn (PDF, hoặc DOCX để sửa trong Word)")
    plan.add_argument("session", type=int, nargs="+", metavar="SESSION",
                      help="số buổi tập huấn; nhiều số: kế hoạch cho một đợt nhiều lớp")
    plan.add_argument("--amount", type=int, metavar="ĐỒNG",
                      help="mức hỗ trợ mỗi người tham dự, in vào phần kinh phí")
    invitation = sub.add_parser("invitation", help="giấy mời tập huấn (PDF hoặc DOCX): gửi "
                                                   "các khu phố, hoặc từng người")
    invitation.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    invitation.add_argument("--per-person", action="store_true",
                            help="mỗi người được mời một giấy mời (một trang)")
    for parser in (plan, invitation):
        parser.add_argument("--out", required=True, metavar="F.pdf|F.docx",
                            help="tệp sẽ ghi: .pdf, hoặc .docx để sửa trong Word")
        parser.add_argument("--number", default="", metavar="SỐ",
                            help="số văn bản (bỏ trống: để chấm cho văn thư ghi tay)")
        parser.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                            help="ngày ký (bỏ trống: để chấm cho văn thư ghi tay)")
        parser.add_argument("--json", action="store_true")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (dạng 2026-12-01)") \
            from exc


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli import results as cli_results

    handlers = {"pocket-cards": cmd_pocket_cards, "answer-sheets": cmd_answer_sheets,
                "attendance": cmd_attendance, "plan": cmd_letter,
                "invitation": cmd_letter, "session": cli_results.run_report,
                "period": cli_results.run_report, "district": cli_results.run_district}
    return handlers[options.report_command](options, data_dir)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_pocket_cards(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Cards with the hotlines from Settings. ``--json``: {"file", "pages", "cards",
    "hotlines"}."""
    from trainer_app.services.sessions.pocket_cards import write_cards_from_settings
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = write_cards_from_settings(workspace.session_factory, options.out,
                                           sheets=options.sheets)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        print(f"Đã ghi {result.cards} thẻ bỏ túi ({result.pages} tờ A4) vào {result.file}. "
              f"Đường dây nóng: {', '.join(result.hotlines)}.")
    return 0


def cmd_answer_sheets(options: argparse.Namespace, data_dir: DataDir) -> int:
    """One answer sheet per invited or present person, plus ``--blank`` sheets.
    ``--json``: {"file", "pages", "sheets", "named", "blank", "per_page", "questions",
    "quiz", "version_no", "session"}."""
    from trainer_app.services.quizzes.answer_sheets import write_answer_sheets
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = write_answer_sheets(workspace.session_factory, session_id=options.session,
                                     quiz=options.quiz, path=options.out,
                                     blank=options.blank, phase=options.phase)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        per_page = " (2 phiếu mỗi tờ A4)" if result.per_page == 2 else ""
        print(f"Đã ghi {result.sheets} phiếu trả lời ({result.named} phiếu có tên, "
              f"{result.blank} phiếu trống) trên {result.pages} trang{per_page} vào "
              f"{result.file}.")
        if result.named == 0:
            print("Lưu ý: buổi tập huấn chưa có ai được mời hoặc có mặt.")
    return 0


def cmd_attendance(options: argparse.Namespace, data_dir: DataDir) -> int:
    """The attendance or allowance sheet. ``--json``: {"file", "session", "kind", "filled",
    "people", "amount_total"}."""
    from trainer_app.services.errors import UserError
    from trainer_app.services.sessions import attendance_sheets as sheets
    from trainer_app.services.workspace.opening import open_workspace

    if options.allowance and options.amount is None:
        options.amount = _allowance_setting(data_dir)
    if options.allowance and not options.amount:
        raise UserError("Danh sách nhận tiền hỗ trợ cần số tiền mỗi người: đặt ở Cài đặt, hoặc "
                        "thêm --amount, ví dụ --amount 50000.", code="bad_usage")
    workspace = open_workspace(data_dir)
    try:
        factory = workspace.session_factory
        if options.allowance:
            result = sheets.write_allowance(factory, options.session, options.out,
                                            amount=options.amount, blank=options.blank)
        else:
            result = sheets.write_attendance(factory, options.session, options.out,
                                             blank=options.blank, group=options.group)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    elif result.kind == "allowance":
        total = f"{result.amount_total:,}".replace(",", ".")
        print(f"Đã ghi danh sách nhận tiền hỗ trợ ({result.people} người, tổng {total} đồng) "
              f"vào {result.file}.")
    else:
        which = "có tình trạng" if result.filled else "để ký tên"
        print(f"Đã ghi danh sách điểm danh {which} ({result.people} người) vào {result.file}.")
    return 0


def cmd_letter(options: argparse.Namespace, data_dir: DataDir) -> int:
    """The plan or the invitation. ``--json``: {"file", "kind", "format", "sessions",
    "letters", "invited", "steps"}."""
    from trainer_app.services.sessions import letters as session_letters
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        factory = workspace.session_factory
        if options.report_command == "plan":
            result = session_letters.write_plan(
                factory, options.session, options.out, amount=options.amount,
                number=options.number, issued_on=options.date)
        else:
            result = session_letters.write_invitation(
                factory, options.session, options.out, per_person=options.per_person,
                number=options.number, issued_on=options.date)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    elif result.kind == "plan":
        print(f"Đã ghi kế hoạch tập huấn ({len(result.sessions)} buổi, {result.invited} người "
              f"được mời, {result.steps} nội dung) vào {result.file}.")
    else:
        letters = (f"{result.letters} giấy mời từng người" if result.letters > 1 or
                   options.per_person else "giấy mời gửi các khu phố")
        print(f"Đã ghi {letters} ({result.invited} người được mời) vào {result.file}.")
    return 0


def _allowance_setting(data_dir: DataDir) -> int:
    """The allowance per person from Settings (used when --amount is not given)."""
    from trainer_app.services.workspace import settings as settings_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir, daily_backup=False)
    try:
        return settings_service.load_org(workspace.session_factory).allowance_amount
    finally:
        workspace.close()
