"""What the Thư viện page does with files: import for an item, add a new item, replace,
remove, and the check before a session. Copies and the full check run off the GUI thread
(``ui/tasks.py``) with a progress window and Hủy; the result comes back on the GUI thread,
then the page refreshes and ``data_changed("media")`` is announced."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from trainer_app.domain.media import ACCEPTED, PDF_SUFFIXES, VIDEO_SUFFIXES, WEB_SUFFIXES
from trainer_app.services.errors import UserError
from trainer_app.services.media import importer as media_import
from trainer_app.services.media import service as media_service
from trainer_app.services.media.importer import ImportResult
from trainer_app.services.media.service import MediaFileInfo, MediaItemRow
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import confirm, show_error, show_info, show_warning
from trainer_app.ui.tasks import TaskHandle, run_task

log = logging.getLogger(__name__)

MEDIA = "media"
ALL_FILES = "Mọi tệp (*)"


def _pattern(suffixes: frozenset[str]) -> str:
    return " ".join(f"*{s}" for s in sorted(suffixes))


def filters_for(kind: str | None) -> str:
    """File dialog filters: the item's kind first, or every kind for a new item."""
    if kind is not None:
        return f"Tệp phù hợp ({_pattern(ACCEPTED.get(kind, frozenset()))});;{ALL_FILES}"
    every = VIDEO_SUFFIXES | PDF_SUFFIXES | WEB_SUFFIXES
    return ";;".join([f"Video, PDF, trang web đã lưu ({_pattern(every)})",
                      f"Video ({_pattern(VIDEO_SUFFIXES)})", f"PDF ({_pattern(PDF_SUFFIXES)})",
                      f"Trang web đã lưu ({_pattern(WEB_SUFFIXES)})", ALL_FILES])


class LibraryActions:
    def __init__(self, parent: QWidget, ctx: AppContext,
                 reload: Callable[[int | None], None]) -> None:
        self.parent = parent
        self.ctx = ctx
        self.reload = reload
        self.last_task: TaskHandle[Any] | None = None
        self.last_dir = ""

    @property
    def media_dir(self) -> Path:
        return self.ctx.data_dir.media_dir

    def _ask_files(self, title: str, kind: str | None, many: bool = True) -> list[str]:
        ask = QFileDialog.getOpenFileNames if many else QFileDialog.getOpenFileName
        chosen, _filter = ask(self.parent, title, self.last_dir, filters_for(kind))
        files = list(chosen) if many else ([chosen] if chosen else [])
        if files:
            self.last_dir = str(Path(files[0]).parent)
        return files

    def _done(self, result: ImportResult, verb: str) -> None:
        self.reload(result.item_id)
        self.ctx.events.data_changed.emit(MEDIA)
        names = ", ".join(Path(f.path).name for f in result.files) or "không có tệp mới"
        text = f"{verb} “{result.title}”: {names}."
        self.ctx.events.status_message.emit(text)
        if result.warnings:
            show_warning(self.parent, "Đã nhập, có lưu ý", text, "\n".join(result.warnings))

    def _run(self, title: str, work: Callable[..., ImportResult], verb: str) -> TaskHandle[Any]:
        self.last_task = run_task(
            self.parent, title, work, on_done=lambda r: self._done(r, verb),
            on_cancelled=lambda: self.ctx.events.status_message.emit(
                "Đã hủy; không có tệp nào được chép."),
            error_title="Chưa nhập được")
        return self.last_task

    # -- importing --------------------------------------------------------------------------

    def import_for(self, item: MediaItemRow, paths: list[str] | None = None) -> bool:
        paths = paths if paths is not None else self._ask_files(
            f"Chọn tệp cho “{item.title}”", item.kind)
        if not paths:
            return False
        factory, media_dir = self.ctx.factory, self.media_dir
        self._run("Đang kiểm tra và chép tệp vào thư viện…",
                  lambda progress, cancel: media_import.import_files(
                      factory, media_dir, item.id, paths, progress=progress, cancel=cancel),
                  "Đã nhập vào")
        return True

    def add_item(self, paths: list[str] | None = None, title: str = "") -> bool:
        paths = paths if paths is not None else self._ask_files(
            "Thêm video, PDF hoặc trang web đã lưu", None)
        if not paths:
            return False
        factory, media_dir = self.ctx.factory, self.media_dir
        self._run("Đang kiểm tra và chép tệp vào thư viện…",
                  lambda progress, cancel: media_import.add_item(
                      factory, media_dir, paths, title=title, progress=progress,
                      cancel=cancel),
                  "Đã thêm mục")
        return True

    def replace(self, item: MediaItemRow, file: MediaFileInfo,
                path: str | None = None) -> bool:
        paths = [path] if path else self._ask_files(
            f"Chọn tệp thay cho {file.original_name}", item.kind, many=False)
        if not paths:
            return False
        factory, media_dir = self.ctx.factory, self.media_dir
        self._run("Đang kiểm tra và chép tệp thay thế…",
                  lambda progress, cancel: media_import.import_files(
                      factory, media_dir, item.id, paths, replace_file_id=file.id,
                      progress=progress, cancel=cancel),
                  "Đã thay tệp của")
        return True

    # -- removing ---------------------------------------------------------------------------

    def remove(self, item: MediaItemRow, file: MediaFileInfo | None) -> bool:
        """One file when the item has several, else the item's files (a user-made item goes
        altogether; a catalogue item stays as "chưa tải về")."""
        whole = file is None or len(item.files) <= 1
        if whole and item.catalogue_key is None:
            question = (f"Xóa mục “{item.title}” và tệp của nó khỏi thư viện? Tệp gốc (trên "
                        "USB hay thư mục tải về) không bị động đến.")
        elif whole:
            question = (f"Bỏ tệp của “{item.title}” khỏi thư viện? Mục vẫn ở trong danh mục, "
                        "với trạng thái “chưa tải về”.")
        else:
            assert file is not None
            question = f"Bỏ tệp {file.original_name} khỏi mục “{item.title}”?"
        if not confirm(self.parent, "Bỏ khỏi thư viện", question, "Bỏ khỏi thư viện"):
            return False
        try:
            if whole:
                media_service.remove_item(self.ctx.factory, self.media_dir, item.id)
            else:
                assert file is not None
                media_service.remove_file(self.ctx.factory, self.media_dir, file.id)
        except UserError as exc:
            show_error(self.parent, "Chưa bỏ được", exc.message)
            return False
        self.reload(item.id)
        self.ctx.events.data_changed.emit(MEDIA)
        return True

    # -- the check before a session ---------------------------------------------------------

    def check(self, on_rows: Callable[[list[MediaItemRow]], None]) -> TaskHandle[Any]:
        factory, media_dir = self.ctx.factory, self.media_dir

        def done(rows: list[MediaItemRow]) -> None:
            on_rows(rows)
            show_info(self.parent, "Kiểm tra trước buổi tập huấn", *check_summary(rows))

        self.last_task = run_task(
            self.parent, "Đang kiểm tra các tệp trong thư viện…",
            lambda progress, cancel: media_service.check_library(
                factory, media_dir, full=True, progress=progress, cancel=cancel),
            on_done=done, error_title="Chưa kiểm tra được")
        return self.last_task


def check_summary(rows: list[MediaItemRow]) -> tuple[str, str]:
    """(text, details) of the check: how many are ready, then what is missing or broken."""
    ready = [r for r in rows if r.status == "available"]
    missing = [r for r in rows if r.status == "missing"]
    damaged = [r for r in rows if r.status == "damaged"]
    text = f"Có sẵn {len(ready)}/{len(rows)} mục."
    if damaged:
        text += f" {len(damaged)} mục có tệp bị hỏng: cần nhập lại."
    if missing:
        text += f" {len(missing)} mục chưa tải về."
    if not damaged and not missing:
        text += " Sẵn sàng cho buổi tập huấn."
    lines = [f"Tệp bị hỏng — {r.title}: {r.status_detail}" for r in damaged]
    lines += [f"Chưa tải về — {r.title}" + (f" (tải tại {r.source_url})" if r.source_url
                                            else "") for r in missing]
    return text, "\n".join(lines)
