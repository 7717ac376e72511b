"""The main window: a shell. Navigation on the left, one page at a time on the right, menus,
and a status bar. It knows its pages only to build them; pages talk through ``ctx.events``.

A page is built (and its module imported) the first time it is shown: at start only the
visible page is made and filled, so the trainer sees data sooner and the app holds less.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QWidget,
)

from trainer_app import APP_NAME, __version__
from trainer_app.datadir import DataDir
from trainer_app.ui import events, icons, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_info
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_menus import MenuHandlers, build_menus
from trainer_app.ui.models.backup_table_model import format_time
from trainer_app.ui.pages.base import Page
from trainer_app.ui.widgets.elided_label import ElidedLabel

# Pages and services (which import SQLAlchemy) load after the window is shown, each page when
# it is first shown (PAGE_CLASSES).

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    coming: str = ""  # for pages not built yet: what they will hold


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Tổng quan", "overview"),
    PageSpec("sessions", "Buổi tập huấn", "sessions",
             "Buổi tập huấn — sẽ có: lên kế hoạch từ chương trình mẫu, in danh sách ký tên, "
             "kiểm tra trước và sau, báo cáo buổi tập huấn."),
    PageSpec("attendance", "Điểm danh", "attendance",
             "Điểm danh — sẽ có: đánh dấu có mặt, đến muộn, vắng có phép, vắng; thêm người "
             "đến không có trong danh sách."),
    PageSpec("library", "Thư viện", "library",
             "Thư viện — sẽ có: danh mục video và tài liệu truyền thông, nhập tệp mới, "
             "chiếu lên máy chiếu."),
    PageSpec("questions", "Câu hỏi", "questions",
             "Câu hỏi — sẽ có: bộ câu hỏi kiểm tra, nhập từ tệp (GIFT, Aiken, Excel), "
             "làm bài trên máy hoặc trên giấy."),
    PageSpec("people", "Cộng tác viên", "people",
             "Danh sách cộng tác viên — sẽ có: nhập từ Excel, tìm kiếm không cần dấu, "
             "sắp xếp theo tên."),
    PageSpec("reports", "Báo cáo", "reports",
             "Báo cáo — sẽ có: báo cáo buổi tập huấn, tổng hợp theo quý, giấy chứng nhận, "
             "in theo thể thức văn bản hành chính."),
    PageSpec("settings", "Cài đặt", "settings"),
)

#: Where each page's class lives, imported when the page is first shown.
PAGE_CLASSES: dict[str, tuple[str, str]] = {
    "overview": ("trainer_app.ui.pages.overview_page", "OverviewPage"),
    "sessions": ("trainer_app.ui.pages.sessions_page", "SessionsPage"),
    "attendance": ("trainer_app.ui.pages.attendance_page", "AttendancePage"),
    "library": ("trainer_app.ui.pages.library_page", "LibraryPage"),
    "questions": ("trainer_app.ui.pages.questions_page", "QuestionsPage"),
    "people": ("trainer_app.ui.pages.people_page", "PeoplePage"),
    "reports": ("trainer_app.ui.pages.reports_page", "ReportsPage"),
    "settings": ("trainer_app.ui.pages.settings_page", "SettingsPage"),
}

NAV_ICON_SIZE = QSize(28, 28)
NAV_MAX_WIDTH = 320
MIN_RESTORED = QSize(640, 480)


class LoadingPage(QLabel):
    """Stands in for a page until the workspace is open (a fraction of a second) and the
    page is first shown."""

    def __init__(self, title: str) -> None:
        super().__init__(f"{title}\n\nĐang mở dữ liệu…")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


class MainWindow(QMainWindow):
    """Built and shown before the workspace opens; `attach(ctx)` then builds the visible
    page, and each other page is built when first shown. ``pages`` holds the built ones."""

    def __init__(self, data_dir: DataDir, app_events: AppEvents, ui_settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.app_events = app_events
        self._ctx: AppContext | None = None
        self._loaded = False  # load_data() ran: pages built from now on fill at once
        self.ui_settings = ui_settings
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.app_icon())

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(NAV_ICON_SIZE)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setAccessibleName("Các trang")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for number, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(icons.nav_icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title} (Ctrl+{number})")
            self.nav.addItem(item)
            self.stack.addWidget(LoadingPage(spec.title))
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.itemActivated.connect(lambda _item: self._focus_page())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._fit_nav()

        self._build_menus()
        self._build_status_bar()

        app_events.navigate_requested.connect(self.show_page)
        app_events.data_changed.connect(self._on_data_changed)
        app_events.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000))
        self._set_workspace_actions_enabled(False)
        self._restore_window_state()

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            raise RuntimeError("the workspace is not open yet")
        return self._ctx

    @property
    def attached(self) -> bool:
        return self._ctx is not None

    def attach(self, ctx: AppContext) -> None:
        """The workspace is open: build the visible page in place of its loading page."""
        self._ctx = ctx
        self._show_row(max(self.nav.currentRow(), 0))
        self._set_workspace_actions_enabled(True)

    def _show_row(self, row: int) -> None:
        if self.attached and 0 <= row < len(PAGES) and PAGES[row].key not in self.pages:
            # A page is built and filled when first shown; the first one other than Tổng
            # quan also loads the ORM (a few tenths of a second, once): a wait cursor meanwhile.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._build_page(row)
                self._show_built_row(row)
            finally:
                QApplication.restoreOverrideCursor()
            return
        self._show_built_row(row)

    def _show_built_row(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.pages.get(PAGES[row].key) if 0 <= row < len(PAGES) else None
        if page is not None and self._loaded and not page.ready:
            page.set_ready()  # fills it now that it is visible

    def _build_page(self, index: int) -> Page:
        spec = PAGES[index]
        page = self.pages.get(spec.key)
        if page is not None:
            return page
        page = self._make_page(spec)
        page.setObjectName(f"page_{spec.key}")
        old = self.stack.widget(index)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(index, page)
        self.pages[spec.key] = page
        log.debug("page %s built", spec.key)
        return page

    def _set_workspace_actions_enabled(self, enabled: bool) -> None:
        for action in (self.backup_action, self.external_action, self.zoom_in_action,
                       self.zoom_out_action, self.zoom_reset_action):
            action.setEnabled(enabled)

    def _command(self, name: str, *args: object) -> None:
        from trainer_app.ui import commands

        getattr(commands, name)(self, self.ctx, *args)

    # -- construction ---------------------------------------------------------------------

    def _make_page(self, spec: PageSpec) -> Page:
        where = PAGE_CLASSES.get(spec.key)
        if where is None:
            from trainer_app.ui.pages.placeholder_page import PlaceholderPage

            return PlaceholderPage(self.ctx, spec.title, spec.coming, spec.icon)
        module, name = where
        page_class: type[Page] = getattr(importlib.import_module(module), name)
        return page_class(self.ctx)

    def _build_menus(self) -> None:
        actions = build_menus(self, [(spec.key, spec.title) for spec in PAGES], MenuHandlers(
            backup_now=lambda: self._command("backup_now"),
            backup_to_external=lambda: self._command("backup_to_external"),
            verify_certificate=self.show_verify_certificate,
            certificate_register=self.show_certificate_register,
            send_to_centre=lambda: self._command("send_to_centre"),
            receive_from_stations=lambda: self._command("receive_from_stations"),
            quit=self.close,
            show_page=self.show_page,
            step_text_scale=lambda step: self._command("step_text_scale", step),
            reset_text_scale=lambda: self._command("set_text_scale", 100),
            guide=self.show_guide,
            about=self.show_about,
        ))
        self.backup_action = actions.backup
        self.external_action = actions.external
        self.verify_action = actions.verify
        self.register_action = actions.register
        self.send_action = actions.send
        self.receive_action = actions.receive
        self.quit_action = actions.quit
        self.page_actions = actions.pages
        self.zoom_in_action = actions.zoom_in
        self.zoom_out_action = actions.zoom_out
        self.zoom_reset_action = actions.zoom_reset
        self.guide_action = actions.guide
        self.about_action = actions.about

    def _build_status_bar(self) -> None:
        self.folder_label = ElidedLabel(f"Thư mục dữ liệu: {self.data_dir.root}")
        self.backup_label = ElidedLabel("", mode=Qt.TextElideMode.ElideRight)
        bar = self.statusBar()
        bar.addWidget(self.backup_label, 2)
        bar.addPermanentWidget(self.folder_label, 1)

    # -- behaviour ------------------------------------------------------------------------

    def load_data(self) -> None:
        """Fill the built (visible) page; called once the window is on screen, so start-up
        stays fast. Pages built later fill when they are first shown."""
        self._loaded = True
        for page in self.pages.values():
            page.set_ready()
        self.refresh_status()
        self._refresh_title()

    def show_verify_certificate(self) -> None:
        if self.attached:
            self._command("verify_certificate")

    def show_certificate_register(self) -> None:
        if self.attached:
            self._command("certificate_register")

    def show_guide(self) -> None:
        from trainer_app.ui.dialogs.guide_dialog import GuideDialog

        dialog = GuideDialog(self.app_events, self)
        dialog.exec()
        dialog.deleteLater()

    def show_page(self, key: str) -> None:
        keys = [spec.key for spec in PAGES]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def current_page_key(self) -> str:
        row = self.nav.currentRow()
        return PAGES[row].key if 0 <= row < len(PAGES) else PAGES[0].key

    def _focus_page(self) -> None:
        """Enter on a navigation item moves the keyboard into the page."""
        page = self.stack.currentWidget()
        if page is None:
            return
        for widget in page.findChildren(QWidget):
            if (isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QTableView)):
                continue
            policy = widget.focusPolicy()
            if widget.isVisible() and widget.isEnabled() and (
                    policy & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def refresh_status(self) -> None:
        from trainer_app.services.workspace import backup as backup_service

        entries = backup_service.list_entries(self.ctx.data_dir)
        reminder = backup_service.external_reminder(self.ctx.workspace)
        last = (f"Sao lưu gần nhất: {format_time(entries[0].created_at)}" if entries
                else "Chưa có bản sao lưu")
        if reminder:
            self.backup_label.setText(f"{last} · Cần sao lưu ra USB (Tệp → Sao lưu ra USB…)")
            self.backup_label.setToolTip(reminder)
        else:
            self.backup_label.setText(f"{last}.")
        style.set_role(self.backup_label, "warning" if reminder else "")

    def _refresh_title(self) -> None:
        from trainer_app.services.workspace import settings as settings_service

        unit = settings_service.load_org(self.ctx.reads).unit_name
        self.setWindowTitle(f"{APP_NAME} — {unit}" if unit else APP_NAME)

    def _on_data_changed(self, kind: str) -> None:
        if not self.attached:
            return
        if events.concerns(kind, events.BACKUP, events.PREFERENCES):
            self.refresh_status()
        if events.concerns(kind, events.ORG):
            self._refresh_title()

    def about_text(self) -> str:
        data_dir = self.data_dir
        return (
            f"{APP_NAME} — phiên bản {__version__}\n"
            "Ứng dụng tổ chức buổi tập huấn cho cộng tác viên của trạm y tế: "
            "điểm danh, kiểm tra, chiếu video, giấy chứng nhận và báo cáo. "
            "Chạy hoàn toàn không cần Internet.\n\n"
            f"Thư mục dữ liệu: {data_dir.root}\n"
            f"Thư mục sao lưu: {data_dir.backups_dir}\n"
            f"Thư mục nhật ký: {data_dir.logs_dir}"
        )

    def show_about(self) -> None:
        show_info(self, "Giới thiệu", self.about_text())

    def bring_to_front(self) -> None:
        """A second start asked us to come forward; while the kiosk runs, the kiosk does
        (the main window stays hidden: a participant must not reach it that way)."""
        kiosk = next((w for w in QApplication.topLevelWidgets()
                      if w.objectName() == "kiosk" and w.isVisible()), None)
        if kiosk is not None:
            kiosk.raise_()
            kiosk.activateWindow()
            return
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _fit_nav(self) -> None:
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(spec.title) for spec in PAGES)
        width = widest + NAV_ICON_SIZE.width() + 72
        self.nav.setFixedWidth(min(width, NAV_MAX_WIDTH))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_nav()

    # -- window state ---------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.ui_settings.value("window/geometry")
        restored = (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                    and self.restoreGeometry(geometry))
        screen = QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            too_small = self.width() < MIN_RESTORED.width() or self.height() < MIN_RESTORED.height()
            off_screen = not available.intersects(self.frameGeometry())
            if not restored or too_small or off_screen:
                # First start, another screen (a projector), or a state saved by a headless
                # run: take most of the screen instead.
                self.resize(min(1200, available.width()), min(820, available.height()))
                self.move(available.topLeft())
        state = self.ui_settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.show_page(str(self.ui_settings.value("window/page", PAGES[0].key)))
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def save_window_state(self) -> None:
        self.ui_settings.setValue("window/geometry", self.saveGeometry())
        self.ui_settings.setValue("window/state", self.saveState())
        self.ui_settings.setValue("window/page", self.current_page_key())
        self.ui_settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The phone quiz asks first while phones answer.
        phone = self._ctx.phone_quiz if self._ctx is not None else None
        if phone is not None and phone.running:
            if not phone.confirm_stop(self):
                event.ignore()
                return
            phone.stop()
        self.save_window_state()
        log.info("main window closed")
        super().closeEvent(event)
