"""`trainer-app session …` and `trainer-app attendance …`. Never imports PySide6.

    trainer-app session create --programme bao-ve-tre-em-tren-mang --date 2026-12-05 \\
        [--title T] [--start 08:00] [--end 11:00] [--venue V] [--trainers T] \\
        [--invite-neighbourhood 1,2] [--invite-role 1] [--invite-person 3,4] [--json]
    trainer-app session list [--json]
    trainer-app session show ID [--json]
    trainer-app session check ID [--json]   (exit 1 when a step cannot run)
    trainer-app session start ID | finish ID
    trainer-app attendance mark SESSION PERSON --status present|late|excused|absent [--json]
    trainer-app attendance rows SESSION "1 2 5-9" [--status present] [--json]

Exit codes: 0 done; 2 bad input, with one Vietnamese line on stderr.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime, time
from typing import Any

from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError

STATUSES = ("present", "late", "excused", "absent")


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    session = commands.add_parser("session", help="buổi tập huấn")
    sub = session.add_subparsers(dest="session_command", metavar="LỆNH", required=True)
    create = sub.add_parser("create", help="tạo buổi tập huấn từ một chương trình")
    create.add_argument("--programme", help="mã hoặc số chương trình (mặc định: chương trình "
                                            "có sẵn)")
    create.add_argument("--date", required=True, help="ngày, YYYY-MM-DD")
    create.add_argument("--title", default="")
    create.add_argument("--start", help="giờ bắt đầu, HH:MM")
    create.add_argument("--end", help="giờ kết thúc, HH:MM")
    create.add_argument("--venue", default="")
    create.add_argument("--trainers", default="")
    create.add_argument("--notes", default="")
    create.add_argument("--invite-neighbourhood", default="", metavar="ID,…",
                        help="mời mọi CTV của các khu phố này")
    create.add_argument("--invite-role", default="", metavar="ID,…")
    create.add_argument("--invite-person", default="", metavar="ID,…")
    create.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="liệt kê các buổi")
    listing.add_argument("--json", action="store_true")
    for name, text in (("show", "xem một buổi: chương trình, điểm danh, kết quả"),
                       ("check", "kiểm tra trước buổi: video, tài liệu, bộ câu hỏi"),
                       ("start", "bắt đầu buổi"), ("finish", "kết thúc và khóa buổi")):
        command = sub.add_parser(name, help=text)
        command.add_argument("id", type=int)
        command.add_argument("--json", action="store_true")

    attendance = commands.add_parser("attendance", help="điểm danh")
    att_sub = attendance.add_subparsers(dest="attendance_command", metavar="LỆNH",
                                        required=True)
    mark = att_sub.add_parser("mark", help="ghi trạng thái của một người")
    mark.add_argument("session", type=int)
    mark.add_argument("person", type=int)
    mark.add_argument("--status", choices=STATUSES, required=True)
    mark.add_argument("--json", action="store_true")
    rows = att_sub.add_parser("rows", help="điểm danh theo số thứ tự trên danh sách đã ký")
    rows.add_argument("session", type=int)
    rows.add_argument("rows", help="ví dụ \"1 2 5-9 12\"")
    rows.add_argument("--status", choices=STATUSES, default="present")
    rows.add_argument("--json", action="store_true")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"Ngày \"{text}\" không đúng dạng YYYY-MM-DD.", code="bad_date") from None


def _clock(text: str | None) -> time | None:
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise UserError(f"Giờ \"{text}\" không đúng dạng HH:MM.", code="bad_time") from None


def _ids(text: str, what: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if any(not p.isdigit() for p in parts):
        raise UserError(f"Danh sách {what} \"{text}\" phải là các số cách nhau bằng dấu phẩy.",
                        code="bad_ids")
    return tuple(int(p) for p in parts)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _print(data: Any, as_json: bool, text: str) -> None:
    print(json.dumps(_plain(data), ensure_ascii=False, indent=2) if as_json else text)


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    options.data_dir_resolved = data_dir
    try:
        factory = workspace.session_factory
        if options.command == "attendance":
            return _attendance(options, factory)
        return _session(options, factory)
    finally:
        workspace.close()


def _session(options: argparse.Namespace, factory: Any) -> int:
    from trainer_app.services.sessions import results as session_results
    from trainer_app.services.sessions import service as session_service

    command = options.session_command
    if command == "create":
        draft = session_service.SessionDraft(
            held_on=_day(options.date), title=options.title, programme=options.programme,
            start_time=_clock(options.start), end_time=_clock(options.end),
            venue=options.venue, trainers=options.trainers, notes=options.notes)
        neighbourhoods = _ids(options.invite_neighbourhood, "khu phố")
        roles = _ids(options.invite_role, "vai trò")
        people = _ids(options.invite_person, "cộng tác viên")
        result = session_service.create_session(factory, draft)
        invited = session_service.invite(factory, result.session_id,
                                         neighbourhood_ids=neighbourhoods, role_ids=roles,
                                         person_ids=people)
        _print({"session": result.session_id, "invited": invited, "warnings": result.warnings},
               options.json, f"Đã tạo buổi số {result.session_id}, mời {invited} người."
               + "".join(f"\nCảnh báo: {w}" for w in result.warnings))
    elif command == "list":
        rows = session_service.list_sessions(factory)
        _print([asdict(r) for r in rows], options.json, "\n".join(
            f"{r.id}\t{r.held_on:%d/%m/%Y}\t{r.status}\t{r.present}/{r.invited}\t{r.title}"
            for r in rows) or "Chưa có buổi tập huấn nào.")
    elif command == "show":
        _print(_detail_json(session_results.session_detail(factory, options.id)), True, "")
    elif command == "check":
        from trainer_app.services.sessions.preflight import preflight

        media_dir = options.data_dir_resolved.media_dir
        findings = preflight(factory, media_dir, options.id)
        _print([asdict(f) for f in findings], options.json, "\n".join(
            f"{'LỖI' if f.severity == 'error' else 'Lưu ý'}: {f.message}" for f in findings)
            or "Mọi thứ đã sẵn sàng.")
        return 1 if any(f.severity == "error" for f in findings) else 0
    elif command == "start":
        session_service.start_session(factory, options.id)
        _print({"session": options.id, "status": "in_progress"}, options.json,
               f"Buổi số {options.id} đã bắt đầu.")
    else:
        session_service.finish_session(factory, options.id)
        _print({"session": options.id, "status": "finished"}, options.json,
               f"Buổi số {options.id} đã kết thúc và được khóa.")
    return 0


def _detail_json(detail: Any) -> dict[str, Any]:
    c = detail.counts
    return {
        "id": detail.id, "title": detail.title, "programme": detail.programme,
        "date": detail.held_on, "start": detail.start_time, "end": detail.end_time,
        "venue": detail.venue, "trainers": detail.trainers, "status": detail.status,
        "current_step": detail.current_position,
        "agenda": [{"position": s.position, "kind": s.kind, "title": s.title, "done": s.done,
                    "quiz": s.quiz_code or None, "phase": s.phase, "submitted": s.submitted,
                    "media_item": s.media_item_id} for s in detail.steps],
        "attendance": {"invited": c.invited, "present": c.present, "late": c.late,
                       "excused": c.excused, "absent": c.absent, "unknown": c.unknown,
                       "walk_ins": c.walk_ins, "arrived": c.arrived},
        "results": {
            "people": [{"person": r.person_id, "name": r.full_name, "status": r.status,
                        "pre": r.pre, "post": r.post, "gain": r.gain, "passed": r.passed}
                       for r in detail.results],
            "average_pre": detail.average("pre"), "average_post": detail.average("post"),
            "average_gain": detail.average_gain,
            "passed": [r.person_id for r in detail.passed],
        },
    }


def _attendance(options: argparse.Namespace, factory: Any) -> int:
    from trainer_app.services.sessions import attendance as attendance_service

    if options.attendance_command == "mark":
        result = attendance_service.mark(factory, options.session, options.person,
                                         options.status)
    else:
        result = attendance_service.mark_rows(factory, options.session, options.rows,
                                              options.status)
    rows = [{"person": r.person_id, "row": r.row, "name": r.full_name, "status": r.status,
             "checked_in_at": r.checked_in_at.isoformat(timespec="minutes")
             if r.checked_in_at else None} for r in result.rows]
    _print({"marked": rows, "warnings": result.warnings}, options.json,
           "\n".join(f"{r['row']}\t{r['name']}\t{r['status']}" for r in rows))
    return 0
