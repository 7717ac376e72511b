"""The figures of the Tổng quan page: this quarter's sessions and people trained, how many
collaborators of each khu phố have been trained (the gaps), and pass rate and gain per
session over time. A handful of aggregate queries: fast on years of data.

Plain SQL (``db.plain_reads``): on a SQLite workspace the first page is read without
SQLAlchemy, which keeps the start light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer_app.db.plain_reads import PlainReader, ReadSource, as_date, reading
from trainer_app.domain.enums import AttemptPhase, AttendanceStatus, SessionStatus

__all__ = ["Dashboard", "HoodCoverage", "SessionTrend", "dashboard", "quarter_of"]

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


# Statuses are our own constants, written into the queries as literals.
_HELD = ", ".join(f"'{s.value}'" for s in HELD)
_ARRIVED = ", ".join(f"'{s.value}'" for s in ARRIVED)
IN_QUARTER = (f"s.held_on >= :start AND s.held_on < :end AND s.status IN ({_HELD})")
QUARTER_FIGURES = f"""
SELECT
  (SELECT COUNT(*) FROM training_session s WHERE {IN_QUARTER}),
  (SELECT COUNT(*) FROM attendance a JOIN training_session s ON s.id = a.session_id
   WHERE {IN_QUARTER} AND a.status IN ({_ARRIVED})),
  (SELECT COUNT(DISTINCT a.person_id) FROM attendance a
   JOIN training_session s ON s.id = a.session_id
   WHERE {IN_QUARTER} AND a.status IN ({_ARRIVED}))
"""
ACTIVE = "NOT p.archived AND NOT p.erased"
HOOD_TOTALS = f"""
SELECT p.neighbourhood_id, COUNT(*) FROM person p WHERE {ACTIVE} GROUP BY p.neighbourhood_id
"""
HOOD_TRAINED = f"""
SELECT p.neighbourhood_id, COUNT(*) FROM person p
WHERE {ACTIVE} AND p.id IN (
  SELECT DISTINCT a.person_id FROM attendance a JOIN training_session s ON s.id = a.session_id
  WHERE s.status IN ({_HELD}) AND a.status IN ({_ARRIVED}))
GROUP BY p.neighbourhood_id
"""
HOODS = "SELECT id, number, name FROM neighbourhood WHERE NOT archived ORDER BY number, name"
_RECENT = (f"FROM training_session WHERE status IN ({_HELD}) "
           f"ORDER BY held_on DESC, id DESC LIMIT {TREND_SESSIONS}")
RECENT_HELD = f"SELECT id, held_on {_RECENT}"
TREND_ATTEMPTS = f"""
SELECT t.session_id, t.person_id, t.phase, t.score, t.passed FROM attempt t
WHERE t.session_id IN (SELECT id {_RECENT}) AND t.submitted_at IS NOT NULL
ORDER BY t.submitted_at
"""


def _trend(db: PlainReader) -> list[SessionTrend]:
    recent = db.rows(RECENT_HELD)
    scores: dict[int, dict[int | None, dict[str, tuple[float | None, bool | None]]]] = {}
    for sid, person, phase, score, passed in db.rows(TREND_ATTEMPTS):
        scores.setdefault(sid, {}).setdefault(person, {})[phase] = (
            score, None if passed is None else bool(passed))
    trend = []
    for session_id, held_on in reversed(recent):
        people = scores.get(session_id, {})
        posts = [p[AttemptPhase.POST] for p in people.values() if AttemptPhase.POST in p]
        # The gain as the reports define it: post-test average minus pre-test average.
        post_scores = [s for s, _ok in posts if s is not None]
        pre_scores = [p[AttemptPhase.PRE][0] for p in people.values()
                      if AttemptPhase.PRE in p and p[AttemptPhase.PRE][0] is not None]
        gain = (round(sum(post_scores) / len(post_scores) - sum(pre_scores) / len(pre_scores), 2)
                if post_scores and pre_scores else None)
        held = as_date(held_on)
        assert held is not None  # held_on is NOT NULL
        trend.append(SessionTrend(
            session_id, held,
            sum(1 for _s, ok in posts if ok) / len(posts) if posts else None, gain))
    return trend


def dashboard(source: ReadSource, today: date | None = None) -> Dashboard:
    """``source``: the workspace's ``reads`` (or any session factory)."""
    label, start, end = quarter_of(today or date.today())
    with reading(source) as db:
        held, attendances, distinct = db.rows(QUARTER_FIGURES, {"start": start, "end": end})[0]
        totals = dict(db.rows(HOOD_TOTALS))
        trained = dict(db.rows(HOOD_TRAINED))
        hoods = [HoodCoverage(i, number, name, totals.get(i, 0), trained.get(i, 0))
                 for i, number, name in db.rows(HOODS)]
        return Dashboard(label, start, end, held or 0, distinct or 0, attendances or 0, hoods,
                         _trend(db))
