"""The rules both reports share, so that a session's figures read the same in the session
report, the period report and the spreadsheets:

* a session was *held* when it is in progress or finished; a person *attended* when
  present or late;
* results: the latest submitted attempt per person and phase counts (a re-taken test
  replaces the first); attempts of people erased on request have no person any more and
  count one each, anonymously;
* the final test is the post-test; a session without post-test attempts uses its "other"
  attempts instead; the pass rate is passed / final attempts;
* the gain is the post-test average minus the pre-test average (so the three numbers on
  paper agree: 4,5 → 8,5 is a gain of 4,0).

Queries are portable SQL (a window function, no SQLite-only syntax)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from trainer_app.db.models import Attempt
from trainer_app.domain.enums import AttemptPhase, AttendanceStatus, SessionStatus
from trainer_app.reports.report_dto import ScoreSummary

__all__ = ["ARRIVED", "HELD", "PhaseTotals", "latest_attempts", "phase_totals",
           "summarise"]

ARRIVED = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value)
HELD = (SessionStatus.IN_PROGRESS.value, SessionStatus.FINISHED.value)


@dataclass
class PhaseTotals:
    """Sums of one phase of one session (or of many sessions added up)."""

    count: int = 0
    score_sum: float = 0.0
    passed: int = 0

    def add(self, other: PhaseTotals) -> None:
        self.count += other.count
        self.score_sum += other.score_sum
        self.passed += other.passed

    @property
    def average(self) -> float | None:
        return round(self.score_sum / self.count, 2) if self.count else None


def latest_attempts(session_ids: Any, table: Any = None, scope: Any = None) -> Select[Any]:
    """The latest submitted attempt per (session, person, phase) of ``session_ids`` (a
    list or a subquery of ids), as a subquery with columns id, session_id, person_id,
    quiz_version_id, phase, score, passed. ``table``: the attempts' table (default the
    workspace's own; an imported station's copy has the same columns), ``scope``: an extra
    condition on it (that station's rows)."""
    a = (table if table is not None else Attempt.__table__).c
    person_key = func.coalesce(a.person_id, -a.id)  # anonymous: one each
    rank = func.row_number().over(
        partition_by=(a.session_id, person_key, a.phase),
        order_by=(a.submitted_at.desc(), a.id.desc())).label("rank")
    ranked = (select(a.id, a.session_id, a.person_id, a.quiz_version_id, a.phase, a.score,
                     a.passed, rank)
              .where(a.submitted_at.is_not(None), a.session_id.in_(session_ids),
                     *(() if scope is None else (scope,)))
              .subquery("ranked"))
    return select(ranked.c.id, ranked.c.session_id, ranked.c.person_id,
                  ranked.c.quiz_version_id, ranked.c.phase, ranked.c.score,
                  ranked.c.passed).where(ranked.c.rank == 1)


def phase_totals(session: Session, session_ids: Any, table: Any = None,
                 scope: Any = None) -> dict[int, dict[str, PhaseTotals]]:
    """session id -> phase -> totals of the latest attempts, in one aggregate query
    (``table``, ``scope``: as in ``latest_attempts``)."""
    latest = latest_attempts(session_ids, table, scope).subquery("latest")
    rows = session.execute(
        select(latest.c.session_id, latest.c.phase, func.count(latest.c.score),
               func.sum(latest.c.score),
               func.sum(case((latest.c.passed.is_(True), 1), else_=0).cast(Integer)))
        .group_by(latest.c.session_id, latest.c.phase))
    out: dict[int, dict[str, PhaseTotals]] = {}
    for session_id, phase, count, total, passed in rows:
        out.setdefault(session_id, {})[phase] = PhaseTotals(int(count or 0),
                                                            float(total or 0.0),
                                                            int(passed or 0))
    return out


def final_phase(phases: dict[str, PhaseTotals]) -> str:
    """The phase whose attempts are the session's final test."""
    post = phases.get(AttemptPhase.POST.value)
    if post is not None and post.count:
        return AttemptPhase.POST.value
    return AttemptPhase.OTHER.value


def split(phases: dict[str, PhaseTotals]) -> tuple[PhaseTotals, PhaseTotals]:
    """(pre-test, final test) totals of one session."""
    return (phases.get(AttemptPhase.PRE.value, PhaseTotals()),
            phases.get(final_phase(phases), PhaseTotals()))


def summarise(per_session: Iterable[dict[str, PhaseTotals]],
              pass_mark: float | None = None) -> ScoreSummary:
    """The figures of several sessions (or one) added up."""
    pre, post = PhaseTotals(), PhaseTotals()
    for phases in per_session:
        one_pre, one_post = split(phases)
        pre.add(one_pre)
        post.add(one_post)
    return ScoreSummary(pre.count, pre.average, post.count, post.average, post.passed,
                        pass_mark)
