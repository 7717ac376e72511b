"""`trainer-app quiz …`: check, import, export quiz files; list, freeze; the XLSX template;
load the shipped bank; item analysis (`quiz stats`). Never imports PySide6.

Exit codes: 0 success; 1 the file(s) have problems (listed as "FILE:LINE: message"); 2 a
file could not be read or bad usage (one Vietnamese line on stderr).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    quiz = commands.add_parser("quiz", help="bộ câu hỏi kiểm tra")
    sub = quiz.add_subparsers(dest="quiz_command", metavar="LỆNH", required=True)
    check = sub.add_parser("check", help="kiểm tra tệp câu hỏi (báo lỗi theo tệp và dòng)")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true")
    imp = sub.add_parser("import", help="nhập tệp câu hỏi (TOML, GIFT, Aiken, XLSX)")
    imp.add_argument("file")
    imp.add_argument("--id", dest="quiz_id", metavar="ID", default="",
                     help="mã bộ câu hỏi (mặc định: theo tên tệp hoặc trong tệp)")
    imp.add_argument("--title", default="", help="tên bộ câu hỏi (mặc định: theo tệp)")
    imp.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="xuất bộ câu hỏi ra tệp (.toml, .gift, .txt Aiken, "
                                           ".xlsx)")
    export.add_argument("quiz", metavar="QUIZ_ID")
    export.add_argument("file")
    export.add_argument("--json", action="store_true")
    template = sub.add_parser("template", help="tạo tệp Excel mẫu để soạn câu hỏi")
    template.add_argument("file", metavar="FILE.xlsx")
    template.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="liệt kê các bộ câu hỏi")
    listing.add_argument("--json", action="store_true")
    freeze = sub.add_parser("freeze", help="chốt phiên bản bộ câu hỏi (chỉ khi có thay đổi)")
    freeze.add_argument("quiz", metavar="QUIZ_ID")
    freeze.add_argument("--json", action="store_true")
    shipped = sub.add_parser("load-shipped", help="nạp ngân hàng câu hỏi kèm theo ứng dụng")
    shipped.add_argument("--replace", action="store_true",
                         help="thay cả các bộ câu hỏi đã có cùng mã")
    shipped.add_argument("--json", action="store_true")
    stats = sub.add_parser("stats", help="phân tích câu hỏi: tỷ lệ làm đúng, độ phân biệt, "
                                         "phương án được chọn, KR-20")
    stats.add_argument("quiz", metavar="QUIZ_ID")
    stats.add_argument("--session", type=int, metavar="ID", help="chỉ một buổi tập huấn")
    stats.add_argument("--from", dest="start", metavar="NGÀY",
                       help="từ ngày (buổi tập huấn), ví dụ 01/10/2026 hoặc 2026-10-01")
    stats.add_argument("--to", dest="end", metavar="NGÀY", help="đến ngày (tính cả ngày này)")
    stats.add_argument("--phase", choices=("pre", "post"),
                       help="chỉ bài trước (pre) hoặc sau (post) tập huấn")
    stats.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"check": cmd_check, "import": cmd_import, "export": cmd_export,
                "template": cmd_template, "list": cmd_list, "freeze": cmd_freeze,
                "load-shipped": cmd_load_shipped, "stats": cmd_stats}
    return handlers[options.quiz_command](options, data_dir)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_check(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Every problem of every FILE as "FILE:LINE: message" (line 0: the file could not be
    read). ``--json``: a list of {"file", "line", "message"}. Exit 0 when all files are
    fine, 1 when some have problems, 2 when some could not be read. Needs no database."""
    from trainer_app.services.quizzes import quiz_files

    report = quiz_files.check_files(list(options.files))
    problems = sorted(report.unreadable + report.problems, key=lambda p: (
        options.files.index(p.file) if p.file in options.files else 0, p.line))
    if options.json:
        _print_json([p.as_json() for p in problems])
    elif problems:
        print("\n".join(str(p) for p in problems))
    else:
        print(f"Không có lỗi ({report.files} tệp).")
    if report.unreadable:
        return 2
    return 1 if report.problems else 0


def cmd_import(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Import FILE and print {"quiz", "questions", "skipped"} with --json. A file with
    problems stores nothing: they are printed ("problems" in JSON) and the exit code is 1."""
    from trainer_app.services.quizzes import quiz_files
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = quiz_files.import_file(workspace.session_factory, options.file,
                                          quiz_id=options.quiz_id, title=options.title,
                                          label=options.file)
    finally:
        workspace.close()
    if options.json:
        _print_json(result.as_json())
    elif result.quiz is None:
        print(f"Không nhập được {options.file}: tệp có {len(result.problems)} lỗi, chưa lưu gì.")
        print("\n".join(str(p) for p in result.problems))
    else:
        verb = "Đã nhập" if result.created else "Đã cập nhật"
        print(f"{verb} bộ câu hỏi \"{result.quiz}\": {len(result.questions)} câu, bỏ qua "
              f"{len(result.skipped)} câu.")
        for s in result.skipped:
            print(f"Dòng {s.line}: bỏ qua \"{s.name}\": {s.reason}")
        for w in result.warnings:
            print(f"Lưu ý: {w}")
    return 1 if result.quiz is None else 0


def cmd_export(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Write quiz QUIZ_ID to FILE (.toml, .gift, .txt Aiken, .xlsx). ``--json``: {"file",
    "quiz", "questions", "warnings"}; warnings say what the format could not hold."""
    from dataclasses import asdict

    from trainer_app.services.quizzes import quiz_files
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = quiz_files.export_quiz(workspace.session_factory, options.quiz, options.file)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        print(f"Đã xuất {result.questions} câu của bộ \"{result.quiz}\" ra tệp {result.file}.")
        for w in result.warnings:
            print(f"Lưu ý: {w}")
    return 0


def cmd_template(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Write the empty XLSX template. ``--json``: {"file"}. Needs no database."""
    from trainer_app.services.quizzes import quiz_files

    path = quiz_files.save_template(options.file)
    if options.json:
        _print_json({"file": str(path)})
    else:
        print(f"Đã tạo tệp mẫu {path}: mỗi dòng một câu hỏi (cột Câu hỏi, A, B, C, D, Đáp án, "
              "Giải thích).")
    return 0


def cmd_list(options: argparse.Namespace, data_dir: DataDir) -> int:
    """The quizzes (not archived). ``--json``: a list of QuizSummary objects."""
    from dataclasses import asdict

    from trainer_app.services.quizzes import service as quiz_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        quizzes = quiz_service.list_quizzes(workspace.session_factory)
    finally:
        workspace.close()
    if options.json:
        _print_json([asdict(q) for q in quizzes])
    elif not quizzes:
        print("Chưa có bộ câu hỏi nào. Nhập từ tệp: trainer-app quiz import FILE")
    else:
        for q in quizzes:
            version = f"phiên bản {q.latest_version_no}" if q.latest_version_no else "chưa chốt"
            print(f"{q.code}\t{q.questions} câu\tđạt {q.pass_mark:g}/10\t{version}\t{q.title}")
    return 0


def cmd_freeze(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Freeze QUIZ_ID. ``--json``: {"quiz", "version_id", "version_no", "created"}."""
    from trainer_app.services.quizzes import service as quiz_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = quiz_service.freeze(workspace.session_factory, options.quiz)
    finally:
        workspace.close()
    if options.json:
        _print_json({"quiz": options.quiz, "version_id": result.version_id,
                     "version_no": result.version_no, "created": result.created})
    elif result.created:
        print(f"Đã chốt phiên bản {result.version_no} của bộ câu hỏi \"{options.quiz}\".")
    else:
        print(f"Bộ câu hỏi \"{options.quiz}\" không đổi từ phiên bản {result.version_no}.")
    return 0


def cmd_load_shipped(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Load quizzes/*.toml. ``--json``: {"files", "loaded", "kept", "problems"}. Exit 1 when
    some file was broken (the others are loaded)."""
    from trainer_app.services.quizzes import quiz_files
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = quiz_files.load_shipped_bank(workspace.session_factory,
                                                replace=options.replace)
    finally:
        workspace.close()
    if options.json:
        _print_json({"files": result.files, "loaded": result.loaded, "kept": result.kept,
                     "problems": [p.as_json() for p in result.problems]})
    else:
        print(f"Đã nạp {len(result.loaded)} bộ câu hỏi, giữ nguyên {len(result.kept)} bộ đã có "
              f"({result.files} tệp).")
        for p in result.problems:
            print(f"Không nạp: {p}")
    return 1 if result.problems else 0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def cmd_stats(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Item analysis of QUIZ_ID over one session (--session), a period (--from/--to) or
    all its submitted attempts; --phase pre|post keeps one phase. ``--json``: {"questions":
    [{"question", "n", "facility", "discrimination", "options": [{"text", "share"}],
    "flags"}, …], "test": {"n", "mean", "sd", "kr20"}} (per question also "facility_pre"
    and "facility_post" without --phase); with several versions of the quiz in the scope,
    {"versions": [{"version", "questions", "test"}, …]}."""
    from trainer_app.services.quizzes.item_stats import quiz_stats
    from trainer_app.services.reporting.period_report import parse_day
    from trainer_app.services.workspace.opening import open_workspace

    start = parse_day(options.start, "Ngày bắt đầu") if options.start else None
    end = parse_day(options.end, "Ngày kết thúc") if options.end else None
    workspace = open_workspace(data_dir)
    try:
        result = quiz_stats(workspace.session_factory, options.quiz,
                            session_id=options.session, start=start, end=end,
                            phase=options.phase)
    finally:
        workspace.close()
    if options.json:
        _print_json(result.as_json())
        return 0
    phase = {"pre": ", chỉ bài trước tập huấn", "post": ", chỉ bài sau tập huấn"}.get(
        result.phase or "", "")
    print(f"Phân tích câu hỏi: {result.title} ({result.scope}{phase}).")
    if not result.versions:
        print("Chưa có bài làm nào đã nộp trong phạm vi này.")
    for v in result.versions:
        t = v.test
        print(f"\nPhiên bản {v.version_no}: {t.n} bài; trung bình {_num(t.mean)}/{t.items} câu "
              f"đúng, độ lệch chuẩn {_num(t.sd)}, KR-20 {_num(t.kr20)}.")
        for q in v.questions:
            extra = ""
            if result.phase is None and (q.facility_pre is not None
                                         or q.facility_post is not None):
                extra = f"; trước {_pct(q.facility_pre)} → sau {_pct(q.facility_post)}"
            flags = f"  [{'; '.join(q.flags)}]" if q.flags else ""
            print(f"Câu {q.number} ({q.question_id}): đúng {_pct(q.facility)}, độ phân biệt "
                  f"{_num(q.discrimination)}, nhóm trên − dưới {_num(q.upper_lower)}"
                  f"{extra}{flags}")
            print("    " + "  ".join(f"{chr(65 + i)}{'*' if o.correct else ''} {_pct(o.share)}"
                                    for i, o in enumerate(q.options)))
    if result.versions and any(t.n < 20 for t in (v.test for v in result.versions)):
        print("\nLưu ý: chỉ gắn cờ (quá dễ, quá khó…) khi có từ 20 bài trở lên.")
    return 0
