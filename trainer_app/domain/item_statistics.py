"""Item analysis ("Phân tích câu hỏi") of a quiz's submitted attempts. Pure functions,
standard library only.

Per question:

* **facility** (``share_correct``): attempts with the question fully right ÷ submitted
  attempts; a blank answer counts as wrong.
* **discrimination**: the point-biserial correlation of the item's score with the rest of
  the test (the attempt's total without this item: the "corrected" item-total correlation,
  as Moodle's quiz statistics compute it). ``None`` when it cannot be computed: fewer than
  two attempts, or everybody scored the same on the item or on the rest.
* **upper_lower**: share fully right in the top 27 % of attempts by total minus the share in
  the bottom 27 % (Kelley's index; the groups hold at least one attempt and at most half).
* the share of attempts that chose each option, and the wrong options nobody chose.
* flags, in plain Vietnamese, only with at least ``MIN_FLAG_N`` attempts: "quá dễ" (never
  asked for on a post-test, which is meant to be easy after training), "quá khó", "có thể sai
  đáp án hoặc gây hiểu nhầm" (negative discrimination), "phương án không ai chọn".

For the test: n, the mean and standard deviation of the totals (points, one per question;
the SD divides by n, the same variance KR-20 uses) and **KR-20**, Cronbach's alpha of the
item scores, which for 0/1 items is exactly Kuder-Richardson 20:
``k / (k - 1) * (1 - sum(p * q) / var(total))``. With partial credit the item variances take
the place of ``p * q`` (Cronbach's alpha).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from trainer_app.domain.quiz import QuizDoc

__all__ = [
    "EASY_AT", "FLAG_EASY", "FLAG_HARD", "FLAG_MISLEADING", "FLAG_UNUSED_OPTION", "GROUP_SHARE",
    "HARD_AT", "MIN_FLAG_N", "ItemStats", "PhaseChange", "WholeTestStats", "compare_phases",
    "item_analysis", "whole_test_stats",
]

GROUP_SHARE = 0.27
MIN_FLAG_N = 20
EASY_AT = 0.90  # facility at or above: too easy (not on a post-test)
HARD_AT = 0.20  # facility at or below: too hard
FLAG_EASY = "quá dễ"
FLAG_HARD = "quá khó"
FLAG_MISLEADING = "có thể sai đáp án hoặc gây hiểu nhầm"
FLAG_UNUSED_OPTION = "phương án không ai chọn"
_EPS = 1e-9
_FULL = 1.0 - _EPS


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    attempts: int  # n: submitted attempts in the scope
    answered: int  # attempts that chose something
    share_correct: float | None  # facility, 0..1; None without attempts
    mean_points: float | None
    discrimination: float | None  # point-biserial against the rest of the test, -1..1
    upper_lower: float | None  # upper 27 % share right minus lower 27 %, -1..1
    upper_share: float | None
    lower_share: float | None
    option_shares: tuple[float, ...] = ()  # per option (quiz order); () when not given
    unused_options: tuple[int, ...] = ()  # wrong options (0-based) that nobody chose
    flags: tuple[str, ...] = ()

    @property
    def facility(self) -> float | None:
        return self.share_correct


@dataclass(frozen=True)
class WholeTestStats:
    n: int
    items: int  # questions in the test
    mean: float | None  # of the totals (points, one per question)
    sd: float | None  # population SD of the totals (the variance KR-20 uses)
    kr20: float | None  # None with fewer than 2 attempts or items, or no spread


@dataclass(frozen=True)
class PhaseChange:
    question_id: str
    pre: float | None
    post: float | None

    @property
    def change(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 4)


def _columns(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]]) -> list[list[float]]:
    """Per question, the points of each attempt (blank: 0)."""
    return [[a.get(q.id, 0.0) for a in attempts] for q in quiz.questions]


def _variance(total: float, squares: float, n: int) -> float:
    """Population variance from a sum and a sum of squares (never below 0)."""
    mean = total / n
    return max(0.0, squares / n - mean * mean)


def whole_test_stats(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]]) -> WholeTestStats:
    """n, mean, SD and KR-20 of the attempts' totals (see the module notes)."""
    n, k = len(attempts), len(quiz.questions)
    if n == 0:
        return WholeTestStats(0, k, None, None, None)
    cols = _columns(quiz, attempts)
    totals = [sum(t) for t in zip(*cols, strict=True)] if cols else [0.0] * n
    sum_t = math.fsum(totals)
    var_t = _variance(sum_t, math.fsum(t * t for t in totals), n)
    kr20 = None
    if n >= 2 and k >= 2 and var_t > _EPS:
        item_var = math.fsum(_variance(math.fsum(c), math.fsum(v * v for v in c), n)
                             for c in cols)
        kr20 = round(k / (k - 1) * (1.0 - item_var / var_t), 4)
    return WholeTestStats(n, k, round(sum_t / n, 4), round(math.sqrt(var_t), 4), kr20)


def _point_biserial(col: Sequence[float], totals: Sequence[float], sum_t: float,
                    var_t: float) -> float | None:
    """Pearson correlation of the item with (total - item)."""
    n = len(col)
    if n < 2:
        return None
    sum_x = math.fsum(col)
    var_x = _variance(sum_x, math.fsum(v * v for v in col), n)
    cov_xt = math.fsum(x * t for x, t in zip(col, totals, strict=True)) / n \
        - (sum_x / n) * (sum_t / n)
    cov_x_rest = cov_xt - var_x
    var_rest = var_t - 2.0 * cov_xt + var_x
    if var_x <= _EPS or var_rest <= _EPS:
        return None
    r = cov_x_rest / math.sqrt(var_x * var_rest)
    return round(max(-1.0, min(1.0, r)), 4)


def item_analysis(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]],
                  *, chosen: Sequence[Mapping[str, Collection[int]]] | None = None,
                  group_share: float = GROUP_SHARE, easy_flag: bool = True,
                  min_flag_n: int = MIN_FLAG_N) -> list[ItemStats]:
    """Per question of ``quiz`` (see the module notes). ``attempts`` holds, per submitted
    attempt, question id -> points (0..1); a question missing from it is blank (0).
    ``chosen``, when given, holds per attempt (same order) question id -> chosen option
    indexes (0-based, the quiz's own order), for the option shares. ``easy_flag=False`` on a
    post-test: "quá dễ" is never flagged there. Ranking for the 27 % groups is by total
    points, ties broken by the order given."""
    n = len(attempts)
    if chosen is not None and len(chosen) != n:
        raise ValueError("chosen must hold one mapping per attempt")
    cols = _columns(quiz, attempts)
    totals = [sum(t) for t in zip(*cols, strict=True)] if cols else [0.0] * n
    sum_t = math.fsum(totals)
    var_t = _variance(sum_t, math.fsum(t * t for t in totals), n) if n else 0.0
    ranked = sorted(range(n), key=lambda j: (totals[j], j))  # low to high
    size = min(max(1, round(group_share * n)), n // 2) if n >= 2 else 0
    lower = ranked[:size]
    upper = ranked[n - size:] if size else []

    def share(group: Sequence[int], col: Sequence[float]) -> float | None:
        if not group:
            return None
        return sum(1 for j in group if col[j] >= _FULL) / len(group)

    out = []
    for q, col in zip(quiz.questions, cols, strict=True):
        if n == 0:
            out.append(ItemStats(q.id, 0, 0, None, None, None, None, None, None))
            continue
        answered = sum(1 for a in attempts if q.id in a)
        facility = round(sum(1 for v in col if v >= _FULL) / n, 4)
        up, low = share(upper, col), share(lower, col)
        upper_lower = None if up is None or low is None else round(up - low, 4)
        disc = _point_biserial(col, totals, sum_t, var_t)
        shares: tuple[float, ...] = ()
        unused: tuple[int, ...] = ()
        if chosen is not None:
            counts = [0] * len(q.options)
            for picks in chosen:
                for i in picks.get(q.id, ()):
                    if 0 <= i < len(counts):
                        counts[i] += 1
            shares = tuple(round(c / n, 4) for c in counts)
            unused = tuple(i for i, (c, o) in enumerate(zip(counts, q.options, strict=True))
                           if c == 0 and not o.correct)
        flags: list[str] = []
        if n >= min_flag_n:
            if easy_flag and facility >= EASY_AT:
                flags.append(FLAG_EASY)
            if facility <= HARD_AT:
                flags.append(FLAG_HARD)
            if disc is not None and disc < 0:
                flags.append(FLAG_MISLEADING)
            if unused:
                flags.append(FLAG_UNUSED_OPTION)
        out.append(ItemStats(q.id, n, answered, facility, round(math.fsum(col) / n, 4), disc,
                             upper_lower, up, low, shares, unused, tuple(flags)))
    return out


def compare_phases(pre: Sequence[ItemStats], post: Sequence[ItemStats]) -> list[PhaseChange]:
    """Facility before and after training, per question id present in either list (the
    order of ``post``, then questions only in ``pre``)."""
    before = {s.question_id: s.share_correct for s in pre}
    after = {s.question_id: s.share_correct for s in post}
    ids = list(after) + [i for i in before if i not in after]
    return [PhaseChange(i, before.get(i), after.get(i)) for i in ids]
