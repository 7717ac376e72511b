"""Writing a quiz as Moodle GIFT text that Moodle and ``gift.parse_gift`` read back."""

from __future__ import annotations

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    SCORING_ALL_OR_NOTHING,
    TRUE_TEXT,
    OptionDoc,
    QuestionDoc,
    QuizDoc,
    effective_weights,
)
from trainer_app.quizbank.exporting import ExportResult, settings_warning
from trainer_app.quizbank.gift_markup import FORMAT_MARKER, WEIGHT

__all__ = ["export_gift"]


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
    marker = FORMAT_MARKER.match(text) or (head and text.startswith(("//", "$CATEGORY")))
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
        elif weight == 0 and not WEIGHT.match(option.text):
            prefix = "~"
        else:
            prefix = f"~%{_number(weight)}%"
        out.append(_option(prefix, option))
    if general:
        out.append("\t" + general)
    out.append("}")
    return out


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
