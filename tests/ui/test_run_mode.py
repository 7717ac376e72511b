"""Run mode on one screen (the offscreen platform has one): the presenter goes full screen,
the controls stay hidden, Page Down/Up and B drive it; the step is saved at each move and
resumed after a restart; a quiz is shown as its live status or question by question."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer_app.services.quizzes import kiosk as kiosk_service
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import results as session_results
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.settings import OrgSettings, save_org
from trainer_app.ui.context import AppContext
from trainer_app.ui.presenter.run_window import RunWindow


@pytest.fixture
def session_id(ctx: AppContext) -> int:
    f = ctx.factory
    save_org(f, OrgSettings(unit_name="TRẠM Y TẾ PHƯỜNG TÂN HƯNG", parent_body="TTYT",
                            place_name="Tân Hưng", signer_name="Nguyễn Thị Lan"))
    ids = [add_person(f, PersonInput(full_name=n)).id for n in ("Nguyễn Thị Lan", "Trần Văn An")]
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 12, 5), start_time=time(8, 0), venue="Hội trường")).session_id
    session_service.invite(f, sid, person_ids=tuple(ids))
    return sid


def _run(qtbot: QtBot, ctx: AppContext, sid: int) -> RunWindow:
    window = RunWindow(ctx, sid, open_media=None, open_kiosk=None)
    qtbot.addWidget(window)
    window.start()
    return window


def test_one_screen_presenter_full_screen_and_keyboard(
        qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    window = _run(qtbot, ctx, session_id)
    presenter = window.presenter
    assert presenter.isFullScreen() and not window.isVisible()
    assert "Tập huấn bảo vệ trẻ em trên môi trường mạng" in presenter.text()
    assert "TRẠM Y TẾ PHƯỜNG TÂN HƯNG" in presenter.text()
    assert "08:00, ngày 05/12/2026 · Hội trường" in presenter.text()
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert window.controller.step.kind == "quiz"
    assert "0/2\nđã nộp bài" in presenter.text()
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.slide is not None and presenter.slide.kind == "black"
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.slide.kind == "quiz_status"
    # Walk to the hotline slide: its numbers come from the settings, with their labels.
    while window.controller.step.kind != "hotline":
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    text = presenter.text()
    assert "111 — Tổng đài" in text and "113 — " in text and "1900.54.55.59 — " in text
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert window.controller.step.kind == "video"
    with qtbot.waitSignal(window.finished, timeout=2000):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)


def test_step_is_saved_and_resumed(qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    window = _run(qtbot, ctx, session_id)
    for _ in range(3):
        window.controller.next()
    assert window.controller.step.position == 4
    window.close()
    detail = session_results.session_detail(ctx.factory, session_id)
    assert detail.status == "in_progress" and detail.current_position == 4
    again = _run(qtbot, ctx, session_id)
    assert again.controller.step.position == 4
    again.close()


def test_quiz_projected_question_by_question_and_live_status(
        qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    attendance_service.mark_rows(ctx.factory, session_id, "1 2")  # both came
    window = _run(qtbot, ctx, session_id)
    window.controller.next()  # the pre-test
    assert "0/2\nđã nộp bài" in window.presenter.text()
    step = window.controller.step
    assert step.quiz_version_id is not None
    doc = version_doc(ctx.factory, step.quiz_version_id)
    window.project.click()
    assert window.presenter.slide is not None and window.presenter.slide.kind == "question"
    assert doc.questions[0].text in window.presenter.text()
    assert f"Câu 1/{len(doc.questions)}" in window.presenter.text()
    qtbot.keyClick(window.presenter, Qt.Key.Key_PageDown)
    assert doc.questions[1].text in window.presenter.text()
    qtbot.keyClick(window.presenter, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.presenter, Qt.Key.Key_PageUp)  # before question 1: the status
    assert window.presenter.slide.kind == "quiz_status"
    # Someone hands in on the kiosk: the status follows (timer or data_changed).
    person = kiosk_service.kiosk_people(ctx.factory, session_id, step.position)[0]
    attempt = kiosk_service.start_attempt(ctx.factory, session_id, step.position,
                                          person.person_id)
    kiosk_service.submit(ctx.factory, attempt.attempt_id)
    ctx.events.data_changed.emit("attempt")
    assert "1/2\nđã nộp bài" in window.presenter.text()
    window.close()


def test_p_opens_the_step_video(qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    opened: list[int] = []
    window = RunWindow(ctx, session_id, open_media=lambda _parent, item: opened.append(item),
                       open_kiosk=None)
    qtbot.addWidget(window)
    window.start()
    qtbot.keyClick(window.presenter, Qt.Key.Key_P)  # the title slide: nothing to play
    assert opened == []
    while window.controller.step.kind != "video":
        qtbot.keyClick(window.presenter, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.presenter, Qt.Key.Key_P)
    assert opened == [window.controller.step.media_item_id] and opened[0] is not None
    window.close()
