"""Composition root of the GUI: display check, logging (``ui/app_logging``), one instance
per data folder, the workspace, the style, the main window and the error hook. Nothing else
wires these together. What keeps the start light is in ``ui/light_start`` (and the pages are
built when first shown: ``ui/main_window``).

`run_gui(data_dir_arg, debug)` is called by `trainer_app.__main__` when no sub-command is given.
Heavy libraries (reportlab, alembic, openpyxl, vlc) are not imported here: they load when a
feature first needs them.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer_app import APP_ID, __version__
from trainer_app.datadir import DataDir, resolve_data_dir
from trainer_app.services.errors import DatabaseDamaged, UserError
from trainer_app.services.workspace.datafolder import (
    database_plainly_unusable,
    ensure_writable_dir,
)
from trainer_app.services.workspace.instance_lock import InstanceLock
from trainer_app.ui import events, light_start, ready_probe, style
from trainer_app.ui.app_logging import setup_logging
from trainer_app.ui.context import AppContext
from trainer_app.ui.crash import ExceptHook
from trainer_app.ui.dialogs.messages import choose, show_error
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.qt_workarounds import protect_bool_singletons
from trainer_app.ui.workspace_loader import WorkspaceLoader

if TYPE_CHECKING:  # SQLAlchemy/QtNetwork come in with these; they load after the window
    from trainer_app.services.workspace.backup import RestoreResult
    from trainer_app.services.workspace.opening import Workspace
    from trainer_app.ui.single_instance import InstanceServer

log = logging.getLogger("trainer_app.app")

NO_DISPLAY_MESSAGE = (
    "Không tìm thấy màn hình để mở cửa sổ ứng dụng (chưa đặt DISPLAY hay WAYLAND_DISPLAY).\n"
    "Hãy chạy trong phiên làm việc có giao diện đồ họa, hoặc dùng màn hình ảo:\n"
    "    xvfb-run -a trainer-app …\n"
    "hoặc đặt QT_QPA_PLATFORM=offscreen để chạy không hiển thị. Các lệnh con "
    "(trainer-app --help) chạy được không cần màn hình.\n"
    "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run the app in a graphical "
    "session, or use a virtual screen: `xvfb-run -a trainer-app …`, or set "
    "QT_QPA_PLATFORM=offscreen for a headless run. Sub-commands work without a display."
)
ALREADY_RUNNING = (
    "Ứng dụng đang chạy với thư mục dữ liệu này; cửa sổ đang mở đã được đưa lên trước.\n"
    "The app is already running on this data folder; its window was brought forward."
)
FOLDER_BUSY = (
    "Thư mục dữ liệu đang được một lệnh khác của ứng dụng sử dụng (ví dụ sao lưu, khôi phục). "
    "Hãy đợi lệnh đó xong rồi mở lại ứng dụng.\n"
    "The data folder is in use by another trainer-app process; try again when it has finished."
)


# -- environment ----------------------------------------------------------------------------


def display_problem(env: Mapping[str, str], platform: str) -> str | None:
    """The message to print when a Linux machine has no display to open a window on."""
    if not platform.startswith("linux"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return None
    return NO_DISPLAY_MESSAGE


def prefer_xcb_on_wayland(env: MutableMapping[str, str]) -> None:
    """libvlc cannot draw into a Wayland surface: use XWayland when it is there."""
    if env.get("WAYLAND_DISPLAY") and env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "xcb")


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_ID)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the same look on every OS; the stylesheet builds on it
    return app


# -- one instance per data folder -----------------------------------------------------------


@dataclass
class SingleInstance:
    lock: InstanceLock
    name: str
    server: InstanceServer | None = None

    def listen(self, on_raise: Callable[[], None]) -> None:
        """Answer later starts (called once the first page shows its data, or at the latest
        LISTEN_LATEST_MS after the window: QtNetwork loads then). Once only."""
        if self.server is not None:
            return
        from trainer_app.ui.single_instance import InstanceServer

        self.server = InstanceServer(self.name)
        self.server.raise_requested.connect(on_raise)
        self.server.listen()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.release()


def ensure_single_instance(data_dir: DataDir, out: TextIO | None = None) -> SingleInstance | int:
    """Take the data folder's lock and listen for later starts, or — when another process
    holds it — ask that one to come forward and return the exit code for this one."""
    out = out or sys.stdout
    try:
        data_dir.root.mkdir(parents=True, exist_ok=True)
        lock = InstanceLock(data_dir.lock_path)
        acquired = lock.acquire()
    except OSError as exc:
        log.warning("instance lock unavailable (%s); continuing without it", exc)
        lock, acquired = InstanceLock(data_dir.lock_path), True
    from trainer_app.ui.instance_name import server_name

    name = server_name(data_dir.root)
    if not acquired:
        from trainer_app.ui.single_instance import send_raise


        if send_raise(name):
            print(ALREADY_RUNNING, file=out)
            return 0
        print(FOLDER_BUSY, file=out)
        return 1
    return SingleInstance(lock, name)


# -- the workspace ----------------------------------------------------------------------------

RESTORE, FRESH = "restore", "fresh"
DamagedChoice = Callable[[DatabaseDamaged], str | None]


def ask_what_to_do(exc: DatabaseDamaged) -> str | None:
    choices = [("Bắt đầu với dữ liệu trống", FRESH)]
    if exc.newest_backup is not None:
        choices.insert(0, ("Khôi phục bản sao lưu mới nhất", RESTORE))
    return choose(
        None, "Dữ liệu bị hỏng", exc.message, choices,
        default=RESTORE if exc.newest_backup else FRESH,
        icon=QMessageBox.Icon.Warning,
    )


def open_workspace_interactive(
    data_dir: DataDir, ask: DamagedChoice = ask_what_to_do,
    first_error: DatabaseDamaged | None = None,
) -> Workspace | None:
    """Open the workspace; on a damaged database let the user restore the newest backup or
    start empty. None (after telling the user) when the folder or file cannot be used.
    `first_error`: the damage an earlier attempt (the background loader) already found —
    its file has been moved aside, so the user must be asked about it now."""
    from trainer_app.services.workspace import backup as backup_service
    from trainer_app.services.workspace.opening import open_workspace

    pending = first_error
    for _attempt in range(3):
        if pending is None:
            try:
                return open_workspace(data_dir)
            except DatabaseDamaged as exc:
                pending = exc
            except UserError as exc:
                log.error("workspace refused (%s)", exc.code)
                show_error(None, "Không mở được dữ liệu", exc.message)
                return None
        damage, pending = pending, None
        log.warning("database damaged (%s); asking the user", damage.code)
        if ask(damage) == RESTORE and damage.newest_backup is not None:
            try:
                backup_service.restore(data_dir, damage.newest_backup)
                log.info("restored the newest backup after damage")
            except UserError as restore_error:
                show_error(None, "Không khôi phục được", restore_error.message,
                           "Ứng dụng sẽ bắt đầu với dữ liệu trống.")
        # Otherwise the damaged file was moved aside: the next open starts empty.
    show_error(None, "Không mở được dữ liệu", "Không mở được dữ liệu sau nhiều lần thử.")
    return None


def make_restore_callback(ctx: AppContext) -> Callable[[Path], RestoreResult]:
    """Restore = close the workspace, replace the database, reopen, tell every page."""

    def restore(path: Path) -> RestoreResult:
        from trainer_app.services.workspace import backup as backup_service
        from trainer_app.services.workspace.opening import open_workspace

        ctx.workspace.close()
        try:
            result = backup_service.restore(ctx.data_dir, path)
        finally:
            ctx.replace_workspace(open_workspace(ctx.data_dir, daily_backup=False))
        log.info("workspace reopened after restore")
        ctx.events.data_changed.emit(events.ALL)
        return result

    return restore


# -- start and stop ---------------------------------------------------------------------------


@dataclass
class GuiSession:
    app: QApplication
    window: MainWindow
    events: AppEvents
    instance: SingleInstance
    hook: ExceptHook
    previous_hook: Callable[..., Any] = field(default=sys.__excepthook__)
    ctx: AppContext | None = None
    loader: WorkspaceLoader | None = None

    def shutdown(self) -> None:
        light_start.resume_gc()
        if self.loader is not None and self.ctx is None:
            self.loader.wait()  # never cut a migration or backup short
        if sys.excepthook is self.hook:
            sys.excepthook = self.previous_hook
        if self.ctx is not None:
            self.ctx.workspace.close()
        self.instance.release()
        log.info("stopped")


def ask_org_if_needed(window: MainWindow, ctx: AppContext) -> None:
    """First start: the unit's details, which every document carries."""
    from trainer_app.services.workspace import settings as settings_service

    if settings_service.load_org(ctx.reads).is_complete:
        return
    from trainer_app.ui.dialogs.org_setup_dialog import OrgSetupDialog  # first start only

    dialog = OrgSetupDialog(ctx.factory, window)
    if dialog.exec() and dialog.saved is not None:
        ctx.events.data_changed.emit(events.ORG)
    dialog.deleteLater()


def after_show(window: MainWindow, ctx: AppContext, first_start_dialog: bool) -> None:
    window.load_data()
    light_start.resume_gc()  # the first page shows its data: the start is over
    for note in ctx.workspace.notes:
        ctx.events.status_message.emit(note)
    if first_start_dialog:
        ask_org_if_needed(window, ctx)


def precheck(data_dir: DataDir) -> str | None:
    """Before the window: can the data folder be used at all? A Vietnamese refusal or None.
    (A database of a newer app or of another program is refused by the loader, which shows
    the message over the window and ends with exit code 2.)"""
    try:
        ensure_writable_dir(data_dir.root)
    except UserError as exc:
        return exc.message
    return None


TEXT_SCALE_KEY = "view/text_scale"
FIRST_PAGE_WITHOUT_ORM = "overview"
LISTEN_LATEST_MS = 3000
GC_PAUSE_LATEST_MS = 10_000


def start_gui(
    data_dir: DataDir, debug: bool = False, *, first_start_dialog: bool = True,
    ask: DamagedChoice = ask_what_to_do,
) -> GuiSession | int:
    """Everything up to a shown main window; an exit code when the app should not run.

    The window is shown first; the workspace opens on a worker thread (or, for a damaged
    database, here with the user's say) and the visible page is installed and filled when
    it is ready.
    """
    light_start.lighten_pyside_import_hook()  # before anything big is imported
    log_file = setup_logging(data_dir.logs_dir, debug)
    log.info("starting %s %s (data folder source: %s)", APP_ID, __version__, data_dir.source)
    app = ensure_application()
    protect_bool_singletons()
    instance = ensure_single_instance(data_dir)
    if isinstance(instance, int):
        return instance
    refusal = precheck(data_dir)
    if refusal:
        log.error("workspace refused before start")
        show_error(None, "Không mở được dữ liệu", refusal)
        instance.release()
        return 2
    light_start.pause_gc()  # until the first page shows its data (or the start fails)
    ui_settings = QSettings(str(data_dir.ui_settings_path), QSettings.Format.IniFormat)
    style.apply_style(app, int(ui_settings.value(TEXT_SCALE_KEY, 100)))  # type: ignore[call-overload]
    app_events = AppEvents(app)
    window = MainWindow(data_dir, app_events, ui_settings)
    hook = ExceptHook(log_file, lambda: window)
    session = GuiSession(app, window, app_events, instance, hook, sys.excepthook)
    sys.excepthook = hook
    # Deeper damage (quick_check) is found by the loader and handled in on_workspace_failed.
    damaged = database_plainly_unusable(data_dir.db_path)
    if damaged:  # rare: ask the user before anything else
        light_start.resume_gc()
        workspace = open_workspace_interactive(data_dir, ask)
        if workspace is None:
            sys.excepthook = session.previous_hook
            light_start.resume_gc()
            instance.release()
            return 2
        window.show()
        QTimer.singleShot(0, lambda: instance.listen(window.bring_to_front))
        QTimer.singleShot(0, lambda: on_workspace(session, workspace, first_start_dialog))
        return session
    window.show()
    ready_probe.reached(ready_probe.SHOWN, app)
    # Listening for later starts waits for the first page (on_workspace), unless loading
    # takes long (a migration): a second start meanwhile is told the folder is busy.
    QTimer.singleShot(LISTEN_LATEST_MS, lambda: instance.listen(window.bring_to_front))
    QTimer.singleShot(GC_PAUSE_LATEST_MS, light_start.resume_gc)  # a long migration, say
    # Tổng quan reads with plain SQL; any other page (the one used last) needs the ORM.
    loader = WorkspaceLoader(data_dir, window,
                             prepare_orm=window.current_page_key() != FIRST_PAGE_WITHOUT_ORM)
    loader.loaded.connect(lambda ws: on_workspace(session, ws, first_start_dialog))
    loader.failed.connect(lambda exc: on_workspace_failed(session, exc, ask,
                                                          first_start_dialog))
    session.loader = loader
    # After the first paint: the window comes first. (Starting it before the window is built
    # was measured slower for both: the two only take turns at Python's lock.)
    QTimer.singleShot(0, loader.start)
    return session


def on_workspace(session: GuiSession, workspace: Workspace, first_start_dialog: bool) -> None:
    """The workspace is open: install the pages and fill them."""
    from trainer_app.services.workspace import settings as settings_service

    ctx = AppContext(session.window.data_dir, workspace, session.events)
    ctx.set_restore_callback(make_restore_callback(ctx))
    session.ctx = ctx
    scale = settings_service.load_preferences(ctx.reads).text_scale_percent
    if scale != int(session.window.ui_settings.value(TEXT_SCALE_KEY, 100)):  # type: ignore[call-overload]
        style.apply_style(session.app, scale)
        session.window.ui_settings.setValue(TEXT_SCALE_KEY, scale)
    try:
        session.window.attach(ctx)
        after_show(session.window, ctx, first_start_dialog)
    finally:
        light_start.resume_gc()  # done in after_show once the page is filled; never left off
    QTimer.singleShot(0, lambda: session.instance.listen(session.window.bring_to_front))
    ready_probe.reached(ready_probe.FILLED, session.app)


def on_workspace_failed(session: GuiSession, exc: BaseException, ask: DamagedChoice,
                        first_start_dialog: bool) -> None:
    light_start.resume_gc()  # the start did not go through: dialogs follow
    if isinstance(exc, DatabaseDamaged):  # found by quick_check; the file is moved aside
        workspace = open_workspace_interactive(session.window.data_dir, ask, first_error=exc)
        if workspace is not None:
            on_workspace(session, workspace, first_start_dialog)
            return
    elif isinstance(exc, UserError):
        show_error(session.window, "Không mở được dữ liệu", exc.message)
    else:
        log.error("opening the workspace failed", exc_info=exc)
        show_error(session.window, "Không mở được dữ liệu",
                   f"Lỗi không mong muốn khi mở dữ liệu ({type(exc).__name__}).",
                   f"Chi tiết trong nhật ký: {session.window.data_dir.logs_dir}")
    session.app.exit(2)


def run_gui(data_dir_arg: str | None, debug: bool, database_url: str | None = None) -> int:
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    prefer_xcb_on_wayland(os.environ)
    data_dir = resolve_data_dir(data_dir_arg, database_url)
    session = start_gui(data_dir, debug)
    if isinstance(session, int):
        return session
    try:
        return session.app.exec()
    finally:
        session.shutdown()
