"""The main window's menus: Tệp (backups, certificates, exchange packages, quit), Xem
(pages, text size) and Trợ giúp (guide F1, about). Kept apart so the window stays a shell:
the menus know only the page titles and the handlers they are given, never the window class."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from trainer_app.ui import icons


@dataclass(frozen=True)
class MenuHandlers:
    """What each menu entry does; ``show_page`` takes a page key."""

    backup_now: Callable[[], None]
    backup_to_external: Callable[[], None]
    verify_certificate: Callable[[], None]
    certificate_register: Callable[[], None]
    send_to_centre: Callable[[], None]
    receive_from_stations: Callable[[], None]
    quit: Callable[[], None]
    show_page: Callable[[str], None]
    step_text_scale: Callable[[int], None]
    reset_text_scale: Callable[[], None]
    guide: Callable[[], None]
    about: Callable[[], None]


@dataclass(frozen=True)
class MenuActions:
    backup: QAction
    external: QAction
    verify: QAction
    register: QAction
    send: QAction
    receive: QAction
    quit: QAction
    pages: list[QAction]
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    guide: QAction
    about: QAction


def _action(window: QMainWindow, text: str, slot: Callable[[], None], *,
            icon: str | None = None, keys: Sequence[str] = ()) -> QAction:
    action = QAction(icons.icon(icon), text, window) if icon else QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(key) for key in keys])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(window: QMainWindow, pages: Sequence[tuple[str, str]],
                handlers: MenuHandlers) -> MenuActions:
    """Fill ``window``'s menu bar; ``pages`` are (key, title) in order (Ctrl+1…)."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&Tệp")
    backup = _action(window, "&Sao lưu ngay", handlers.backup_now, icon="backup",
                     keys=["Ctrl+Shift+S"])
    external = _action(window, "Sao lưu ra &USB…", handlers.backup_to_external)
    verify = _action(window, "&Tra cứu giấy chứng nhận…", handlers.verify_certificate)
    register = _action(window, "Sổ &cấp giấy chứng nhận…", handlers.certificate_register)
    send = _action(window, "&Gửi số liệu lên Trung tâm Y tế…", handlers.send_to_centre)
    receive = _action(window, "&Nhận số liệu các trạm…", handlers.receive_from_stations)
    quit_action = _action(window, "T&hoát", handlers.quit, keys=["Ctrl+Q"])
    file_menu.addActions([backup, external])
    file_menu.addSeparator()
    file_menu.addActions([verify, register])
    file_menu.addSeparator()
    file_menu.addActions([send, receive])
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    view_menu = bar.addMenu("&Xem")
    page_actions = []
    for number, (key, title) in enumerate(pages, start=1):
        action = _action(window, title, lambda key=key: handlers.show_page(key),
                         keys=[f"Ctrl+{number}"])
        view_menu.addAction(action)
        page_actions.append(action)
    view_menu.addSeparator()
    zoom_in = _action(window, "Chữ to hơn", lambda: handlers.step_text_scale(+1),
                      keys=["Ctrl++", "Ctrl+="])
    zoom_out = _action(window, "Chữ nhỏ hơn", lambda: handlers.step_text_scale(-1),
                       keys=["Ctrl+-"])
    zoom_reset = _action(window, "Cỡ chữ mặc định", handlers.reset_text_scale, keys=["Ctrl+0"])
    view_menu.addActions([zoom_in, zoom_out, zoom_reset])

    help_menu = bar.addMenu("Trợ &giúp")
    guide = _action(window, "&Hướng dẫn", handlers.guide, keys=["F1"])
    guide.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    help_menu.addAction(guide)
    about = _action(window, "&Giới thiệu", handlers.about, icon="info")
    help_menu.addAction(about)
    return MenuActions(backup=backup, external=external, verify=verify, register=register,
                       send=send, receive=receive, quit=quit_action, pages=page_actions,
                       zoom_in=zoom_in, zoom_out=zoom_out, zoom_reset=zoom_reset, guide=guide,
                       about=about)
