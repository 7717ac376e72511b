"""Opening a library file the right way: videos in our player (or, without VLC, a message
saying how to install it and an offer to use the system's player), PDFs page by page in our
viewer (or the system viewer when pypdfium2 is missing), saved web pages in the browser."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from trainer_app.domain.media import suffix_family
from trainer_app.player import pdf_document
from trainer_app.player.backend import Backend, BackendOptions, Unavailable
from trainer_app.player.chooser import load_backend
from trainer_app.services.media import service as media_service
from trainer_app.services.media.service import MediaFileInfo, MediaItemRow
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_error
from trainer_app.ui.player.document_window import DocumentWindow
from trainer_app.ui.player.player_window import PlayerWindow, PositionStore, open_externally

log = logging.getLogger(__name__)

_backends: dict[bool, Backend | Unavailable] = {}
_open: list[QWidget] = []  # windows kept alive until closed
NEEDS_VLC = "Cần cài VLC"
OPEN_EXTERNALLY = "Mở bằng trình phát của máy"
CLOSE = "Đóng"


def get_backend(hardware_decoding: bool = True) -> Backend | Unavailable:
    """One libvlc instance per setting of hardware decoding, loaded on first use."""
    if hardware_decoding not in _backends:
        _backends[hardware_decoding] = load_backend(
            BackendOptions(hardware_decoding=hardware_decoding))
    return _backends[hardware_decoding]


def open_windows() -> list[QWidget]:
    return list(_open)


def _keep(window: QWidget) -> None:
    _open.append(window)
    window.closed.connect(lambda: _open.remove(window) if window in _open else None)  # type: ignore[attr-defined]


def offer_system_player(parent: QWidget | None, path: Path, message: str) -> bool:
    """Say why our player cannot play, and offer the system's player. True when opened."""
    answer = choose(parent, NEEDS_VLC, message, [(OPEN_EXTERNALLY, True), (CLOSE, False)],
                    default=True, escape=False)
    return bool(answer) and open_externally(path)


def _store(ctx: AppContext, file: MediaFileInfo) -> PositionStore | None:
    session_id = media_service.current_session_id(ctx.factory)
    if session_id is None:
        return None
    return PositionStore(
        load=lambda: media_service.load_position(ctx.factory, session_id, file.id),
        save=lambda s: media_service.save_position(ctx.factory, session_id, file.id, s))


def open_media(parent: QWidget, ctx: AppContext, item: MediaItemRow,
               file: MediaFileInfo | None = None,
               backend: Backend | Unavailable | None = None) -> QWidget | None:
    """Open ``file`` (default: the item's first) and return the window shown, if any."""
    file = file or (item.files[0] if item.files else None)
    if file is None:
        show_error(parent, "Chưa có tệp", f"Mục “{item.title}” chưa có tệp nào. Hãy nhập tệp "
                   "đã tải về (nút Nhập tệp…).")
        return None
    path = Path(file.path)
    if file.state == "missing" or not path.is_file():
        show_error(parent, "Không còn tệp", f"Không tìm thấy tệp {path} trong thư mục dữ "
                   "liệu. Hãy nhập lại tệp cho mục này.")
        return None
    family = suffix_family(path.name)
    if family in ("video", "audio"):
        if backend is None:
            prefs = settings_service.load_preferences(ctx.factory)
            backend = get_backend(prefs.hardware_decoding)
        if isinstance(backend, Unavailable):
            log.warning("no video backend: %s", backend.detail)
            offer_system_player(parent, path, backend.message)
            return None
        subtitle = Path(file.subtitle_path) if file.subtitle_path else None
        window: QWidget = PlayerWindow(backend, path, item.title, subtitle,
                                       store=_store(ctx, file))
        _keep(window)
        window.show()
        window.start()  # type: ignore[attr-defined]
        return window
    if family == "pdf" and pdf_document.available():
        try:
            document = pdf_document.PdfDocument(path)
        except pdf_document.PdfError as exc:
            show_error(parent, "Không mở được tài liệu", exc.message)
            return None
        window = DocumentWindow(document, item.title)
        _keep(window)
        window.show()
        window.start()  # type: ignore[attr-defined]
        return window
    if not open_externally(path):
        show_error(parent, "Không mở được tệp", f"Máy không có chương trình nào mở được tệp "
                   f"{path.name}.")
    return None
