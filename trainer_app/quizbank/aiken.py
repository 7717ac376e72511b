"""Aiken import and export (the plain format Moodle reads):

    Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi?
    A. Dưới 14 tuổi
    B) Dưới 16 tuổi
    C. Dưới 18 tuổi
    ANSWER: B

The question text may run over several lines (up to the first option line); options are
"A." or "A)" followed by a space, in letter order; "ANSWER:" names the right letter. Two
letters ("ANSWER: A, C") make a multiple-answer question (not standard Aiken, so the
exporter leaves such questions out and says so). A question whose options are exactly
"Đúng" and "Sai" is a true/false question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    TRUE_TEXT,
    OptionDoc,
    ParseResult,
    Problem,
    QuestionDoc,
    QuizDoc,
    letter,
    normalize_quiz,
    slug_id,
)
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.domain.vntext import clean_text
from trainer_app.quizbank.exporting import ExportResult, settings_warning
from trainer_app.quizbank.textfile import decode_text

__all__ = ["export_aiken", "looks_aiken", "parse_aiken", "read_aiken"]

_OPTION = re.compile(r"([A-Z])[.)](?:[ \t]+(.*))?")
_ANSWER = re.compile(r"(?:ANSWER|ĐÁP ÁN|DAP AN)\s*[:：]\s*(.*)", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]")


@dataclass
class _Pending:
    line: int
    text: list[str]
    options: list[tuple[int, str]] = field(default_factory=list)


class _Parser:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.questions: list[QuestionDoc] = []
        self.current: _Pending | None = None
        self.count = 0

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def missing_answer(self, pending: _Pending) -> None:
        if pending.options:
            self.problem(pending.line, f"Câu ở dòng {pending.line}: thiếu dòng \"ANSWER: …\" "
                                       "sau các phương án.")
        else:
            self.problem(pending.line, f"Câu ở dòng {pending.line}: không có phương án nào "
                                       "(A. …, B. …) và không có dòng ANSWER.")

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        current = self.current
        if not stripped:
            if current is not None and not current.options:
                current.text.append("")  # a blank line inside a multi-line question text
            return
        answer = _ANSWER.fullmatch(stripped)
        if answer:
            if current is None:
                self.problem(number, "Dòng ANSWER không thuộc câu hỏi nào.")
            else:
                self.finish(current, number, answer.group(1))
            self.current = None
            return
        option = _OPTION.fullmatch(stripped)
        if option and current is not None and (current.options or option.group(1) == "A"):
            expected = letter(len(current.options))
            if option.group(1) != expected:
                self.problem(number, f"Phương án {option.group(1)} không đúng thứ tự (cần "
                                     f"{expected}).")
            current.options.append((number, option.group(2) or ""))
            return
        if current is not None and current.options:
            self.missing_answer(current)
            current = None
        if current is None:
            self.count += 1
            self.current = _Pending(number, [stripped])
        else:
            current.text.append(stripped)

    def finish(self, pending: _Pending, line: int, answer: str) -> None:
        if not pending.options:
            self.problem(pending.line, f"Câu ở dòng {pending.line}: không có phương án nào "
                                       "(A. …, B. …) trước dòng ANSWER.")
            return
        letters = [c.upper() for c in _LETTERS.findall(answer)]
        valid = {letter(i) for i in range(len(pending.options))}
        if not letters:
            self.problem(line, "Dòng ANSWER không ghi chữ cái của đáp án đúng (ví dụ "
                               "ANSWER: B).")
            return
        if any(c not in valid for c in letters) or re.search(r"[^A-Za-z,;/&.\s]", answer):
            last = letter(len(pending.options) - 1)
            self.problem(line, f"Đáp án \"{answer.strip()}\" không có trong các phương án "
                               f"(chỉ có A đến {last}).")
            return
        chosen = {ord(c) - ord("A") for c in letters}
        options = [OptionDoc(text, index in chosen, line=n)
                   for index, (n, text) in enumerate(pending.options)]
        texts = [o.text.strip() for o in options]
        if len(chosen) > 1:
            kind: str = QuestionKind.MULTIPLE
        elif texts == [TRUE_TEXT, FALSE_TEXT]:
            kind = QuestionKind.TRUE_FALSE
        else:
            kind = QuestionKind.SINGLE
        text = "\n".join(pending.text).strip("\n")
        self.questions.append(QuestionDoc(id=f"q{self.count}", kind=kind, text=text,
                                          options=options, line=pending.line))

    def close(self) -> None:
        if self.current is not None:
            self.missing_answer(self.current)
            self.current = None
        width = max(2, len(str(self.count)))
        for q in self.questions:
            q.id = f"q{int(q.id[1:]):0{width}d}"


def parse_aiken(text: str, file: str = "", *, quiz_id: str = "", title: str = "") -> ParseResult:
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    parser = _Parser(file)
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"),
                                  start=1):
        parser.feed(number, line)
    parser.close()
    stem = Path(file).stem if file else ""
    doc = normalize_quiz(QuizDoc(id=quiz_id or slug_id(stem or title or "aiken"),
                                 title=title or clean_text(stem) or "Bộ câu hỏi nhập từ Aiken",
                                 questions=parser.questions, source_file=file))
    problems = parser.problems or validate_quiz(doc, file)
    return ParseResult(doc, sorted(problems, key=lambda p: p.line))


def read_aiken(path: Path | str, label: str | None = None, *, quiz_id: str = "",
               title: str = "") -> ParseResult:
    path = Path(path)
    file = label if label is not None else str(path)
    text, problem = decode_text(path, file)
    if problem is not None:
        return ParseResult(None, [problem])
    return parse_aiken(text, file, quiz_id=quiz_id, title=title)


def looks_aiken(text: str) -> bool:
    """Has "ANSWER:" lines and "A." option lines."""
    lines = [line.strip() for line in text.split("\n")]
    return (any(_ANSWER.fullmatch(line) for line in lines)
            and any(_OPTION.fullmatch(line) for line in lines))


def export_aiken(doc: QuizDoc) -> ExportResult:
    """Single-choice and true/false questions in Aiken. Aiken holds no explanation, source,
    feedback, weight or quiz setting; multiple-answer questions cannot be written (both are
    listed in the warnings)."""
    out: list[str] = []
    warnings = settings_warning(doc, "Aiken")
    written = 0
    for q in doc.questions:
        if q.kind == QuestionKind.MULTIPLE:
            warnings.append(f"Câu {q.id}: câu nhiều đáp án, định dạng Aiken không ghi được; "
                            "đã bỏ qua.")
            continue
        lines = q.text.split("\n")
        for number, line in enumerate(lines):
            if _ANSWER.fullmatch(line.strip()) or (number and _OPTION.fullmatch(line.strip())):
                warnings.append(f"Câu {q.id}: một dòng của câu hỏi giống dòng phương án hoặc "
                                "ANSWER; khi nhập lại có thể bị hiểu sai.")
                break
        out += lines
        out += [f"{letter(i)}. {o.text}" for i, o in enumerate(q.options)]
        right = next(i for i, o in enumerate(q.options) if o.correct)
        out += [f"ANSWER: {letter(right)}", ""]
        written += 1
        if q.explanation or q.source or any(o.feedback or o.weight is not None
                                            for o in q.options):
            warnings.append(f"Câu {q.id}: giải thích, nguồn, phản hồi và trọng số không ghi "
                            "được trong Aiken.")
    return ExportResult("\n".join(out), written, warnings)
