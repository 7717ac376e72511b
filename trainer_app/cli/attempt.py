"""`trainer-app attempt …`: record a paper answer sheet typed as letters. Never imports
PySide6.

    trainer-app attempt record --session 3 --quiz bvte-kiem-tra-cuoi-khoa --person 17 \\
        --answers "B,AC,-,D,A,B,C,A,D,B" [--phase post] [--replace] [--json]

Exit codes: 0 stored (the score is printed); 2 bad input (unknown session, quiz or person,
answers that do not fit the quiz), with one Vietnamese line on stderr.
"""

from __future__ import annotations

import argparse

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    attempt = commands.add_parser("attempt", help="bài làm kiểm tra")
    sub = attempt.add_subparsers(dest="attempt_command", metavar="LỆNH", required=True)
    record = sub.add_parser("record", help="nhập bài làm trên giấy (chữ cái đáp án) và chấm")
    record.add_argument("--session", type=int, required=True, metavar="S",
                        help="số buổi tập huấn")
    record.add_argument("--quiz", required=True, metavar="Q", help="mã bộ câu hỏi")
    record.add_argument("--person", type=int, required=True, metavar="P",
                        help="mã cộng tác viên")
    record.add_argument("--answers", required=True, metavar="\"B,AC,D,…\"",
                        help="một mục mỗi câu, cách nhau bằng dấu phẩy; câu bỏ trống ghi -")
    record.add_argument("--phase", choices=("pre", "post", "other"),
                        help="kiểm tra đầu vào (pre), cuối khóa (post) hay khác")
    record.add_argument("--replace", action="store_true", help="thay bài làm đã nhập trước")
    record.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"record": cmd_record}
    return handlers[options.attempt_command](options, data_dir)


def cmd_record(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Store the attempt and print its score. ``--json``: every field of AttemptResult
    (score on the 10-point scale, percent, passed, answers per question)."""
    import json
    from dataclasses import asdict

    from trainer_app.services.quizzes.attempts import record_attempt_from_letters
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = record_attempt_from_letters(
            workspace.session_factory, session_id=options.session, quiz=options.quiz,
            person_id=options.person, answers=options.answers, phase=options.phase,
            replace=options.replace)
    finally:
        workspace.close()
    if options.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    else:
        verdict = "ĐẠT" if result.passed else "CHƯA ĐẠT"
        print(f"Bài số {result.attempt_id}: {result.score:g}/10 ({result.correct_count}/"
              f"{result.max_points} câu đúng, {result.percent:g}%) — {verdict} "
              f"(điểm đạt {result.pass_mark:g}).")
    return 0
