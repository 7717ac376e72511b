"""The figures of the Tổng quan page: this quarter's sessions and people trained, how many
collaborators of each khu phố have been trained (the gaps), and pass rate and gain per
session over time. A handful of aggregate queries: fast on years of data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Attempt, Attendance, Neighbourhood, Person, TrainingSession
from trainer_app.domain.enums import AttemptPhase, AttendanceStatus, SessionStatus

__all__ = ["Dashboard", "HoodCoverage", "SessionTrend", "dashboard", "quarter_of"]

Factory = sessionmaker[Session]
ARRIVED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
HELD = (SessionStatus.IN_PROGRESS, SessionStatus.FINISHED)
TREND_SESSIONS = 12


@dataclass(frozen=True)
class HoodCoverage:
    id: int
    number: int | None
    name: str
    collaborators: int  # active, not erased
    trained: int  # of them, attended at least one held session

    @property
    def share(self) -> float:
        return self.trained / self.collaborators if self.collaborators else 0.0


@dataclass(frozen=True)
class SessionTrend:
    session_id: int
    held_on: date
    pass_rate: float | None  # 0..1 among post-test attempts
    gain: float | None  # post-test average − pre-test average (as in the reports)


@dataclass(frozen=True)
class Dashboard:
    quarter: str  # "Quý IV/2026"
    quarter_start: date
    quarter_end: date
    sessions_held: int  # this quarter
    people_trained: int  # distinct, this quarter
    attendances: int  # person-sessions, this quarter
    hoods: list[HoodCoverage]
    trend: list[SessionTrend]  # oldest first

    @property
    def hoods_without_anyone(self) -> list[HoodCoverage]:
        """Khu phố where nobody has been trained yet (including those with no
        collaborator on the list: a gap too)."""
        return [h for h in self.hoods if not h.trained]


def quarter_of(day: date) -> tuple[str, date, date]:
    q = (day.month - 1) // 3
    start = date(day.year, 3 * q + 1, 1)
    end = date(day.year + 1, 1, 1) if q == 3 else date(day.year, 3 * q + 4, 1)
    return f"Quý {('I', 'II', 'III', 'IV')[q]}/{day.year}", start, end


def _trend(session: Session) -> list[SessionTrend]:
    recent = list(session.execute(
        select(TrainingSession.id, TrainingSession.held_on)
        .where(TrainingSession.status.in_(HELD))
        .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())
        .limit(TREND_SESSIONS)))
    ids = [r.id for r in recent]
    scores: dict[int, dict[int | None, dict[str, tuple[float | None, bool | None]]]] = {}
    for sid, person, phase, score, passed in session.execute(
            select(Attempt.session_id, Attempt.person_id, Attempt.phase, Attempt.score,
                   Attempt.passed)
            .where(Attempt.session_id.in_(ids), Attempt.submitted_at.is_not(None))
            .order_by(Attempt.submitted_at)):
        scores.setdefault(sid, {}).setdefault(person, {})[phase] = (score, passed)
    trend = []
    for row in reversed(recent):
        people = scores.get(row.id, {})
        posts = [p[AttemptPhase.POST] for p in people.values() if AttemptPhase.POST in p]
        # The gain as the reports define it: post-test average minus pre-test average.
        post_scores = [s for s, _ok in posts if s is not None]
        pre_scores = [p[AttemptPhase.PRE][0] for p in people.values()
                      if AttemptPhase.PRE in p and p[AttemptPhase.PRE][0] is not None]
        gain = (round(sum(post_scores) / len(post_scores) - sum(pre_scores) / len(pre_scores), 2)
                if post_scores and pre_scores else None)
        trend.append(SessionTrend(
            row.id, row.held_on,
            sum(1 for _s, ok in posts if ok) / len(posts) if posts else None, gain))
    return trend


def dashboard(factory: Factory, today: date | None = None) -> Dashboard:
    label, start, end = quarter_of(today or date.today())
    with factory() as session:
        in_quarter = and_(TrainingSession.held_on >= start, TrainingSession.held_on < end,
                          TrainingSession.status.in_(HELD))
        held = session.scalar(select(func.count()).select_from(TrainingSession)
                              .where(in_quarter)) or 0
        arrived = (select(Attendance.person_id).join(
            TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(in_quarter, Attendance.status.in_(ARRIVED)))
        attendances = session.scalar(select(func.count()).select_from(arrived.subquery())) or 0
        distinct = session.scalar(select(func.count(func.distinct(Attendance.person_id)))
                                  .join(TrainingSession,
                                        TrainingSession.id == Attendance.session_id)
                                  .where(in_quarter, Attendance.status.in_(ARRIVED))) or 0
        trained_ever = (select(Attendance.person_id).join(
            TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(TrainingSession.status.in_(HELD), Attendance.status.in_(ARRIVED))
            .distinct().subquery())
        active = and_(Person.archived.is_(False), Person.erased.is_(False))
        totals = dict(session.execute(
            select(Person.neighbourhood_id, func.count()).where(active)
            .group_by(Person.neighbourhood_id)).all())
        trained = dict(session.execute(
            select(Person.neighbourhood_id, func.count())
            .where(active, Person.id.in_(select(trained_ever.c.person_id)))
            .group_by(Person.neighbourhood_id)).all())
        hoods = [HoodCoverage(h.id, h.number, h.name, totals.get(h.id, 0), trained.get(h.id, 0))
                 for h in session.scalars(select(Neighbourhood).where(
                     Neighbourhood.archived.is_(False)).order_by(Neighbourhood.number,
                                                                 Neighbourhood.name))]
        return Dashboard(label, start, end, held, distinct, attendances, hoods, _trend(session))
