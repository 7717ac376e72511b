"""A quiz as plain data (``QuizDoc``), independent of any file format or the database: its
ids, weights and normalisation. The rules every quiz must follow are in ``quiz_rules``
(``validate_quiz``), its canonical JSON form (what a frozen version stores) in
``quiz_canonical``. Standard library only.

Weights are percentages of a question's points. ``OptionDoc.weight`` is ``None`` when the
option uses the default weight (``default_weight``); ``normalize_quiz`` turns explicit
weights that equal the default into ``None`` so that one quiz has one representation:

* single choice and true/false: the correct option 100, a wrong option 0 (a wrong option
  of a single-choice question may carry a partial weight, e.g. 50, under partial scoring);
* multiple answers: each correct option 100 / (number of correct options), each wrong
  option minus that (so ticking every box does not earn the points).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.vntext import clean_text, name_identity_key, search_key

__all__ = [
    "FALSE_TEXT", "FORMAT_VERSION", "KIND_LABELS", "QUIZ_FORMAT", "SCORING_ALL_OR_NOTHING",
    "SCORING_LABELS", "SCORING_PARTIAL", "TRUE_TEXT", "OptionDoc", "ParseResult", "Problem",
    "QuestionDoc", "QuizDoc", "Skipped", "default_weight", "effective_weights",
    "is_valid_question_id", "is_valid_quiz_id", "letter", "normalize_question",
    "normalize_quiz", "question_label", "round_weight", "slug_id", "text_identity",
    "uses_weights",
]

QUIZ_FORMAT = "trainer-app-quiz"
FORMAT_VERSION = 1
SCORING_ALL_OR_NOTHING = "all_or_nothing"
SCORING_PARTIAL = "partial"
SCORINGS = (SCORING_ALL_OR_NOTHING, SCORING_PARTIAL)
TRUE_TEXT = "Đúng"
FALSE_TEXT = "Sai"
MAX_OPTIONS = 26  # answer letters A..Z on paper sheets and in Aiken/XLSX files
MAX_QUIZ_ID = 80
MAX_QUESTION_ID = 100
WEIGHT_TOLERANCE = 1e-3

KIND_LABELS: dict[str, str] = {
    QuestionKind.SINGLE: "Một đáp án",
    QuestionKind.MULTIPLE: "Nhiều đáp án",
    QuestionKind.TRUE_FALSE: "Đúng/Sai",
}
SCORING_LABELS: dict[str, str] = {
    SCORING_ALL_OR_NOTHING: "Đúng hết mới có điểm",
    SCORING_PARTIAL: "Tính điểm từng phần theo trọng số",
}

_QUIZ_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QUESTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass
class OptionDoc:
    text: str
    correct: bool = False
    weight: float | None = None  # percent of the question's points; None = default
    feedback: str = ""
    line: int = field(default=0, compare=False)


@dataclass
class QuestionDoc:
    id: str
    kind: str  # a QuestionKind value
    text: str
    options: list[OptionDoc] = field(default_factory=list)
    explanation: str = ""
    source: str = ""
    tags: list[str] = field(default_factory=list)
    name: str = ""  # an optional title (GIFT ::name::); the id names the question otherwise
    line: int = field(default=0, compare=False)
    #: Line of each key in the source file, for precise problem reports (native format).
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@dataclass
class QuizDoc:
    id: str
    title: str
    topic: str = ""
    pass_mark: float = 5.0
    shuffle_questions: bool = False
    shuffle_options: bool = False
    scoring: str = SCORING_ALL_OR_NOTHING
    description: str = ""
    questions: list[QuestionDoc] = field(default_factory=list)
    source_file: str = field(default="", compare=False)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a quiz file, at a line (0 when the file could not be read)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Skipped:
    """A question of an imported file that the app cannot represent, and why."""

    name: str
    line: int
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "line": self.line, "reason": self.reason}


@dataclass
class ParseResult:
    """What a reader made of a file. ``problems`` make the file unusable as it is;
    ``skipped`` questions are left out but the rest can be used; ``warnings`` are remarks
    that do not stop an import (e.g. a question kind guessed from the answers)."""

    quiz: QuizDoc | None
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.quiz is not None and not self.problems


# --- ids and names ---------------------------------------------------------------------------


def is_valid_quiz_id(value: str) -> bool:
    return len(value) <= MAX_QUIZ_ID and _QUIZ_ID.fullmatch(value) is not None


def is_valid_question_id(value: str) -> bool:
    return len(value) <= MAX_QUESTION_ID and _QUESTION_ID.fullmatch(value) is not None


def slug_id(text: str, fallback: str = "bo-cau-hoi") -> str:
    """A quiz id from a title or file name: "Bộ câu hỏi tháng 3" -> "bo-cau-hoi-thang-3"."""
    words = re.findall(r"[a-z0-9]+", search_key(text))
    slug = "-".join(words)[:MAX_QUIZ_ID].strip("-")
    return slug or fallback


def question_label(question: QuestionDoc) -> str:
    """How problems name a question: its id, or its name when it has no id."""
    return question.id or question.name or "?"


def text_identity(text: str) -> str:
    """Key for "is this the same question text?": cleaned, case-folded, tone placement
    unified (hoà = hòa), NFC."""
    return name_identity_key(text)


def letter(index: int) -> str:
    """0 -> "A", 1 -> "B"…; past Z the 1-based number."""
    return chr(ord("A") + index) if 0 <= index < 26 else str(index + 1)


# --- weights ---------------------------------------------------------------------------------


def default_weight(question: QuestionDoc, option: OptionDoc) -> float:
    if question.kind == QuestionKind.MULTIPLE:
        n_correct = sum(1 for o in question.options if o.correct)
        if n_correct == 0:
            return 0.0
        share = 100.0 / n_correct
        return share if option.correct else -share
    return 100.0 if option.correct else 0.0


def effective_weights(question: QuestionDoc) -> list[float]:
    """The weight (percent) of each option, defaults filled in."""
    return [default_weight(question, o) if o.weight is None else float(o.weight)
            for o in question.options]


def round_weight(value: float) -> float:
    return round(float(value), 5) + 0.0  # + 0.0 turns -0.0 into 0.0


# --- normalisation ---------------------------------------------------------------------------


def _clean_list(values: Iterable[str]) -> list[str]:
    return [t for t in (clean_text(v) for v in values) if t]


def normalize_question(question: QuestionDoc) -> QuestionDoc:
    """Clean every text (NFC, spaces; newlines kept where text may have several lines),
    round weights to 5 decimals and drop weights equal to the default; the options of a
    true/false question are put in the order Đúng, Sai."""
    options = [
        replace(o, text=clean_text(o.text), feedback=clean_text(o.feedback, keep_newlines=True),
                weight=None if o.weight is None else round_weight(o.weight))
        for o in question.options
    ]
    kind = clean_text(question.kind)
    if (kind == QuestionKind.TRUE_FALSE and len(options) == 2
            and [o.text for o in options] == [FALSE_TEXT, TRUE_TEXT]):
        options.reverse()  # always Đúng (A) then Sai (B), as on paper answer sheets
    q = replace(question, id=clean_text(question.id), kind=kind,
                text=clean_text(question.text, keep_newlines=True), options=options,
                explanation=clean_text(question.explanation, keep_newlines=True),
                source=clean_text(question.source), tags=_clean_list(question.tags),
                name=clean_text(question.name))
    for option in q.options:
        if option.weight is not None and math.isfinite(option.weight) and abs(
            option.weight - default_weight(q, option)
        ) < WEIGHT_TOLERANCE:
            option.weight = None
    return q


def normalize_quiz(doc: QuizDoc) -> QuizDoc:
    return replace(doc, id=clean_text(doc.id), title=clean_text(doc.title),
                   topic=clean_text(doc.topic), scoring=clean_text(doc.scoring),
                   description=clean_text(doc.description, keep_newlines=True),
                   questions=[normalize_question(q) for q in doc.questions])


def uses_weights(doc: QuizDoc) -> bool:
    """True when some option has a weight other than its default."""
    return any(o.weight is not None for q in doc.questions for o in q.options)

