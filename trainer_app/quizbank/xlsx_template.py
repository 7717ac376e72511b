"""The XLSX quiz template: one question per row.

Sheet "Câu hỏi": columns Câu hỏi, A, B, C, D, … (as many option columns as needed), Đáp án
("B", or "A, C" for a multiple-answer question), Giải thích, and optionally Nguồn, Loại
("Một đáp án", "Nhiều đáp án", "Đúng/Sai"; guessed from the answer when absent) and Mã câu
(the question id). The header row is found by name, ignoring case and accents, anywhere in
the first rows (a title above it is fine). Problems name the row.

Sheet "Thông tin" (optional): the quiz settings as label / value rows (Mã bộ câu hỏi, Tên bộ
câu hỏi, Chủ đề, Điểm đạt, Trộn thứ tự câu hỏi, Trộn thứ tự phương án, Cách chấm, Mô tả).

Writing (``export_xlsx``, ``save_template``) is in ``xlsx_export``, offered here too; the
layout both share is in ``xlsx_layout``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    KIND_LABELS,
    SCORING_ALL_OR_NOTHING,
    SCORING_LABELS,
    SCORING_PARTIAL,
    TRUE_TEXT,
    OptionDoc,
    ParseResult,
    Problem,
    QuestionDoc,
    QuizDoc,
    is_valid_question_id,
    letter,
    normalize_quiz,
    slug_id,
)
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.domain.vntext import clean_text, search_key
from trainer_app.quizbank.limits import check_quiz_workbook
from trainer_app.quizbank.textfile import UnreadableFile
from trainer_app.quizbank.xlsx_export import export_xlsx, save_template
from trainer_app.quizbank.xlsx_layout import (
    HEADERS,
    INFO_SHEET,
    INFO_SYNONYMS,
    QUESTION_SHEET,
    SYNONYMS,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["QUESTION_SHEET", "export_xlsx", "read_xlsx", "save_template"]

HEADER_SEARCH_ROWS = 30
REQUIRED = ("question", "A", "B", "answer")
_HEADER_KEYS = {syn: key for key, syns in SYNONYMS.items() for syn in syns}
_OPTION_HEADER = re.compile(r"(?:(?:phuong an|lua chon|dap an)\s+)?([a-z])")
_KINDS = {
    "motdapan": QuestionKind.SINGLE, "motluachon": QuestionKind.SINGLE,
    "chonmot": QuestionKind.SINGLE, "single": QuestionKind.SINGLE,
    "nhieudapan": QuestionKind.MULTIPLE, "nhieuluachon": QuestionKind.MULTIPLE,
    "chonnhieu": QuestionKind.MULTIPLE, "multiple": QuestionKind.MULTIPLE,
    "dungsai": QuestionKind.TRUE_FALSE, "truefalse": QuestionKind.TRUE_FALSE,
}
_INFO_KEYS = {syn: key for key, syns in INFO_SYNONYMS.items() for syn in syns}
_YES = {"co", "yes", "true", "x", "1", "dung"}
_NO = {"khong", "no", "false", "0", "sai", ""}



def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return TRUE_TEXT if value else FALSE_TEXT
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _header_key(value: Any) -> str | None:
    key = search_key(_cell_text(value)).strip(" :*")
    if key in _HEADER_KEYS:
        return _HEADER_KEYS[key]
    option = _OPTION_HEADER.fullmatch(key)
    return option.group(1).upper() if option else None


# --- reading -----------------------------------------------------------------------------------


def _load(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.exists():
        raise UnreadableFile(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise UnreadableFile(f"{path} là một thư mục, không phải tệp.")
    refused = check_quiz_workbook(path)
    if refused is not None:
        raise UnreadableFile(refused)
    try:
        return load_workbook(path, data_only=True)
    except InvalidFileException:
        raise UnreadableFile(f"Tệp {path.name} không phải tệp Excel .xlsx (bảng tính cũ .xls: mở "
                             "bằng Excel rồi lưu lại dạng .xlsx).") from None
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError):
        raise UnreadableFile(f"Tệp {path.name} không mở được như tệp Excel .xlsx (hỏng, có mật "
                             "khẩu, hoặc không phải tệp Excel).") from None
    except PermissionError:
        raise UnreadableFile(f"Không có quyền đọc tệp {path}.") from None
    except OSError as exc:
        raise UnreadableFile(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        raise UnreadableFile(f"Tệp {path.name} bị hỏng, không đọc được ({type(exc).__name__})."
                             ) from None


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def find_header(self, rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            for col, value in enumerate(row):
                key = _header_key(value)
                if key and key not in columns:
                    columns[key] = col
            if "question" in columns:
                return index, columns
        return None

    def questions(self, rows: Sequence[Sequence[Any]]) -> list[QuestionDoc]:
        found = self.find_header(rows)
        if found is None:
            names = ", ".join(HEADERS.get(k, k) for k in REQUIRED)
            self.problem(1, f"Không tìm thấy dòng tiêu đề có cột \"Câu hỏi\" (trong "
                            f"{HEADER_SEARCH_ROWS} dòng đầu). Thiếu các cột: {names}.")
            return []
        header_index, columns = found
        header_line = header_index + 1
        missing = [HEADERS.get(k, k) for k in REQUIRED if k not in columns]
        if missing:
            self.problem(header_line, f"Thiếu cột: {', '.join(missing)} (tiêu đề cần có: "
                                      "Câu hỏi, A, B, C, D, …, Đáp án, Giải thích).")
            return []
        letters: list[int] = []
        while letter(len(letters)) in columns:
            letters.append(columns[letter(len(letters))])
        for key in columns:
            if len(key) == 1 and key not in {letter(i) for i in range(len(letters))}:
                self.problem(header_line, f"Có cột {key} nhưng thiếu cột "
                                          f"{letter(len(letters))} trước nó.")
        out: list[QuestionDoc] = []
        for index in range(header_index + 1, len(rows)):
            question = self.row(rows[index], index + 1, columns, letters)
            if question is not None:
                out.append(question)
        return out

    def row(self, row: Sequence[Any], line: int, columns: dict[str, int],
            letters: list[int]) -> QuestionDoc | None:
        def get(col: int | None) -> str:
            if col is None or col >= len(row):
                return ""
            return clean_text(_cell_text(row[col]), keep_newlines=True)

        text = get(columns["question"])
        cells = [get(col) for col in letters]
        rest = [get(columns.get(k)) for k in ("answer", "explanation", "source", "kind", "id")]
        answer, explanation, source, kind_label, qid = rest
        if not text and not any(cells) and not any(rest):
            return None
        if not text:
            self.problem(line, "Dòng có phương án hoặc đáp án nhưng ô Câu hỏi để trống.")
            return None
        while cells and not cells[-1]:
            cells.pop()
        for i, cell in enumerate(cells):
            if not cell:
                self.problem(line, f"Phương án {letter(i)} để trống nhưng phương án "
                                   f"{letter(len(cells) - 1)} có nội dung.")
                return None
        options = [OptionDoc(cell, line=line) for cell in cells]
        if not answer:
            self.problem(line, "Chưa ghi đáp án đúng trong cột Đáp án (ví dụ B, hoặc A, C).")
            return None
        chosen = self.answer_letters(answer, options, line)
        if chosen is None:
            return None
        for i in chosen:
            options[i].correct = True
        kind = self.kind(kind_label, options, len(chosen), line)
        if kind is None:
            return None
        return QuestionDoc(id=qid, kind=kind, text=text, options=options,
                           explanation=explanation, source=clean_text(source), line=line)

    def answer_letters(self, answer: str, options: list[OptionDoc],
                       line: int) -> set[int] | None:
        by_text = {search_key(o.text): i for i, o in enumerate(options)}
        if search_key(answer) in by_text and search_key(answer) in ("dung", "sai"):
            return {by_text[search_key(answer)]}
        compact = re.sub(r"[\s,;/&.]", "", answer)
        if not compact or not re.fullmatch(r"[A-Za-z]+", compact):
            self.problem(line, f"Đáp án \"{answer}\" không hiểu được: ghi chữ cái của phương "
                               "án đúng, ví dụ B hoặc A, C.")
            return None
        chosen = {ord(c) - ord("A") for c in compact.upper()}
        bad = sorted(letter(i) for i in chosen if i >= len(options))
        if bad:
            last = letter(len(options) - 1) if options else "?"
            self.problem(line, f"Đáp án {', '.join(bad)} không có trong các phương án (chỉ có "
                               f"A đến {last}).")
            return None
        return chosen

    def kind(self, label: str, options: list[OptionDoc], n_correct: int,
             line: int) -> str | None:
        if label:
            key = re.sub(r"[^a-z0-9]", "", search_key(label))
            if key not in _KINDS:
                self.problem(line, f"Loại câu hỏi \"{label}\" không hợp lệ: dùng "
                                   f"{', '.join(KIND_LABELS.values())}.")
                return None
            return _KINDS[key]
        if n_correct > 1:
            return QuestionKind.MULTIPLE
        if [o.text for o in options] == [TRUE_TEXT, FALSE_TEXT]:
            return QuestionKind.TRUE_FALSE
        return QuestionKind.SINGLE

    def info(self, rows: Sequence[Sequence[Any]], doc: QuizDoc) -> None:
        where = f"Trang \"{INFO_SHEET}\""
        for index, row in enumerate(rows, start=1):
            if not row or len(row) < 2:
                continue
            key = _INFO_KEYS.get(search_key(_cell_text(row[0])).strip(" :*"))
            if key is None:
                continue
            value = row[1]
            text = clean_text(_cell_text(value), keep_newlines=key == "description")
            if key == "pass_mark":
                try:
                    doc.pass_mark = float(text.replace(",", ".")) if text else doc.pass_mark
                except ValueError:
                    self.problem(index, f"{where}: điểm đạt \"{text}\" không phải là số.")
            elif key in ("shuffle_questions", "shuffle_options"):
                flag = search_key(text)
                if flag in _YES or flag in _NO:
                    setattr(doc, key, flag in _YES)
                else:
                    self.problem(index, f"{where}: \"{text}\" — ghi Có hoặc Không.")
            elif key == "scoring":
                doc.scoring = _scoring(text) or text
            elif text:
                setattr(doc, key, text)


def _scoring(text: str) -> str | None:
    key = search_key(text)
    for value, label in SCORING_LABELS.items():
        if key in (value.replace("_", " "), value, search_key(label)):
            return value
    if "tung phan" in key:
        return SCORING_PARTIAL
    if "dung het" in key or not key:
        return SCORING_ALL_OR_NOTHING
    return None


def _sheet_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in ws.iter_rows(min_row=1, values_only=True)]


def read_xlsx(path: Path | str, label: str | None = None, *, quiz_id: str = "",
              title: str = "") -> ParseResult:
    """Read a quiz from the XLSX template. Raises ``UnreadableFile`` when the file is not a
    workbook at all."""
    path = Path(path)
    file = label if label is not None else str(path)
    workbook = _load(path)
    try:
        if not workbook.worksheets:
            raise UnreadableFile(f"Tệp {path.name} không có trang tính nào.")
        sheets = {search_key(ws.title): ws for ws in workbook.worksheets}
        reader = _Reader(file)
        question_sheet = sheets.get(search_key(QUESTION_SHEET))
        if question_sheet is None:  # the first sheet that has a header row
            question_sheet = next((ws for ws in workbook.worksheets
                                   if reader.find_header(_sheet_rows(ws)[:HEADER_SEARCH_ROWS])),
                                  workbook.worksheets[0])
        questions = reader.questions(_sheet_rows(question_sheet))
        doc = QuizDoc(id="", title="", questions=questions, source_file=file)
        info_sheet = sheets.get(search_key(INFO_SHEET))
        if info_sheet is not None:
            reader.info(_sheet_rows(info_sheet), doc)
    finally:
        workbook.close()
    doc.id = quiz_id or doc.id or slug_id(path.stem or title)
    doc.title = title or doc.title or clean_text(path.stem)
    used = {q.id for q in doc.questions if q.id and is_valid_question_id(q.id)}
    width = max(2, len(str(len(doc.questions))))
    for number, question in enumerate(doc.questions, start=1):
        if not question.id:
            candidate, suffix = f"q{number:0{width}d}", 2
            while candidate in used:
                candidate, suffix = f"q{number:0{width}d}-{suffix}", suffix + 1
            question.id = candidate
            used.add(candidate)
    doc = normalize_quiz(doc)
    problems = reader.problems or validate_quiz(doc, file)
    return ParseResult(doc, sorted(problems, key=lambda p: p.line))

