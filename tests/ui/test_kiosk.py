"""The kiosk driven by qtbot, from the name to the result, on a real workspace; leaving
needs the PIN; a walk-in who looks known is offered their existing name."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MessageRecorder, type_text
from trainer_app.services.quizzes import kiosk as kiosk_service
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.results import session_detail
from trainer_app.ui.context import AppContext
from trainer_app.ui.kiosk import kiosk_window as kw
from trainer_app.ui.kiosk.kiosk_window import KioskWindow


@pytest.fixture
def post_test(ctx: AppContext) -> tuple[int, int, list[int]]:
    f = ctx.factory
    ids = [add_person(f, PersonInput(full_name=n, birth_year=1962)).id
           for n in ("Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Hoà")]
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 12, 5), start_time=time(8, 0))).session_id
    session_service.invite(f, sid, person_ids=tuple(ids))
    position = next(p for p, _t, phase in kiosk_service.quiz_steps(f, sid) if phase == "post")
    kiosk_settings.set_pin(f, "2468")
    return sid, position, ids


def _kiosk(qtbot: QtBot, ctx: AppContext, sid: int, position: int) -> KioskWindow:
    window = KioskWindow(ctx, sid, position, "Kiểm tra cuối khóa")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def test_one_participant_from_name_to_result(qtbot: QtBot, ctx: AppContext,
                                             post_test: tuple[int, int, list[int]],
                                             messages: MessageRecorder) -> None:
    sid, position, ids = post_test
    window = _kiosk(qtbot, ctx, sid, position)
    # Accent-free typing finds "Lê Thị Hoà"; Enter picks the only match.
    type_text(window.names.search, "hoa")
    assert window.names.model.rowCount() == 1
    qtbot.keyClick(window.names.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.question
    assert window.question.progress.text() == "Câu 1/10"

    doc = version_doc(ctx.factory, _version(ctx, sid, position))
    key = {q.id: [i for i, o in enumerate(q.options) if o.correct] for q in doc.questions}
    for number in range(10):
        shown = window.question.question
        assert shown is not None
        if number == 3:  # one left blank, one answered wrong
            pass
        else:
            wanted = key[shown.key] if number != 5 else [
                i for i in range(len(shown.options)) if i not in key[shown.key]][:1]
            for button in window.question.buttons:
                if int(button.property("option_index")) in wanted:
                    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert window.question.saved.text() == "✓ Đã lưu câu trả lời"
        qtbot.mouseClick(window.question.next, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.review
    assert "Còn 1 câu chưa trả lời" in window.review.summary.text()
    # Back to the blank one from the review, then hand in anyway.
    qtbot.mouseClick(window.review.buttons[3], Qt.MouseButton.LeftButton)
    assert window.question.progress.text() == "Câu 4/10"
    window._go(10)
    messages.answers.append("Nộp bài")
    qtbot.mouseClick(window.review.submit, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.result
    assert window.result.score.text() == "Điểm: 8/10 — đúng 8/10 câu"
    assert window.result.verdict.text() == "ĐẠT"
    assert window.result.details.text().count("Đáp án đúng") == 10

    detail = session_detail(ctx.factory, sid)
    hoa = next(r for r in detail.results if r.person_id == ids[2])
    assert (hoa.post, hoa.passed) == (8.0, True)
    # Next participant: Hoà is shown as done and cannot start again.
    qtbot.mouseClick(window.result.done, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.names
    done = [p.submitted for p in window.names.model.people if p.person_id == ids[2]]
    assert done == [True]
    window.allow_close = True


def test_result_screen_follows_the_settings(qtbot: QtBot, ctx: AppContext,
                                            post_test: tuple[int, int, list[int]],
                                            messages: MessageRecorder) -> None:
    sid, position, ids = post_test
    kiosk_settings.save_kiosk_settings(ctx.factory, show_score=False, show_pass=True,
                                       show_answers=False)
    window = _kiosk(qtbot, ctx, sid, position)
    window.begin(ids[0])
    window._go(10)
    messages.answers.append("Nộp bài")
    window.review.submit.click()
    assert window.stack.currentWidget() is window.result
    assert not window.result.score.isVisible() and window.result.verdict.isVisible()
    assert window.result.verdict.text() == "CHƯA ĐẠT"
    assert not window.result.details.isVisible()
    window.allow_close = True


def test_leaving_needs_the_pin(qtbot: QtBot, ctx: AppContext,
                               post_test: tuple[int, int, list[int]],
                               monkeypatch: pytest.MonkeyPatch,
                               messages: MessageRecorder) -> None:
    sid, position, _ids = post_test
    window = _kiosk(qtbot, ctx, sid, position)
    typed = iter(["1111", "2468"])

    def fake_exec(dialog: kw.PinDialog) -> int:
        dialog.pin.setText(next(typed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    window.close()
    assert window.isVisible()  # wrong PIN: still there
    assert messages.shown[-1].title == "Sai mã PIN"
    with qtbot.waitSignal(window.closed, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_walk_in_who_looks_known_takes_the_existing_name(
        qtbot: QtBot, ctx: AppContext, post_test: tuple[int, int, list[int]],
        monkeypatch: pytest.MonkeyPatch, messages: MessageRecorder) -> None:
    sid, position, ids = post_test
    window = _kiosk(qtbot, ctx, sid, position)

    def fake_exec(dialog: kw.WalkInDialog) -> int:
        dialog.name.setText("TRAN VAN AN")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.WalkInDialog, "exec", fake_exec)
    messages.answers.append("Đây là tôi: Trần Văn An")
    window.names.walk_in.click()
    assert window.attempt is not None and window.attempt.person_id == ids[1]
    assert window.stack.currentWidget() is window.question
    window.allow_close = True


def _version(ctx: AppContext, sid: int, position: int) -> int:
    step = next(s for s in session_detail(ctx.factory, sid).steps if s.position == position)
    assert step.quiz_version_id is not None
    return step.quiz_version_id


def test_killed_half_way_keeps_every_answer_given(ctx: AppContext,
                                                  post_test: tuple[int, int, list[int]]) -> None:
    """SIGKILL of a kiosk process in the middle of a quiz: every answer it reported as
    saved is in the database, and the attempt resumes at the first blank question."""
    import json
    import signal
    import subprocess
    import sys
    from pathlib import Path

    sid, position, ids = post_test
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("kiosk_child.py")),
         str(ctx.data_dir.root), str(sid), str(position), str(ids[0])],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    saved: list[tuple[str, int]] = []
    assert child.stdout is not None
    try:
        while len(saved) < 4:
            line = child.stdout.readline()
            assert line, "the kiosk process ended before answering"
            _word, key, option = line.split()
            saved.append((key, int(option)))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    resumed = kiosk_service.start_attempt(ctx.factory, sid, position, ids[0])
    assert resumed.resumed
    # The four reported, and any saved between the fourth line and the kill.
    for key, option in saved:
        assert resumed.answers[key] == [option]
    assert len(resumed.answers) >= len(saved)
    with __import__("sqlite3").connect(ctx.data_dir.db_path) as conn:
        rows = conn.execute("SELECT question_key, chosen_json FROM answer WHERE attempt_id=?",
                            (resumed.attempt_id,)).fetchall()
    assert {k: json.loads(c) for k, c in rows} == {
        k: [o + 1 for o in v] for k, v in resumed.answers.items()}


def test_kiosk_settings_in_the_settings_page(qtbot: QtBot, window: object,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.ui.main_window import MainWindow
    from trainer_app.ui.pages.settings_page import SettingsPage

    assert isinstance(window, MainWindow)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    box = page.kiosk_box
    assert box.show_answers.isChecked() and box.pin_button.text() == "Đặt mã PIN…"
    box.show_answers.setChecked(False)
    box.save()
    saved = kiosk_settings.load_kiosk_settings(window.ctx.factory)
    assert (saved.show_score, saved.show_pass, saved.show_answers) == (True, True, False)
    typed = iter([("1357", "1357"), ("9999", ""), ("1357", ""), ("2468", "2468")])

    def fake_exec(dialog: kw.PinDialog) -> int:
        pin, again = next(typed)
        dialog.pin.setText(pin)
        if dialog.again is not None:
            dialog.again.setText(again)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kw.PinDialog, "exec", fake_exec)
    box.change_pin()  # first PIN
    assert kiosk_settings.check_pin(kiosk_settings.load_kiosk_settings(window.ctx.factory),
                                    "1357")
    box.change_pin()  # wrong current PIN: refused
    assert "không đúng" in box.feedback.text()
    box.change_pin()  # right current PIN, then the new one twice
    current = kiosk_settings.load_kiosk_settings(window.ctx.factory)
    assert kiosk_settings.check_pin(current, "2468") and not kiosk_settings.check_pin(
        current, "1357")
