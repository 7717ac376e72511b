"""The main window's menus: Tệp (backups, certificates, quit), Xem (pages, text size) and
Trợ giúp (guide F1, about). Kept apart so the window stays a shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from trainer_app.ui import icons

if TYPE_CHECKING:
    from trainer_app.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    from trainer_app.ui.main_window import PAGES

    bar = window.menuBar()
    file_menu = bar.addMenu("&Tệp")
    window.backup_action = QAction(icons.icon("backup"), "&Sao lưu ngay", window)
    window.backup_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
    window.backup_action.triggered.connect(lambda: window._command("backup_now"))
    window.external_action = QAction("Sao lưu ra &USB…", window)
    window.external_action.triggered.connect(lambda: window._command("backup_to_external"))
    window.verify_action = QAction("&Tra cứu giấy chứng nhận…", window)
    window.verify_action.triggered.connect(window.show_verify_certificate)
    window.register_action = QAction("Sổ &cấp giấy chứng nhận…", window)
    window.register_action.triggered.connect(window.show_certificate_register)
    window.quit_action = QAction("T&hoát", window)
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.triggered.connect(window.close)
    file_menu.addActions([window.backup_action, window.external_action])
    file_menu.addSeparator()
    file_menu.addActions([window.verify_action, window.register_action])
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    view_menu = bar.addMenu("&Xem")
    window.page_actions = []
    for number, spec in enumerate(PAGES, start=1):
        action = QAction(spec.title, window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, key=spec.key: window.show_page(key))
        view_menu.addAction(action)
        window.page_actions.append(action)
    view_menu.addSeparator()
    window.zoom_in_action = QAction("Chữ to hơn", window)
    window.zoom_in_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    window.zoom_in_action.triggered.connect(lambda: window._command("step_text_scale", +1))
    window.zoom_out_action = QAction("Chữ nhỏ hơn", window)
    window.zoom_out_action.setShortcuts([QKeySequence("Ctrl+-")])
    window.zoom_out_action.triggered.connect(lambda: window._command("step_text_scale", -1))
    window.zoom_reset_action = QAction("Cỡ chữ mặc định", window)
    window.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
    window.zoom_reset_action.triggered.connect(lambda: window._command("set_text_scale", 100))
    view_menu.addActions([window.zoom_in_action, window.zoom_out_action,
                          window.zoom_reset_action])

    help_menu = bar.addMenu("Trợ &giúp")
    window.guide_action = QAction("&Hướng dẫn", window)
    window.guide_action.setShortcut(QKeySequence("F1"))
    window.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.guide_action.triggered.connect(window.show_guide)
    help_menu.addAction(window.guide_action)
    window.about_action = QAction(icons.icon("info"), "&Giới thiệu", window)
    window.about_action.triggered.connect(window.show_about)
    help_menu.addAction(window.about_action)
