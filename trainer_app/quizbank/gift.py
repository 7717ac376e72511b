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

import html
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
    effective_weights,
    is_valid_question_id,
    normalize_quiz,
    slug_id,
    text_identity,
    uses_weights,
    validate_quiz,
)
from trainer_app.domain.vntext import clean_text
from trainer_app.quizbank.textfile import decode_text

__all__ = ["ExportResult", "export_gift", "looks_gift", "parse_gift", "read_gift"]

# Escaped control characters become private-use placeholders while the text is parsed.
_CONTROL = "\\:#={}~n"
_PLACEHOLDER = {ch: chr(0xF8F0 + i) for i, ch in enumerate(_CONTROL)}
_LITERAL = {ph: ("\n" if ch == "n" else ch) for ch, ph in _PLACEHOLDER.items()}
_PLACEHOLDER_RANGE = re.compile("[\uf8f0-\uf8f7]")
_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
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


def _pre(text: str) -> str:
    """Escaped control characters -> placeholders (Moodle's escapedchar_pre)."""
    text = _PLACEHOLDER_RANGE.sub("", text)
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _PLACEHOLDER:
            out.append(_PLACEHOLDER[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _post(text: str) -> str:
    return "".join(_LITERAL.get(ch, ch) for ch in text)


_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)


def html_to_text(text: str) -> str:
    """Plain text from an HTML fragment: tags dropped, <br> and block ends as line
    breaks, entities decoded."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)</(p|div|li|h[1-6]|tr|table|ul|ol|blockquote)\s*>", "\n", text)
    text = re.sub(r"(?i)<li\b[^>]*>", "- ", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def markdown_to_text(text: str) -> str:
    """Markdown emphasis and code marks removed: **a** __a__ `a` -> a."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"__(.+?)__", r"\1", text, flags=re.DOTALL)
    return re.sub(r"`([^`]+)`", r"\1", text)


def _text(raw: str, default: str = "moodle", *, multiline: bool = True) -> tuple[str, str]:
    """(clean text, format) of one piece of GIFT text (still with placeholders)."""
    raw = raw.strip()
    fmt = default
    marker = _FORMAT.match(raw)
    if marker:
        fmt = marker.group(1).lower()
        raw = raw[marker.end():]
    text = _post(raw)
    if fmt == "html":
        text = html_to_text(text)
    elif fmt == "markdown":
        text = markdown_to_text(text)
    return clean_text(text, keep_newlines=multiline), fmt


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


def _short(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


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


# --- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    text: str
    questions: int
    warnings: list[str]


def _escape(text: str, *, head: bool = False, name: bool = False) -> str:
    """GIFT text with every control character escaped and line breaks as \\n (Moodle's
    repchar). A text that would read as a format marker, or a question line that would read
    as a comment or a category, gets [plain] in front."""
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    out = out.replace("\n", "\\n")
    if name:  # a name is never read for a format marker
        return out
    marker = _FORMAT.match(text) or (head and text.startswith(("//", "$CATEGORY")))
    return "[plain]" + out if marker else out


def _number(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _option(prefix: str, option: OptionDoc) -> str:
    line = "\t" + prefix + _escape(option.text)
    if option.feedback:
        line += "#" + _escape(option.feedback)
    return line


def _question(q: QuestionDoc, warnings: list[str]) -> list[str]:
    meta = [f"[id:{q.id}]"]
    for tag in q.tags:
        if "]" in tag:
            warnings.append(f"Câu {q.id}: nhãn \"{tag}\" có dấu ], đã đổi thành ).")
        meta.append(f"[tag:{tag.replace(']', ')')}]")
    out = ["// " + " ".join(meta)]
    if q.source:
        out.append(f"// [source:{q.source}]")
    if q.name:
        head = f"::{_escape(q.name, name=True)}::{_escape(q.text)}"
    else:
        head = _escape(q.text, head=True)
    general = f"####{_escape(q.explanation)}" if q.explanation else ""
    if q.kind == QuestionKind.TRUE_FALSE:
        true = next(o for o in q.options if o.text == TRUE_TEXT)
        false = next(o for o in q.options if o.text == FALSE_TEXT)
        right, wrong = (true, false) if true.correct else (false, true)
        answer = "TRUE" if true.correct else "FALSE"
        if wrong.feedback or right.feedback:
            answer += "#" + _escape(wrong.feedback)
        if right.feedback:
            answer += "#" + _escape(right.feedback)
        out.append(f"{head}{{{answer}{general}}}")
        return out
    out.append(head + "{")
    weights = effective_weights(q)
    for option, weight in zip(q.options, weights, strict=True):
        if q.kind == QuestionKind.SINGLE and option.correct:
            prefix = "="
        elif weight == 0 and not _WEIGHT.match(option.text):
            prefix = "~"
        else:
            prefix = f"~%{_number(weight)}%"
        out.append(_option(prefix, option))
    if general:
        out.append("\t" + general)
    out.append("}")
    return out


def settings_warning(doc: QuizDoc, fmt: str) -> list[str]:
    """A warning when the quiz has settings a format cannot hold (pass mark, shuffles,
    topic, description): they take their defaults when the file is imported again."""
    lost = []
    if doc.pass_mark != 5.0:
        lost.append(f"điểm đạt {doc.pass_mark:g}")
    if doc.shuffle_questions or doc.shuffle_options:
        lost.append("cách trộn")
    if doc.topic:
        lost.append("chủ đề")
    if doc.description:
        lost.append("mô tả")
    if not lost:
        return []
    return [f"Định dạng {fmt} không ghi được {', '.join(lost)} của bộ câu hỏi; khi nhập lại "
            "cần đặt lại."]


def export_gift(doc: QuizDoc) -> ExportResult:
    """The quiz as GIFT text (UTF-8) that Moodle and ``parse_gift`` read back. Quiz
    settings (pass mark, shuffles, scoring) have no place in GIFT and are left out; the
    title goes in a comment."""
    warnings = settings_warning(doc, "GIFT")
    out = [f"// {line}" for line in doc.title.split("\n")]
    out += [f"// Bộ câu hỏi \"{doc.id}\", xuất từ ứng dụng Tập huấn CTV (định dạng GIFT "
            "của Moodle, mã hóa UTF-8).", f"// [scoring:{doc.scoring}]", ""]
    if doc.scoring == SCORING_ALL_OR_NOTHING and any(
        q.kind == QuestionKind.MULTIPLE or any(o.weight is not None for o in q.options)
        for q in doc.questions
    ):
        warnings.append("Bộ câu hỏi chấm kiểu đúng hết mới có điểm; Moodle thì chấm câu nhiều "
                        "đáp án và câu có trọng số theo từng phần.")
    for q in doc.questions:
        out += _question(q, warnings)
        out.append("")
    return ExportResult("\n".join(out), len(doc.questions), warnings)
