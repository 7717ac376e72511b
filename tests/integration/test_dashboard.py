"""The Tổng quan figures against a small hand-worked example."""

from __future__ import annotations

from datetime import date, time

from trainer_app.services.quizzes.attempts import record_attempt_from_letters
from trainer_app.services.reporting.dashboard import dashboard, quarter_of
from trainer_app.services.reporting.overview import get_overview
from trainer_app.services.roster.reference import list_neighbourhoods
from trainer_app.services.roster.service import PersonInput, add_person, archive_person
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import Workspace


def test_quarters() -> None:
    assert quarter_of(date(2026, 11, 29)) == ("Quý IV/2026", date(2026, 10, 1),
                                             date(2027, 1, 1))
    assert quarter_of(date(2026, 1, 1))[0] == "Quý I/2026"
    assert quarter_of(date(2026, 6, 30))[1:] == (date(2026, 4, 1), date(2026, 7, 1))


def test_hand_worked_example(workspace: Workspace) -> None:
    f = workspace.session_factory
    kp1, kp2, kp3 = list_neighbourhoods(f)[:3]
    a = add_person(f, PersonInput(full_name="Nguyễn Thị An", neighbourhood_id=kp1.id)).id
    b = add_person(f, PersonInput(full_name="Trần Văn Bình", neighbourhood_id=kp1.id)).id
    c = add_person(f, PersonInput(full_name="Lê Thị Cúc", neighbourhood_id=kp2.id)).id
    gone = add_person(f, PersonInput(full_name="Phạm Văn Đi", neighbourhood_id=kp2.id)).id
    archive_person(f, gone)

    def held(day: date, people: tuple[int, ...]) -> int:
        sid = session_service.create_session(f, session_service.SessionDraft(
            held_on=day, start_time=time(8, 0))).session_id
        session_service.invite(f, sid, person_ids=people)
        attendance_service.mark_rows(f, sid, " ".join(str(n + 1) for n in range(len(people))))
        session_service.finish_session(f, sid)
        return sid

    old = held(date(2026, 8, 1), (c,))  # last quarter: counts for coverage, not the quarter
    now = held(date(2026, 11, 2), (a, b))
    session_service.create_session(f, session_service.SessionDraft(held_on=date(2026, 12, 20)))
    wrong = ",".join(["-"] * 10)
    for person in (a, b):
        record_attempt_from_letters(f, session_id=now, quiz="bvte-kiem-tra-dau-vao",
                                    person_id=person, answers=wrong)
    key = _key(workspace, now)
    record_attempt_from_letters(f, session_id=now, quiz="bvte-kiem-tra-cuoi-khoa",
                                person_id=a, answers=key)
    record_attempt_from_letters(f, session_id=now, quiz="bvte-kiem-tra-cuoi-khoa",
                                person_id=b, answers=wrong)

    d = dashboard(f, today=date(2026, 11, 29))
    # The page reads the same figures without SQLAlchemy (on SQLite: the standard library).
    assert dashboard(workspace.reads, today=date(2026, 11, 29)) == d
    seen = get_overview(workspace.reads, today=date(2026, 11, 29))
    assert seen == get_overview(f, today=date(2026, 11, 29))
    assert (seen.people, seen.sessions_finished, seen.sessions_planned, seen.stations) == (
        3, 2, 1, 0)
    assert seen.next_session_date == date(2026, 12, 20)
    assert (d.quarter, d.sessions_held, d.people_trained, d.attendances) == (
        "Quý IV/2026", 1, 2, 2)
    by_id = {h.id: h for h in d.hoods}
    assert (by_id[kp1.id].collaborators, by_id[kp1.id].trained) == (2, 2)
    assert (by_id[kp2.id].collaborators, by_id[kp2.id].trained) == (1, 1)  # archived: out
    assert (by_id[kp3.id].collaborators, by_id[kp3.id].trained) == (0, 0)
    assert kp3.id in {h.id for h in d.hoods_without_anyone}
    assert len(d.hoods_without_anyone) == len(d.hoods) - 2
    assert [t.session_id for t in d.trend] == [old, now]
    latest = d.trend[-1]
    assert latest.pass_rate == 0.5  # An passed, Bình did not
    assert latest.gain == 5.0  # An +10, Bình +0


def _key(ws: Workspace, sid: int) -> str:
    from trainer_app.domain.quiz import letter
    from trainer_app.services.quizzes.service import version_doc
    from trainer_app.services.sessions.results import session_detail

    step = next(s for s in session_detail(ws.session_factory, sid).steps if s.phase == "post")
    assert step.quiz_version_id is not None
    doc = version_doc(ws.session_factory, step.quiz_version_id)
    return ",".join("".join(letter(i) for i, o in enumerate(q.options) if o.correct)
                    for q in doc.questions)
