"""Moodle GIFT import and export, following Moodle's own reader (question/format/gift).

Questions are separated by blank lines; ``//`` starts a comment line; ``::name::`` names a
question; ``[html]``, ``[moodle]``, ``[markdown]``, ``[plain]`` set the text format (HTML
markup is turned into plain text, markdown emphasis removed); ``\\~ \\= \\# \\{ \\} \\\\ \\:``
are literal characters and ``\\n`` a line break; ``$CATEGORY:`` lines become a tag of the
questions after them; ``// [id:…]``, ``// [tag:…]`` (Moodle 3.6+) and our own
``// [source:…]`` comments before a question give its id, tags and source.

Supported: multiple choice with one answer ``{=right ~wrong}`` or several answers
``{~%50%a ~%50%b ~%-100%c}``, per-answer feedback ``#``, general feedback ``####``,
percentage weights, true/false ``{T}`` ``{TRUE}`` ``{F}`` ``{FALSE}`` with feedback. The
quiz is scored partially (by the weights, as Moodle does) when it has weights or
multiple-answer questions, unless our own ``// [scoring:…]`` header comment says otherwise.
Everything else (short answer, matching, numerical, missing word, essay, description) is
reported as skipped by name and line, never dropped silently. Broken syntax (unbalanced
braces, an unclosed ``::name``, fewer than two answers) is a problem with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    SCORING_ALL_OR_NOTHING,
    SCORING_PARTIAL,
    TRUE_TEXT,
    OptionDoc,
    ParseResult,
    Problem,
    QuestionDoc,
    QuizDoc,
    Skipped,
    is_valid_question_id,
    normalize_quiz,
    slug_id,
    text_identity,
    uses_weights,
)
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.domain.vntext import clean_text
from trainer_app.quizbank.exporting import ExportResult
from trainer_app.quizbank.gift_export import export_gift
from trainer_app.quizbank.gift_markup import WEIGHT as _WEIGHT
from trainer_app.quizbank.gift_markup import piece_text as _text
from trainer_app.quizbank.gift_markup import post_escape as _post
from trainer_app.quizbank.gift_markup import pre_escape as _pre
from trainer_app.quizbank.gift_markup import short as _short
from trainer_app.quizbank.textfile import decode_text

# The writer lives in gift_export; it is offered here too, beside the reader.
__all__ = ["ExportResult", "export_gift", "looks_gift", "parse_gift", "read_gift"]

_META = re.compile(r"\[(id|tag):([^\]\n]*)\]")
_SOURCE = re.compile(r"\[source:(.*)\]")
_SCORING = re.compile(r"\[scoring:(all_or_nothing|partial)\]")
_TF_ANSWERS = {"T": True, "TRUE": True, "F": False, "FALSE": False}

SKIP_REASONS = {
    "description": "Đoạn mô tả, không có phần trả lời { } nên không phải câu hỏi.",
    "essay": "Câu tự luận ({ } để trống): ứng dụng chỉ chấm câu chọn đáp án.",
    "numerical": "Câu trả lời bằng số ({#…}): ứng dụng chưa hỗ trợ.",
    "match": "Câu ghép cặp (=… -> …): ứng dụng chưa hỗ trợ.",
    "shortanswer": "Câu trả lời ngắn (chỉ có =, không có ~): ứng dụng chỉ chấm câu chọn "
                   "đáp án.",
    "missingword": "Câu điền từ vào chỗ trống (phần { } nằm giữa câu): ứng dụng chưa hỗ trợ; "
                   "hãy chuyển phần { } về cuối câu.",
    "twocorrect": "Câu một đáp án (có =) nhưng nhiều phương án cùng đúng hoàn toàn: ứng dụng "
                  "không hỗ trợ; hãy dùng ~%50% cho câu nhiều đáp án.",
}

# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Block:
    first: int  # line number of the first content line
    lines: list[str]  # content lines from `first` on (comment lines blanked)
    comments: list[str] = field(default_factory=list)
    category: str | None = None


def _blocks(text: str) -> list[_Block]:
    """Split on blank lines (Moodle's rule); comment lines are kept aside."""
    out: list[_Block] = []
    current: list[tuple[int, str]] = []

    def flush() -> None:
        comments = [t.strip()[2:] for _n, t in current if t.strip().startswith("//")]
        content = [(n, "" if t.strip().startswith("//") else t) for n, t in current]
        while content and not content[0][1].strip():
            content.pop(0)
        if content or comments:
            first = content[0][0] if content else current[0][0]
            out.append(_Block(first, [t for _n, t in content], comments))
        current.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            flush()
    if current:
        flush()
    return out



@dataclass
class _Meta:
    id: str = ""
    tags: list[str] = field(default_factory=list)
    source: str = ""


def _meta(comments: list[str]) -> _Meta:
    meta = _Meta()
    for comment in comments:
        source = _SOURCE.search(comment)
        if source:
            meta.source = clean_text(source.group(1))
            comment = comment[: source.start()]
        for key, value in _META.findall(comment):
            value = clean_text(value)
            if key == "id" and value:
                meta.id = value
            elif key == "tag" and value:
                meta.tags.append(value)
    return meta


class _Parser:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.skipped: list[Skipped] = []
        self.questions: list[QuestionDoc] = []
        self.auto_ids: list[tuple[QuestionDoc, int]] = []
        self.seen_texts: dict[str, int] = {}
        self.count = 0
        self.scoring: str | None = None  # from our own "// [scoring:…]" header comment

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def parse(self, text: str) -> None:
        category = ""
        for block in _blocks(text):
            for comment in block.comments:
                scoring = _SCORING.search(comment)
                if scoring and self.scoring is None:
                    self.scoring = scoring.group(1)
            lines = list(block.lines)
            first = block.first
            if lines and lines[0].strip().startswith("$CATEGORY:"):
                category = clean_text(lines[0].strip()[len("$CATEGORY:"):])
                lines.pop(0)
                first += 1
                while lines and not lines[0].strip():
                    lines.pop(0)
                    first += 1
            if not lines:
                continue
            self.count += 1
            self.question("\n".join(lines).strip(), first, _meta(block.comments), category)

    def _brace_problem(self, s: str, first: int) -> bool:
        """Report unbalanced or repeated braces; True when there was a problem."""
        opened: int | None = None
        pairs = 0
        line = first
        for ch in s:
            if ch == "\n":
                line += 1
            elif ch == "{":
                if opened is not None:
                    self.problem(line, f"Dấu {{ ở dòng {line} nằm trong cặp {{ }} mở ở dòng "
                                       f"{opened} (thiếu dấu }}, hoặc viết \\{{ nếu là chữ).")
                    return True
                opened = line
                pairs += 1
                if pairs == 2:
                    self.problem(line, "Có hơn một phần trả lời { } trong một câu hỏi: có thể "
                                       "thiếu dòng trống giữa hai câu hỏi.")
                    return True
            elif ch == "}":
                if opened is None:
                    self.problem(line, "Dấu } không có dấu { mở tương ứng (viết \\} nếu là "
                                       "chữ).")
                    return True
                opened = None
        if opened is not None:
            self.problem(opened, f"Dấu {{ ở dòng {opened} chưa được đóng bằng }} (mỗi câu hỏi "
                                 "phải kết thúc phần trả lời trước dòng trống).")
            return True
        return False

    def question(self, raw: str, first: int, meta: _Meta, category: str) -> None:
        s = _pre(raw)
        if self._brace_problem(s, first):
            return
        name = ""
        if s.startswith("::"):
            end = s.find("::", 2)
            if end < 0:
                self.problem(first, "Tên câu hỏi bắt đầu bằng :: nhưng không có :: đóng.")
                return
            name = clean_text(_post(s[2:end]))
            s = s[end + 2:].strip()
        start, close = s.find("{"), s.find("}")
        if start < 0:
            text, _fmt = _text(s)
            self.skip(name or _short(text), first, SKIP_REASONS["description"])
            return
        answer = s[start + 1:close].strip()
        before, rest = s[:start], s[close + 1:]
        after = rest.strip()
        general = ""
        gf = answer.rfind("####")
        if gf >= 0:
            general, answer = answer[gf + 4:], answer[:gf].strip()
        qtext, fmt = _text(before)
        label = name or _short(_text(before + ("_____" + rest if after else ""))[0])
        kind = self.classify(answer)
        if kind not in ("multichoice", "truefalse"):
            self.skip(label, first, SKIP_REASONS[kind])
            return
        if after:
            self.skip(label, first, SKIP_REASONS["missingword"])
            return
        explanation, _ = _text(general, fmt)
        if kind == "truefalse":
            options = self.true_false(answer, fmt)
            qkind: str = QuestionKind.TRUE_FALSE
        else:
            parsed = self.multichoice(answer, fmt, first, label)
            if parsed is None:
                return
            qkind, options = parsed
        if not qtext:
            self.problem(first, f"Câu \"{label}\": không có nội dung câu hỏi trước {{.")
            return
        key = text_identity(qtext)
        if key in self.seen_texts:
            self.skip(label, first, f"Trùng nội dung với câu ở dòng {self.seen_texts[key]} "
                                    "(đã nhập câu đó).")
            return
        self.seen_texts[key] = first
        question = QuestionDoc(
            id="", kind=qkind, text=qtext, options=options, explanation=explanation,
            source=meta.source, tags=meta.tags or ([category] if category else []),
            name=name, line=first)
        if meta.id and is_valid_question_id(meta.id) and all(
            q.id != meta.id for q in self.questions
        ):
            question.id = meta.id
        else:
            self.auto_ids.append((question, self.count))
        self.questions.append(question)

    def skip(self, name: str, line: int, reason: str) -> None:
        self.skipped.append(Skipped(name, line, reason))

    @staticmethod
    def classify(answer: str) -> str:
        """Moodle's order of tests on the answer part."""
        if answer == "":
            return "essay"
        if answer.startswith("#"):
            return "numerical"
        if "~" in answer:
            return "multichoice"
        if "=" in answer and "->" in answer:
            return "match"
        check = answer.split("#", 1)[0].strip() if answer.find("#") > 0 else answer
        if check.upper() in _TF_ANSWERS:
            return "truefalse"
        return "shortanswer"

    @staticmethod
    def true_false(answer: str, fmt: str) -> list[OptionDoc]:
        bits = answer.split("#", 2)
        truth = _TF_ANSWERS[bits[0].strip().upper()]
        wrong = _text(bits[1], fmt)[0] if len(bits) > 1 else ""
        right = _text(bits[2], fmt)[0] if len(bits) > 2 else ""
        return [
            OptionDoc(TRUE_TEXT, correct=truth, feedback=right if truth else wrong),
            OptionDoc(FALSE_TEXT, correct=not truth, feedback=wrong if truth else right),
        ]

    def multichoice(self, answer: str, fmt: str, first: int,
                    label: str) -> tuple[str, list[OptionDoc]] | None:
        single = "=" in answer
        parts = answer.replace("=", "~=").split("~")
        if parts and not parts[0].strip():
            parts.pop(0)
        elif parts:
            self.problem(first, f"Câu \"{label}\": có chữ \"{_short(_post(parts[0]), 30)}\" "
                                "trước phương án đầu tiên (mỗi phương án bắt đầu bằng = hoặc ~).")
            return None
        if len(parts) < 2:
            self.problem(first, f"Câu \"{label}\": câu chọn đáp án cần ít nhất 2 phương án.")
            return None
        options: list[OptionDoc] = []
        full = 0
        for part in parts:
            part = part.strip()
            weight: float | None
            if part.startswith("="):
                weight, part = 100.0, part[1:]
                full += 1
            elif (m := _WEIGHT.match(part)) is not None:
                weight, part = float(m.group(1)), part[m.end():]
            else:
                weight = None if single else 0.0
            text_part, _, feedback_part = part.partition("#")
            text, _ = _text(text_part, fmt, multiline=False)
            feedback = _text(feedback_part, fmt)[0] if feedback_part else ""
            if not text:
                self.problem(first, f"Câu \"{label}\": có phương án không có nội dung.")
                return None
            if single:
                correct = weight is not None and weight >= 100
                options.append(OptionDoc(text, correct, None if correct else weight, feedback))
            else:
                options.append(OptionDoc(text, bool(weight and weight > 0), weight, feedback))
        if single and full > 1:
            self.skip(label, first, SKIP_REASONS["twocorrect"])
            return None
        if not any(o.correct for o in options):
            self.problem(first, f"Câu \"{label}\": không có phương án đúng (đánh dấu đáp án "
                                "đúng bằng =, hoặc ~%50% … cho câu nhiều đáp án).")
            return None
        kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
        return kind, options

    def assign_ids(self) -> None:
        used = {q.id for q in self.questions if q.id}
        width = max(2, len(str(self.count)))
        for question, number in self.auto_ids:
            candidate = f"q{number:0{width}d}"
            suffix = 2
            while candidate in used:
                candidate = f"q{number:0{width}d}-{suffix}"
                suffix += 1
            question.id = candidate
            used.add(candidate)


def parse_gift(text: str, file: str = "", *, quiz_id: str = "", title: str = "") -> ParseResult:
    """Read GIFT text into a quiz. ``quiz_id`` and ``title`` default to ones made from the
    file name. The quiz uses partial scoring when some answer has a percentage weight."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser = _Parser(file)
    parser.parse(text)
    parser.assign_ids()
    stem = Path(file).stem if file else ""
    doc = QuizDoc(id=quiz_id or slug_id(stem or title or "gift"),
                  title=title or clean_text(stem) or "Bộ câu hỏi nhập từ GIFT",
                  questions=parser.questions, source_file=file)
    doc = normalize_quiz(doc)
    if parser.scoring is not None:
        doc.scoring = parser.scoring
    elif uses_weights(doc) or any(q.kind == QuestionKind.MULTIPLE for q in doc.questions):
        doc.scoring = SCORING_PARTIAL  # Moodle scores by the weights
    else:
        doc.scoring = SCORING_ALL_OR_NOTHING
    problems = parser.problems
    if not problems:
        problems = validate_quiz(doc, file)
    return ParseResult(doc, sorted(problems, key=lambda p: p.line), parser.skipped)


def read_gift(path: Path | str, label: str | None = None, *, quiz_id: str = "",
              title: str = "") -> ParseResult:
    path = Path(path)
    file = label if label is not None else str(path)
    text, problem = decode_text(path, file)
    if problem is not None:
        return ParseResult(None, [problem])
    return parse_gift(text, file, quiz_id=quiz_id, title=title)


def looks_gift(text: str) -> bool:
    """A text with an answer part { … } outside comments."""
    body = "\n".join(line for line in text.split("\n") if not line.strip().startswith("//"))
    return "{" in _pre(body)

