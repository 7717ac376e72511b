"""One session in full, for its page, the presenter, reports and ``session show``: details,
agenda with progress, attendance counts, and results (pre- and post-test score per person,
averages, gain, who passed), live while people answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import (
    AgendaItem,
    Attempt,
    Attendance,
    MediaItem,
    Person,
    Programme,
    Quiz,
    QuizVersion,
)
from trainer_app.domain.enums import AttemptPhase, AttendanceStatus
from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.sessions.attendance import Counts, counts
from trainer_app.services.sessions.service import load_session

__all__ = ["PersonResult", "SessionDetail", "StepStatus", "session_detail"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class StepStatus:
    position: int
    kind: str
    title: str
    minutes: int | None
    notes: str
    done: bool
    media_item_id: int | None
    media_title: str
    quiz_version_id: int | None
    quiz_code: str
    phase: str | None
    submitted: int  # attempts handed in for this quiz step


@dataclass(frozen=True)
class PersonResult:
    person_id: int | None
    full_name: str
    status: str
    pre: float | None
    post: float | None
    passed: bool | None  # the post-test (or the only test) was passed

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 1)


@dataclass(frozen=True)
class SessionDetail:
    id: int
    title: str
    programme: str
    held_on: date
    start_time: time | None
    end_time: time | None
    venue: str
    trainers: str
    notes: str
    status: str
    started_at: datetime | None
    finished_at: datetime | None
    current_position: int | None
    steps: list[StepStatus]
    counts: Counts
    results: list[PersonResult]

    def average(self, phase: str) -> float | None:
        scores = [r.pre if phase == AttemptPhase.PRE else r.post for r in self.results]
        present = [s for s in scores if s is not None]
        return round(sum(present) / len(present), 2) if present else None

    @property
    def average_gain(self) -> float | None:
        """Post-test average minus pre-test average: the rule of the reports
        (``report_figures``), so the figures on screen and on paper agree."""
        pre, post = self.average(AttemptPhase.PRE), self.average(AttemptPhase.POST)
        return None if pre is None or post is None else round(post - pre, 2)

    @property
    def passed(self) -> list[PersonResult]:
        return [r for r in self.results if r.passed]


def _steps(session: Session, session_id: int) -> list[StepStatus]:
    # Counted per version *and phase*: one quiz may serve as both pre- and post-test.
    submitted = {(version, phase): n for version, phase, n in session.execute(
        select(Attempt.quiz_version_id, Attempt.phase, func.count()).where(
            Attempt.session_id == session_id, Attempt.submitted_at.is_not(None))
        .group_by(Attempt.quiz_version_id, Attempt.phase)).all()}
    rows = session.execute(
        select(AgendaItem, MediaItem.title, Quiz.code)
        .outerjoin(MediaItem, MediaItem.id == AgendaItem.media_item_id)
        .outerjoin(QuizVersion, QuizVersion.id == AgendaItem.quiz_version_id)
        .outerjoin(Quiz, Quiz.id == QuizVersion.quiz_id)
        .where(AgendaItem.session_id == session_id).order_by(AgendaItem.position))
    return [StepStatus(item.position, item.kind, item.title, item.duration_min, item.notes,
                       item.done_at is not None, item.media_item_id, media_title or "",
                       item.quiz_version_id, quiz_code or "", item.quiz_phase,
                       submitted.get((item.quiz_version_id,
                                      item.quiz_phase or AttemptPhase.OTHER), 0)
                       if item.quiz_version_id else 0)
            for item, media_title, quiz_code in rows]


def _results(session: Session, session_id: int) -> list[PersonResult]:
    scores: dict[int | None, dict[str, tuple[float | None, bool | None]]] = {}
    for person_id, phase, score, passed in session.execute(
            select(Attempt.person_id, Attempt.phase, Attempt.score, Attempt.passed)
            .where(Attempt.session_id == session_id, Attempt.submitted_at.is_not(None))
            .order_by(Attempt.submitted_at)):
        scores.setdefault(person_id, {})[phase] = (score, passed)  # the latest one counts
    people = session.execute(
        select(Person.id, Person.full_name, Attendance.status)
        .join(Attendance, Attendance.person_id == Person.id)
        .where(Attendance.session_id == session_id))
    results = []
    for person_id, name, status in people:
        mine = scores.get(person_id, {})
        pre = mine.get(AttemptPhase.PRE, (None, None))
        post = mine.get(AttemptPhase.POST) or mine.get(AttemptPhase.OTHER) or (None, None)
        if status in (AttendanceStatus.UNKNOWN, AttendanceStatus.ABSENT) and not mine:
            continue  # invited, not (yet) there: no result line
        results.append(PersonResult(person_id, name, status, pre[0], post[0], post[1]))
    results.sort(key=lambda r: name_sort_key(r.full_name))
    return results


def session_detail(factory: Factory, session_id: int) -> SessionDetail:
    with factory() as session:
        training = load_session(session, session_id)
        programme = (session.get(Programme, training.programme_id)
                     if training.programme_id else None)
        detail = SessionDetail(
            training.id, training.title, programme.title if programme else "",
            training.held_on, training.start_time, training.end_time, training.venue,
            training.trainers, training.notes, training.status, training.started_at,
            training.finished_at, training.current_position, _steps(session, session_id),
            counts(factory, session_id), _results(session, session_id))
    return detail
