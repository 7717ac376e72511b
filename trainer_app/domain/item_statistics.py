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

Every figure comes from a few sums (``ItemSums`` per question, ``TotalSums`` for the test),
so ``analyse_sums`` is the one place for the formulas: ``analyse_columns`` takes the sums
from columns of points in Python, the quiz service takes them in SQL.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import mul

from trainer_app.domain.quiz import QuizDoc

__all__ = [
    "EASY_AT", "FLAG_EASY", "FLAG_HARD", "FLAG_MISLEADING", "FLAG_UNUSED_OPTION", "GROUP_SHARE",
    "HARD_AT", "MIN_FLAG_N", "ItemStats", "ItemSums", "PhaseChange", "TotalSums", "WholeTestStats",
    "analyse_columns", "analyse_sums", "compare_phases", "group_size", "item_analysis",
    "rank_key", "whole_test_stats",
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
    facility_pre: float | None = None  # among the pre-test attempts (when phases given)
    facility_post: float | None = None

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


def group_size(n: int, share: float = GROUP_SHARE) -> int:
    """Attempts in each of the upper and lower groups: ``share`` of n, at least 1, at most
    half; 0 with fewer than 2 attempts."""
    return min(max(1, round(share * n)), n // 2) if n >= 2 else 0


def _variance(total: float, squares: float, n: int) -> float:
    """Population variance from a sum and a sum of squares (never below 0)."""
    mean = total / n
    return max(0.0, squares / n - mean * mean)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class ItemSums:
    """One question's sums over the n attempts in scope; a blank or missing answer adds 0.
    "Right" is full points (at least 1 - 1e-9); the upper and lower groups are the
    ``group_size(n)`` attempts with the highest and the lowest totals (ties: the attempt
    that comes first counts as lower)."""

    answered: int  # attempts that chose something
    sum_x: float  # sum of the points
    sum_x2: float  # sum of the squared points
    sum_xt: float  # sum of points x the attempt's total
    right: int
    right_upper: int = 0
    right_lower: int = 0
    right_pre: int = 0  # right among the pre-test attempts
    right_post: int = 0
    option_counts: tuple[int, ...] | None = None  # per option (quiz order), when known


@dataclass(frozen=True)
class TotalSums:
    """The attempts' totals (points, one per question): how many, their sum and sum of
    squares; how many attempts were before and after training (0 and 0: not reported)."""

    n: int
    sum_t: float
    sum_t2: float
    n_pre: int = 0
    n_post: int = 0


def analyse_sums(quiz: QuizDoc, items: Sequence[ItemSums], totals: TotalSums, *,
                 group_share: float = GROUP_SHARE, easy_flag: bool = True,
                 min_flag_n: int = MIN_FLAG_N) -> tuple[list[ItemStats], WholeTestStats]:
    """Every figure of the module notes from the sums (``items`` in the order of
    ``quiz.questions``; the upper and lower counts were taken over groups of
    ``group_size(totals.n, group_share)``). The one place for the formulas: the rest of the
    test's correlation uses cov(x, rest) = cov(x, T) - var(x) and
    var(rest) = var(T) - 2 cov(x, T) + var(x)."""
    questions = quiz.questions
    if len(items) != len(questions):
        raise ValueError("items must hold one ItemSums per question")
    k, n = len(questions), totals.n
    if n == 0:
        return ([ItemStats(q.id, 0, 0, None, None, None, None, None, None) for q in questions],
                WholeTestStats(0, k, None, None, None))
    mean_t = totals.sum_t / n
    var_t = _variance(totals.sum_t, totals.sum_t2, n)
    size = group_size(n, group_share)
    result: list[ItemStats] = []
    item_var = 0.0
    for q, s in zip(questions, items, strict=True):
        var_x = _variance(s.sum_x, s.sum_x2, n)
        item_var += var_x
        cov_xt = s.sum_xt / n - (s.sum_x / n) * mean_t
        cov_rest, var_rest = cov_xt - var_x, var_t - 2.0 * cov_xt + var_x
        disc = None
        if n >= 2 and var_x > _EPS and var_rest > _EPS:
            disc = max(-1.0, min(1.0, cov_rest / math.sqrt(var_x * var_rest)))
        up = low = upper_lower = None
        if size:
            up, low = s.right_upper / size, s.right_lower / size
            upper_lower = round(up - low, 4)
        facility = round(s.right / n, 4)
        shares: tuple[float, ...] = ()
        unused: tuple[int, ...] = ()
        if s.option_counts is not None:
            shares = tuple(round(c / n, 4) for c in s.option_counts)
            unused = tuple(o for o, (c, opt) in enumerate(
                zip(s.option_counts, q.options, strict=True)) if c == 0 and not opt.correct)
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
        f_pre = s.right_pre / totals.n_pre if totals.n_pre else None
        f_post = s.right_post / totals.n_post if totals.n_post else None
        result.append(ItemStats(
            q.id, n, s.answered, facility, round(s.sum_x / n, 4), _round(disc), upper_lower,
            up, low, shares, unused, tuple(flags), _round(f_pre), _round(f_post)))
    kr20 = None
    if n >= 2 and k >= 2 and var_t > _EPS:
        kr20 = round(k / (k - 1) * (1.0 - item_var / var_t), 4)
    return result, WholeTestStats(n, k, round(mean_t, 4), round(math.sqrt(var_t), 4), kr20)


def rank_key(total: float) -> float:
    """What the 27 % groups sort the totals by: rounded to 6 decimals (the points are), so
    that two equal totals summed in another order still tie and the attempt order decides."""
    return round(total, 6)


def analyse_columns(quiz: QuizDoc, columns: Sequence[Sequence[float]], *,
                    answered: Sequence[int] | None = None,
                    option_counts: Sequence[Sequence[int]] | None = None,
                    phases: Sequence[str] | None = None, group_share: float = GROUP_SHARE,
                    easy_flag: bool = True, min_flag_n: int = MIN_FLAG_N,
                    ) -> tuple[list[ItemStats], WholeTestStats]:
    """The whole analysis from columns: ``columns[i][j]`` is attempt j's points (0..1, blank
    0) on question i of ``quiz``, the attempts in the order that breaks ties in the 27 %
    groups. ``answered[i]``: attempts that answered question i (default n);
    ``option_counts[i][k]``: attempts that chose option k of question i (for the shares and
    the unused distractors); ``phases[j]``: "pre" or "post" for the facility before and
    after training. Takes the sums (every loop over the attempts runs in C) and hands them
    to ``analyse_sums``."""
    n = len(columns[0]) if columns else 0
    if n == 0:
        return analyse_sums(quiz, [ItemSums(0, 0.0, 0.0, 0.0, 0) for _ in quiz.questions],
                            TotalSums(0, 0.0, 0.0), group_share=group_share,
                            easy_flag=easy_flag, min_flag_n=min_flag_n)
    totals = list(map(sum, zip(*columns, strict=True)))
    size = group_size(n, group_share)
    order = sorted(range(n), key=lambda j: rank_key(totals[j]))  # stable: ties keep order
    lower, upper = order[:size], order[n - size:]
    pre = [j for j, p in enumerate(phases) if p == "pre"] if phases is not None else []
    post = [j for j, p in enumerate(phases) if p == "post"] if phases is not None else []
    items: list[ItemSums] = []
    for i, col in enumerate(columns):
        binary = col.count(0.0) + col.count(1.0) == n
        right_col = col if binary else [1.0 if v >= _FULL else 0.0 for v in col]
        items.append(ItemSums(
            n if answered is None else answered[i], sum(col), sum(map(mul, col, col)),
            sum(map(mul, col, totals)), right_col.count(1.0),
            int(sum(map(right_col.__getitem__, upper))),
            int(sum(map(right_col.__getitem__, lower))),
            int(sum(map(right_col.__getitem__, pre))),
            int(sum(map(right_col.__getitem__, post))),
            None if option_counts is None else tuple(option_counts[i])))
    sums = TotalSums(n, math.fsum(totals), math.fsum(map(mul, totals, totals)),
                     len(pre), len(post))
    return analyse_sums(quiz, items, sums, group_share=group_share, easy_flag=easy_flag,
                        min_flag_n=min_flag_n)


def _from_mappings(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]],
                   chosen: Sequence[Mapping[str, Collection[int]]] | None,
                   ) -> tuple[list[list[float]], list[int], list[list[int]] | None]:
    if chosen is not None and len(chosen) != len(attempts):
        raise ValueError("chosen must hold one mapping per attempt")
    columns = [[a.get(q.id, 0.0) for a in attempts] for q in quiz.questions]
    answered = [sum(1 for a in attempts if q.id in a) for q in quiz.questions]
    counts = None
    if chosen is not None:
        counts = []
        for q in quiz.questions:
            row = [0] * len(q.options)
            for picks in chosen:
                for o in picks.get(q.id, ()):
                    if 0 <= o < len(row):
                        row[o] += 1
            counts.append(row)
    return columns, answered, counts


def whole_test_stats(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]]
                     ) -> WholeTestStats:
    """n, mean, SD and KR-20 of the attempts' totals (see the module notes)."""
    columns, answered, _counts = _from_mappings(quiz, attempts, None)
    return analyse_columns(quiz, columns, answered=answered)[1]


def item_analysis(quiz: QuizDoc, attempts: Sequence[Mapping[str, float]],
                  *, chosen: Sequence[Mapping[str, Collection[int]]] | None = None,
                  phases: Sequence[str] | None = None, group_share: float = GROUP_SHARE,
                  easy_flag: bool = True, min_flag_n: int = MIN_FLAG_N) -> list[ItemStats]:
    """Per question of ``quiz`` (see the module notes). ``attempts`` holds, per submitted
    attempt, question id -> points (0..1); a question missing from it is blank (0).
    ``chosen``, when given, holds per attempt (same order) question id -> chosen option
    indexes (0-based, the quiz's own order), for the option shares. ``phases`` (same order)
    gives the facility before and after training. ``easy_flag=False`` on a post-test: "quá
    dễ" is never flagged there. Ranking for the 27 % groups is by total points, ties broken
    by the order given."""
    columns, answered, counts = _from_mappings(quiz, attempts, chosen)
    return analyse_columns(quiz, columns, answered=answered, option_counts=counts,
                           phases=phases, group_share=group_share, easy_flag=easy_flag,
                           min_flag_n=min_flag_n)[0]


def compare_phases(pre: Sequence[ItemStats], post: Sequence[ItemStats]) -> list[PhaseChange]:
    """Facility before and after training, per question id present in either list (the
    order of ``post``, then questions only in ``pre``)."""
    before = {s.question_id: s.share_correct for s in pre}
    after = {s.question_id: s.share_correct for s in post}
    ids = list(after) + [i for i in before if i not in after]
    return [PhaseChange(i, before.get(i), after.get(i)) for i in ids]
