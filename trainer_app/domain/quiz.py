"""A quiz as plain data (``QuizDoc``), independent of any file format or the database, with
the rules every quiz must follow (``validate_quiz``) and its canonical JSON form (what a
frozen quiz version stores). Standard library only.

Weights are percentages of a question's points. ``OptionDoc.weight`` is ``None`` when the
option uses the default weight (``default_weight``); ``normalize_quiz`` turns explicit
weights that equal the default into ``None`` so that one quiz has one representation:

* single choice and true/false: the correct option 100, a wrong option 0 (a wrong option
  of a single-choice question may carry a partial weight, e.g. 50, under partial scoring);
* multiple answers: each correct option 100 / (number of correct options), each wrong
  option minus that (so ticking every box does not earn the points).
"""

from __future__ import annotations

import hashlib
import json
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
    "QuestionDoc", "QuizDoc", "Skipped", "canonical_dict", "canonical_json", "content_sha256",
    "default_weight", "effective_weights", "from_canonical_dict", "is_valid_question_id",
    "is_valid_quiz_id", "letter", "normalize_question", "normalize_quiz", "question_label",
    "slug_id", "text_identity", "uses_weights", "validate_quiz",
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


def _round_weight(value: float) -> float:
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
                weight=None if o.weight is None else _round_weight(o.weight))
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


# --- validation ------------------------------------------------------------------------------


def _validate_quiz_fields(doc: QuizDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    if not doc.id:
        out.append(Problem(file, doc.line_of("id"), "Thiếu mã bộ câu hỏi (id)."))
    elif not is_valid_quiz_id(doc.id):
        out.append(Problem(
            file, doc.line_of("id"),
            f"Mã bộ câu hỏi \"{doc.id}\" không hợp lệ: chỉ dùng chữ thường a-z không dấu, "
            f"chữ số 0-9 và dấu gạch ngang \"-\" (tối đa {MAX_QUIZ_ID} ký tự), "
            "ví dụ \"bvte-kiem-tra-dau-vao\"."))
    if not doc.title:
        out.append(Problem(file, doc.line_of("title"), "Thiếu tên bộ câu hỏi (title)."))
    if (isinstance(doc.pass_mark, bool) or not isinstance(doc.pass_mark, int | float)
            or not math.isfinite(doc.pass_mark) or not 0 <= doc.pass_mark <= 10):
        out.append(Problem(
            file, doc.line_of("pass_mark"),
            f"Điểm đạt (pass_mark) phải là một số từ 0 đến 10 (thang điểm 10), "
            f"không phải {doc.pass_mark!r}."))
    if doc.scoring not in SCORINGS:
        out.append(Problem(
            file, doc.line_of("scoring"),
            f"Cách chấm (scoring) \"{doc.scoring}\" không hợp lệ: dùng \"all_or_nothing\" "
            "hoặc \"partial\"."))
    if not doc.questions:
        out.append(Problem(file, doc.line_of("questions"), "Bộ câu hỏi chưa có câu hỏi nào."))
    return out


def _validate_options(q: QuestionDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    label = question_label(q)
    opt_line = q.line_of("options")
    if len(q.options) < 2:
        out.append(Problem(file, opt_line, f"Câu {label}: cần ít nhất 2 phương án trả lời."))
    if len(q.options) > MAX_OPTIONS:
        out.append(Problem(file, opt_line,
                           f"Câu {label}: có {len(q.options)} phương án, tối đa {MAX_OPTIONS} "
                           "(A đến Z)."))
    seen: dict[str, int] = {}
    for index, option in enumerate(q.options):
        line = option.line or opt_line
        if not option.text:
            out.append(Problem(file, line,
                               f"Câu {label}: phương án {letter(index)} không có nội dung."))
            continue
        key = text_identity(option.text)
        if key in seen:
            out.append(Problem(
                file, line, f"Câu {label}: phương án {letter(index)} (\"{option.text}\") trùng "
                f"với phương án {letter(seen[key])}."))
        else:
            seen[key] = index
    correct = [i for i, o in enumerate(q.options) if o.correct]
    if q.options and not correct:
        out.append(Problem(file, opt_line, f"Câu {label}: chưa đánh dấu phương án đúng nào "
                           "(correct = true)."))
    if q.kind == QuestionKind.SINGLE and len(correct) > 1:
        letters = ", ".join(letter(i) for i in correct)
        out.append(Problem(
            file, opt_line, f"Câu {label}: câu một đáp án (single) nhưng có {len(correct)} "
            f"phương án đúng ({letters}); nếu nhiều phương án cùng đúng, dùng kind = "
            "\"multiple\"."))
    if q.kind == QuestionKind.TRUE_FALSE:
        texts = sorted(o.text for o in q.options)
        if texts != sorted([TRUE_TEXT, FALSE_TEXT]):
            out.append(Problem(
                file, opt_line, f"Câu {label}: câu Đúng/Sai (true_false) phải có đúng hai "
                f"phương án \"{TRUE_TEXT}\" và \"{FALSE_TEXT}\"."))
        elif len(correct) != 1:
            out.append(Problem(file, opt_line, f"Câu {label}: câu Đúng/Sai phải có đúng một "
                               "phương án đúng."))
    return out + _validate_weights(q, file)


def _weight_problem(q: QuestionDoc, option: OptionDoc) -> str | None:
    w = option.weight
    assert w is not None
    if not math.isfinite(w) or not -100 <= w <= 100:
        return "trọng số phải từ -100 đến 100 (%)."
    if q.kind == QuestionKind.TRUE_FALSE:
        return "câu Đúng/Sai không dùng trọng số."
    if q.kind == QuestionKind.SINGLE and option.correct and abs(w - 100) > WEIGHT_TOLERANCE:
        return ("phương án đúng của câu một đáp án luôn được 100%; phương án chỉ được một "
                "phần điểm thì không đánh dấu correct.")
    if q.kind == QuestionKind.SINGLE and not option.correct and w >= 100:
        return "phương án được 100% điểm phải đánh dấu correct = true."
    if q.kind == QuestionKind.MULTIPLE and option.correct and w <= 0:
        return "phương án đúng phải có trọng số dương."
    if q.kind == QuestionKind.MULTIPLE and not option.correct and w > 0:
        return ("phương án sai không được có trọng số dương (đánh dấu correct = true nếu nó "
                "đúng).")
    return None


def _validate_weights(q: QuestionDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    label = question_label(q)
    explicit = False
    for index, option in enumerate(q.options):
        if option.weight is None:
            continue
        explicit = True
        message = _weight_problem(q, option)
        if message:
            out.append(Problem(file, option.line or q.line_of("options"),
                               f"Câu {label}, phương án {letter(index)}: {message}"))
    if explicit and not out and q.kind == QuestionKind.MULTIPLE and any(
        o.correct for o in q.options
    ):
        total = sum(w for w, o in zip(effective_weights(q), q.options, strict=True) if o.correct)
        if abs(total - 100) > 0.01:
            out.append(Problem(file, q.line_of("options"),
                               f"Câu {label}: tổng trọng số các phương án đúng là {total:g}%, "
                               "phải bằng 100%."))
    return out


def validate_quiz(doc: QuizDoc, file: str = "") -> list[Problem]:
    """Every rule a quiz must follow, as problems with file and line (Vietnamese messages),
    sorted by line. ``doc`` should be normalised (``normalize_quiz``) first."""
    file = file or doc.source_file
    out = _validate_quiz_fields(doc, file)
    ids: dict[str, QuestionDoc] = {}
    texts: dict[str, QuestionDoc] = {}
    for q in doc.questions:
        label = question_label(q)
        if not q.id:
            out.append(Problem(file, q.line, "Câu hỏi thiếu mã (id)."))
        elif not is_valid_question_id(q.id):
            out.append(Problem(file, q.line_of("id"),
                               f"Mã câu hỏi \"{q.id}\" không hợp lệ: dùng chữ cái không dấu, "
                               "chữ số, \"-\", \"_\" hoặc \".\", ví dụ \"q01\"."))
        elif q.id in ids:
            out.append(Problem(file, q.line_of("id"),
                               f"Mã câu hỏi \"{q.id}\" bị trùng (đã dùng ở dòng "
                               f"{ids[q.id].line})."))
        else:
            ids[q.id] = q
        if q.kind not in KIND_LABELS:
            out.append(Problem(file, q.line_of("kind"),
                               f"Câu {label}: loại câu hỏi (kind) \"{q.kind}\" không hợp lệ: "
                               "dùng \"single\", \"multiple\" hoặc \"true_false\"."))
            continue
        if not q.text:
            out.append(Problem(file, q.line_of("text"),
                               f"Câu {label}: chưa có nội dung câu hỏi (text)."))
        else:
            key = text_identity(q.text)
            if key in texts:
                first = texts[key]
                out.append(Problem(file, q.line_of("text"),
                                   f"Câu {label}: nội dung trùng với câu {question_label(first)}"
                                   f" (dòng {first.line})."))
            else:
                texts[key] = q
        out += _validate_options(q, file)
    return sorted(out, key=lambda p: p.line)


# --- canonical form --------------------------------------------------------------------------


def canonical_dict(doc: QuizDoc) -> dict[str, Any]:
    """Everything that makes up the quiz's content, with every weight filled in: what a
    frozen version stores. Lines and the source file are not content."""
    return {
        "format": QUIZ_FORMAT,
        "format_version": FORMAT_VERSION,
        "id": doc.id,
        "title": doc.title,
        "topic": doc.topic,
        "pass_mark": float(doc.pass_mark),
        "shuffle_questions": bool(doc.shuffle_questions),
        "shuffle_options": bool(doc.shuffle_options),
        "scoring": doc.scoring,
        "description": doc.description,
        "questions": [
            {
                "id": q.id,
                "kind": q.kind,
                "name": q.name,
                "text": q.text,
                "explanation": q.explanation,
                "source": q.source,
                "tags": list(q.tags),
                "options": [
                    {"text": o.text, "correct": bool(o.correct), "weight": _round_weight(w),
                     "feedback": o.feedback}
                    for o, w in zip(q.options, effective_weights(q), strict=True)
                ],
            }
            for q in doc.questions
        ],
    }


def canonical_json(doc: QuizDoc) -> str:
    return json.dumps(canonical_dict(doc), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False)


def content_sha256(doc: QuizDoc) -> str:
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def from_canonical_dict(data: dict[str, Any]) -> QuizDoc:
    """The inverse of ``canonical_dict`` (weights equal to the default become None)."""
    doc = QuizDoc(
        id=data["id"], title=data["title"], topic=data.get("topic", ""),
        pass_mark=float(data.get("pass_mark", 5.0)),
        shuffle_questions=bool(data.get("shuffle_questions", False)),
        shuffle_options=bool(data.get("shuffle_options", False)),
        scoring=data.get("scoring", SCORING_ALL_OR_NOTHING),
        description=data.get("description", ""),
        questions=[
            QuestionDoc(
                id=q["id"], kind=q["kind"], text=q["text"], name=q.get("name", ""),
                explanation=q.get("explanation", ""), source=q.get("source", ""),
                tags=list(q.get("tags", [])),
                options=[OptionDoc(text=o["text"], correct=bool(o["correct"]),
                                   weight=o.get("weight"), feedback=o.get("feedback", ""))
                         for o in q["options"]],
            )
            for q in data.get("questions", [])
        ],
    )
    return normalize_quiz(doc)
