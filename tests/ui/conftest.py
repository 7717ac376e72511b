"""Fixtures for the GUI tests: offscreen Qt, a real SQLite workspace per test (``data_dir``
and ``workspace`` come from tests/conftest.py), and a recorder that stands in for message
boxes (it answers them by button text)."""

from __future__ import annotations

import os

from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from trainer_app.app import make_restore_callback
from trainer_app.datadir import DataDir
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.opening import Workspace
from trainer_app.services.workspace.settings import OrgSettings
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.qt_workarounds import protect_bool_singletons

# PySide6 6.12.0 on Python 3.11 takes a reference from True on every emit; without this the
# test process aborts ("bool_dealloc") once enough signals were emitted. See qt_workarounds.
protect_bool_singletons()

COMPLETE_ORG = OrgSettings(
    unit_name="TRẠM Y TẾ PHƯỜNG TÂN HƯNG",
    parent_body="TRUNG TÂM Y TẾ KHU VỰC QUẬN 7",
    place_name="Tân Hưng",
    signer_name="Nguyễn Thị Lan",
    signer_title="TRƯỞNG TRẠM",
    certificate_pattern="{seq:03d}/GCN-TYT",
    recipients=["UBND phường Tân Hưng;", "Lưu: VT."],
)


@dataclass
class Shown:
    icon: QMessageBox.Icon
    title: str
    text: str
    details: str
    buttons: list[str]


@dataclass
class MessageRecorder:
    """Replaces ``QMessageBox.exec``: records each box and clicks the next queued answer."""

    shown: list[Shown] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    def exec(self, box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        self.shown.append(Shown(box.icon(), box.windowTitle(), box.text(),
                                box.informativeText(), buttons))
        if self.answers:
            wanted = self.answers.pop(0)
            for button in box.buttons():
                if button.text() == wanted:
                    button.click()
                    break
            else:
                raise AssertionError(f"no button {wanted!r} in {buttons}")
        return 0


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key. ``qtbot.keyClicks`` cannot: QTest aborts the process on any
    non-ASCII character (an assert in qasciikey.cpp), and Vietnamese is all non-ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageRecorder:
    recorder = MessageRecorder()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.exec(box))
    return recorder


@pytest.fixture(autouse=True)
def _default_style(qapp: QApplication) -> Iterator[None]:
    style.apply_style(qapp, 100)
    yield
    style.apply_style(qapp, 100)


@pytest.fixture
def ctx(qapp: QApplication, data_dir: DataDir, workspace: Workspace) -> Iterator[AppContext]:
    context = AppContext(data_dir, workspace, AppEvents())
    context.set_restore_callback(make_restore_callback(context))
    yield context
    context.workspace.close()  # the restore callback may have replaced the fixture's one


@pytest.fixture
def org_saved(ctx: AppContext) -> OrgSettings:
    return settings_service.save_org(ctx.factory, COMPLETE_ORG)


WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, ctx: AppContext) -> Iterator[WindowFactory]:
    """Builds shown, filled main windows and deletes them after the test (the connections
    to the test's AppEvents would otherwise keep them alive, and every later stylesheet
    change would repolish the old windows too)."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        settings = QSettings(str(ctx.data_dir.ui_settings_path), QSettings.Format.IniFormat)
        window = MainWindow(ctx.data_dir, ctx.events, settings)
        window.attach(ctx)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.load_data()
        return window

    yield make
    for window in made:
        if isValid(window):
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, org_saved: OrgSettings) -> MainWindow:
    return make_window()
