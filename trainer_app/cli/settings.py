"""`trainer-app settings …`: the unit's details and preferences, headless. Never imports
PySide6.

    trainer-app settings show [--json]
    trainer-app settings set KEY VALUE [--json]     (lists: a JSON array, e.g. '["113"]')

The same checks as the Settings page (``services/workspace/settings``). Exit codes: 0 done;
2 an unknown key or a bad value (one Vietnamese line on stderr, nothing stored).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    settings = commands.add_parser("settings", help="xem và đặt thông tin đơn vị, tùy chọn")
    sub = settings.add_subparsers(dest="settings_command", metavar="LỆNH", required=True)
    show = sub.add_parser("show", help="xem mọi cài đặt")
    show.add_argument("--json", action="store_true")
    put = sub.add_parser("set", help="đặt một cài đặt, ví dụ: settings set station_code TH1")
    put.add_argument("key", metavar="KHÓA", help="ví dụ unit_name, station_code, hotlines")
    put.add_argument("value", metavar="GIÁ_TRỊ",
                     help="chữ, số, true/false; danh sách là mảng JSON, ví dụ '[\"111\"]'")
    put.add_argument("--json", action="store_true")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _text(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    from trainer_app.services.exchange.keys import station_fingerprint
    from trainer_app.services.workspace import settings_keys
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir, daily_backup=False)
    try:
        factory = workspace.session_factory
        if options.settings_command == "set":
            change = settings_keys.set_setting(factory, options.key, options.value)
            if options.json:
                _print_json(asdict(change))
            else:
                print(f"Đã đặt {change.key} = {_text(change.new)} (trước: {_text(change.old)}).")
            return 0
        data: dict[str, Any] = settings_keys.all_settings(factory)
        data["exchange"] = {"fingerprint": station_fingerprint(workspace.data_dir, factory)}
    finally:
        workspace.close()
    if options.json:
        _print_json(data)
        return 0
    for group, title in (("organisation", "Thông tin đơn vị"), ("preferences", "Tùy chọn")):
        print(f"[{title}]")
        for key, value in data[group].items():
            print(f"{key} = {_text(value)}")
    fingerprint = data["exchange"]["fingerprint"]
    print("[Gửi số liệu]")
    print(f"dấu vân tay khóa của trạm = {fingerprint or '(chưa tạo: tạo khi gửi số liệu lần đầu)'}")
    return 0
