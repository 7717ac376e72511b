"""`trainer-app phone …`: the phone quiz from the command line. Never imports PySide6.

    trainer-app phone serve SESSION --quiz CODE [--phase pre|post] [--host IP] [--port N]
                             [--accept-walk-ins] [--json]
    trainer-app phone status SESSION [--quiz CODE] [--phase pre|post] [--json]

``serve`` prints one JSON line ``{"url": …, "code": …, "host": …, "port": …}`` (flushed as
soon as it serves; ``--port 0``: any free port), then serves until Ctrl+C or SIGTERM and
stops cleanly. Exit codes: 0 done; 2 bad input (unknown session or quiz code, no usable
network, every port taken), with one Vietnamese line on stderr.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from dataclasses import asdict
from typing import Any

from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    phone = commands.add_parser("phone", help="làm bài kiểm tra trên điện thoại qua Wi-Fi")
    sub = phone.add_subparsers(dest="phone_command", metavar="LỆNH", required=True)
    serve = sub.add_parser("serve", help="mở máy chủ cho điện thoại làm bài")
    serve.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    serve.add_argument("--quiz", required=True, metavar="CODE",
                       help="mã bộ câu hỏi, như trong chương trình buổi")
    serve.add_argument("--phase", choices=("pre", "post", "other"),
                       help="khi một bộ câu hỏi dùng cho cả đầu vào và cuối khóa")
    serve.add_argument("--host", metavar="IP", help="địa chỉ mạng để phục vụ (mặc định: "
                       "Wi-Fi/mạng dây của máy)")
    serve.add_argument("--port", type=int, default=8080, metavar="N",
                       help="cổng (mặc định 8080; 0: cổng trống bất kỳ)")
    serve.add_argument("--accept-walk-ins", action="store_true",
                       help="tự nhận người đến không có tên trong danh sách (nếu tên chưa có)")
    serve.add_argument("--json", action="store_true")
    status = sub.add_parser("status", help="tình hình làm bài của một buổi")
    status.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    status.add_argument("--quiz", metavar="CODE", help="chỉ một bộ câu hỏi")
    status.add_argument("--phase", choices=("pre", "post", "other"))
    status.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"serve": cmd_serve, "status": cmd_status}
    return handlers[options.phone_command](options, data_dir)


def _host(factory: Any, given: str | None) -> str:
    from trainer_app.phone import interfaces
    from trainer_app.services.quizzes import phone_quiz

    if given:
        return given
    candidates = interfaces.usable(interfaces.list_interfaces())
    chosen = interfaces.choose(candidates, phone_quiz.remembered_interface(factory))
    if chosen is None:
        listed = "; ".join(i.describe() for i in candidates)
        raise UserError(f"Máy có nhiều mạng: {listed}. Hãy chọn một bằng --host IP.",
                        code="choose_network")
    return chosen.ip


def cmd_serve(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.phone.controller import PhoneServer
    from trainer_app.services.quizzes import phone_quiz
    from trainer_app.services.workspace.opening import open_workspace
    from trainer_app.services.workspace.settings import load_org

    if not 0 <= options.port <= 65535:
        raise UserError(f"Cổng {options.port} không hợp lệ (0 đến 65535).", code="bad_port")
    workspace = open_workspace(data_dir)
    stop = threading.Event()
    try:
        factory = workspace.session_factory
        step = phone_quiz.find_step(factory, options.session, options.quiz, options.phase)
        if step.finished:
            raise UserError("Buổi tập huấn đã kết thúc; bài kiểm tra không mở lại được.",
                            code="quiz_closed")
        server = PhoneServer(factory, step, host=_host(factory, options.host),
                             port=options.port, auto_accept_walk_ins=options.accept_walk_ins,
                             unit_name=load_org(factory).unit_name)
        info = server.start()
        line = {"url": info.url, "code": info.code, "host": info.host, "port": info.port}
        if options.json:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            print(f"Đang phục vụ: {info.url}\nHoặc gõ {info.address} và mã phòng {info.code}."
                  "\nBấm Ctrl+C để dừng.", flush=True)

        def _stop(_signum: int, _frame: object) -> None:
            stop.set()

        previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            while not stop.wait(0.5):
                if not server.running:
                    break
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            server.stop()
        if not options.json:
            print("Đã dừng.", file=sys.stderr)
    finally:
        workspace.close()
    return 0


def cmd_status(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.quizzes import kiosk, phone_quiz
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        factory = workspace.session_factory
        if options.quiz:
            steps = [phone_quiz.find_step(factory, options.session, options.quiz, options.phase)]
        else:
            steps = [phone_quiz.step_info(factory, options.session, position)
                     for position, _t, _p in kiosk.quiz_steps(factory, options.session)]
            if not steps:
                raise UserError(f"Buổi số {options.session} không có bài kiểm tra nào.",
                                code="no_quiz_step")
        report = []
        for step in steps:
            live = phone_quiz.live_status(factory, step.session_id, step.position)
            report.append({"position": step.position, "title": step.title,
                           "quiz": step.quiz_code, "phase": step.phase,
                           "finished": step.finished, "expected": live.expected,
                           "joined": live.joined, "submitted": live.submitted,
                           "answered": live.answered,
                           "people": [asdict(p) for p in live.people]})
    finally:
        workspace.close()
    if options.json:
        print(json.dumps({"session": options.session, "steps": report}, ensure_ascii=False,
                         indent=2))
    else:
        for item in report:
            print(f"Bước {item['position']} — {item['title']} ({item['phase']}): "
                  f"{item['submitted']}/{item['expected']} đã nộp bài, "
                  f"{item['joined'] - item['submitted']} đang làm.")
    return 0
