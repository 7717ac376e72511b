"""`trainer-app certificates …` and `trainer-app certificate …`. Never imports PySide6.

    trainer-app certificates SESSION --out F.pdf [--per-person DIR] [--date YYYY-MM-DD]
        [--form] [--no-score] [--no-issue] [--json]
    trainer-app certificates SESSION --dry-run [--json]      (who would get one; no change)
    trainer-app certificate verify PAYLOAD [--json]          (exit 1 unless valid)
    trainer-app certificate list [--session S] [--year Y] [--json]
    trainer-app certificate revoke NUMBER --reason TEXT [--json]
    trainer-app certificate reissue NUMBER --out F.pdf [--form] [--no-score] [--json]
    trainer-app certificate register --out F.pdf|F.xlsx [--year Y | --session S] [--json]
    trainer-app certificate form-test --out F.pdf [--json]
    trainer-app certificate form-layout [--set name.x=150 ...] [--offset-x MM]
        [--offset-y MM] [--reset] [--json]

Exit codes: 0 done (verify: valid); 1 verify found the certificate not valid; 2 bad input
or a file that could not be saved (one Vietnamese line on stderr).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    issue = commands.add_parser(
        "certificates", help="cấp và in giấy chứng nhận cho một buổi tập huấn (một tệp PDF, "
                             "thêm mỗi người một tệp nếu muốn)")
    issue.add_argument("session", type=int, metavar="SESSION", help="số buổi tập huấn")
    issue.add_argument("--out", metavar="F.pdf", help="tệp PDF gồm mọi giấy chứng nhận")
    issue.add_argument("--per-person", metavar="DIR", help="thư mục ghi mỗi người một tệp")
    issue.add_argument("--date", metavar="YYYY-MM-DD", help="ngày cấp (mặc định hôm nay)")
    issue.add_argument("--form", action="store_true",
                       help="in lên phôi in sẵn: chỉ các chữ thay đổi, theo vị trí đã chỉnh")
    issue.add_argument("--no-score", action="store_true", help="không in điểm bài kiểm tra")
    issue.add_argument("--no-issue", action="store_true",
                       help="chỉ in lại các giấy đã cấp, không cấp số mới")
    issue.add_argument("--dry-run", action="store_true",
                       help="chỉ xem ai đủ điều kiện; không cấp, không ghi tệp")
    issue.add_argument("--json", action="store_true")

    cert = commands.add_parser("certificate", help="tra cứu, thu hồi, cấp lại giấy chứng nhận; "
                                                   "sổ cấp; phôi")
    sub = cert.add_subparsers(dest="certificate_command", metavar="LỆNH", required=True)
    verify = sub.add_parser("verify", help="kiểm tra mã QR của giấy chứng nhận (không cần "
                                           "mạng)")
    verify.add_argument("payload", metavar="PAYLOAD", help="nội dung mã QR, ví dụ "
                                                           "\"GCN1:012/2026/GCN-TYT:…\"")
    verify.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="liệt kê giấy chứng nhận đã cấp")
    listing.add_argument("--session", type=int, metavar="ID")
    listing.add_argument("--year", type=int, metavar="NĂM")
    listing.add_argument("--json", action="store_true")
    revoke = sub.add_parser("revoke", help="thu hồi một giấy chứng nhận (ghi lý do)")
    revoke.add_argument("number", metavar="SỐ", help="số giấy, ví dụ 012/2026/GCN-TYT")
    revoke.add_argument("--reason", required=True, metavar="LÝ DO")
    revoke.add_argument("--json", action="store_true")
    reissue = sub.add_parser("reissue", help="cấp lại (in lại) một giấy, giữ nguyên số")
    reissue.add_argument("number", metavar="SỐ")
    reissue.add_argument("--out", required=True, metavar="F.pdf")
    reissue.add_argument("--form", action="store_true", help="in lên phôi")
    reissue.add_argument("--no-score", action="store_true")
    reissue.add_argument("--json", action="store_true")
    register = sub.add_parser("register", help="sổ cấp giấy chứng nhận (PDF hoặc Excel)")
    register.add_argument("--out", required=True, metavar="F.pdf|F.xlsx")
    scope = register.add_mutually_exclusive_group()
    scope.add_argument("--year", type=int, metavar="NĂM")
    scope.add_argument("--session", type=int, metavar="ID")
    register.add_argument("--json", action="store_true")
    test = sub.add_parser("form-test", help="trang in thử vị trí các trường trên phôi")
    test.add_argument("--out", required=True, metavar="F.pdf")
    test.add_argument("--json", action="store_true")
    layout = sub.add_parser("form-layout", help="xem hoặc chỉnh vị trí (mm) các trường trên "
                                                "phôi")
    layout.add_argument("--set", action="append", default=[], metavar="TRƯỜNG.x=MM",
                        help="ví dụ name.x=150 name.y=92 qr.size=24 (lặp lại được)")
    layout.add_argument("--offset-x", type=float, metavar="MM", help="dời cả trang sang phải")
    layout.add_argument("--offset-y", type=float, metavar="MM", help="dời cả trang xuống")
    layout.add_argument("--reset", action="store_true", help="về vị trí mặc định")
    layout.add_argument("--json", action="store_true")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"Ngày cấp \"{text}\" không đúng dạng YYYY-MM-DD, ví dụ 2026-11-20.",
                        code="bad_date") from exc


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        if options.command == "certificates":
            return _issue(options, workspace)
        handlers = {"verify": _verify, "list": _list, "revoke": _revoke,
                    "reissue": _reissue, "register": _register, "form-test": _form_test,
                    "form-layout": _form_layout}
        return handlers[options.certificate_command](options, workspace)
    finally:
        workspace.close()


def _issue(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates import documents
    from trainer_app.services.certificates import service as certs

    if options.dry_run:
        found = certs.eligibility(ws.session_factory, options.session)
        if options.json:
            _print_json(asdict(found))
        else:
            print(f"Quy định cấp: {found.rule_label}. Sẽ cấp mới: {len(found.to_issue)} người.")
            for c in found.candidates:
                mark = f"đã có số {c.certificate}" if c.certificate else (
                    "SẼ CẤP" if c.eligible else "không cấp")
                print(f"- {c.full_name}: {c.reason} → {mark}")
        return 0
    if not options.out:
        raise UserError("Thiếu --out F.pdf (tệp PDF sẽ ghi).", code="bad_usage")
    result = documents.write_session_certificates(
        ws.session_factory, ws.data_dir, options.session, options.out,
        per_person=options.per_person, issue=not options.no_issue,
        issued_on=_day(options.date), show_score=not options.no_score, on_forms=options.form)
    if options.json:
        _print_json(asdict(result))
        return 0
    numbers = f" (số {result.issued[0]} đến {result.issued[-1]})" if result.issued else ""
    print(f"Đã cấp mới {len(result.issued)} giấy chứng nhận{numbers}; đã ghi "
          f"{result.printed} giấy vào {result.file}.")
    if result.per_person_dir:
        print(f"Mỗi người một tệp: {len(result.per_person_files)} tệp trong "
              f"{result.per_person_dir}.")
    if result.printed == 0:
        print("Lưu ý: buổi này chưa có ai đủ điều kiện nhận giấy chứng nhận.")
    return 0


def _verify(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.exchange.verify import verify_anywhere

    # This workspace's own certificates as before; others against imported stations.
    result = verify_anywhere(ws.session_factory, ws.data_dir, options.payload)
    if options.json:
        _print_json({**asdict(result), "ok": result.ok})
    else:
        print(result.message)
    return 0 if result.ok else 1


def _list(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates.service import list_certificates

    rows = list_certificates(ws.session_factory, session_id=options.session, year=options.year)
    if options.json:
        _print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        state = f"ĐÃ THU HỒI ({r.revoked_reason})" if r.revoked_on else "còn hiệu lực"
        print(f"{r.number}\t{r.full_name}\t{r.issued_on:%d/%m/%Y}\t{state}")
    if not rows:
        print("Chưa cấp giấy chứng nhận nào.")
    return 0


def _revoke(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates.service import revoke

    row = revoke(ws.session_factory, options.number, options.reason)
    if options.json:
        _print_json(asdict(row))
    else:
        print(f"Đã thu hồi giấy chứng nhận số {row.number} ({row.full_name}). Lý do: "
              f"{row.revoked_reason}")
    return 0


def _reissue(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates.documents import reissue

    result = reissue(ws.session_factory, ws.data_dir, options.number, options.out,
                     show_score=not options.no_score, on_form=options.form)
    if options.json:
        _print_json(asdict(result))
    else:
        print(f"Đã cấp lại giấy chứng nhận số {result.number} vào {result.file}.")
    return 0


def _register(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates.documents import write_register

    result = write_register(ws.session_factory, options.out, year=options.year,
                            session_id=options.session)
    if options.json:
        _print_json(asdict(result))
    else:
        print(f"Đã ghi sổ cấp giấy chứng nhận ({result.entries} giấy, {result.revoked} đã thu "
              f"hồi) vào {result.file}.")
    return 0


def _form_test(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates.documents import write_form_test_page

    path = write_form_test_page(ws.session_factory, options.out)
    if options.json:
        _print_json({"file": path})
    else:
        print(f"Đã ghi trang in thử phôi vào {path}. In trên giấy thường, đặt lên phôi và soi "
              "đèn để chỉnh vị trí.")
    return 0


def _form_layout(options: argparse.Namespace, ws: Any) -> int:
    from trainer_app.services.certificates import form_settings as forms

    factory = ws.session_factory
    if options.reset:
        layout = forms.reset_form_layout(factory)
    elif options.set or options.offset_x is not None or options.offset_y is not None:
        changes: dict[str, float] = {}
        for item in options.set:
            name, sep, value = item.partition("=")
            try:
                changes[name.strip()] = float(value.replace(",", "."))
            except ValueError:
                sep = ""
            if not sep:
                raise UserError(f"\"{item}\" phải có dạng TRƯỜNG.x=SỐ, ví dụ name.x=150.",
                                code="bad_usage")
        layout = forms.update_form_layout(factory, changes, offset_x_mm=options.offset_x,
                                          offset_y_mm=options.offset_y)
    else:
        layout = forms.load_form_layout(factory)
    if options.json:
        _print_json(asdict(layout))
        return 0
    print(f"Độ lệch cả trang: ngang {layout.offset_x_mm:g} mm, dọc {layout.offset_y_mm:g} mm.")
    for key, spot in layout.fields.items():
        print(f"{key}: x={spot.x_mm:g} y={spot.y_mm:g} size={spot.size:g} "
              f"width={spot.width_mm:g} {spot.align}")
    return 0
