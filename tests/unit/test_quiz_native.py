"""The native TOML quiz format: parsing, line numbers, every rule of validation, export."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from trainer_app.domain.quiz import normalize_quiz
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.quizbank import native
from trainer_app.quizbank.textfile import UnreadableFile

HEADER = '''format = "trainer-app-quiz"
format_version = 1
id = "bvte-kiem-tra-dau-vao"
title = "Kiểm tra đầu vào: Bảo vệ trẻ em trên môi trường mạng"
topic = "Bảo vệ trẻ em trên môi trường mạng"
pass_mark = 5.0
shuffle_questions = false
shuffle_options = true
scoring = "all_or_nothing"
description = "…"
'''

Q1 = '''
[[questions]]
id = "q01"
kind = "single"
text = "Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi?"
explanation = "Điều 1 Luật Trẻ em 2016: trẻ em là người dưới 16 tuổi."
source = "Luật Trẻ em 2016, Điều 1"
tags = ["pháp luật"]
options = [
  { text = "Dưới 14 tuổi" },
  { text = "Dưới 16 tuổi", correct = true },
  { text = "Dưới 18 tuổi" },
]
'''

Q2 = '''
[[questions]]
id = "q02"
kind = "true_false"
text = """
Tổng đài 111 hoạt động 24/24 giờ
và không thu phí."""
options = [
  { text = "Sai" },
  { text = "Đúng", correct = true, feedback = "Chính xác." },
]
'''


def parse(text: str):
    return native.parse_native(text, "q.toml")


def lines_of(result) -> list[int]:
    return [p.line for p in result.problems]


def messages(result) -> str:
    return "\n".join(p.message for p in result.problems)


def test_the_agreed_example_parses_with_every_field() -> None:
    result = parse(HEADER + Q1 + Q2)
    assert result.problems == []
    quiz = result.quiz
    assert quiz is not None
    assert (quiz.id, quiz.pass_mark, quiz.shuffle_options, quiz.scoring) == (
        "bvte-kiem-tra-dau-vao", 5.0, True, "all_or_nothing")
    q1, q2 = quiz.questions
    assert q1.line == 12 and q2.line == 25
    assert q1.line_of("kind") == 14 and q1.line_of("options") == 19
    assert [o.line for o in q1.options] == [20, 21, 22]
    assert [o.correct for o in q1.options] == [False, True, False]
    assert q1.tags == ["pháp luật"] and q1.source == "Luật Trẻ em 2016, Điều 1"
    assert q2.text == "Tổng đài 111 hoạt động 24/24 giờ\nvà không thu phí."
    # true/false options are stored Đúng (A) then Sai (B), whatever the file's order
    assert [(o.text, o.correct, o.feedback) for o in q2.options] == [
        ("Đúng", True, "Chính xác."), ("Sai", False, "")]


def test_export_is_stable_and_round_trips() -> None:
    quiz = parse(HEADER + Q1 + Q2).quiz
    text = native.export_native(quiz)
    again = parse(text)
    assert again.problems == [] and again.quiz == quiz
    assert native.export_native(again.quiz) == text
    assert 'text = """\nTổng đài 111 hoạt động 24/24 giờ\nvà không thu phí."""' in text


@pytest.mark.parametrize("broken, line, words", [
    ('title = "Chưa đóng\n', 1, "Lỗi cú pháp TOML"),
    ("pass_mark = năm\n", 1, "giá trị không hợp lệ"),
    ("options = [\n  { text = \"a\" },\n", 3, "Lỗi cú pháp TOML"),
    ('id = "a"\nid = "b"\n', 2, "hai lần"),
])
def test_malformed_toml_is_one_problem_with_its_line(broken: str, line: int,
                                                     words: str) -> None:
    result = parse(broken)
    assert result.quiz is None
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == line and words in problem.message
    assert str(problem).startswith(f"q.toml:{line}: ")


def test_malformed_toml_deep_in_a_file_reports_that_line() -> None:
    text = HEADER + Q1 + Q2.replace('kind = "true_false"', "kind = true_false")
    result = parse(text)
    assert result.quiz is None
    assert result.problems[0].line == 27


def _with(q: str) -> str:
    return HEADER + Q1 + q


@pytest.mark.parametrize("question, line, words", [
    # no correct option
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a" },\n  { text = "b" },\n]\n', 29, "chưa đánh dấu phương án đúng"),
    # two correct in a single-choice question
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b", correct = true },\n]\n', 29,
     "có 2 phương án đúng (A, B)"),
    # true/false with other options
    ('[[questions]]\nid = "q02"\nkind = "true_false"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true },\n  { text = "Không" },\n]\n', 29,
     "phải có đúng hai phương án \"Đúng\" và \"Sai\""),
    # true/false with three options
    ('[[questions]]\nid = "q02"\nkind = "true_false"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Đúng", correct = true },\n  { text = "Sai" },\n  { text = "Không biết" },\n'
     ']\n', 29, "phải có đúng hai phương án"),
    # duplicate question id
    ('[[questions]]\nid = "q01"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b" },\n]\n', 26, "\"q01\" bị trùng"),
    # empty text
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "   "\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b" },\n]\n', 28, "chưa có nội dung"),
    # unknown kind
    ('[[questions]]\nid = "q02"\nkind = "essay"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b" },\n]\n', 27, "\"essay\" không hợp lệ"),
    # bad question id
    ('[[questions]]\nid = "câu 2"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b" },\n]\n', 26, "không hợp lệ"),
    # the same question text twice (different case and tone placement)
    ('[[questions]]\nid = "q02"\nkind = "single"\n'
     'text = "THEO LUẬT TRẺ EM 2016, TRẺ EM LÀ NGƯỜI DƯỚI BAO NHIÊU TUỔI?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b" },\n]\n', 28, "trùng với câu q01"),
    # options duplicated
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true },\n  { text = "có " },\n]\n', 31,
     "phương án B (\"có\") trùng với phương án A"),
    # only one option
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true },\n]\n', 29, "ít nhất 2 phương án"),
    # an empty option
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true },\n  { text = "" },\n]\n', 31, "không có nội dung"),
    # missing kind
    ('[[questions]]\nid = "q02"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true },\n  { text = "Không" },\n]\n', 25, "thiếu loại câu hỏi"),
    # a typo in a key
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\nexplaination = "x"\n'
     'options = [\n  { text = "Có", correct = true },\n  { text = "Không" },\n]\n', 29,
     "\"explaination\" không có trong định dạng"),
    # a typo in an option key
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", corect = true },\n  { text = "Không" },\n]\n', 30, "\"corect\""),
    # wrong types
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = 12\noptions = [\n'
     '  { text = "Có", correct = "yes" },\n  { text = "Không" },\n]\n', 28,
     "text phải là chữ"),
    # weights: a correct single-choice option must get 100
    ('[[questions]]\nid = "q02"\nkind = "single"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "Có", correct = true, weight = 50 },\n  { text = "Không" },\n]\n', 30,
     "luôn được 100%"),
    # weights of the correct options of a multiple-answer question add up to 100
    ('[[questions]]\nid = "q02"\nkind = "multiple"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true, weight = 60 },\n  { text = "b", correct = true, '
     'weight = 60 },\n  { text = "c" },\n]\n', 29, "tổng trọng số các phương án đúng là 120%"),
    ('[[questions]]\nid = "q02"\nkind = "multiple"\ntext = "Câu hai?"\noptions = [\n'
     '  { text = "a", correct = true },\n  { text = "b", weight = 50 },\n]\n', 31,
     "không được có trọng số dương"),
])
def test_each_rule_is_a_problem_at_its_line(question: str, line: int, words: str) -> None:
    result = parse(_with("\n" + question))
    assert result.quiz is not None
    assert words in messages(result), messages(result)
    matching = [p for p in result.problems if words in p.message]
    assert matching[0].line == line, result.problems


@pytest.mark.parametrize("change, line, words", [
    (('pass_mark = 5.0', 'pass_mark = 11'), 6, "từ 0 đến 10"),
    (('pass_mark = 5.0', 'pass_mark = -1'), 6, "từ 0 đến 10"),
    (('pass_mark = 5.0', 'pass_mark = "năm"'), 6, "phải là một số"),
    (('id = "bvte-kiem-tra-dau-vao"', 'id = "Kiểm tra"'), 3, "không hợp lệ"),
    (('id = "bvte-kiem-tra-dau-vao"\n', ''), 1, "Thiếu mã bộ câu hỏi"),
    (('title = "Kiểm tra đầu vào: Bảo vệ trẻ em trên môi trường mạng"', 'title = ""'), 4,
     "Thiếu tên"),
    (('scoring = "all_or_nothing"', 'scoring = "some"'), 9, "\"some\" không hợp lệ"),
    (('format = "trainer-app-quiz"', 'format = "moodle"'), 1, "format phải là"),
    (('format_version = 1', 'format_version = 2'), 2, "mới hơn ứng dụng"),
    (('shuffle_options = true', 'shuffle_options = "có"'), 8, "true hoặc false"),
    (('topic = ', 'chu_de = '), 5, "\"chu_de\" không có trong định dạng"),
])
def test_quiz_level_problems(change: tuple[str, str], line: int, words: str) -> None:
    result = parse(HEADER.replace(*change) + Q1)
    matching = [p for p in result.problems if words in p.message]
    assert matching, result.problems
    assert matching[0].line == line


def test_a_file_without_questions_is_a_problem() -> None:
    assert "chưa có câu hỏi nào" in messages(parse(HEADER))


def test_every_problem_of_a_file_is_reported_not_only_the_first() -> None:
    text = _with('\n[[questions]]\nid = "q01"\nkind = "single"\ntext = ""\noptions = [\n'
                 '  { text = "a" },\n]\n')
    result = parse(text)
    assert len(result.problems) >= 4  # duplicate id, empty text, one option, none correct


def test_nfd_text_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", HEADER + Q1 + Q2)
    assert nfd != HEADER + Q1 + Q2
    result = parse(nfd)
    assert result.problems == []
    assert result.quiz == parse(HEADER + Q1 + Q2).quiz
    for question in result.quiz.questions:
        assert unicodedata.is_normalized("NFC", question.text)
        assert all(unicodedata.is_normalized("NFC", o.text) for o in question.options)


def test_stray_spaces_and_invisible_characters_are_cleaned() -> None:
    text = _with('\n[[questions]]\nid = "q02"\nkind = "single"\n'
                 'text = "  Câu\\u00a0\\u00a0hai\\u200b?  "\noptions = [\n'
                 '  { text = " Có ", correct = true },\n  { text = "Không" },\n]\n')
    q = parse(text).quiz.questions[1]
    assert q.text == "Câu hai?" and q.options[0].text == "Có"


def test_the_same_question_twice_in_nfd_and_nfc_is_caught() -> None:
    q2 = Q1.replace('"q01"', '"q02"')
    result = parse(HEADER + Q1 + unicodedata.normalize("NFD", q2))
    assert [p.line for p in result.problems] == [28]
    assert "trùng với câu q01 (dòng 12)" in result.problems[0].message


def test_two_thousand_questions(tmp_path: Path) -> None:
    parts = [HEADER]
    for i in range(2000):
        parts.append(f'\n[[questions]]\nid = "q{i:04d}"\nkind = "single"\n'
                     f'text = "Câu hỏi số {i} về bảo vệ trẻ em?"\noptions = [\n'
                     f'  {{ text = "Có" }},\n  {{ text = "Không", correct = true }},\n]\n')
    path = tmp_path / "big.toml"
    path.write_text("".join(parts), encoding="utf-8")
    started = time.perf_counter()
    result = native.read_native(path)
    elapsed = time.perf_counter() - started
    assert result.problems == []
    assert len(result.quiz.questions) == 2000
    assert result.quiz.questions[-1].line == 11 + 1999 * 9 + 1
    print(f"2000 questions read and checked in {elapsed:.2f} s")
    assert native.parse_native(native.export_native(result.quiz)).quiz == result.quiz


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="Không tìm thấy"):
        native.read_native(tmp_path / "missing.toml")
    latin = tmp_path / "cp1258.toml"  # "Kiểm" in Windows-1258: ê + combining hook
    latin.write_bytes(b'format = "trainer-app-quiz"\ntitle = "Ki\xea\xd2m tra"\n')
    result = native.read_native(latin)
    assert result.quiz is None and result.problems[0].line == 2
    assert "UTF-8" in result.problems[0].message


def test_weights_equal_to_the_default_are_dropped_and_validation_is_shared() -> None:
    text = HEADER.replace('"all_or_nothing"', '"partial"') + (
        '\n[[questions]]\nid = "q01"\nkind = "multiple"\ntext = "Chọn hai?"\noptions = [\n'
        '  { text = "a", correct = true, weight = 50 },\n'
        '  { text = "b", correct = true, weight = 50.0 },\n'
        '  { text = "c", weight = -50 },\n  { text = "d", weight = 0 },\n]\n')
    quiz = parse(text).quiz
    assert [o.weight for o in quiz.questions[0].options] == [None, None, None, 0.0]
    assert validate_quiz(normalize_quiz(quiz)) == []


def test_the_shipped_bank_passes_check() -> None:
    from trainer_app.resources import shipped_dir

    files = sorted(shipped_dir("quizzes").glob("*.toml"))
    if not files:
        pytest.skip("no quiz bank files in quizzes/ yet")
    for path in files:
        result = native.read_native(path)
        assert result.problems == [], [str(p) for p in result.problems]
        assert result.quiz.id == path.stem
