"""Item analysis: facility, point-biserial discrimination (item against the rest of the
test), option shares, flags and KR-20, checked against hand-worked figures, a published
worked example, generated data with a known answer and an independent computation."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from trainer_app.domain.item_statistics import (
    FLAG_EASY,
    FLAG_HARD,
    FLAG_MISLEADING,
    FLAG_UNUSED_OPTION,
    compare_phases,
    item_analysis,
    whole_test_stats,
)
from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc


def quiz(k: int, options: int = 3) -> QuizDoc:
    questions = [QuestionDoc(f"q{i}", "single", f"Câu {i}?",
                             [OptionDoc(chr(97 + j), j == 0) for j in range(options)])
                 for i in range(k)]
    return QuizDoc("k", "Kiểm tra", questions=questions)


def from_matrix(rows: list[list[int]]) -> list[dict[str, float]]:
    """0/1 rows -> the attempts mapping (a 0 is left blank, as a blank answer is)."""
    return [{f"q{i}": 1.0 for i, v in enumerate(row) if v} for row in rows]


# --- hand-worked -------------------------------------------------------------------------------
# Four attempts, three items (1 = right):
#   A 1 1 1 (total 3)   B 1 1 0 (2)   C 1 0 0 (1)   D 0 0 0 (0)
# Item q0: x = 1 1 1 0, rest = total - x = 2 1 0 0. mean x = .75, mean rest = .75,
#   sum(x * rest) / 4 = 3/4 = .75, cov = .75 - .75 * .75 = .1875; var x = .75 * .25 = .1875;
#   var rest = (4 + 1 + 0 + 0) / 4 - .5625 = .6875; r = .1875 / sqrt(.1875 * .6875) = .5222.
# Item q1: x = 1 1 0 0, rest = 2 1 1 0: cov = 3/4 - .5 * 1 = .25, var x = .25,
#   var rest = 6/4 - 1 = .5, r = .25 / sqrt(.125) = .7071.
# Item q2: x = 1 0 0 0, rest = 2 2 1 0: cov = 2/4 - .25 * 1.25 = .1875, var x = .1875,
#   var rest = 9/4 - 1.5625 = .6875: r = .5222 (the mirror of q0).
# Test: totals 3 2 1 0, mean 1.5, variance 1.25 (SD 1.1180); p = .75 .5 .25,
#   sum(p * q) = .1875 + .25 + .1875 = .625; KR-20 = 3/2 * (1 - .625 / 1.25) = .75.
# Upper-lower: 27 % of 4 rounds to 1 attempt per group: A above, D below; each item 1 - 0 = 1.
HAND = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_hand_worked_items_and_test() -> None:
    doc = quiz(3)
    stats = item_analysis(doc, from_matrix(HAND))
    assert [s.facility for s in stats] == [0.75, 0.5, 0.25]
    assert [s.discrimination for s in stats] == [
        pytest.approx(0.5222, abs=1e-4), pytest.approx(0.7071, abs=1e-4),
        pytest.approx(0.5222, abs=1e-4)]
    assert [s.upper_lower for s in stats] == [1.0, 1.0, 1.0]
    test = whole_test_stats(doc, from_matrix(HAND))
    assert (test.n, test.items, test.mean, test.kr20) == (4, 3, 1.5, 0.75)
    assert test.sd == pytest.approx(1.1180, abs=1e-4)


def test_option_shares_count_blanks_as_wrong_and_find_unused_distractors() -> None:
    doc = quiz(1, options=4)  # option 0 is right
    attempts = [{"q0": 1.0}, {"q0": 1.0}, {"q0": 0.0}, {}]  # the last one left it blank
    chosen = [{"q0": (0,)}, {"q0": (0,)}, {"q0": (1,)}, {}]
    s = item_analysis(doc, attempts, chosen=chosen)[0]
    assert s.facility == 0.5 and s.answered == 3
    assert s.option_shares == (0.5, 0.25, 0.0, 0.0)
    assert s.unused_options == (2, 3)
    assert s.flags == ()  # fewer than 20 attempts: no flag at all


# --- a published worked example ----------------------------------------------------------------
# K. Wuensch, "The Kuder-Richardson 20" (East Carolina University, StatHelp/KR20.txt): ten
# students, ten items. The page prints p per item (.7 .7 .6 .7 .6 .8 .7 .7 .5 .6), p*q
# (.21 .21 .24 .21 .24 .16 .21 .21 .25 .24) and the variance of the totals, 5.84.
# By hand: sum(p*q) = 5 * .21 + 3 * .24 + .16 + .25 = 2.18; totals 8 7 7 2 2 9 8 9 7 7, mean
# 6.6, squared deviations 1.96 .16 .16 21.16 21.16 5.76 1.96 5.76 .16 .16 = 58.4, / 10 = 5.84;
# KR-20 = 10/9 * (1 - 2.18 / 5.84) = .6963.
# Item 1 against the rest: x = 1 1 1 0 0 1 1 1 0 1, rest = 7 6 6 2 2 8 7 8 7 6 (mean 5.9);
# sum(x * rest) = 48, cov = 4.8 - .7 * 5.9 = .67; var rest = 391/10 - 5.9^2 = 4.29;
# r = .67 / sqrt(.21 * 4.29) = .7059.
WUENSCH = [
    [1, 1, 1, 1, 1, 1, 0, 1, 1, 0],  # A  8
    [1, 0, 1, 1, 0, 1, 1, 1, 0, 1],  # B  7
    [1, 1, 1, 1, 0, 1, 1, 0, 0, 1],  # C  7
    [0, 0, 1, 0, 0, 0, 1, 0, 0, 0],  # D  2
    [0, 0, 0, 0, 0, 1, 0, 0, 1, 0],  # E  2
    [1, 1, 1, 0, 1, 1, 1, 1, 1, 1],  # F  9
    [1, 1, 0, 1, 1, 1, 0, 1, 1, 1],  # G  8
    [1, 1, 1, 1, 1, 1, 1, 1, 0, 1],  # H  9
    [0, 1, 0, 1, 1, 1, 1, 1, 0, 1],  # I  7
    [1, 1, 0, 1, 1, 0, 1, 1, 1, 0],  # J  7
]


def test_published_kr20_example() -> None:
    doc = quiz(10)
    attempts = from_matrix(WUENSCH)
    stats = item_analysis(doc, attempts)
    assert [s.facility for s in stats] == [.7, .7, .6, .7, .6, .8, .7, .7, .5, .6]
    test = whole_test_stats(doc, attempts)
    assert test.mean == 6.6
    assert test.sd == pytest.approx(math.sqrt(5.84), abs=1e-4)
    assert test.kr20 == pytest.approx(10 / 9 * (1 - 2.18 / 5.84), abs=1e-4)
    assert test.kr20 == pytest.approx(0.6963, abs=1e-4)
    assert stats[0].discrimination == pytest.approx(0.7059, abs=1e-4)


# --- generated data with a known answer ---------------------------------------------------------


def test_identical_items_give_kr20_one_and_a_reversed_item_is_flagged() -> None:
    rng = random.Random(15)
    ability = [rng.random() < 0.5 for _ in range(40)]
    ability[0], ability[1] = True, False  # both groups are present
    # five items everybody answers the same way as their ability; q5 the other way round
    rows = [[int(a)] * 5 + [int(not a)] for a in ability]
    doc = quiz(6)
    stats = item_analysis(doc, from_matrix(rows))
    assert all(s.discrimination == 1.0 for s in stats[:5])
    assert stats[5].discrimination == -1.0
    assert FLAG_MISLEADING in stats[5].flags and FLAG_MISLEADING not in stats[0].flags
    five = quiz(5)
    assert whole_test_stats(five, from_matrix([r[:5] for r in rows])).kr20 == 1.0


def test_constant_item_or_rest_has_no_discrimination() -> None:
    doc = quiz(2)
    everybody = item_analysis(doc, from_matrix([[1, 1], [1, 0], [1, 1]]))
    assert everybody[0].discrimination is None  # nobody got it wrong: no spread
    assert item_analysis(doc, from_matrix([[1, 0]]))[0].discrimination is None
    assert whole_test_stats(doc, from_matrix([[1, 1], [1, 1]])).kr20 is None
    empty = whole_test_stats(doc, [])
    assert (empty.n, empty.mean, empty.sd, empty.kr20) == (0, None, None, None)


def independent(rows: list[list[int]]) -> tuple[list[float | None], float]:
    """Point-biserial (item vs rest) and KR-20 by the statistics module's own formulas."""
    k = len(rows[0])
    totals = [sum(r) for r in rows]
    corr: list[float | None] = []
    for i in range(k):
        x = [r[i] for r in rows]
        rest = [t - v for t, v in zip(totals, x, strict=True)]
        try:
            corr.append(statistics.correlation(x, rest))
        except statistics.StatisticsError:
            corr.append(None)
    pq = sum(statistics.mean(r[i] for r in rows) * (1 - statistics.mean(r[i] for r in rows))
             for i in range(k))
    return corr, k / (k - 1) * (1 - pq / statistics.pvariance(totals))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_data_matches_an_independent_computation(seed: int) -> None:
    rng = random.Random(seed)
    k, n = 8, 150
    ability = [rng.gauss(0, 1) for _ in range(n)]
    hardness = [rng.uniform(-1.5, 1.5) for _ in range(k)]
    rows = [[int(rng.random() < 1 / (1 + math.exp(-(a - b) * 1.7))) for b in hardness]
            for a in ability]
    doc = quiz(k)
    stats = item_analysis(doc, from_matrix(rows))
    expected, kr20 = independent(rows)
    for s, r in zip(stats, expected, strict=True):
        assert s.discrimination == (None if r is None else pytest.approx(r, abs=1e-4))
        assert s.facility == pytest.approx(sum(row[int(s.question_id[1:])] for row in rows) / n,
                                           abs=1e-4)
    assert whole_test_stats(doc, from_matrix(rows)).kr20 == pytest.approx(kr20, abs=1e-4)


# --- flags -------------------------------------------------------------------------------------


def test_flags_need_twenty_attempts_and_never_call_a_post_test_too_easy() -> None:
    doc = quiz(3)
    # q0 right for all but one, q1 right for nobody but one, q2 half and half
    rows = [[int(j != 0), int(j == 0), j % 2] for j in range(20)]
    chosen = [{"q0": (0,) if r[0] else (1,), "q1": (0,) if r[1] else (1,),
               "q2": (0,) if r[2] else (1,)} for r in rows]
    stats = item_analysis(doc, from_matrix(rows), chosen=chosen)
    assert FLAG_EASY in stats[0].flags
    assert FLAG_HARD in stats[1].flags
    assert all(FLAG_UNUSED_OPTION in s.flags for s in stats)  # nobody picked option c
    assert FLAG_EASY not in stats[2].flags and FLAG_HARD not in stats[2].flags
    post = item_analysis(doc, from_matrix(rows), chosen=chosen, easy_flag=False)
    assert FLAG_EASY not in post[0].flags and FLAG_HARD in post[1].flags
    few = item_analysis(doc, from_matrix(rows[:19]), chosen=chosen[:19])
    assert all(s.flags == () for s in few)


def test_compare_phases() -> None:
    doc = quiz(2)
    pre = item_analysis(doc, from_matrix([[0, 1], [0, 0], [1, 0], [0, 0]]))
    post = item_analysis(doc, from_matrix([[1, 1], [1, 0]]))
    change = {c.question_id: c for c in compare_phases(pre, post)}
    assert (change["q0"].pre, change["q0"].post, change["q0"].change) == (0.25, 1.0, 0.75)
    assert change["q1"].change == 0.25
    assert compare_phases(pre, [])[0].change is None


def test_facility_before_and_after_from_the_phases() -> None:
    doc = quiz(1)
    rows = [[0], [1], [0], [1], [1], [1]]
    phases = ["pre", "pre", "pre", "post", "post", "other"]
    s = item_analysis(doc, from_matrix(rows), phases=phases)[0]
    assert (s.facility_pre, s.facility_post, s.facility) == (round(1 / 3, 4), 1.0,
                                                             round(4 / 6, 4))
    assert item_analysis(doc, from_matrix(rows))[0].facility_pre is None
