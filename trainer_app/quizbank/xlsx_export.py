"""Writing a quiz in the XLSX template layout, and the empty template. Every text stays
text (never a formula, even when it starts with = + - @); the header row is frozen and the
columns sized. Weights and per-option feedback have no column: the result says so."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    KIND_LABELS,
    SCORING_LABELS,
    OptionDoc,
    QuestionDoc,
    QuizDoc,
    letter,
)
from trainer_app.quizbank.exporting import ExportResult
from trainer_app.quizbank.xlsx_layout import (
    HEADERS,
    HELP_SHEET,
    INFO_LABELS,
    INFO_SHEET,
    QUESTION_SHEET,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["export_xlsx", "save_template"]

_FORMULA_STARTS = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

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
        _put(ws, row, 1, INFO_LABELS[key])
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
