"""ui/tasks.py: slow work on QThreadPool, progress and “Hủy” in a window, the outcome back on
the GUI thread; and its users (backups from the menu, the import wizard)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import event

from trainer_app.services.errors import UserError
from trainer_app.services.roster import importer as roster_import
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui import tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.roster_import_wizard import STEP_FILE, STEP_MAPPING, ImportWizard
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.tasks import CancelFn, Outcome, ProgressFn, TaskCancelled, run_task
from trainer_app.ui.widgets.progress_dialog import ProgressDialog

from .conftest import MessageRecorder

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"
TIMEOUT_S = 10.0


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    widget.setWindowTitle("Cửa sổ thử")
    widget.button = QPushButton("Bấm", widget)  # type: ignore[attr-defined]
    QVBoxLayout(widget).addWidget(widget.button)  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    assert tasks.wait_all(int(TIMEOUT_S * 1000)), "a task of the test is still running"


@pytest.fixture(autouse=True)
def _no_task_left_behind() -> Iterator[None]:
    yield
    assert tasks.wait_all(int(TIMEOUT_S * 1000))
    assert tasks.running_tasks() == ()


class Gate:
    """Lets a test hold a task's function at a point and release it."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()

    def pass_(self) -> None:
        self.reached.set()
        assert self.opened.wait(TIMEOUT_S), "the test never opened the gate"


class Recorder:
    def __init__(self) -> None:
        self.done: list[Any] = []
        self.errors: list[UserError] = []
        self.cancelled = 0
        self.threads: list[QThread] = []

    def on_done(self, result: Any) -> None:
        self.threads.append(QThread.currentThread())
        self.done.append(result)

    def on_error(self, exc: UserError) -> None:
        self.errors.append(exc)

    def on_cancelled(self) -> None:
        self.cancelled += 1


def visible_dialog(handle: tasks.TaskHandle[Any]) -> ProgressDialog | None:
    dialog = handle.dialog
    return dialog if dialog is not None and dialog.isVisible() else None


# -- the basics -------------------------------------------------------------------------------


def test_work_runs_on_a_worker_and_its_result_arrives_on_the_gui_thread(
        qtbot: QtBot, parent: QWidget) -> None:
    worker_threads: list[QThread] = []
    seen = Recorder()

    def work(progress: ProgressFn, cancel: CancelFn) -> int:
        worker_threads.append(QThread.currentThread())
        return 6 * 7

    handle = run_task(parent, "Đang tính…", work, on_done=seen.on_done)
    assert handle.running and seen.done == []  # nothing is delivered synchronously
    assert handle.wait(int(TIMEOUT_S * 1000))
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert worker_threads and worker_threads[0] is not gui
    assert seen.done == [42] and seen.threads == [gui]
    assert handle.outcome is Outcome.DONE and handle.result == 42


def test_quick_work_shows_no_progress_window(
        qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[ProgressDialog] = []

    class Counting(ProgressDialog):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(tasks, "ProgressDialog", Counting)
    seen = Recorder()
    handle = run_task(parent, "Đang tính…", lambda p, c: "xong", on_done=seen.on_done)
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert seen.done == ["xong"] and made == []


def test_slow_work_shows_the_window_with_progress_and_a_vietnamese_cancel(
        qtbot: QtBot, parent: QWidget) -> None:
    gates = [Gate(), Gate()]
    seen = Recorder()

    def work(progress: ProgressFn, cancel: CancelFn) -> str:
        progress(1, 4, "Đang đọc dòng 1…")
        gates[0].pass_()
        progress(2, 4, "Đang đọc dòng 2…")
        gates[1].pass_()
        return "xong"

    handle = run_task(parent, "Đang đọc tệp…", work, on_done=seen.on_done, show_after_ms=50)
    assert gates[0].reached.wait(TIMEOUT_S)
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None
                    and visible_dialog(handle).percent() == 25, timeout=5000)  # type: ignore[union-attr]
    dialog = visible_dialog(handle)
    assert dialog is not None
    assert dialog.windowTitle() == "Đang đọc tệp…"
    assert dialog.label.text() == "Đang đọc dòng 1…"
    assert dialog.cancel_button.text() == "Hủy" and dialog.cancel_button.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.parent() is parent
    gates[0].opened.set()
    qtbot.waitUntil(lambda: dialog.percent() == 50, timeout=5000)
    assert dialog.label.text() == "Đang đọc dòng 2…"
    assert seen.done == []
    gates[1].opened.set()
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert seen.done == ["xong"]
    assert handle.dialog is None and not (isValid(dialog) and dialog.isVisible())


def test_progress_is_throttled(qtbot: QtBot, parent: QWidget) -> None:
    total = 200_000
    received: list[tuple[int, int, str | None]] = []

    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        for done in range(1, total + 1):
            progress(done, total)

    handle = run_task(parent, "Đang đếm…", work, on_done=lambda _r: None)
    handle.progressed.connect(received.append)
    started = time.monotonic()
    assert handle.wait(int(TIMEOUT_S * 1000))
    elapsed = time.monotonic() - started
    assert received, "no progress reached the GUI thread"
    assert received[-1] == (total, total, None)  # the last figure is never dropped
    assert len(received) <= elapsed / tasks.PROGRESS_INTERVAL_S + 5 < total / 100


def test_cancel_stops_a_long_task_and_on_done_is_not_called(
        qtbot: QtBot, parent: QWidget, messages: MessageRecorder) -> None:
    stopped = threading.Event()
    seen = Recorder()

    def work(progress: ProgressFn, cancel: CancelFn) -> str:
        deadline = time.monotonic() + TIMEOUT_S
        step = 0
        while time.monotonic() < deadline:
            if cancel():
                stopped.set()
                raise TaskCancelled
            step += 1
            progress(step, 0, None)
            time.sleep(0.005)
        return "chạy hết"  # only when the cancel never arrived

    handle = run_task(parent, "Đang làm việc dài…", work, on_done=seen.on_done,
                      on_cancelled=seen.on_cancelled, show_after_ms=0)
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None, timeout=5000)
    dialog = visible_dialog(handle)
    assert dialog is not None and dialog.percent() is None  # amount unknown: a busy bar
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert handle.cancel_requested
    assert dialog.label.text() == "Đang dừng…" and not dialog.cancel_button.isEnabled()
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert stopped.is_set()
    assert seen.done == [] and seen.cancelled == 1
    assert handle.outcome is Outcome.CANCELLED
    assert messages.shown == []  # cancelling is quiet


def test_escape_in_the_progress_window_cancels_and_does_not_just_close_it(
        qtbot: QtBot, parent: QWidget) -> None:
    gate = Gate()

    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        gate.pass_()
        if cancel():
            raise TaskCancelled

    seen = Recorder()
    handle = run_task(parent, "Đang làm…", work, on_done=seen.on_done,
                      on_cancelled=seen.on_cancelled, show_after_ms=0)
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None, timeout=5000)
    dialog = visible_dialog(handle)
    assert dialog is not None
    dialog.reject()  # what Escape does
    assert dialog.isVisible() and handle.cancel_requested
    gate.opened.set()
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert seen.cancelled == 1 and seen.done == []


def test_a_service_cancellation_error_is_quiet(
        qtbot: QtBot, parent: QWidget, tmp_path: Path, messages: MessageRecorder) -> None:
    big = tmp_path / "danh_sach.csv"
    big.write_text("Họ và tên;Điện thoại\n" + "".join(
        f"Nguyễn Văn {i};09{i:08d}\n" for i in range(5000)), encoding="utf-8")
    gate = Gate()

    def work(progress: ProgressFn, cancel: CancelFn) -> roster_import.SourceFile:
        gate.pass_()
        return roster_import.read_source(big, progress=progress, cancel=cancel)

    seen = Recorder()
    handle = run_task(parent, "Đang đọc tệp…", work, on_done=seen.on_done,
                      on_error=seen.on_error, on_cancelled=seen.on_cancelled)
    assert gate.reached.wait(TIMEOUT_S)
    handle.cancel()
    gate.opened.set()
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert isinstance(handle.error, UserError) and handle.error.code == "cancelled"
    assert seen.cancelled == 1 and seen.done == [] and seen.errors == []
    assert messages.shown == []


def test_a_user_error_becomes_the_vietnamese_message_box(
        qtbot: QtBot, parent: QWidget, messages: MessageRecorder) -> None:
    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        raise UserError("Không đọc được tệp danh_sach.xlsx: tệp có mật khẩu.", code="locked")

    seen = Recorder()
    handle = run_task(parent, "Đang đọc tệp…", work, on_done=seen.on_done,
                      error_title="Không nhập được")
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert seen.done == [] and handle.outcome is Outcome.FAILED
    assert len(messages.shown) == 1
    shown = messages.shown[0]
    assert shown.title == "Không nhập được"
    assert shown.text == "Không đọc được tệp danh_sach.xlsx: tệp có mật khẩu."
    assert shown.buttons == ["Đóng"]


def test_other_errors_go_to_the_excepthook(
        qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    hooked: list[tuple[type[BaseException], BaseException, TracebackType | None]] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))

    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        raise ZeroDivisionError("chia cho 0")

    seen = Recorder()
    handle = run_task(parent, "Đang tính…", work, on_done=seen.on_done, on_error=seen.on_error)
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert [h[0] for h in hooked] == [ZeroDivisionError]
    assert hooked[0][2] is not None  # the worker's traceback travels with it
    assert seen.done == [] and seen.errors == [] and messages.shown == []


def test_input_to_the_window_is_blocked_while_the_work_runs(
        qtbot: QtBot, parent: QWidget) -> None:
    clicks: list[int] = []
    button: QPushButton = parent.button  # type: ignore[attr-defined]
    button.clicked.connect(lambda: clicks.append(1))
    gate = Gate()

    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        gate.pass_()

    handle = run_task(parent, "Đang làm…", work, on_done=lambda _r: None,
                      show_after_ms=60_000)  # no progress window: the filter alone blocks
    assert gate.reached.wait(TIMEOUT_S)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert clicks == []
    gate.opened.set()
    assert handle.wait(int(TIMEOUT_S * 1000))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [1]


def test_quitting_stops_the_work_before_the_workspace_closes(
        qtbot: QtBot, parent: QWidget) -> None:
    finished_cleanup = threading.Event()

    def work(progress: ProgressFn, cancel: CancelFn) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # e.g. removing a half-written copy
        finished_cleanup.set()
        raise TaskCancelled

    seen = Recorder()
    handle = run_task(parent, "Đang chép…", work, on_done=seen.on_done)
    assert parent.close()  # close() from code (app.quit() closes windows so) is not refused
    tasks._stop_all_for_quit()  # what QApplication.aboutToQuit runs
    assert handle.cancel_requested and finished_cleanup.is_set()
    assert handle.wait(int(TIMEOUT_S * 1000)) and seen.done == []


def test_the_window_stays_responsive_while_slow_work_runs(
        qtbot: QtBot, parent: QWidget) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    def work(progress: ProgressFn, cancel: CancelFn) -> str:
        time.sleep(0.6)  # a slow USB stick, a big file
        return "xong"

    handle = run_task(parent, "Đang chép…", work, on_done=lambda _r: None)
    assert handle.wait(int(TIMEOUT_S * 1000))
    timer.stop()
    assert len(ticks) >= 10, f"the event loop stalled: {len(ticks)} ticks in 0.6 s"


def test_no_callback_runs_once_the_parent_is_gone(qtbot: QtBot) -> None:
    widget = QWidget()
    gate = Gate()

    def work(progress: ProgressFn, cancel: CancelFn) -> str:
        gate.pass_()
        return "xong"

    seen = Recorder()
    handle = run_task(widget, "Đang làm…", work, on_done=seen.on_done, show_after_ms=0)
    assert gate.reached.wait(TIMEOUT_S)
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert handle.cancel_requested
    gate.opened.set()
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert seen.done == [] and handle.outcome is Outcome.DONE


# -- the database from a worker ------------------------------------------------------------


def test_a_service_call_on_the_worker_after_the_gui_thread_used_the_pool(
        qtbot: QtBot, parent: QWidget, ctx: AppContext) -> None:
    """The engine's QueuePool hands a connection the GUI thread made to the worker (one
    thread at a time). That is only allowed because SQLAlchemy opens file databases with
    ``check_same_thread=False``; with the sqlite3 default the worker would get
    "SQLite objects created in a thread can only be used in that same thread"."""
    checkouts: list[tuple[int, int]] = []

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        checkouts.append((id(dbapi_connection), threading.get_ident()))

    engine = ctx.workspace.engine
    event.listen(engine, "checkout", on_checkout)
    try:
        prefs = settings_service.load_preferences(ctx.factory)  # the GUI thread uses the pool
        gui_conn, gui_thread = checkouts[-1]

        def work(progress: ProgressFn, cancel: CancelFn) -> int:
            changed = settings_service.load_preferences(ctx.factory)
            changed.backup_keep = prefs.backup_keep + 3
            settings_service.save_preferences(ctx.factory, changed)
            return settings_service.load_preferences(ctx.factory).backup_keep

        seen = Recorder()
        handle = run_task(parent, "Đang lưu…", work, on_done=seen.on_done)
        assert handle.wait(int(TIMEOUT_S * 1000))
    finally:
        event.remove(engine, "checkout", on_checkout)
    assert handle.outcome is Outcome.DONE, handle.error
    assert seen.done == [prefs.backup_keep + 3]
    worker = [(conn, thread) for conn, thread in checkouts if thread != gui_thread]
    assert worker, "the service did not run on another thread"
    assert gui_conn in {conn for conn, _thread in worker}  # the same connection crossed over
    assert settings_service.load_preferences(ctx.factory).backup_keep == prefs.backup_keep + 3


# -- backups from the menu ------------------------------------------------------------------


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "usb"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(folder)))
    return folder


def test_usb_backup_from_the_menu_keeps_the_window_responsive(
        qtbot: QtBot, window: MainWindow, usb: Path, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    real_copy = backup_service.copy_to_external
    copying = threading.Event()

    def slow_copy(*args: Any, **kwargs: Any) -> Path:
        copying.set()
        time.sleep(0.8)  # a slow USB stick
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(backup_service, "copy_to_external", slow_copy)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    started = time.monotonic()
    window.external_action.trigger()
    assert time.monotonic() - started < 0.5  # the menu command returned at once
    assert copying.wait(TIMEOUT_S)
    assert list(usb.glob("TapHuanCTV-saoluu-*.db")) == []
    handle = tasks.running_tasks()[0]
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None, timeout=5000)
    dialog = visible_dialog(handle)
    assert dialog is not None and dialog.windowTitle() == "Đang sao lưu ra USB…"
    assert dialog.cancel_button.text() == "Hủy"
    with qtbot.waitSignal(window.ctx.events.data_changed, timeout=int(TIMEOUT_S * 1000)):
        pass
    timer.stop()
    assert len(list(usb.glob("TapHuanCTV-saoluu-*.db"))) == 1
    assert messages.shown[-1].title == "Đã sao lưu ra USB"
    assert len(ticks) >= 15, f"the window froze: {len(ticks)} timer ticks during the copy"
    prefs = settings_service.load_preferences(window.ctx.factory)
    assert prefs.external_backup_dir == str(usb)


def test_usb_backup_cancelled_leaves_nothing(
        qtbot: QtBot, window: MainWindow, usb: Path, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    real_copy = backup_service.copy_to_external

    def copy_when_cancelled(*args: Any, cancel: CancelFn, **kwargs: Any) -> Path:
        deadline = time.monotonic() + TIMEOUT_S
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_copy(*args, cancel=cancel, **kwargs)  # the service sees the flag

    monkeypatch.setattr(backup_service, "copy_to_external", copy_when_cancelled)
    status: list[str] = []
    window.ctx.events.status_message.connect(status.append)
    window.external_action.trigger()
    handle = tasks.running_tasks()[0]
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None, timeout=5000)
    qtbot.mouseClick(visible_dialog(handle).cancel_button,  # type: ignore[union-attr]
                     Qt.MouseButton.LeftButton)
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert handle.outcome is Outcome.CANCELLED
    assert not usb.exists() or list(usb.iterdir()) == []
    assert messages.shown == []
    assert status[-1].startswith("Đã hủy sao lưu ra USB")
    assert settings_service.load_preferences(window.ctx.factory).external_backup_dir in (
        None, "")


def test_copy_to_external_cancelled_during_the_copy_removes_it(
        ctx: AppContext, tmp_path: Path) -> None:
    answers = iter([False, True, True, True])  # not before the copy; yes at its first step
    reports: list[tuple[int, int]] = []
    with pytest.raises(UserError) as raised:
        backup_service.copy_to_external(ctx.workspace, tmp_path / "usb", cancel=lambda: next(
            answers), progress=lambda done, total: reports.append((done, total)))
    assert raised.value.code == "cancelled"
    assert list((tmp_path / "usb").iterdir()) == []  # no file, no .part
    assert reports[0] == (0, 0) and (1, 1) not in reports
    assert settings_service.load_preferences(ctx.factory).last_external_backup_at in (None, "")


def test_backup_now_from_the_menu_reports_when_done(
        qtbot: QtBot, window: MainWindow) -> None:
    before = {e.name for e in backup_service.list_entries(window.ctx.data_dir)}
    with qtbot.waitSignal(window.ctx.events.data_changed) as changed:
        window.backup_action.trigger()
    assert changed.args == ["backup"]
    new = [e for e in backup_service.list_entries(window.ctx.data_dir) if e.name not in before]
    assert len(new) == 1 and new[0].reason == "manual"
    assert "Đã sao lưu" in window.statusBar().currentMessage()


def test_backup_now_disk_error_is_explained(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    def full_disk(*args: Any, **kwargs: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_service, "create_manual", full_disk)
    window.backup_action.trigger()
    assert tasks.wait_all(int(TIMEOUT_S * 1000))
    assert messages.shown[-1].title == "Không sao lưu được"
    assert "No space left on device" in messages.shown[-1].text
    assert messages.shown[-1].details == "Hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại."


# -- the import wizard ----------------------------------------------------------------------


def test_cancelling_the_wizard_read_stays_on_the_file_step(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    real_read = roster_import.read_source

    def read_until_cancelled(*args: Any, cancel: CancelFn, **kwargs: Any) -> Any:
        deadline = time.monotonic() + TIMEOUT_S
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        if cancel():
            raise UserError("Đã hủy đọc tệp.", code="cancelled")
        return real_read(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(roster_import, "read_source", read_until_cancelled)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.set_path(ROSTER / "messy_ward_list.xlsx")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.busy and wizard.task is not None
    handle = wizard.task
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # blocked: no 2nd read
    assert wizard.task is handle
    qtbot.waitUntil(lambda: visible_dialog(handle) is not None, timeout=5000)
    qtbot.mouseClick(visible_dialog(handle).cancel_button,  # type: ignore[union-attr]
                     Qt.MouseButton.LeftButton)
    assert handle.wait(int(TIMEOUT_S * 1000))
    assert handle.outcome is Outcome.CANCELLED
    assert wizard.step == STEP_FILE and wizard.source is None
    assert not wizard.file_step.error_label.text() and messages.shown == []
    monkeypatch.setattr(roster_import, "read_source", real_read)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert tasks.wait_all(int(TIMEOUT_S * 1000))
    assert wizard.step == STEP_MAPPING
