"""`trainer-app exchange …`: packages from a station to the centre. Never imports PySide6.

    trainer-app exchange export (--year Y [--quarter Q] | --from D --to D) --out F.ctvpack [--json]
    trainer-app exchange import FILE… [--accept-new-key] [--json]
    trainer-app exchange stations [--json]

Exit codes: 0 done; 1 some package was refused (import); 2 bad input or a file that could
not be written (one Vietnamese line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from trainer_app.datadir import DataDir


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="NGÀY", help="từ ngày, ví dụ 01/10/2026")
    parser.add_argument("--to", dest="end", metavar="NGÀY", help="đến ngày (tính cả ngày này)")
    parser.add_argument("--year", type=int, metavar="NĂM")
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), metavar="QUÝ")


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    exchange = commands.add_parser("exchange", help="gửi số liệu lên Trung tâm Y tế và nhận số "
                                                    "liệu các trạm (tệp .ctvpack có chữ ký)")
    sub = exchange.add_subparsers(dest="exchange_command", metavar="LỆNH", required=True)
    export = sub.add_parser("export", help="tạo gói số liệu của trạm cho một kỳ")
    _add_period(export)
    export.add_argument("--out", required=True, metavar="F.ctvpack", help="tệp sẽ ghi")
    export.add_argument("--json", action="store_true")
    imp = sub.add_parser("import", help="nhập gói số liệu của các trạm")
    imp.add_argument("files", nargs="+", metavar="TỆP")
    imp.add_argument("--accept-new-key", action="store_true",
                     help="nhận gói ký bằng khóa mới của trạm (sau khi đã gọi điện đối chiếu "
                          "dấu vân tay)")
    imp.add_argument("--json", action="store_true")
    stations = sub.add_parser("stations", help="các trạm đã gửi số liệu")
    stations.add_argument("--json", action="store_true")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.cli.results import period_from_options
    from trainer_app.services.workspace.opening import open_workspace

    period = period_from_options(options) if options.exchange_command == "export" else None
    workspace = open_workspace(data_dir)
    try:
        factory = workspace.session_factory
        if period is not None:
            return _export(options, factory, workspace.data_dir, period)
        if options.exchange_command == "import":
            return _import(options, factory)
        return _stations(options, factory)
    finally:
        workspace.close()


def _export(options: argparse.Namespace, factory: Any, data_dir: DataDir, period: Any) -> int:
    from trainer_app.services.exchange.export import export_package

    result = export_package(factory, data_dir, period, options.out)
    if options.json:
        data = asdict(result)
        _print_json({k: data[k] for k in ("file", "station", "period", "sessions", "people",
                                          "attempts", "certificates", "fingerprint")})
    else:
        print(f"Đã ghi gói số liệu {result.period['label']} của trạm {result.station} (số "
              f"{result.sequence}): {result.sessions} buổi, {result.people} người, "
              f"{result.attempts} bài kiểm tra, {result.certificates} giấy chứng nhận. Tệp: "
              f"{result.file}.\nDấu vân tay khóa của trạm: {result.fingerprint}")
    return 0


_SHOWN = ("station", "period", "sessions", "people", "attempts", "certificates", "replaced")


def _import(options: argparse.Namespace, factory: Any) -> int:
    from trainer_app.services.exchange.importer import import_packages

    report = import_packages(factory, options.files, accept_new_key=options.accept_new_key)
    if options.json:
        _print_json({
            "imported": [{k: getattr(i, k) for k in _SHOWN} for i in report.imported],
            "unchanged": [{k: getattr(i, k) for k in _SHOWN} for i in report.unchanged],
            "refused": [{"file": r.file, "reason": r.reason} for r in report.refused],
        })
        for item in report.imported + report.unchanged:  # stdout keeps the exact shape
            for warning in item.warnings:
                print(warning, file=sys.stderr)
    else:
        for item in report.imported:
            what = "thay số liệu cũ" if item.replaced else "mới"
            print(f"Đã nhập ({what}): trạm {item.station} — {item.period['label']}: "
                  f"{item.sessions} buổi, {item.people} người, {item.attempts} bài kiểm tra, "
                  f"{item.certificates} giấy chứng nhận.")
        for item in report.unchanged:
            print(f"Không đổi (đã nhập trước đây): trạm {item.station} — "
                  f"{item.period['label']}.")
        for item in report.imported + report.unchanged:
            for warning in item.warnings:
                print(warning)
        for refused in report.refused:
            print(f"KHÔNG NHẬP {refused.file}: {refused.reason}")
    return 0 if report.ok else 1


def _stations(options: argparse.Namespace, factory: Any) -> int:
    from trainer_app.services.exchange.stations import list_stations

    rows = list_stations(factory)
    if options.json:
        _print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("Chưa nhận gói số liệu của trạm nào. Nhập bằng: trainer-app exchange import "
              "TỆP.ctvpack")
    for r in rows:
        late = " — CHẬM GỬI" if r.late else ""
        print(f"{r.code}\t{r.name}\t{r.fingerprint}\tgói gần nhất lập {r.last_made_at[:10]}, "
              f"đến hết {r.last_period_end}{late}")
    return 0
