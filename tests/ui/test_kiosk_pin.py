"""Finding 6 of issue 14: the kiosk cannot be left without the PIN. Wrong PINs make the
trainer wait (3 free tries, then 30 s doubling to 5 minutes, counted down on screen, with an
injected clock so nothing sleeps); a 6-digit PIN works; the app's other windows are hidden
while the kiosk runs and come back after; a fresh start never opens the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MessageRecorder
from tests.ui.test_kiosk import post_test  # noqa: F401 - the fixture
from trainer_app.domain.pin_lockout import PinLockout, countdown_text
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.ui.context import AppContext
from trainer_app.ui.kiosk import kiosk_window as kw
from trainer_app.ui.kiosk.kiosk_window import KioskWindow, open_kiosk


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_waits_grow_from_30_seconds_to_5_minutes() -> None:
    clock = FakeClock()
    lockout = PinLockout(clock)
    assert [lockout.failed() for _ in range(9)] == [0, 0, 30, 60, 120, 240, 300, 300, 300]
    assert lockout.wait_left() == 300
    clock.now += 299.5
    assert 0 < lockout.wait_left() <= 0.5 and countdown_text(lockout.wait_left()) == "0:01"
    clock.now += 1
    assert lockout.wait_left() == 0
    lockout.succeeded()
    assert lockout.failed() == 0 and lockout.tries_before_wait == 2
    assert countdown_text(245) == "4:05" and countdown_text(30) == "0:30"


def kiosk(qtbot: QtBot, ctx: AppContext, post: tuple[int, int, list[int]],
          clock: FakeClock) -> KioskWindow:
    sid, position, _ids = post
    window = KioskWindow(ctx, sid, position, "Kiểm tra cuối khóa", clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window


def test_wrong_pins_lock_with_a_countdown(qtbot: QtBot, ctx: AppContext,
                                          post_test: tuple[int, int, list[int]],  # noqa: F811
                                          monkeypatch: pytest.MonkeyPatch,
                                          messages: MessageRecorder) -> None:
    clock = FakeClock()
    window = kiosk(qtbot, ctx, post_test, clock)
    seen: list[dict[str, object]] = []
    typed = iter(["1111", "2222", "3333", "2468", "4444", "2468"])

    def fake_exec(dialog: kw.PinDialog) -> int:
        seen.append({"enabled": dialog.pin.isEnabled() and dialog.ok.isEnabled(),
                     "countdown": dialog.countdown.text()})
        if dialog.locked():
            clock.now += 10
            dialog.tick()  # the 1-second timer, driven by hand
            seen[-1]["after_10s"] = dialog.countdown.text()
            return QDialog.DialogCode.Rejected
        dialog.pin.setText(next(typed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    for _ in range(3):
        assert not window.ask_to_leave()
    assert window.isVisible()
    assert "Còn 2 lần thử" in messages.shown[0].text
    assert "đợi 0:30" in messages.shown[2].text
    # Locked: the field is disabled and counts down; even the right PIN is not asked for.
    assert not window.ask_to_leave()
    assert seen[3]["enabled"] is False
    assert "sai mã PIN 3 lần" in str(seen[3]["countdown"]) and "0:30" in str(seen[3]["countdown"])
    assert "0:20" in str(seen[3]["after_10s"])
    clock.now += 20  # the 30 s are over: the field is open again, the right PIN leaves
    with qtbot.waitSignal(window.closed, timeout=2000):
        assert window.ask_to_leave()
    assert seen[4]["enabled"] is True and seen[4]["countdown"] == ""


def test_right_pin_after_the_wait_leaves_and_wrong_one_doubles(
        qtbot: QtBot, ctx: AppContext, post_test: tuple[int, int, list[int]],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, messages: MessageRecorder) -> None:
    clock = FakeClock()
    window = kiosk(qtbot, ctx, post_test, clock)
    typed = iter(["1111", "2222", "3333", "4444", "2468"])

    def fake_exec(dialog: kw.PinDialog) -> int:
        if dialog.locked():
            return QDialog.DialogCode.Rejected
        dialog.pin.setText(next(typed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    for _ in range(3):
        window.ask_to_leave()
    clock.now += 30
    assert not window.ask_to_leave()  # 4th wrong: now 60 s
    assert "đợi 1:00" in messages.shown[-1].text
    clock.now += 59
    assert not window.ask_to_leave() and window.isVisible()  # still locked
    clock.now += 1
    with qtbot.waitSignal(window.closed, timeout=2000):
        assert window.ask_to_leave()
    assert window.lockout.failures == 0


def test_six_digit_pin(qtbot: QtBot, ctx: AppContext,
                       post_test: tuple[int, int, list[int]],  # noqa: F811
                       monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk_settings.set_pin(ctx.factory, "135790")
    window = kiosk(qtbot, ctx, post_test, FakeClock())

    def fake_exec(dialog: kw.PinDialog) -> int:
        dialog.pin.setText("135790")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    with qtbot.waitSignal(window.closed, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_main_window_hidden_while_the_kiosk_runs(
        qtbot: QtBot, window: object, post_test: tuple[int, int, list[int]],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    main = window
    assert main.isVisible()  # type: ignore[attr-defined]
    sid, position, _ids = post_test
    kiosk_window = open_kiosk(main.ctx, main, sid, position, "Kiểm tra",  # type: ignore[attr-defined]
                              full_screen=False)
    assert kiosk_window is not None
    qtbot.addWidget(kiosk_window)
    assert not main.isVisible()  # type: ignore[attr-defined]
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [kiosk_window]
    main.bring_to_front()  # type: ignore[attr-defined]  # a second start of the app
    assert not main.isVisible()  # type: ignore[attr-defined]

    def fake_exec(dialog: kw.PinDialog) -> int:
        dialog.pin.setText("2468")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    with qtbot.waitSignal(kiosk_window.closed, timeout=2000):
        kiosk_window.close()  # the window's own close button, then the right PIN
    assert not kiosk_window.isVisible() and main.isVisible()  # type: ignore[attr-defined]  # type: ignore[attr-defined]


def test_a_fresh_start_never_opens_the_kiosk(make_window, org_saved,  # type: ignore[no-untyped-def]
                                             post_test) -> None:  # noqa: F811
    # A kiosk left running when the app was closed from the system: the next start shows
    # the main window, and no kiosk.
    main = make_window()
    assert main.isVisible()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, KioskWindow) and w.isVisible()]
