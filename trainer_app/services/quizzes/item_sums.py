"""The sums behind the item analysis of one frozen quiz version, taken in SQL (SQLAlchemy
Core, SQLite and PostgreSQL alike): the answer rows never come into Python, only a few
hundred grouped rows. The figures themselves: ``domain.item_statistics.analyse_sums``.

Two statements over the answers:

1. every attempt in the scope with its total (the points of its answers to the version's
   own questions; an attempt without answers totals 0) and its rank by total, ties broken
   by attempt id, go into a temporary table keyed by attempt id;
2. one grouped join of the answers with that table, per question, chosen options and
   points: the count, the sum of the attempts' totals, and how many in the upper and lower
   27 % (by rank) and before training; Python multiplies by the points (sums of x, x², x·T,
   the full-point answers).

A question with no answer row is blank: it adds 0 to every sum. An answer to a question the
version does not hold is left out. ``chosen_json`` holds 1-based option positions; only its
distinct values are parsed here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    Numeric,
    Select,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable, DropTable

from trainer_app.db.models import Answer, Attempt
from trainer_app.domain.enums import AttemptPhase
from trainer_app.domain.item_statistics import (
    GROUP_SHARE,
    ItemSums,
    TotalSums,
    group_size,
)
from trainer_app.domain.quiz import QuizDoc

__all__ = ["Restrict", "version_sums"]

BLANK = "[]"  # chosen_json of an answer left blank
_FULL = 1.0 - 1e-9  # full points: "right"
_PRE, _POST = AttemptPhase.PRE.value, AttemptPhase.POST.value
SMALL_SCOPE = 2_000  # attempts: up to this many, statement 2 starts from the attempts

# Adds the scope's joins and conditions to a SELECT over ``Attempt``.
Restrict = Callable[[Select[Any]], Select[Any]]

_metadata = MetaData()
# Per attempt in the scope: its phase, total and rank (1 = lowest total, then lowest id).
# Temporary: private to the connection and gone with it; dropped after use anyway.
_RANKED = Table(
    "item_stats_ranked", _metadata,
    Column("attempt_id", Integer, primary_key=True, autoincrement=False),
    Column("phase", String(10), nullable=False),
    Column("total", Float, nullable=False),
    Column("position", Integer, nullable=False),
    prefixes=["TEMPORARY"])


def _fill_ranked(conn: Connection, keys: list[str], restrict: Restrict) -> None:
    """Statement 1. The attempts are read through ``restrict`` and their answers through
    the answer table's attempt index (the question filter sits inside the sum, so no
    per-question index lookups)."""
    own = Answer.question_key.in_(keys)
    total = func.coalesce(func.sum(case((own, Answer.points), else_=0.0)), 0.0)
    totals = restrict(
        select(Attempt.id.label("attempt_id"), Attempt.phase.label("phase"),
               total.label("total"))
        .select_from(Attempt).outerjoin(Answer, Answer.attempt_id == Attempt.id)
    ).group_by(Attempt.id, Attempt.phase).subquery("totals")
    # rank by the total rounded as domain.item_statistics.rank_key does (6 decimals)
    position = func.row_number().over(
        order_by=(func.round(cast(totals.c.total, Numeric), 6), totals.c.attempt_id))
    conn.execute(_RANKED.insert().from_select(
        ["attempt_id", "phase", "total", "position"],
        select(totals.c.attempt_id, totals.c.phase, totals.c.total, position)))


def _total_sums(conn: Connection) -> TotalSums:
    r = _RANKED.c
    row = conn.execute(select(
        func.count(), func.coalesce(func.sum(r.total), 0.0),
        func.coalesce(func.sum(r.total * r.total), 0.0),
        func.coalesce(func.sum(case((r.phase == _PRE, 1), else_=0)), 0),
        func.coalesce(func.sum(case((r.phase == _POST, 1), else_=0)), 0))).one()
    return TotalSums(int(row[0]), float(row[1]), float(row[2]), int(row[3]), int(row[4]))


def _grouped(conn: Connection, keys: list[str], n: int, size: int) -> list[tuple[Any, ...]]:
    """Statement 2: per (question, chosen options, points) how many answers, the sum of
    their attempts' totals, and how many are in the upper group, in the lower group and
    before training (an attempt is before or after: the phase's check constraint). A large
    scope reads the answers of the version's questions in the order of the answer index on
    (question, chosen options, points, …): no sort. A small one (at most ``SMALL_SCOPE``
    attempts) starts from its attempts (an outer join: SQLite keeps that order), reads only
    their answers and sorts those few; an attempt without answers gives a row with no
    question."""
    r = _RANKED.c

    def count_if(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    query = select(
        Answer.question_key, Answer.chosen_json, Answer.points, func.count(),
        func.sum(r.total), count_if(r.position > n - size), count_if(r.position <= size),
        count_if(r.phase == _PRE))
    own = Answer.question_key.in_(keys)
    if n > SMALL_SCOPE:
        query = query.select_from(Answer).join(
            _RANKED, r.attempt_id == Answer.attempt_id).where(own)
    else:
        query = query.select_from(_RANKED).outerjoin(
            Answer, and_(Answer.attempt_id == r.attempt_id, own))
    query = query.group_by(Answer.question_key, Answer.chosen_json, Answer.points)
    return [tuple(row) for row in conn.execute(query) if row[0] is not None]


def _item_sums(doc: QuizDoc, rows: list[tuple[Any, ...]]) -> list[ItemSums]:
    """Adds the grouped rows up per question (each row's answers share one points value);
    the option counts from the distinct chosen options (positions outside the question are
    ignored)."""
    # per question: answered, sum x, sum x^2, sum x*T, right, upper, lower, pre, post
    acc = {q.id: [0.0] * 9 for q in doc.questions}
    options = {q.id: [0] * len(q.options) for q in doc.questions}
    for key, chosen, points, count, sum_t, upper, lower, pre in rows:
        x, cell = float(points), acc[key]
        cell[0] += count if chosen != BLANK else 0
        cell[1] += x * count
        cell[2] += x * x * count
        cell[3] += x * float(sum_t)
        if x >= _FULL:
            cell[4] += count
            cell[5] += upper
            cell[6] += lower
            cell[7] += pre
            cell[8] += count - pre
        counts = options[key]
        for position in json.loads(chosen):
            if 1 <= position <= len(counts):
                counts[position - 1] += count
    return [ItemSums(int(c[0]), c[1], c[2], c[3], int(c[4]), int(c[5]), int(c[6]), int(c[7]),
                     int(c[8]), tuple(options[q.id]))
            for q, c in ((q, acc[q.id]) for q in doc.questions)]


def version_sums(session: Session, doc: QuizDoc, restrict: Restrict, *,
                 group_share: float = GROUP_SHARE) -> tuple[list[ItemSums], TotalSums]:
    """The sums of ``doc``'s questions over the attempts ``restrict`` selects (all at the
    version ``doc`` is), for ``analyse_sums`` with the same ``group_share``."""
    keys = [q.id for q in doc.questions]
    conn = session.connection()
    conn.execute(DropTable(_RANKED, if_exists=True))
    conn.execute(CreateTable(_RANKED))
    try:
        _fill_ranked(conn, keys, restrict)
        totals = _total_sums(conn)
        size = group_size(totals.n, group_share)
        rows = _grouped(conn, keys, totals.n, size) if totals.n and keys else []
    finally:
        conn.execute(DropTable(_RANKED, if_exists=True))
    return _item_sums(doc, rows), totals
