"""`trainer-app report session|period …` and `trainer-app export results …`: the result
reports and spreadsheets. Never imports PySide6.

    trainer-app report session 3 --out bao-cao.pdf|.docx [--photo A.jpg …] [--json]
    trainer-app report period --from 01/10/2026 --to 31/12/2026 --out quy4.pdf|.docx|.xlsx
    trainer-app report period --year 2026 [--quarter 4] --out nam-2026.xlsx
    trainer-app report district --year 2026 --quarter 4 --out cac-tram.pdf|.docx|.xlsx
    trainer-app export results 3 --out ket-qua.xlsx [--json]

They only read the database, so they run while the app is open. Exit codes: 0 written;
2 bad input or the file could not be saved (one Vietnamese line on stderr).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from trainer_app.datadir import DataDir


def add_report_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`report session` and `report period`, under `report`."""
    session = sub.add_parser(
        "session", help="báo cáo kết quả một buổi tập huấn (PDF hoặc DOCX để sửa trong Word)")
    session.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    session.add_argument("--out", required=True, metavar="F.pdf|F.docx", help="tệp sẽ ghi")
    session.add_argument("--photo", action="append", default=[], metavar="ẢNH",
                         help="ảnh buổi tập huấn đính kèm (tối đa 4; bỏ thông tin vị trí)")
    session.add_argument("--json", action="store_true")
    period = sub.add_parser(
        "period", help="báo cáo tổng hợp theo quý, năm hoặc khoảng ngày (PDF, DOCX, XLSX)")
    period.add_argument("--from", dest="start", metavar="NGÀY",
                        help="từ ngày, ví dụ 01/10/2026 hoặc 2026-10-01")
    period.add_argument("--to", dest="end", metavar="NGÀY", help="đến ngày (tính cả ngày này)")
    period.add_argument("--year", type=int, metavar="NĂM", help="cả năm (thay cho --from/--to)")
    period.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), metavar="QUÝ",
                        help="một quý của --year: 1, 2, 3 hoặc 4")
    period.add_argument("--out", required=True, metavar="F.pdf|F.docx|F.xlsx",
                        help="tệp sẽ ghi")
    period.add_argument("--json", action="store_true")
    district = sub.add_parser(
        "district", help="báo cáo tổng hợp các trạm từ gói số liệu đã nhập (PDF, DOCX, XLSX)")
    for action in period._actions:
        if action.dest not in ("help",):
            district._add_action(action)


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`export …` (top level)."""
    export = commands.add_parser("export", help="xuất bảng tính (XLSX)")
    sub = export.add_subparsers(dest="export_command", metavar="LỆNH", required=True)
    results = sub.add_parser(
        "results", help="kết quả một buổi tập huấn: điểm danh, điểm từng người, từng câu hỏi")
    results.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    results.add_argument("--out", required=True, metavar="F.xlsx", help="tệp XLSX sẽ ghi")
    results.add_argument("--json", action="store_true")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _figures(result: Any) -> str:
    from trainer_app.reports.report_dto import fmt_score, fmt_share

    if result.pre_average is None and result.post_average is None:
        return "không có bài kiểm tra"
    return (f"điểm trung bình trước {fmt_score(result.pre_average, 2)}, sau "
            f"{fmt_score(result.post_average, 2)}, tăng {fmt_score(result.gain, 2)}; tỷ lệ đạt "
            f"{fmt_share(result.pass_rate)}")


def _period(options: argparse.Namespace) -> Any:
    from trainer_app.services.errors import UserError
    from trainer_app.services.reporting.period_report import (
        make_period,
        parse_day,
        quarter_period,
        year_period,
    )

    if options.year is not None:
        if options.start or options.end:
            raise UserError("Dùng --year (và --quarter) hoặc --from/--to, không dùng cả hai.",
                            code="bad_usage")
        if options.quarter:
            return quarter_period(options.year, options.quarter)
        return year_period(options.year)
    if options.quarter:
        raise UserError("--quarter cần --year, ví dụ --year 2026 --quarter 4.", code="bad_usage")
    if not options.start or not options.end:
        raise UserError("Hãy ghi kỳ báo cáo: --from NGÀY --to NGÀY (ví dụ --from 01/10/2026 "
                        "--to 31/12/2026), hoặc --year 2026 [--quarter 4].", code="bad_usage")
    return make_period(parse_day(options.start, "Ngày bắt đầu"),
                       parse_day(options.end, "Ngày kết thúc"))


def period_from_options(options: argparse.Namespace) -> Any:
    """The period of --year [--quarter] or --from/--to (also for `exchange export`)."""
    return _period(options)


def run_report(options: argparse.Namespace, data_dir: DataDir) -> int:
    """`report session` / `report period`. ``--json``: the ``ReportFileResult``."""
    from trainer_app.services.reporting import files as report_files
    from trainer_app.services.workspace.opening import open_workspace

    period = _period(options) if options.report_command == "period" else None
    workspace = open_workspace(data_dir)
    try:
        factory = workspace.session_factory
        if period is None:
            result = report_files.write_session_report(factory, options.session, options.out,
                                                       photos=options.photo)
        else:
            result = report_files.write_period_report(factory, period, options.out)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    elif result.kind == "session":
        photos = f", {result.photos} ảnh" if result.photos else ""
        print(f"Đã ghi báo cáo buổi \"{result.label}\" ({result.attended} người có mặt; "
              f"{_figures(result)}{photos}) vào {result.file}.")
    else:
        print(f"Đã ghi báo cáo tập huấn ({result.label}): {result.sessions} buổi, "
              f"{result.attended} lượt có mặt, {result.people} người; {_figures(result)}. "
              f"Tệp: {result.file}.")
    return 0


def run_district(options: argparse.Namespace, data_dir: DataDir) -> int:
    """`report district`. ``--json``: {"stations": [{"code", "name", "sessions", "people",
    "neighbourhoods_without", "pass_rate", "pre_average", "post_average", "gain"}],
    "total": {…}} — the keys and units of `report period --json`."""
    from trainer_app.reports.report_dto import fmt_number
    from trainer_app.services.exchange.district import district_json
    from trainer_app.services.exchange.district_files import write_district_report
    from trainer_app.services.workspace.opening import open_workspace

    period = _period(options)
    workspace = open_workspace(data_dir)
    try:
        report = write_district_report(workspace.session_factory, period, options.out).report
    finally:
        workspace.close()
    if options.json:
        _print_json(district_json(report))
    else:
        t = report.total
        print(f"Đã ghi báo cáo tổng hợp {len(report.stations)} trạm ({report.label}): "
              f"{fmt_number(t.sessions)} buổi, {fmt_number(t.people)} người; {_figures(t)}. "
              f"Tệp: {options.out}.")
    return 0


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    """`export results`. ``--json``: the ``ReportFileResult``."""
    from trainer_app.services.reporting.files import export_session_results
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        result = export_session_results(workspace.session_factory, options.session,
                                        options.out)
    finally:
        workspace.close()
    if options.json:
        _print_json(asdict(result))
    else:
        print(f"Đã ghi bảng kết quả buổi \"{result.label}\" ({result.attended} người có mặt; "
              f"{_figures(result)}) vào {result.file}.")
    return 0
