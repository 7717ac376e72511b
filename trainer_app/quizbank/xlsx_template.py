"""The XLSX quiz template: one question per row.

Sheet "Câu hỏi": columns Câu hỏi, A, B, C, D, … (as many option columns as needed), Đáp án
("B", or "A, C" for a multiple-answer question), Giải thích, and optionally Nguồn, Loại
("Một đáp án", "Nhiều đáp án", "Đúng/Sai"; guessed from the answer when absent) and Mã câu
(the question id). The header row is found by name, ignoring case and accents, anywhere in
the first rows (a title above it is fine). Problems name the row.

Sheet "Thông tin" (optional): the quiz settings as label / value rows (Mã bộ câu hỏi, Tên bộ
câu hỏi, Chủ đề, Điểm đạt, Trộn thứ tự câu hỏi, Trộn thứ tự phương án, Cách chấm, Mô tả).

Written files keep every text as text (never a formula, even when it starts with = + - @),
freeze the header row and set column widths. Weights and per-option feedback have no column:
the exporter says so.
"""

from __future__ import annotations

import os
import re
import tempfile
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
    validate_quiz,
)
from trainer_app.domain.vntext import clean_text, search_key
from trainer_app.quizbank.gift import ExportResult
from trainer_app.quizbank.limits import check_quiz_workbook
from trainer_app.quizbank.textfile import UnreadableFile

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["QUESTION_SHEET", "export_xlsx", "read_xlsx", "save_template"]

QUESTION_SHEET = "Câu hỏi"
INFO_SHEET = "Thông tin"
HELP_SHEET = "Hướng dẫn"
HEADER_SEARCH_ROWS = 30
REQUIRED = ("question", "A", "B", "answer")
HEADERS = {"question": "Câu hỏi", "answer": "Đáp án", "explanation": "Giải thích",
           "source": "Nguồn", "kind": "Loại", "id": "Mã câu"}
_SYNONYMS = {
    "question": ("cau hoi", "noi dung cau hoi", "noi dung"),
    "answer": ("dap an", "dap an dung", "cau tra loi dung"),
    "explanation": ("giai thich", "giai thich dap an", "loi giai"),
    "source": ("nguon", "nguon tai lieu", "can cu", "tai lieu"),
    "kind": ("loai", "loai cau hoi", "kieu cau hoi"),
    "id": ("ma cau", "ma cau hoi", "ma", "id"),
}
_HEADER_KEYS = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
_OPTION_HEADER = re.compile(r"(?:(?:phuong an|lua chon|dap an)\s+)?([a-z])")
_KINDS = {
    "motdapan": QuestionKind.SINGLE, "motluachon": QuestionKind.SINGLE,
    "chonmot": QuestionKind.SINGLE, "single": QuestionKind.SINGLE,
    "nhieudapan": QuestionKind.MULTIPLE, "nhieuluachon": QuestionKind.MULTIPLE,
    "chonnhieu": QuestionKind.MULTIPLE, "multiple": QuestionKind.MULTIPLE,
    "dungsai": QuestionKind.TRUE_FALSE, "truefalse": QuestionKind.TRUE_FALSE,
}
_INFO = {
    "id": ("ma bo cau hoi", "ma", "id"),
    "title": ("ten bo cau hoi", "ten", "tieu de", "title"),
    "topic": ("chu de", "topic"),
    "pass_mark": ("diem dat", "diem dat (thang 10)", "diem dat thang 10", "pass mark"),
    "shuffle_questions": ("tron thu tu cau hoi", "tron cau hoi"),
    "shuffle_options": ("tron thu tu phuong an", "tron phuong an", "tron dap an"),
    "scoring": ("cach cham", "cach cham diem", "cach tinh diem"),
    "description": ("mo ta", "ghi chu"),
}
_INFO_KEYS = {syn: key for key, syns in _INFO.items() for syn in syns}
_INFO_LABELS = {
    "id": "Mã bộ câu hỏi", "title": "Tên bộ câu hỏi", "topic": "Chủ đề",
    "pass_mark": "Điểm đạt (thang 10)", "shuffle_questions": "Trộn thứ tự câu hỏi",
    "shuffle_options": "Trộn thứ tự phương án", "scoring": "Cách chấm", "description": "Mô tả",
}
_YES = {"co", "yes", "true", "x", "1", "dung"}
_NO = {"khong", "no", "false", "0", "sai", ""}
_FORMULA_STARTS = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


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


# --- writing -----------------------------------------------------------------------------------

_WIDTHS = {"question": 50, "answer": 10, "explanation": 45, "source": 30, "kind": 14, "id": 10}
_OPTION_WIDTH = 28


def _put(ws: Worksheet, row: int, col: int, value: str | float, *, wrap: bool = False) -> None:
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=col)
    if isinstance(value, float | int) and not isinstance(value, bool):
        cell.value = value
        return
    if value == "":
        return
    text = _ILLEGAL.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the first character
    if text.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True
    if wrap or "\n" in text:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _style_header(ws: Worksheet, headers: Sequence[str], widths: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDE5EE")
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.width = width
        dim.number_format = "@"  # what the user types later stays text too
    ws.freeze_panes = "A2"


def _question_sheet(ws: Worksheet, questions: Sequence[QuestionDoc], n_options: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    keys = ["question", *(letter(i) for i in range(n_options)),
            "answer", "explanation", "source", "kind", "id"]
    headers = [HEADERS.get(k, k) for k in keys]
    widths = [_WIDTHS.get(k, _OPTION_WIDTH) for k in keys]
    ws.title = QUESTION_SHEET
    _style_header(ws, headers, widths)
    col = {k: i for i, k in enumerate(keys, start=1)}
    for row, q in enumerate(questions, start=2):
        _put(ws, row, col["question"], q.text, wrap=True)
        for i, option in enumerate(q.options):
            _put(ws, row, col[letter(i)], option.text, wrap=True)
        right = [letter(i) for i, o in enumerate(q.options) if o.correct]
        _put(ws, row, col["answer"], ", ".join(right))
        _put(ws, row, col["explanation"], q.explanation, wrap=True)
        _put(ws, row, col["source"], q.source, wrap=True)
        _put(ws, row, col["kind"], KIND_LABELS.get(q.kind, q.kind))
        _put(ws, row, col["id"], q.id)
    choices = ",".join(KIND_LABELS.values())
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.error = "Chọn một trong: " + ", ".join(KIND_LABELS.values())
    ws.add_data_validation(validation)
    from openpyxl.utils import get_column_letter

    kind_col = get_column_letter(col["kind"])
    validation.add(f"{kind_col}2:{kind_col}2000")


def _info_sheet(ws: Worksheet, doc: QuizDoc) -> None:
    ws.title = INFO_SHEET
    _style_header(ws, ["Mục", "Giá trị"], [26, 60])
    values: list[tuple[str, str | float]] = [
        ("id", doc.id), ("title", doc.title), ("topic", doc.topic),
        ("pass_mark", float(doc.pass_mark)),
        ("shuffle_questions", "Có" if doc.shuffle_questions else "Không"),
        ("shuffle_options", "Có" if doc.shuffle_options else "Không"),
        ("scoring", SCORING_LABELS.get(doc.scoring, doc.scoring)),
        ("description", doc.description),
    ]
    for row, (key, value) in enumerate(values, start=2):
        _put(ws, row, 1, _INFO_LABELS[key])
        _put(ws, row, 2, value, wrap=key == "description")


HELP_LINES = (
    "Cách điền bộ câu hỏi",
    "Mỗi dòng của trang \"Câu hỏi\" là một câu hỏi. Cột Câu hỏi ghi nội dung câu hỏi.",
    "Các cột A, B, C, D ghi các phương án trả lời; cần ít nhất A và B. Cần thêm phương án thì "
    "thêm cột E, F… ngay sau cột D.",
    "Cột Đáp án ghi chữ cái của phương án đúng, ví dụ B. Câu có nhiều phương án đúng: ghi "
    "A, C và chọn Loại là \"Nhiều đáp án\".",
    "Câu Đúng/Sai: ghi Đúng ở cột A, Sai ở cột B, đáp án A hoặc B.",
    "Cột Giải thích hiện ra sau khi trả lời; cột Nguồn ghi văn bản, tài liệu căn cứ.",
    "Cột Mã câu có thể để trống: ứng dụng tự đặt q01, q02…",
    "Trang \"Thông tin\" ghi tên bộ câu hỏi, điểm đạt (thang 10) và cách trộn câu hỏi.",
    "Không gộp ô, không dùng công thức. Lưu tệp dạng .xlsx.",
)


def _workbook(doc: QuizDoc, n_options: int) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    _question_sheet(workbook.active, doc.questions, n_options)
    _info_sheet(workbook.create_sheet(), doc)
    help_ws = workbook.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 110
    for row, line in enumerate(HELP_LINES, start=1):
        _put(help_ws, row, 1, line, wrap=True)
    return workbook


def _save(workbook: Any, path: Path) -> None:
    """Save under a temporary name first: a failed write never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_xlsx(doc: QuizDoc, path: Path | str) -> ExportResult:
    """Write the quiz in the template layout. The result's text is empty; warnings list
    what XLSX cannot hold (weights, per-option feedback)."""
    warnings = []
    for q in doc.questions:
        if any(o.weight is not None for o in q.options):
            warnings.append(f"Câu {q.id}: trọng số của phương án không ghi được trong XLSX.")
        if any(o.feedback for o in q.options):
            warnings.append(f"Câu {q.id}: phản hồi theo từng phương án không ghi được trong "
                            "XLSX.")
        if q.name or q.tags:
            warnings.append(f"Câu {q.id}: tên và nhãn của câu hỏi không ghi được trong XLSX.")
    n_options = max([4, *(len(q.options) for q in doc.questions)])
    _save(_workbook(doc, n_options), Path(path))
    return ExportResult("", len(doc.questions), warnings)


TEMPLATE_EXAMPLE = QuizDoc(
    id="bo-cau-hoi-moi", title="Bộ câu hỏi mới", topic="Bảo vệ trẻ em trên môi trường mạng",
    questions=[QuestionDoc(
        id="", kind=QuestionKind.SINGLE,
        text="Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi?",
        options=[OptionDoc("Dưới 14 tuổi"), OptionDoc("Dưới 16 tuổi", correct=True),
                 OptionDoc("Dưới 18 tuổi")],
        explanation="Điều 1 Luật Trẻ em 2016: trẻ em là người dưới 16 tuổi.",
        source="Luật Trẻ em 2016, Điều 1")],
)


def save_template(path: Path | str) -> Path:
    """An empty template: the header row and one example row, the settings sheet and a
    short guide."""
    path = Path(path)
    _save(_workbook(TEMPLATE_EXAMPLE, 4), path)
    return path
