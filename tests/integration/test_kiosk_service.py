"""Kiosk attempts on a real SQLite file: each answer committed alone, resume with the same
shuffle, submit and score, PIN."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, time

import pytest

from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import kiosk, kiosk_settings
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import Workspace


def _setup(ws: Workspace) -> tuple[int, int, list[int]]:
    f = ws.session_factory
    ids = [add_person(f, PersonInput(full_name=n)).id
           for n in ("Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Bích")]
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 12, 5), start_time=time(8, 0))).session_id
    session_service.invite(f, sid, person_ids=tuple(ids[:2]))
    position = next(p for p, _t, phase in kiosk.quiz_steps(f, sid) if phase == "post")
    return sid, position, ids


def test_people_sorted_the_vietnamese_way(workspace: Workspace) -> None:
    sid, position, _ids = _setup(workspace)
    people = kiosk.kiosk_people(workspace.session_factory, sid, position)
    assert [p.full_name for p in people] == ["Trần Văn An", "Nguyễn Thị Lan"]
    assert [p.search_key for p in people] == ["tran van an", "nguyen thi lan"]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_every_answer_is_committed_when_given(workspace: Workspace) -> None:
    f = workspace.session_factory
    sid, position, ids = _setup(workspace)
    started = kiosk.start_attempt(f, sid, position, ids[0])
    first = started.questions[0]
    kiosk.save_answer(f, started.attempt_id, first.key, [first.options[1][0]])
    # Another connection (as after a crash) sees it at once.
    conn = sqlite3.connect(workspace.data_dir.db_path)
    try:
        rows = conn.execute("SELECT question_key, chosen_json FROM answer WHERE attempt_id=?",
                            (started.attempt_id,)).fetchall()
    finally:
        conn.close()
    assert rows == [(first.key, json.dumps([first.options[1][0] + 1]))]
    kiosk.save_answer(f, started.attempt_id, first.key, [first.options[0][0]])  # changed mind
    resumed = kiosk.start_attempt(f, sid, position, ids[0])
    assert resumed.resumed and resumed.attempt_id == started.attempt_id
    assert resumed.answers == {first.key: [first.options[0][0]]}
    assert [q.key for q in resumed.questions] == [q.key for q in started.questions]
    assert [q.options for q in resumed.questions] == [q.options for q in started.questions]


def test_submit_scores_and_blocks_a_second_attempt(workspace: Workspace) -> None:
    f = workspace.session_factory
    sid, position, ids = _setup(workspace)
    started = kiosk.start_attempt(f, sid, position, ids[2])  # not invited: a walk-in
    detail_version = next(s for s in session_service.list_sessions(f) if s.id == sid)
    assert detail_version.present == 1
    steps = {q.key: q for q in started.questions}
    doc = version_doc(f, _version_id(workspace, sid, position))
    right = 0
    for number, q in enumerate(doc.questions):
        correct = [i for i, o in enumerate(q.options) if o.correct]
        if number % 2 == 0:
            kiosk.save_answer(f, started.attempt_id, q.id, correct)
            right += 1
        elif number % 3 == 0:
            wrong = [i for i, o in enumerate(q.options) if not o.correct][:1]
            kiosk.save_answer(f, started.attempt_id, q.id, wrong)
        # the others are left blank
    result = kiosk.submit(f, started.attempt_id)
    assert result.correct_count == right and result.question_count == len(doc.questions)
    assert result.score == round(10 * right / len(doc.questions), 1)
    assert result.passed == (result.score >= doc.pass_mark)
    assert [o.key for o in result.outcomes] == list(steps)
    assert all(o.correct and o.explanation for o in result.outcomes)
    with pytest.raises(UserError, match="đã nộp bài"):
        kiosk.start_attempt(f, sid, position, ids[2])
    with pytest.raises(UserError, match="đã nộp"):
        kiosk.save_answer(f, started.attempt_id, doc.questions[0].id, [0])
    assert [p.submitted for p in kiosk.kiosk_people(f, sid, position)
            if p.person_id == ids[2]] == [True]


def test_bad_answers_are_refused(workspace: Workspace) -> None:
    f = workspace.session_factory
    sid, position, ids = _setup(workspace)
    started = kiosk.start_attempt(f, sid, position, ids[0])
    with pytest.raises(UserError, match="không có câu"):
        kiosk.save_answer(f, started.attempt_id, "zzz", [0])
    with pytest.raises(UserError, match="không có phương án"):
        kiosk.save_answer(f, started.attempt_id, started.questions[0].key, [9])
    with pytest.raises(UserError, match="không phải bài kiểm tra"):
        kiosk.kiosk_people(f, sid, 1)


def test_pin(workspace: Workspace) -> None:
    f = workspace.session_factory
    assert not kiosk_settings.load_kiosk_settings(f).has_pin
    with pytest.raises(UserError, match="4 đến 8 chữ số"):
        kiosk_settings.set_pin(f, "12a4")
    kiosk_settings.set_pin(f, "2468")
    settings = kiosk_settings.load_kiosk_settings(f)
    assert "2468" not in json.dumps(settings.__dict__)
    assert kiosk_settings.check_pin(settings, "2468")
    assert not kiosk_settings.check_pin(settings, "2469")


def _version_id(ws: Workspace, sid: int, position: int) -> int:
    from trainer_app.services.sessions.results import session_detail

    step = next(s for s in session_detail(ws.session_factory, sid).steps
                if s.position == position)
    assert step.quiz_version_id is not None
    return step.quiz_version_id
