"""`trainer-app media …`: the media library without the window — the check before a session,
import files for an item (or as a new item), remove, probe a file. Never imports PySide6.

Exit codes: 0 success; 1 the check found items missing or damaged, or the probed file does not
play; 2 bad usage or a file that cannot be imported (one Vietnamese line per problem on
stderr).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from trainer_app.datadir import DataDir


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    media = commands.add_parser("media", help="thư viện video và tài liệu")
    sub = media.add_subparsers(dest="media_command", metavar="LỆNH", required=True)
    check = sub.add_parser("check", help="kiểm tra thư viện trước buổi tập huấn")
    check.add_argument("--quick", action="store_true",
                       help="chỉ xem tệp còn đủ không, không đọc lại nội dung (sha256)")
    check.add_argument("--json", action="store_true")
    imp = sub.add_parser("import", help="nhập tệp cho một mục (hoặc thành mục mới)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--item", type=int, metavar="ID",
                     help="số của mục (xem: trainer-app media check); bỏ trống: thêm mục mới")
    imp.add_argument("--title", default="", help="tên mục mới (mặc định: theo tên tệp)")
    imp.add_argument("--replace", type=int, metavar="FILE_ID",
                     help="thay tệp số FILE_ID của mục bằng tệp mới")
    imp.add_argument("--json", action="store_true")
    remove = sub.add_parser("remove", help="bỏ một tệp, hoặc cả một mục, khỏi thư viện")
    target = remove.add_mutually_exclusive_group(required=True)
    target.add_argument("--file", type=int, metavar="FILE_ID")
    target.add_argument("--item", type=int, metavar="ID")
    remove.add_argument("--json", action="store_true")
    probe = sub.add_parser("probe", help="thử xem một tệp video có phát được không")
    probe.add_argument("file")
    probe.add_argument("--json", action="store_true")


def run(options: argparse.Namespace, data_dir: DataDir) -> int:
    handlers = {"check": cmd_check, "import": cmd_import, "remove": cmd_remove,
                "probe": cmd_probe}
    return handlers[options.media_command](options, data_dir)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_check(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Every item: ``--json`` gives a list of {"id", "title", "kind", "status", "files":
    [{"path", "sha256", "duration_s"}]} (status: available, missing, damaged). The files'
    sha256 are computed again unless ``--quick``. Exit 1 when an item is not available."""
    from trainer_app.domain.media import format_duration
    from trainer_app.services.media import service as media_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        media_service.sync_catalogue(workspace.session_factory)
        rows = media_service.check_library(workspace.session_factory, data_dir.media_dir,
                                           full=not options.quick)
    finally:
        workspace.close()
    if options.json:
        _print_json([row.check_json() for row in rows])
    else:
        for row in rows:
            extra = format_duration(row.duration_s) or (
                f"{row.page_count} trang" if row.page_count else "")
            detail = " — ".join(x for x in (extra, row.status_detail) if x)
            print(f"{row.id}\t{row.status_label}\t{row.kind_label}\t{row.title}"
                  + (f"\t{detail}" if detail else ""))
            if row.status == "missing" and row.source_url:
                print(f"\tTải về tại: {row.source_url}")
        ready = sum(1 for row in rows if row.status == "available")
        print(f"Có sẵn {ready}/{len(rows)} mục.")
    return 0 if all(row.status == "available" for row in rows) else 1


def cmd_import(options: argparse.Namespace, data_dir: DataDir) -> int:
    """Copy FILE(s) into the library for item ``--item`` (or a new item). ``--json``:
    {"item", "title", "created", "files": [{"path", "sha256", "size_bytes", "duration_s",
    "page_count", "subtitle"}], "replaced", "warnings"}."""
    from trainer_app.services.media import importer as media_import
    from trainer_app.services.media import service as media_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    factory, media_dir = workspace.session_factory, data_dir.media_dir
    try:
        media_service.sync_catalogue(factory)
        if options.item is None:
            result = media_import.add_item(factory, media_dir, options.files,
                                           title=options.title)
        else:
            result = media_import.import_files(factory, media_dir, options.item, options.files,
                                               replace_file_id=options.replace)
    finally:
        workspace.close()
    if options.json:
        _print_json(result.as_json())
        return 0
    head = "Đã thêm mục mới" if result.created else "Đã nhập vào mục"
    print(f"{head} {result.item_id} “{result.title}”: {len(result.files)} tệp.")
    for f in result.files:
        print(f"\t{f.path}" + (f"\t(phụ đề: {f.subtitle_path})" if f.subtitle_path else ""))
    for name in result.replaced:
        print(f"Đã thay tệp {name}.")
    for warning in result.warnings:
        print(f"Lưu ý: {warning}")
    return 0


def cmd_remove(options: argparse.Namespace, data_dir: DataDir) -> int:
    """``--file ID``: one file; ``--item ID``: a whole item (a catalogue item stays, without
    files). ``--json``: {"file" | "item", "item_deleted"}."""
    from trainer_app.services.media import service as media_service
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(data_dir)
    try:
        if options.file is not None:
            media_service.remove_file(workspace.session_factory, data_dir.media_dir,
                                      options.file)
            data: dict[str, Any] = {"file": options.file, "item_deleted": False}
            text = f"Đã bỏ tệp số {options.file} khỏi thư viện."
        else:
            deleted = media_service.remove_item(workspace.session_factory, data_dir.media_dir,
                                                options.item)
            data = {"item": options.item, "item_deleted": deleted}
            text = (f"Đã xóa mục số {options.item}." if deleted else
                    f"Đã bỏ các tệp của mục số {options.item} (mục trong danh mục vẫn giữ).")
    finally:
        workspace.close()
    _print_json(data) if options.json else print(text)
    return 0


def cmd_probe(options: argparse.Namespace, data_dir: DataDir) -> int:
    """``--json``: {"playable", "duration_s", "error"}. Exit 1 when it does not play. Needs
    no database."""
    from trainer_app.domain.media import format_duration
    from trainer_app.player.probe import probe

    result = probe(options.file)
    if options.json:
        _print_json(result.as_json())
    elif result.playable:
        length = format_duration(result.duration_s) or "không rõ thời lượng"
        print(f"Phát được: {options.file} ({length}).")
    else:
        print(result.error)
    return 0 if result.playable else 1
