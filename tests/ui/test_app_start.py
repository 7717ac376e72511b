"""The composition root: display check, single instance, damaged data, error hook, logs,
and a start-up that does not load the heavy libraries."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from trainer_app import app as app_module
from trainer_app.app import (
    FRESH,
    RESTORE,
    ensure_single_instance,
    open_workspace_interactive,
    prefer_xcb_on_wayland,
    run_gui,
    start_gui,
)
from trainer_app.datadir import DataDir
from trainer_app.services.errors import DatabaseDamaged
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.instance_lock import InstanceLock
from trainer_app.services.workspace.opening import open_workspace
from trainer_app.ui.app_logging import redact, setup_logging
from trainer_app.ui.crash import ExceptHook
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.single_instance import InstanceServer, send_raise, server_name

from ..helpers import read_only_dir
from .conftest import COMPLETE_ORG, MessageRecorder


@pytest.fixture(autouse=True)
def _drop_log_handlers() -> Iterator[None]:
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_trainer_app", False):
            root.removeHandler(handler)
            handler.close()


def main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


# -- no display -------------------------------------------------------------------------------


def test_no_display_is_explained_not_crashed(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             data_dir: DataDir) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert run_gui(str(data_dir.root), False) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy màn hình" in err
    assert "xvfb-run -a" in err and "QT_QPA_PLATFORM=offscreen" in err
    assert not data_dir.db_path.exists()


def test_display_rules() -> None:
    problem = app_module.display_problem
    assert problem({}, "linux") is not None
    assert problem({"DISPLAY": ":0"}, "linux") is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert problem({}, "win32") is None
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    prefer_xcb_on_wayland(env)
    assert env["QT_QPA_PLATFORM"] == "xcb"
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}
    prefer_xcb_on_wayland(env)
    assert env["QT_QPA_PLATFORM"] == "wayland"  # the user's explicit choice wins


# -- one instance per data folder ----------------------------------------------------------


def test_second_start_raises_the_running_window_and_exits(
    qtbot: QtBot,
    data_dir: DataDir,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir.root.mkdir(parents=True)
    lock = InstanceLock(data_dir.lock_path)
    assert lock.acquire()
    server = InstanceServer(server_name(data_dir.root))
    assert server.listen()
    raised: list[bool] = []
    server.raise_requested.connect(lambda: raised.append(True))
    windows_before = main_windows()
    try:
        assert run_gui(str(data_dir.root), False) == 0
        qtbot.waitUntil(lambda: raised == [True], timeout=3000)
    finally:
        server.close()
        lock.release()
    assert "Ứng dụng đang chạy" in capsys.readouterr().out
    assert main_windows() == windows_before
    assert not data_dir.db_path.exists()  # the workspace was never opened


def test_server_answers_repeated_starts(qtbot: QtBot) -> None:
    server = InstanceServer("trainer-app-test-repeat")
    assert server.listen()
    try:
        for _ in range(3):
            with qtbot.waitSignal(server.raise_requested, timeout=3000):
                assert send_raise("trainer-app-test-repeat")
    finally:
        server.close()
    assert send_raise("trainer-app-test-repeat", timeout_ms=300) is False


def test_folder_held_by_a_command_is_reported(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    lock = InstanceLock(data_dir.lock_path)
    assert lock.acquire()
    out = _Capture()
    try:
        assert ensure_single_instance(data_dir, out) == 1
    finally:
        lock.release()
    assert "đang được một lệnh khác" in out.text


class _Capture:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_full_start_shows_the_window_and_releases_the_folder(
    qtbot: QtBot,
    data_dir: DataDir,
) -> None:
    session = start_gui(data_dir, False, first_start_dialog=False)
    assert not isinstance(session, int)
    try:
        assert session.window.isVisible()
        qtbot.waitUntil(lambda: session.ctx is not None, timeout=30_000)
        qtbot.waitUntil(lambda: session.window.pages["overview"].overview is not None)
        # It answers later starts once its first page is filled.
        qtbot.waitUntil(lambda: session.instance.server is not None)
        assert sys.excepthook is session.hook
        assert (data_dir.logs_dir / "trainer-app.log").is_file()
        # A second start on the same folder is turned away while this one runs.
        assert ensure_single_instance(data_dir, _Capture()) == 0
    finally:
        session.window.close()
        session.shutdown()
        session.window.deleteLater()
    assert sys.excepthook is not session.hook
    again = InstanceLock(data_dir.lock_path)
    assert again.acquire()
    again.release()


# -- damaged or refused data -----------------------------------------------------------------


def _damage(data_dir: DataDir) -> None:
    data_dir.db_path.write_bytes(b"this is not a database" * 100)


def test_damaged_database_restores_the_newest_backup(data_dir: DataDir) -> None:
    ws = open_workspace(data_dir)
    settings_service.save_org(ws.session_factory, COMPLETE_ORG)
    backup_service.create_manual(ws)
    ws.close()
    _damage(data_dir)
    asked: list[DatabaseDamaged] = []
    ws = open_workspace_interactive(data_dir, lambda exc: asked.append(exc) or RESTORE)
    assert ws is not None
    try:
        assert len(asked) == 1 and asked[0].newest_backup is not None
        assert settings_service.load_org(ws.session_factory).unit_name == COMPLETE_ORG.unit_name
        assert list(data_dir.root.glob("trainer.db.damaged-*"))  # moved aside, not deleted
    finally:
        ws.close()


def test_damaged_database_can_start_empty(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    _damage(data_dir)
    ws = open_workspace_interactive(data_dir, lambda exc: FRESH)
    assert ws is not None
    try:
        assert not settings_service.load_org(ws.session_factory).is_complete
        moved = list(data_dir.root.glob("trainer.db.damaged-*"))
        assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not")
    finally:
        ws.close()


def test_damaged_dialog_offers_vietnamese_choices(data_dir: DataDir,
                                                  messages: MessageRecorder) -> None:
    data_dir.root.mkdir(parents=True)
    _damage(data_dir)
    ws = open_workspace_interactive(data_dir)  # the real dialog, answered by the recorder
    assert ws is not None
    ws.close()
    assert messages.shown[0].title == "Dữ liệu bị hỏng"
    assert messages.shown[0].buttons == ["Bắt đầu với dữ liệu trống"]  # no backup to offer
    assert "không bị xóa" in messages.shown[0].text


def test_newer_database_is_refused_with_exit_code_2(data_dir: DataDir,
                                                    messages: MessageRecorder) -> None:
    import sqlite3

    ws = open_workspace(data_dir)
    ws.close()
    with sqlite3.connect(data_dir.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = data_dir.db_path.read_bytes()
    session = start_gui(data_dir, False, first_start_dialog=False)
    assert not isinstance(session, int)  # the window shows; the loader finds the problem
    try:
        assert session.app.exec() == 2
    finally:
        session.shutdown()
        session.window.deleteLater()
    assert data_dir.db_path.read_bytes() == before
    assert messages.shown[-1].title == "Không mở được dữ liệu"
    assert "phiên bản ứng dụng mới hơn" in messages.shown[-1].text
    lock = InstanceLock(data_dir.lock_path)
    assert lock.acquire()  # released on the way out
    lock.release()


def test_read_only_folder_is_explained(data_dir: DataDir, messages: MessageRecorder) -> None:
    with read_only_dir(data_dir.root):
        assert start_gui(data_dir, False, first_start_dialog=False) == 2
    assert messages.shown[-1].title == "Không mở được dữ liệu"
    assert "chỉ đọc" in messages.shown[-1].text
    assert not data_dir.db_path.exists()


# -- unexpected errors -----------------------------------------------------------------------


def _raise_and_capture() -> tuple[type[BaseException], BaseException, object]:
    try:
        {}["khoá không có"]
    except KeyError:
        return sys.exc_info()  # type: ignore[return-value]
    raise AssertionError("unreachable")


def test_excepthook_logs_and_tells_the_user(tmp_path: Path, messages: MessageRecorder) -> None:
    log_file = setup_logging(tmp_path / "logs", debug=False)
    hook = ExceptHook(log_file, lambda: None)
    hook(*_raise_and_capture())  # type: ignore[arg-type]
    assert len(messages.shown) == 1
    shown = messages.shown[0]
    assert shown.icon == QMessageBox.Icon.Critical
    assert shown.title == "Đã xảy ra lỗi"
    assert "vẫn tiếp tục chạy" in shown.text
    assert str(log_file) in shown.details
    assert shown.buttons == ["Đóng"]
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in logged
    assert "Traceback" in logged and "KeyError" in logged


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_reaches_the_hook_and_the_app_goes_on(
    qtbot: QtBot,
    tmp_path: Path,
    messages: MessageRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = ExceptHook(tmp_path / "x.log", lambda: None)
    monkeypatch.setattr(sys, "excepthook", hook)

    def broken() -> None:
        raise RuntimeError("hỏng")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: len(messages.shown) == 1)
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True])


def test_user_errors_show_their_own_message(tmp_path: Path, messages: MessageRecorder) -> None:
    from trainer_app.services.errors import UserError

    hook = ExceptHook(tmp_path / "x.log", lambda: None)
    error = UserError("Cỡ chữ phải từ 50% đến 300%.")
    hook(UserError, error, None)
    assert messages.shown[0].icon == QMessageBox.Icon.Warning
    assert messages.shown[0].text == "Cỡ chữ phải từ 50% đến 300%."


def test_logs_never_keep_sql_parameters(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs", debug=False)
    logging.getLogger("trainer_app.test").error(
        "(sqlite3.IntegrityError) UNIQUE constraint failed: person.phone\n"
        "[SQL: INSERT INTO person (full_name, phone) VALUES (?, ?)]\n"
        "[parameters: ('Nguyễn Thị Lan', '0912345678')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in text
    assert "Nguyễn" not in text and "0912345678" not in text
    assert redact("[parameters: (1, 'x')]") == "[parameters: (ẩn)]"


def test_log_file_rotates(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs", debug=False)
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_trainer_app", False))
    assert handler.max_bytes == 1_000_000 and handler.backups == 5  # type: ignore[attr-defined]
    assert Path(handler.baseFilename) == log_file  # type: ignore[attr-defined]


# -- start-up cost -------------------------------------------------------------------------


def test_start_up_does_not_import_heavy_libraries(data_dir: DataDir) -> None:
    open_workspace(data_dir).close()  # an existing, current database: no migration at start
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from trainer_app.app import start_gui
        from trainer_app.datadir import DataDir, DataDirSource
        session = start_gui(DataDir(Path({str(data_dir.root)!r}), DataDirSource.ARGUMENT),
                            first_start_dialog=False)
        session.app.processEvents()
        import time
        deadline = time.monotonic() + 60
        while session.ctx is None and time.monotonic() < deadline:
            session.app.processEvents()
            time.sleep(0.01)
        print("ATTACHED=" + str(session.window.attached))
        heavy = sorted(m for m in ("reportlab", "alembic", "openpyxl", "vlc") if m in sys.modules)
        print("HEAVY=" + ",".join(heavy))
        print("VISIBLE=" + str(session.window.isVisible()))
        session.shutdown()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "HEAVY=\n" in result.stdout
    assert "VISIBLE=True" in result.stdout
    assert "ATTACHED=True" in result.stdout


def test_damage_found_by_the_loader_asks_the_user_and_restores(
    qtbot: QtBot, data_dir: DataDir
) -> None:
    """A file with a valid header whose pages are broken passes the instant check before the
    window; the loader's quick_check finds it, and the user is asked about that very damage."""
    from trainer_app.services.workspace.demo import fill_demo

    ws = open_workspace(data_dir)
    fill_demo(ws)
    backup_service.create_manual(ws)
    ws.close()
    raw = bytearray(data_dir.db_path.read_bytes())
    for extra in ("-wal", "-shm"):
        Path(str(data_dir.db_path) + extra).unlink(missing_ok=True)
    raw[4096:4096 * 6] = b"\xff" * (4096 * 5)  # header intact, pages garbage
    data_dir.db_path.write_bytes(bytes(raw))
    asked: list[DatabaseDamaged] = []
    session = start_gui(data_dir, False, first_start_dialog=False,
                        ask=lambda exc: asked.append(exc) or RESTORE)
    assert not isinstance(session, int)
    try:
        qtbot.waitUntil(lambda: session.ctx is not None, timeout=30_000)
        assert len(asked) == 1 and asked[0].newest_backup is not None
        assert list(data_dir.root.glob("trainer.db.damaged-*"))  # moved aside, not deleted
        from trainer_app.services.reporting.overview import get_overview

        assert get_overview(session.ctx.factory).people == 40  # the backup's data is back
    finally:
        session.window.close()
        session.shutdown()
        session.window.deleteLater()
