"""The app's own quiz format: one TOML file per quiz (documented in ``quizzes/README.md``).

``parse_native`` reads with ``tomllib`` and finds the line of every key, question and option
in the raw text itself (``tomllib`` reports none), so each problem names its file and line.
``export_native`` is a small, stable writer: the same quiz always gives the same text, and
``parse_native(export_native(q))`` gives ``q`` back.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FORMAT_VERSION,
    QUIZ_FORMAT,
    SCORING_ALL_OR_NOTHING,
    OptionDoc,
    ParseResult,
    Problem,
    QuestionDoc,
    QuizDoc,
    normalize_quiz,
)
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.quizbank.limits import nesting_problem
from trainer_app.quizbank.native_export import export_native
from trainer_app.quizbank.native_lines import Lines as _Lines
from trainer_app.quizbank.native_lines import QuestionLines as _QuestionLines
from trainer_app.quizbank.native_lines import scan_lines
from trainer_app.quizbank.textfile import decode_text

# The writer lives in native_export; it is offered here too, beside the reader.
__all__ = ["export_native", "looks_native", "parse_native", "read_native"]

TOP_KEYS = ("format", "format_version", "id", "title", "topic", "pass_mark",
            "shuffle_questions", "shuffle_options", "scoring", "description", "questions")
QUESTION_KEYS = ("id", "kind", "name", "text", "explanation", "source", "tags", "options")
OPTION_KEYS = ("text", "correct", "weight", "feedback")

# --- reading -----------------------------------------------------------------------------------

_TOML_MESSAGES = (
    ("Invalid value", "giá trị không hợp lệ (chữ phải nằm trong dấu ngoặc kép \"…\", "
                      "đúng/sai viết true/false)"),
    ("Unclosed array", "dấu ngoặc vuông [ chưa được đóng ]"),
    ("Unclosed inline table", "dấu ngoặc nhọn { chưa được đóng }"),
    ("Unterminated string", "chuỗi chữ thiếu dấu ngoặc kép đóng"),
    ("Expected '=' after a key", "thiếu dấu = sau tên khóa"),
    ("Cannot overwrite a value", "một khóa được khai báo hai lần"),
    ("Cannot declare", "một bảng được khai báo hai lần"),
    ("Invalid statement", "dòng không đúng cú pháp"),
    ("Invalid initial character for a key part", "tên khóa không hợp lệ"),
    ("Expected newline or end of document", "thừa ký tự sau giá trị (mỗi khóa một dòng)"),
    ("Illegal character", "có ký tự điều khiển không được phép"),
)


def _toml_error(exc: tomllib.TOMLDecodeError, lines: _Lines, file: str) -> Problem:
    raw = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", raw)
    line = int(match.group(1)) if match else lines.last_line
    detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", raw)
    vietnamese = next((vi for en, vi in _TOML_MESSAGES if raw.startswith(en)), "")
    message = f"Lỗi cú pháp TOML: {vietnamese} ({detail})." if vietnamese else (
        f"Lỗi cú pháp TOML ({detail}).")
    return Problem(file, line, message)


class _Reader:
    """Turns the TOML data into a QuizDoc, reporting wrong types and unknown keys."""

    def __init__(self, file: str, lines: _Lines) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def text(self, data: dict[str, Any], key: str, line: int, where: str) -> str:
        value = data.get(key, "")
        if isinstance(value, str):
            return value
        self.problem(line, f"{where}{key} phải là chữ trong dấu ngoặc kép, không phải "
                           f"{_toml_repr(value)}.")
        return ""

    def flag(self, data: dict[str, Any], key: str, line: int, where: str,
             default: bool = False) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem(line, f"{where}{key} phải là true hoặc false, không phải "
                           f"{_toml_repr(value)}.")
        return default

    def unknown(self, data: dict[str, Any], known: tuple[str, ...], line_of: Any,
                where: str) -> None:
        for key in data:
            if key not in known:
                self.problem(line_of(key), f"{where}khóa \"{key}\" không có trong định dạng "
                                           f"(các khóa dùng được: {', '.join(known)}).")

    def quiz(self, data: dict[str, Any]) -> QuizDoc:
        top = self.lines.top

        def line(key: str) -> int:
            return top.get(key, 1)

        fmt = data.get("format")
        if fmt is None:
            self.problem(1, f"Thiếu dòng format = \"{QUIZ_FORMAT}\" ở đầu tệp.")
        elif fmt != QUIZ_FORMAT:
            self.problem(line("format"), f"format phải là \"{QUIZ_FORMAT}\", không phải "
                                         f"{_toml_repr(fmt)}.")
        version = data.get("format_version")
        if version is None:
            self.problem(1, f"Thiếu dòng format_version = {FORMAT_VERSION}.")
        elif isinstance(version, bool) or not isinstance(version, int):
            self.problem(line("format_version"), "format_version phải là số nguyên.")
        elif version > FORMAT_VERSION:
            self.problem(line("format_version"),
                         f"Tệp dùng định dạng phiên bản {version}, mới hơn ứng dụng này "
                         f"(phiên bản {FORMAT_VERSION}); hãy cập nhật ứng dụng.")
        elif version < 1:
            self.problem(line("format_version"), "format_version phải từ 1 trở lên.")
        self.unknown(data, TOP_KEYS, line, "")
        pass_mark = data.get("pass_mark", 5.0)
        if isinstance(pass_mark, bool) or not isinstance(pass_mark, int | float):
            self.problem(line("pass_mark"), f"Điểm đạt (pass_mark) phải là một số từ 0 đến "
                                            f"10, không phải {_toml_repr(pass_mark)}.")
            pass_mark = 5.0
        doc = QuizDoc(
            id=self.text(data, "id", line("id"), ""),
            title=self.text(data, "title", line("title"), ""),
            topic=self.text(data, "topic", line("topic"), ""),
            pass_mark=float(pass_mark),
            shuffle_questions=self.flag(data, "shuffle_questions", line("shuffle_questions"), ""),
            shuffle_options=self.flag(data, "shuffle_options", line("shuffle_options"), ""),
            scoring=self.text(data, "scoring", line("scoring"), "") or SCORING_ALL_OR_NOTHING,
            description=self.text(data, "description", line("description"), ""),
            source_file=self.file,
            key_lines=dict(top),
        )
        questions = data.get("questions", [])
        if not isinstance(questions, list):
            self.problem(line("questions"), "questions phải là các bảng [[questions]].")
            questions = []
        for index, item in enumerate(questions):
            qlines = (self.lines.questions[index] if index < len(self.lines.questions)
                      else _QuestionLines(line("questions")))
            if not isinstance(item, dict):
                self.problem(qlines.line, f"Câu hỏi thứ {index + 1} phải là một bảng "
                                          "[[questions]].")
                continue
            doc.questions.append(self.question(item, qlines, index + 1))
        return doc

    def question(self, data: dict[str, Any], qlines: _QuestionLines, number: int) -> QuestionDoc:
        def line(key: str) -> int:
            return qlines.keys.get(key, qlines.line)

        qid = data.get("id", "")
        label = qid if isinstance(qid, str) and qid else f"thứ {number}"
        where = f"Câu {label}: "
        self.unknown(data, QUESTION_KEYS, line, where)
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.problem(line("tags"), f"{where}tags phải là danh sách chữ, ví dụ "
                                       "tags = [\"pháp luật\"].")
            tags = []
        question = QuestionDoc(
            id=self.text(data, "id", line("id"), where),
            kind=self.text(data, "kind", line("kind"), where),
            text=self.text(data, "text", line("text"), where),
            name=self.text(data, "name", line("name"), where),
            explanation=self.text(data, "explanation", line("explanation"), where),
            source=self.text(data, "source", line("source"), where),
            tags=list(tags),
            line=qlines.line,
            key_lines=dict(qlines.keys),
        )
        if "kind" not in data:
            self.problem(qlines.line, f"{where}thiếu loại câu hỏi (kind = \"single\", "
                                      "\"multiple\" hoặc \"true_false\").")
            question.kind = QuestionKind.SINGLE
        options = data.get("options", [])
        if not isinstance(options, list):
            self.problem(line("options"), f"{where}options phải là danh sách "
                                          "[ { text = \"…\" }, … ].")
            options = []
        for index, item in enumerate(options):
            oline = qlines.options[index] if index < len(qlines.options) else line("options")
            question.options.append(self.option(item, oline, f"{where}phương án "
                                                f"{_letter(index)}: "))
        return question

    def option(self, data: object, line: int, where: str) -> OptionDoc:
        if not isinstance(data, dict):
            self.problem(line, f"{where}mỗi phương án phải có dạng {{ text = \"…\" }}, "
                               f"không phải {_toml_repr(data)}.")
            return OptionDoc(text=str(data), line=line)
        self.unknown(data, OPTION_KEYS, lambda _key: line, where)
        weight = data.get("weight")
        if weight is not None and (isinstance(weight, bool)
                                   or not isinstance(weight, int | float)
                                   or not math.isfinite(weight)):
            self.problem(line, f"{where}weight phải là một số (phần trăm), không phải "
                               f"{_toml_repr(weight)}.")
            weight = None
        return OptionDoc(
            text=self.text(data, "text", line, where),
            correct=self.flag(data, "correct", line, where),
            weight=None if weight is None else float(weight),
            feedback=self.text(data, "feedback", line, where),
            line=line,
        )


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _toml_repr(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"\"{value}\""
    if isinstance(value, dict):
        return "một bảng"
    if isinstance(value, list):
        return "một danh sách"
    return str(value)


def parse_native(text: str, file: str = "") -> ParseResult:
    """Parse and validate one quiz file's text. ``quiz`` is None only when the TOML itself
    cannot be read; otherwise it is the (normalised) quiz, with any problems listed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = scan_lines(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ParseResult(None, [_toml_error(exc, lines, file)])
    except RecursionError:  # tomllib recurses once per nested [ or {
        return ParseResult(None, [nesting_problem(text, file)])
    reader = _Reader(file, lines)
    doc = normalize_quiz(reader.quiz(data))
    problems = reader.problems + validate_quiz(doc, file)
    return ParseResult(doc, sorted(problems, key=lambda p: p.line))


def read_native(path: Path | str, label: str | None = None) -> ParseResult:
    """Read a quiz file (UTF-8). Raises ``UnreadableFile`` when it cannot be opened."""
    path = Path(path)
    file = label if label is not None else str(path)
    text, problem = decode_text(path, file)
    if problem is not None:
        return ParseResult(None, [problem])
    return parse_native(text, file)


def looks_native(text: str) -> bool:
    return re.search(rf"^\s*format\s*=\s*[\"']{QUIZ_FORMAT}[\"']", text, re.MULTILINE) is not None
