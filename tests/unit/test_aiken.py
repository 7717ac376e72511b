"""Aiken import and export."""

from __future__ import annotations

import unicodedata

import pytest

from trainer_app.quizbank import aiken

GOOD = """Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi?
A. Dưới 14 tuổi
B) Dưới 16 tuổi
C. Dưới 18 tuổi
ANSWER: B

Tổng đài 111 không thu phí.
A. Đúng
B. Sai
ANSWER: A

Câu hỏi viết
trên hai dòng?
A. Một
B. Hai
ANSWER: a
"""


def parse(text: str):
    return aiken.parse_aiken(text, "cau-hoi.txt")


def test_a_good_file() -> None:
    result = parse(GOOD)
    assert result.problems == []
    quiz = result.quiz
    assert (quiz.id, quiz.title) == ("cau-hoi", "cau-hoi")
    first, second, third = quiz.questions
    assert (first.id, first.kind, first.line) == ("q01", "single", 1)
    assert [(o.text, o.correct) for o in first.options] == [
        ("Dưới 14 tuổi", False), ("Dưới 16 tuổi", True), ("Dưới 18 tuổi", False)]
    assert second.kind == "true_false" and second.options[0].correct
    assert third.text == "Câu hỏi viết\ntrên hai dòng?" and third.options[0].correct


def test_export_then_import_is_the_same() -> None:
    quiz = parse(GOOD).quiz
    exported = aiken.export_aiken(quiz)
    assert exported.warnings == [] and exported.questions == 3
    assert parse(exported.text).quiz == quiz


@pytest.mark.parametrize("text, line, words", [
    ("Câu một?\nA. x\nB. y\n\nCâu hai?\nA. z\nB. w\nANSWER: A\n", 1, "thiếu dòng \"ANSWER"),
    ("Câu một?\nA. x\nB. y\n", 1, "thiếu dòng \"ANSWER"),
    ("Câu một?\nA. x\nB. y\nANSWER: E\n", 4, "\"E\" không có trong các phương án (chỉ có A đến B)"),
    ("Câu một?\nA. x\nB. y\nANSWER: C\n", 4, "chỉ có A đến B"),
    ("Câu một?\nA. x\nB. y\nANSWER:\n", 4, "không ghi chữ cái"),
    ("Câu một?\nA. x\nB. y\nANSWER: B là đúng\n", 4, "không có trong các phương án"),
    ("ANSWER: A\n", 1, "không thuộc câu hỏi nào"),
    ("Câu một?\nANSWER: A\n", 1, "không có phương án nào"),
    ("Câu một?\nA. x\nC. y\nANSWER: A\n", 3, "không đúng thứ tự (cần B)"),
    ("Câu một?\nA. x\nB. x\nANSWER: A\n", 3, "trùng với phương án A"),
    ("Câu một?\nA. x\nB. y\nANSWER: A\n\ncâu MỘT?\nA. x\nB. y\nANSWER: A\n", 6, "trùng với câu"),
    ("Câu một?\nA. x\nANSWER: A\n", 1, "ít nhất 2 phương án"),
])
def test_problems_with_line_numbers(text: str, line: int, words: str) -> None:
    result = parse(text)
    assert result.problems, result
    matching = [p for p in result.problems if words in p.message]
    assert matching, result.problems
    assert matching[0].line == line


def test_every_missing_answer_is_reported() -> None:
    text = "Một?\nA. x\nB. y\n\nHai?\nA. x\nB. y\n\nBa?\nA. x\nB. y\nANSWER: A\n"
    result = parse(text)
    assert [p.line for p in result.problems] == [1, 5]


def test_two_letters_make_a_multiple_answer_question_which_export_leaves_out() -> None:
    quiz = parse("Chọn hai?\nA. x\nB. y\nC. z\nANSWER: A, C\n").quiz
    assert quiz.questions[0].kind == "multiple"
    exported = aiken.export_aiken(quiz)
    assert exported.questions == 0 and "nhiều đáp án" in exported.warnings[0]


def test_nfd_text_becomes_nfc_and_vietnamese_answer_label() -> None:
    text = unicodedata.normalize("NFD", "Người dưới bao nhiêu tuổi?\nA. Mười sáu\nB. Mười tám\n"
                                        "Đáp án: A\n")
    q = parse(text).quiz.questions[0]
    assert unicodedata.is_normalized("NFC", q.text) and q.options[0].text == "Mười sáu"
    assert q.options[0].correct


def test_export_warns_about_what_aiken_cannot_hold() -> None:
    quiz = parse(GOOD).quiz
    quiz.questions[0].explanation = "Điều 1"
    warnings = aiken.export_aiken(quiz).warnings
    assert any("giải thích" in w for w in warnings)


def test_two_thousand_questions() -> None:
    text = "\n".join(f"Câu số {i}?\nA. Có {i}\nB. Không {i}\nANSWER: B\n" for i in range(2000))
    result = parse(text)
    assert result.problems == [] and len(result.quiz.questions) == 2000
    assert result.quiz.questions[-1].id == "q2000"


def test_looks_aiken() -> None:
    assert aiken.looks_aiken(GOOD)
    assert not aiken.looks_aiken("Câu?{=a ~b}")
