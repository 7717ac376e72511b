"""Scoring a quiz attempt, seeded shuffles and item analysis. Pure functions, standard
library only.

* A question is worth 1 point. ``all_or_nothing`` (the default): the point when the chosen
  options are exactly the correct ones. ``partial``: the sum of the chosen options' weights
  (``domain.quiz.effective_weights``, percent), floored at 0 and capped at 100 %; wrong
  options with negative weights take points away. A single-choice or true/false question
  answered with more than one option earns nothing in either mode.
* An attempt: raw points, percent, the 10-point scale (rounded half up to 1 decimal, as
  Vietnamese reports expect) and passed = 10-point score >= the quiz's pass mark.
* Shuffles come from a seed through SHA-256, not ``random``, so that a seed recorded with an
  attempt gives the same order in every later version of Python and of the app.
* Item analysis (facility, point-biserial discrimination, the upper-lower 27 % index, option
  shares, flags, KR-20) lives in ``domain.item_statistics``; ``item_analysis`` and
  ``ItemStats`` are re-exported here.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.item_statistics import GROUP_SHARE, ItemStats, item_analysis
from trainer_app.domain.quiz import SCORING_PARTIAL, QuestionDoc, QuizDoc, effective_weights

__all__ = [
    "GROUP_SHARE", "AttemptScore", "ItemStats", "Presentation", "QuestionScore", "item_analysis",
    "new_seed", "presentation", "round_half_up", "score_attempt", "score_question",
    "seeded_permutation",
]

_EPS = 1e-9


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    chosen: tuple[int, ...]  # option indexes (0-based, in the quiz's own order), sorted
    points: float  # 0..1
    correct: bool  # full points
    answered: bool


@dataclass(frozen=True)
class AttemptScore:
    points: float  # raw, one point per question
    max_points: int
    percent: float  # 0..100, 1 decimal
    score10: float  # 0..10, 1 decimal (half up)
    passed: bool
    questions: tuple[QuestionScore, ...]

    @property
    def correct_count(self) -> int:
        return sum(1 for q in self.questions if q.correct)


def round_half_up(value: float, places: int = 1) -> float:
    """8.25 -> 8.3 (Python's round() gives 8.2)."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def score_question(question: QuestionDoc, chosen: Collection[int], scoring: str) -> QuestionScore:
    """Score one answer. ``chosen`` holds option indexes (0-based, the question's order);
    indexes outside the options are ignored."""
    picked = tuple(sorted({i for i in chosen if 0 <= i < len(question.options)}))
    answered = bool(picked)
    if not answered or (question.kind != QuestionKind.MULTIPLE and len(picked) > 1):
        return QuestionScore(question.id, picked, 0.0, False, answered)
    if scoring == SCORING_PARTIAL:
        weights = effective_weights(question)
        share = sum(weights[i] for i in picked) / 100.0
        points = min(1.0, max(0.0, share))
        if points > 1.0 - _EPS:
            points = 1.0
        elif points < _EPS:
            points = 0.0
        return QuestionScore(question.id, picked, round(points, 6), points == 1.0, answered)
    right = {i for i, o in enumerate(question.options) if o.correct}
    ok = set(picked) == right
    return QuestionScore(question.id, picked, 1.0 if ok else 0.0, ok, answered)


def score_attempt(quiz: QuizDoc, answers: Mapping[str, Collection[int]]) -> AttemptScore:
    """Score an attempt: ``answers`` maps question id -> chosen option indexes (0-based);
    a question missing from it is blank."""
    scores = tuple(score_question(q, answers.get(q.id, ()), quiz.scoring)
                   for q in quiz.questions)
    points = sum(s.points for s in scores)
    total = len(scores)
    ratio = points / total if total else 0.0
    score10 = round_half_up(10 * ratio, 1)
    return AttemptScore(
        points=round(points, 6), max_points=total, percent=round_half_up(100 * ratio, 1),
        score10=score10, passed=bool(total) and score10 >= quiz.pass_mark - _EPS,
        questions=scores,
    )


# --- seeded shuffles ---------------------------------------------------------------------------


def new_seed() -> int:
    """A fresh seed to record with an attempt (fits a signed 32-bit column)."""
    return secrets.randbelow(2**31 - 1) + 1


def _below(seed: int, label: str, counter: int, bound: int) -> int:
    """A number in [0, bound) from SHA-256 of (seed, label, counter); unbiased."""
    limit = (2**64 // bound) * bound
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{label}:{counter}:{attempt}".encode()).digest()
        value = int.from_bytes(digest[:8], "big")
        if value < limit:
            return value % bound
        attempt += 1


def seeded_permutation(n: int, seed: int, label: str = "") -> list[int]:
    """A permutation of range(n), the same for the same (n, seed, label) forever
    (Fisher-Yates driven by SHA-256)."""
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = _below(seed, label, i, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


@dataclass(frozen=True)
class Presentation:
    """The order in which an attempt shows the quiz: question indexes, and for each
    question id the option indexes in display order."""

    seed: int
    question_order: tuple[int, ...]
    option_orders: Mapping[str, tuple[int, ...]]


def presentation(quiz: QuizDoc, seed: int) -> Presentation:
    """Question and option order for an attempt with this seed, following the quiz's
    shuffle settings. True/false options are never shuffled (Đúng stays before Sai)."""
    n = len(quiz.questions)
    if quiz.shuffle_questions:
        question_order = tuple(seeded_permutation(n, seed, "questions"))
    else:
        question_order = tuple(range(n))
    option_orders: dict[str, tuple[int, ...]] = {}
    for q in quiz.questions:
        count = len(q.options)
        if quiz.shuffle_options and q.kind != QuestionKind.TRUE_FALSE:
            option_orders[q.id] = tuple(seeded_permutation(count, seed, f"options:{q.id}"))
        else:
            option_orders[q.id] = tuple(range(count))
    return Presentation(seed, question_order, option_orders)


# --- item analysis: in domain.item_statistics, re-exported here ---------------------------------
