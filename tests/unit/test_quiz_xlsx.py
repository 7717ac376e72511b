"""The XLSX quiz template: reading real workbooks written with openpyxl, and writing them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from trainer_app.quizbank import xlsx_template
from trainer_app.quizbank.textfile import UnreadableFile


def write(path: Path, rows: list[list[object]], *, title: str = "Câu hỏi",
          info: list[list[object]] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if info is not None:
        extra = workbook.create_sheet("Thông tin")
        for row in info:
            extra.append(row)
    workbook.save(path)
    return path


HEADER = ["Câu hỏi", "A", "B", "C", "D", "Đáp án", "Giải thích"]


def test_a_filled_template(tmp_path: Path) -> None:
    path = write(tmp_path / "Bộ câu hỏi tháng 3.xlsx", [
        ["DANH SÁCH CÂU HỎI"],  # a title above the header is fine
        [],
        ["STT", "CÂU HỎI", "a", "b", "c", "d", "ĐÁP ÁN", "GIẢI THÍCH", "Nguồn"],
        [1, "Trẻ em là người dưới bao nhiêu tuổi?", 14, 16, 18, None, "B", "Điều 1",
         "Luật Trẻ em 2016"],
        [2, "Tổng đài 111 miễn phí.", "Đúng", "Sai", None, None, "A", None, None],
        [3, "Dấu hiệu trẻ bị dụ dỗ?", "Giấu điện thoại", "Nhận quà lạ", "Học giỏi", None,
         "A, B", "", ""],
        [None, None, None, None, None, None, None, None, None],
    ])
    result = xlsx_template.read_xlsx(path)
    assert result.problems == []
    quiz = result.quiz
    assert (quiz.id, quiz.title) == ("bo-cau-hoi-thang-3", "Bộ câu hỏi tháng 3")
    q1, q2, q3 = quiz.questions
    assert (q1.id, q1.kind, q1.line) == ("q01", "single", 4)
    assert [(o.text, o.correct) for o in q1.options] == [("14", False), ("16", True),
                                                        ("18", False)]
    assert (q1.explanation, q1.source) == ("Điều 1", "Luật Trẻ em 2016")
    assert q2.kind == "true_false"
    assert q3.kind == "multiple" and [o.correct for o in q3.options] == [True, True, False]


def test_headers_without_accents_and_option_labels(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [
        ["cau hoi", "Phương án A", "Phuong an B", "dap an dung", "giai thich", "LOAI"],
        ["Câu?", "x", "y", "b", "", "mot dap an"]])
    result = xlsx_template.read_xlsx(path)
    assert result.problems == []
    q = result.quiz.questions[0]
    assert (q.kind, [o.correct for o in q.options]) == ("single", [False, True])


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [["Câu hỏi", "A", "C", "Giải thích"],
                                        ["Câu?", "a", "c", ""]])
    result = xlsx_template.read_xlsx(path)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == 1
    assert "Thiếu cột: B, Đáp án" in problem.message


def test_no_header_at_all(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [["Họ tên", "Ngày sinh"], ["Lan", "1990"]])
    result = xlsx_template.read_xlsx(path)
    assert "Thiếu các cột: Câu hỏi, A, B, Đáp án" in result.problems[0].message


@pytest.mark.parametrize("row, words", [
    (["Câu?", "a", "b", None, None, "E", ""], "Đáp án E không có trong các phương án"),
    (["Câu?", "a", "b", None, None, "", ""], "Chưa ghi đáp án"),
    (["Câu?", "a", "b", None, None, "B?!", ""], "không hiểu được"),
    (["Câu?", "a", None, "c", None, "A", ""], "Phương án B để trống"),
    ([None, "a", "b", None, None, "A", ""], "ô Câu hỏi để trống"),
])
def test_row_problems_name_the_row(tmp_path: Path, row: list[object], words: str) -> None:
    path = write(tmp_path / "x.xlsx", [HEADER, ["Câu đầu?", "x", "y", None, None, "A", ""],
                                        row])
    result = xlsx_template.read_xlsx(path)
    assert [p.line for p in result.problems] == [3], result.problems
    assert words in result.problems[0].message


def test_kind_column_and_the_same_question_twice(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [
        [*HEADER, "Loại"],
        ["Chọn?", "x", "y", None, None, "A", "", "Nhiều đáp án"],
        ["CHỌN?", "x", "y", None, None, "A", "", "Một đáp án"],
        ["Khác?", "x", "y", None, None, "A", "", "tự luận"],
    ])
    result = xlsx_template.read_xlsx(path)
    assert [(p.line, "trùng" in p.message or "không hợp lệ" in p.message)
            for p in result.problems] == [(4, True)]  # row problems stop validation
    fixed = write(tmp_path / "y.xlsx", [
        [*HEADER, "Loại"],
        ["Chọn?", "x", "y", None, None, "A", "", "Nhiều đáp án"],
        ["CHỌN?", "x", "y", None, None, "A", "", "Một đáp án"],
    ])
    result = xlsx_template.read_xlsx(fixed)
    assert result.quiz.questions[0].kind == "multiple"
    assert [p.line for p in result.problems] == [3]
    assert "trùng với câu q01" in result.problems[0].message


def test_nfd_cells_become_nfc(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [
        [unicodedata.normalize("NFD", h) for h in HEADER],
        [unicodedata.normalize("NFD", "Người dưới bao nhiêu tuổi?"), "Mười sáu", "Mười tám",
         None, None, "A", unicodedata.normalize("NFD", "Điều 1")]])
    q = xlsx_template.read_xlsx(path).quiz.questions[0]
    assert q.text == "Người dưới bao nhiêu tuổi?" and q.explanation == "Điều 1"


def test_info_sheet(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [HEADER, ["Câu?", "a", "b", None, None, "A", ""]], info=[
        ["Mục", "Giá trị"], ["Mã bộ câu hỏi", "kiem-tra-thang-3"], ["Tên bộ câu hỏi", "Kiểm tra"],
        ["Điểm đạt (thang 10)", "6,5"], ["Trộn thứ tự câu hỏi", "Có"],
        ["Cách chấm", "Tính điểm từng phần theo trọng số"]])
    quiz = xlsx_template.read_xlsx(path).quiz
    assert (quiz.id, quiz.title, quiz.pass_mark, quiz.shuffle_questions, quiz.scoring) == (
        "kiem-tra-thang-3", "Kiểm tra", 6.5, True, "partial")


def test_template_is_text_only_with_frozen_header(tmp_path: Path) -> None:
    path = xlsx_template.save_template(tmp_path / "mau.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook["Câu hỏi"]
    assert [c.value for c in ws[1]][:7] == HEADER
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 40
    assert ws["F2"].value == "B"
    assert all(c.data_type == "s" for c in ws[2] if c.value is not None)
    assert ws.column_dimensions["B"].number_format == "@"
    assert set(workbook.sheetnames) == {"Câu hỏi", "Thông tin", "Hướng dẫn"}
    result = xlsx_template.read_xlsx(path)
    assert result.problems == [] and len(result.quiz.questions) == 1


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", [HEADER, ["Câu?", "a", "b", None, None, "A", ""]])
    quiz = xlsx_template.read_xlsx(path).quiz
    quiz.questions[0].text = "=SUM(A1:A3) là gì?"
    quiz.questions[0].options[0].text = "+84 912"
    quiz.questions[0].options[1].text = "@mention"
    out = tmp_path / "out.xlsx"
    xlsx_template.export_xlsx(quiz, out)
    ws = openpyxl.load_workbook(out)["Câu hỏi"]
    assert ws["A2"].value == "=SUM(A1:A3) là gì?" and ws["A2"].data_type == "s"
    assert ws["A2"].quotePrefix
    assert xlsx_template.read_xlsx(out).quiz == quiz


def test_unreadable_workbooks(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile, match="không mở được"):
        xlsx_template.read_xlsx(fake)
    with pytest.raises(UnreadableFile, match="Không tìm thấy"):
        xlsx_template.read_xlsx(tmp_path / "missing.xlsx")


def test_two_thousand_questions(tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER]
    rows += [[f"Câu số {i}?", f"Có {i}", f"Không {i}", None, None, "B", ""] for i in range(2000)]
    path = write(tmp_path / "big.xlsx", rows)
    result = xlsx_template.read_xlsx(path)
    assert result.problems == [] and len(result.quiz.questions) == 2000
    assert result.quiz.questions[-1].line == 2001
