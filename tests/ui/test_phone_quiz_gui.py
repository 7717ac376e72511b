"""The phone quiz on the laptop: the projector's live count and answer distribution follow
real phones (a real server on 127.0.0.1, requests as phones make them); walk-ins accepted
from the trainer's window; closing the app while serving asks first."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.phone_world import Phone, make_world
from tests.ui.conftest import MessageRecorder
from trainer_app.ui.context import AppContext
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.phone_quiz.phone_quiz import PhoneQuiz


def test_projector_follows_the_phones(qtbot: QtBot, ctx: AppContext,
                                      messages: MessageRecorder) -> None:
    world = make_world(ctx.workspace)
    quiz = PhoneQuiz(ctx)
    parent = None  # no anchor window: the projector view opens as a window
    try:
        assert quiz.open(parent, world.session_id, world.step.position, host="127.0.0.1")
        assert quiz.projector is not None and quiz.window is not None
        # Before anyone checked in, the invited are expected; joining checks people in.
        qtbot.waitUntil(lambda: quiz.projector is not None and
                        quiz.projector.count_text() == "0/8 đã nộp bài", timeout=10_000)
        url = quiz.bridge.server.info.url
        assert quiz.projector.address.text() == url
        assert not quiz.projector.qr.pixmap().isNull()
        phone = Phone(url)
        status, attempt = phone.claim(world.people["Trần Văn An"])
        assert status == 200
        first = attempt["questions"][0]
        right = next(o for o in first["options"] if o["index"] == 0)
        phone.answer(attempt["attempt_id"], first["key"], [right["index"]])
        qtbot.waitUntil(lambda: quiz.window is not None and
                        quiz.window.people_model.rowCount() == 1, timeout=10_000)
        model = quiz.window.people_model
        assert [model.index(0, c).data() for c in range(4)] == [
            "Trần Văn An", "đang làm", "1/10 câu", "điện thoại"]
        assert phone.submit(attempt["attempt_id"])[0] == 200
        qtbot.waitUntil(lambda: quiz.projector is not None and
                        quiz.projector.count_text() == "1/8 đã nộp bài", timeout=10_000)
        quiz.window.spread.setChecked(True)
        assert quiz.projector.showing_distribution
        text = quiz.projector.distribution_text()
        assert "Câu 1:" in text and "✓ ĐÚNG" in text
        assert "Trần Văn An" not in text  # no names on the projector
        # Walk-in: accepted on the laptop, the phone then finds itself accepted.
        newcomer = Phone(url)
        status, request = newcomer.api("POST", "walkin", {"name": "Võ Thị Mới"})
        assert status == 200
        qtbot.waitUntil(lambda: quiz.window is not None and
                        quiz.window.requests.count() == 1, timeout=10_000)
        quiz.window.accept.click()
        qtbot.waitUntil(lambda: newcomer.api(
            "GET", "walkin", query=f"?id={request['id']}&device={newcomer.device}"
        )[1]["status"] == "accepted", timeout=10_000)
        quiz.window.help.click()  # the app's help on the room's network
        help_text = messages.shown[-1].text
        assert "8 thiết bị" in help_text and "netsh advfirewall" in help_text
        assert "dữ liệu di động" in help_text and "client isolation" in help_text
    finally:
        quiz.stop()
    assert not quiz.running


def test_closing_the_app_while_serving_asks_first(qtbot: QtBot, ctx: AppContext,
                                                  window: MainWindow,
                                                  messages: MessageRecorder) -> None:
    world = make_world(ctx.workspace)
    ctx.phone_quiz = PhoneQuiz(ctx)
    assert ctx.phone_quiz.open(window, world.session_id, world.step.position,
                               host="127.0.0.1")
    messages.answers = ["Tiếp tục phục vụ"]
    window.close()
    assert window.isVisible() and ctx.phone_quiz.running
    assert "Điện thoại đang làm bài" in messages.shown[-1].text
    messages.answers = ["Dừng"]
    window.close()
    assert not window.isVisible() and not ctx.phone_quiz.running


def test_walk_in_merged_and_second_phone_approved_on_the_laptop(
        qtbot: QtBot, ctx: AppContext, messages: MessageRecorder) -> None:
    world = make_world(ctx.workspace)
    quiz = PhoneQuiz(ctx)
    try:
        assert quiz.open(None, world.session_id, world.step.position, host="127.0.0.1")
        assert quiz.window is not None
        url = quiz.bridge.server.info.url
        # A walk-in typing a name the roster has: the trainer merges with the known person.
        walker = Phone(url)
        status, request = walker.api("POST", "walkin", {"name": "tran van an"})
        assert status == 200
        qtbot.waitUntil(lambda: quiz.window is not None and quiz.window.requests.count() == 1,
                        timeout=10_000)
        known = world.people["Trần Văn An"]
        messages.answers = [f"Là Trần Văn An (mã {known})"]
        quiz.window.accept.click()
        assert "đã có trong danh sách" in messages.shown[-1].text
        assert quiz.window.requests.count() == 0  # decided: gone from the list at once
        qtbot.waitUntil(lambda: walker.api(
            "GET", "walkin", query=f"?id={request['id']}&device={walker.device}")[1] == {
            "id": request["id"], "status": "accepted", "person": known}, timeout=10_000)
        # A second phone for someone answering on a first phone: approved on the laptop.
        first = Phone(url)
        assert first.claim(known)[0] == 200
        second = Phone(url)
        assert second.claim(known)[1]["error"] == "needs_approval"
        qtbot.waitUntil(lambda: quiz.window is not None and quiz.window.requests.count() == 1,
                        timeout=10_000)
        assert "Trần Văn An" in quiz.window.requests.item(0).text()
        quiz.window.accept.click()
        qtbot.waitUntil(lambda: second.claim(known)[0] == 200, timeout=10_000)
    finally:
        quiz.stop()


def test_firewall_button_asks_windows_then_checks_again(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """The button runs winfirewall.allow_phone_connections off the GUI thread. The UAC prompt,
    netsh and an installed trainer-app.exe cannot exist here: a stand-in runner answers as
    ShellExecuteEx would (1223: the user said No; 0: added) and records the elevated command,
    and the installed programs' paths are given."""
    from pathlib import PureWindowsPath

    from trainer_app import winfirewall
    from trainer_app.winfirewall import ERROR_CANCELLED, RULE_NAME

    folder = PureWindowsPath(r"C:\Users\tram\AppData\Local\Programs\TapHuanCTV")
    monkeypatch.setattr(winfirewall, "app_programs",
                        lambda: [folder / name for name in winfirewall.PROGRAMS])

    world = make_world(ctx.workspace)
    hidden = PhoneQuiz(ctx)
    quiz = PhoneQuiz(ctx)
    answers, commands = [ERROR_CANCELLED, 0], []

    def runner(command: object) -> int:
        commands.append(command)
        return answers.pop(0)

    quiz.firewall_button, quiz.firewall_runner = True, runner
    try:
        assert hidden.open(None, world.session_id, world.step.position, host="127.0.0.1")
        assert hidden.window is not None and hidden.window.firewall.isHidden()  # not Windows
        hidden.stop()
        assert quiz.open(None, world.session_id, world.step.position, host="127.0.0.1")
        window = quiz.window
        assert window is not None and not window.firewall.isHidden()
        qtbot.waitUntil(lambda: window.check.text().startswith("✓"), timeout=10_000)
        outcomes: list[object] = []
        checks: list[tuple[bool, str]] = []
        quiz.firewall_done.connect(outcomes.append)
        quiz.checked.connect(lambda ok, message: checks.append((ok, message)))
        window.firewall.click()
        qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=10_000)
        assert "chọn Không" in window.check.text() and window.check.text().startswith("⚠")
        assert window.firewall.isEnabled() and checks == []  # no new check after a No
        window.firewall.click()
        assert not window.firewall.isEnabled()  # while Windows asks
        qtbot.waitUntil(lambda: len(outcomes) == 2 and len(checks) == 1, timeout=10_000)
        assert outcomes[1].result == winfirewall.FirewallResult.ADDED  # type: ignore[attr-defined]
        assert checks[0][0] and window.check.text().startswith("✓")  # checked again: passes
        assert len(commands) == 2 and RULE_NAME in commands[1].parameters
        assert "trainer-app.exe" in commands[1].parameters
    finally:
        hidden.stop()
        quiz.stop()
