"""Paper answer sheets typed in afterwards, a row per person: what the grid needs (the
quiz step's questions, the people, letters already stored) and saving one row, scored
the same way as everything else (``quiz_attempts.record_attempt_from_letters``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Answer, Attempt, Attendance, Person
from trainer_app.domain.enums import AttemptMode, AttemptPhase, AttendanceStatus
from trainer_app.domain.quiz import letter
from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.quizzes.attempts import AttemptResult, record_attempt_from_letters
from trainer_app.services.quizzes.kiosk import quiz_step
from trainer_app.services.quizzes.service import version_doc_in

__all__ = ["PaperRow", "PaperSheet", "paper_sheet", "save_paper_row"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class PaperRow:
    person_id: int
    full_name: str
    letters: list[str]  # one entry per question, "" when blank or not typed yet
    score: float | None  # stored attempt's score, None when none yet


@dataclass(frozen=True)
class PaperSheet:
    quiz_code: str
    quiz_title: str
    phase: str
    option_counts: list[int]  # per question, in the quiz's order (A = first option)
    multiple: list[bool]  # per question: more than one right option
    rows: list[PaperRow]


def paper_sheet(factory: Factory, session_id: int, position: int) -> PaperSheet:
    """Everyone who came (or may have: not marked absent), with what is stored already."""
    with factory() as session:
        item = quiz_step(session, session_id, position)
        assert item.quiz_version_id is not None
        doc = version_doc_in(session, item.quiz_version_id)
        phase = item.quiz_phase or AttemptPhase.OTHER
        stored: dict[int | None, tuple[int, float | None]] = {
            a.person_id: (a.id, a.score) for a in session.scalars(select(Attempt).where(
                Attempt.session_id == session_id, Attempt.quiz_version_id == item.quiz_version_id,
                Attempt.phase == phase, Attempt.submitted_at.is_not(None)))}
        answers: dict[int, dict[str, str]] = {}
        if stored:
            for attempt_id, key, chosen in session.execute(
                    select(Answer.attempt_id, Answer.question_key, Answer.chosen_json).where(
                        Answer.attempt_id.in_([v[0] for v in stored.values()]))):
                answers.setdefault(attempt_id, {})[key] = "".join(
                    letter(i - 1) for i in json.loads(chosen))
        people = session.execute(
            select(Person.id, Person.full_name).join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.session_id == session_id, Person.erased.is_(False),
                   Attendance.status.not_in([AttendanceStatus.ABSENT,
                                             AttendanceStatus.EXCUSED]))).all()
        rows = []
        for person_id, name in people:
            attempt_id, score = stored.get(person_id, (0, None))
            given = answers.get(attempt_id, {})
            rows.append(PaperRow(person_id, name, [given.get(q.id, "") for q in doc.questions],
                                 score))
        rows.sort(key=lambda r: name_sort_key(r.full_name))
        return PaperSheet(doc.id, doc.title, phase, [len(q.options) for q in doc.questions],
                          [sum(o.correct for o in q.options) > 1 for q in doc.questions], rows)


def save_paper_row(factory: Factory, session_id: int, position: int, person_id: int,
                   letters: list[str]) -> AttemptResult:
    """Store (or replace) this person's paper sheet for the quiz step and score it."""
    with factory() as session:
        item = quiz_step(session, session_id, position)
        assert item.quiz_version_id is not None
        code = version_doc_in(session, item.quiz_version_id).id
        phase = item.quiz_phase or AttemptPhase.OTHER
    return record_attempt_from_letters(
        factory, session_id=session_id, quiz=code, person_id=person_id,
        answers=",".join(x or "-" for x in letters), phase=phase, mode=AttemptMode.PAPER,
        replace=True)
