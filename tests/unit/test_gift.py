"""GIFT import and export: Moodle's own example file question by question, escapes, format
markers, feedback, weights, categories, and broken files."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from trainer_app.domain.quiz import SCORING_ALL_OR_NOTHING, SCORING_PARTIAL
from trainer_app.quizbank import gift

# The conformance corpus: ../shared/conformance/gift/, copied into tests/fixtures/quiz/ so the
# tests run wherever the repository is cloned.
SHARED_CONFORMANCE = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "gift" / (
    "moodle-examples.gift")
CONFORMANCE = Path(__file__).resolve().parents[1] / "fixtures" / "quiz" / "moodle-examples.gift"
needs_corpus = pytest.mark.skipif(not CONFORMANCE.exists(),
                                  reason=f"the GIFT conformance corpus is missing: {CONFORMANCE}")


@pytest.mark.skipif(not SHARED_CONFORMANCE.exists(),
                    reason="../shared/ is not beside this checkout (only the copy is tested)")
def test_fixture_copy_equals_the_shared_corpus() -> None:
    assert CONFORMANCE.read_bytes() == SHARED_CONFORMANCE.read_bytes()

MISSING_WORD = "điền từ vào chỗ trống"
SHORT = "trả lời ngắn"
NUMERICAL = "trả lời bằng số"
MATCHING = "ghép cặp"


def duplicate(line: int) -> str:
    return f"Trùng nội dung với câu ở dòng {line}"


# (line, name) -> what must happen to each of the 43 questions of Moodle's example file:
# ("single" | "multiple" | "true_false", options as (text, correct, weight, feedback)) for
# an imported question, or ("skip", words of the reason).
EXPECTED: dict[tuple[int, str], tuple] = {
    (8, "Who's buried in Grant's tomb?"): ("single", [
        ("Grant", False, 0, ""), ("Jefferson", False, 0, ""), ("no one", True, 100, "")]),
    (10, "Grant is _____ in Grant's tomb."): ("skip", MISSING_WORD),
    (12, "Grant is buried in Grant's tomb."): ("true_false", [
        ("Đúng", False, 0, ""), ("Sai", True, 100, "")]),
    (14, "Who's buried in Grant's tomb?"): ("skip", SHORT),
    (16, "When was Ulysses S. Grant born?"): ("skip", NUMERICAL),
    (25, "Who's buried in Grant's tomb?"): ("skip", duplicate(8)),
    (27, "Grant is _____ in Grant's tomb."): ("skip", MISSING_WORD),
    (29, "The American holiday of Thanksgiving is celebrated on the _…"): ("skip", MISSING_WORD),
    (35, "Japanese characters originally came from what country?"): ("single", [
        ("India", False, 0, ""), ("China", True, 100, ""), ("Korea", False, 0, ""),
        ("Egypt", False, 0, "")]),
    (43, "Who's buried in Grant's tomb?"): ("skip", SHORT),
    (45, "Two plus two equals _____."): ("skip", SHORT),
    (49, "Grant is buried in Grant's tomb."): ("skip", duplicate(12)),
    (51, "The sun rises in the east."): ("true_false", [
        ("Đúng", True, 100, ""), ("Sai", False, 0, "")]),
    (55, "Matching Question."): ("skip", MATCHING),
    (61, "Match the following countries with their corresponding capi…"): ("skip", MATCHING),
    (70, "When was Ulysses S. Grant born?"): ("skip", NUMERICAL),
    (72, "What is the value of pi (to 3 decimal places)? _____."): ("skip", NUMERICAL),
    (74, "What is the value of pi (to 3 decimal places)? _____."): ("skip", NUMERICAL),
    (76, "When was Ulysses S. Grant born?"): ("skip", NUMERICAL),
    (85, "What's 2 plus 2?"): ("skip", NUMERICAL),
    (90, "Kanji Origins"): ("skip", SHORT),
    (93, "Thanksgiving Date"): ("skip", MISSING_WORD),
    (98, "What's the answer to this multiple-choice question?"): ("single", [
        ("wrong answer", False, 0, "feedback comment on the wrong answer"),
        ("another wrong answer", False, 0, "feedback comment on this wrong answer"),
        ("right answer", True, 100, "Very good!")]),
    (103, "Who's buried in Grant's tomb?"): ("skip", SHORT),
    (108, "Who's buried in Grant's tomb?"): ("skip", SHORT),
    (113, "Grant is buried in Grant's tomb."): ("skip", duplicate(12)),
    (115, "Difficult question."): ("single", [
        ("wrong answer", False, 0, ""), ("half credit answer", False, 50, ""),
        ("full credit answer", True, 100, "")]),
    (117, "Jesus' hometown"): ("skip", MISSING_WORD),
    (123, "Jesus' hometown"): ("skip", SHORT),
    (130, "What two people are entombed in Grant's tomb?"): ("multiple", [
        ("No one", False, 0, ""), ("Grant", True, 50, ""), ("Grant's wife", True, 50, ""),
        ("Grant's father", False, 0, "")]),
    (136, "What two people are entombed in Grant's tomb?"): ("skip", duplicate(130)),
    (143, "Which answer equals 5?"): ("single", [
        ("= 2 + 2", False, 0, ""), ("= 2 + 3", True, 100, ""), ("= 2 + 4", False, 0, "")]),
    (148, "GIFT Control Characters"): ("single", [
        ("~", False, 0, "~ is a control character."),
        ("=", False, 0, "= is a control character."),
        ("#", False, 0, "# is a control character."),
        ("{", False, 0, "{ is a control character."),
        ("}", False, 0, "} is a control character."),
        ("\\", True, 100, "Correct! \\ (backslash) is not a control character. BUT,\n"
                          "it is used to escape the control characters. So, to specify\n"
                          "a literal backslash, you must escape it with a backslash\n"
                          "(as shown in this example).")]),
    (167, "Who's buried in Grant's tomb?"): ("skip", duplicate(8)),
    (169, "Grant is _____ in Grant's tomb."): ("skip", MISSING_WORD),
    (171, "Grant is buried in Grant's tomb."): ("skip", duplicate(12)),
    (173, "Who's buried in Grant's tomb?"): ("skip", SHORT),
    (175, "When was Ulysses S. Grant born?"): ("skip", NUMERICAL),
    (177, "Match the following countries with their corresponding capi…"): ("skip", MATCHING),
    (184, "Grant's Tomb"): ("skip", MISSING_WORD),
    (190, "Difficult multiple choice question."): ("single", [
        ("wrong answer", False, 0, "comment on wrong answer"),
        ("half credit answer", False, 50, "comment on answer"),
        ("full credit answer", True, 100, "well done!")]),
    (195, "Jesus' hometown (Short answer ex.)"): ("skip", SHORT),
    (202, "Numerical example"): ("skip", NUMERICAL),
}


@needs_corpus
def test_moodle_example_file_every_question_imported_exactly_or_skipped_by_name() -> None:
    result = gift.read_gift(CONFORMANCE)
    assert result.problems == []
    quiz = result.quiz
    assert quiz is not None and quiz.id == "moodle-examples"
    assert quiz.scoring == SCORING_PARTIAL  # it has percentage weights
    outcomes: dict[tuple[int, str], tuple] = {}
    from trainer_app.domain.quiz import effective_weights

    for q in quiz.questions:
        label = q.name or q.text
        options = [(o.text, o.correct, round(w), o.feedback)
                   for o, w in zip(q.options, effective_weights(q), strict=True)]
        outcomes[(q.line, label)] = (q.kind, options)
    for s in result.skipped:
        outcomes[(s.line, s.name)] = ("skip", s.reason)
    assert sorted(outcomes) == sorted(EXPECTED), "every question accounted for, no extra"
    for key, (kind, detail) in EXPECTED.items():
        got_kind, got_detail = outcomes[key]
        assert got_kind == kind, key
        if kind == "skip":
            assert detail in got_detail, (key, got_detail)
        else:
            assert got_detail == detail, key
    assert len(quiz.questions) == 10 and len(result.skipped) == 33
    named = next(q for q in quiz.questions if q.name == "GIFT Control Characters")
    assert named.text == ("Which of the following is NOT a control character for the GIFT "
                          "import format?")


@needs_corpus
def test_moodle_example_file_survives_export_and_import() -> None:
    quiz = gift.read_gift(CONFORMANCE).quiz
    again = gift.parse_gift(gift.export_gift(quiz).text, "moodle-examples.gift")
    assert again.problems == [] and again.skipped == []
    assert again.quiz == quiz


def parse(text: str, name: str = "t.gift"):
    return gift.parse_gift(text, name)


def test_escapes_multiline_text_names_and_general_feedback() -> None:
    text = (
        "// a comment\n"
        "::Câu \\:: 1::Dấu \\~ \\= \\# \\{ \\} \\\\ và \\: trong câu,\n"
        "dòng thứ hai\\ndòng thứ ba{\n"
        "  =Đúng là \\{x\\}#Giỏi \\#1\n"
        "  ~Sai#Chưa đúng\n"
        "  ####Giải thích \\= chung\n"
        "}\n"
    )
    result = parse(text)
    assert result.problems == [] and result.skipped == []
    q = result.quiz.questions[0]
    assert q.name == "Câu :: 1"
    assert q.text == "Dấu ~ = # { } \\ và : trong câu,\ndòng thứ hai\ndòng thứ ba"
    assert [(o.text, o.correct, o.feedback) for o in q.options] == [
        ("Đúng là {x}", True, "Giỏi #1"), ("Sai", False, "Chưa đúng")]
    assert q.explanation == "Giải thích = chung"
    assert q.line == 2


@pytest.mark.parametrize("answer, truth, true_fb, false_fb", [
    ("{T}", True, "", ""),
    ("{TRUE}", True, "", ""),
    ("{F}", False, "", ""),
    ("{FALSE#Sai rồi}", False, "Sai rồi", ""),
    ("{TRUE#Chọn sai#Chọn đúng}", True, "Chọn đúng", "Chọn sai"),
    ("{FALSE#Chọn sai#Chọn đúng####Chung}", False, "Chọn sai", "Chọn đúng"),
])
def test_true_false_with_feedback(answer: str, truth: bool, true_fb: str,
                                  false_fb: str) -> None:
    q = parse(f"Trẻ em dưới 16 tuổi.{answer}").quiz.questions[0]
    assert q.kind == "true_false"
    assert [(o.text, o.correct, o.feedback) for o in q.options] == [
        ("Đúng", truth, true_fb), ("Sai", not truth, false_fb)]


def test_percentage_weights_make_a_multiple_answer_question_scored_partially() -> None:
    result = parse("Chọn hai ý đúng {~%50%Một ~%50%Hai ~%-100%Ba}")
    q = result.quiz.questions[0]
    assert q.kind == "multiple"
    assert [(o.correct, o.weight) for o in q.options] == [(True, None), (True, None),
                                                         (False, -100.0)]
    assert result.quiz.scoring == SCORING_PARTIAL


def test_plain_single_choice_file_is_all_or_nothing() -> None:
    assert parse("Câu một?{=a ~b}\n\nCâu hai?{~c =d}").quiz.scoring == SCORING_ALL_OR_NOTHING


@pytest.mark.parametrize("marked, expected", [
    ("[html]<p>Trẻ em là người <b>dưới 16</b> tuổi?</p>", "Trẻ em là người dưới 16 tuổi?"),
    ("[html]Dòng một<br/>dòng &amp; hai", "Dòng một\ndòng & hai"),
    ("[markdown]Trẻ em **dưới 16** tuổi?", "Trẻ em dưới 16 tuổi?"),
    ("[plain]<b>giữ nguyên</b>", "<b>giữ nguyên</b>"),
    ("[moodle]Bình thường", "Bình thường"),
])
def test_format_markers(marked: str, expected: str) -> None:
    q = parse(marked + "{=a ~b}").quiz.questions[0]
    assert q.text == expected


def test_html_format_applies_to_answers_and_feedback_too() -> None:
    q = parse("[html]Câu <i>một</i>?{=<b>Có</b>#<em>Đúng</em> ~Không}").quiz.questions[0]
    assert (q.options[0].text, q.options[0].feedback) == ("Có", "Đúng")


def test_category_ids_tags_and_sources_from_comments() -> None:
    text = ("$CATEGORY: $course$/Pháp luật\n\n"
            "// [id:luat-01] [tag:pháp luật] [tag:cơ bản]\n"
            "// [source:Luật Trẻ em 2016, Điều 1]\n"
            "Trẻ em là người dưới bao nhiêu tuổi?{~14 =16 ~18}\n\n"
            "Câu không có nhãn riêng?{=a ~b}\n")
    quiz = parse(text).quiz
    first, second = quiz.questions
    assert (first.id, first.tags, first.source) == (
        "luat-01", ["pháp luật", "cơ bản"], "Luật Trẻ em 2016, Điều 1")
    assert second.tags == ["$course$/Pháp luật"]  # the category names the group
    assert second.id == "q02"


@pytest.mark.parametrize("text, line, words", [
    ("Câu một?{=a ~b\n", 1, "chưa được đóng"),
    ("Dòng một\nCâu một?{=a ~b\n~c\n\nCâu hai?{=d ~e}", 2, "chưa được đóng"),
    ("Câu một?=a ~b}\n", 1, "không có dấu { mở"),
    ("Câu một?{=a {~b}\n", 1, "nằm trong cặp { }"),
    ("Câu một?{=a ~b}\nCâu hai?{=c ~d}\n", 2, "thiếu dòng trống"),
    ("::Tên chưa đóng\nCâu một?{=a ~b}\n", 1, ":: đóng"),
    ("Câu một?{=a}\n\nCâu hai?{=a ~b}", None, None),  # short answer: skipped, no problem
    ("Câu một?{~a ~b}\n", 1, "không có phương án đúng"),
    ("Câu một?{=a ~}\n", 1, "không có nội dung"),
    ("Câu một?{xin chào ~a =b}\n", 1, "trước phương án đầu tiên"),
])
def test_broken_gift_is_a_problem_with_its_line(text: str, line: int | None,
                                                words: str | None) -> None:
    result = parse(text)
    if line is None:
        assert result.problems == [] and len(result.skipped) == 1
        return
    assert result.problems, result
    assert result.problems[0].line == line
    assert words in result.problems[0].message


def test_unbalanced_braces_never_crash_on_any_text() -> None:
    for text in ("{", "}", "{{", "}{", "::", "::a", "{#", "{=", "{~", "{#}", "a{~%x%b =c}",
                 "\\", "\\{", "{\\}", "//", "$CATEGORY:", "{T#", "{TRUE####}", "{=a->b}"):
        result = parse(text)
        assert result.quiz is not None  # problems or skips, but an answer


def test_two_correct_answers_in_a_single_choice_question_are_skipped_by_name() -> None:
    result = parse("::Hai đáp án::Câu?{=a =b ~c}")
    assert result.quiz.questions == []
    assert result.skipped[0].name == "Hai đáp án" and "nhiều phương án" in result.skipped[0].reason


def test_the_same_question_twice_is_imported_once_and_reported() -> None:
    nfd = unicodedata.normalize("NFD", "Trẻ em là ai?{=a ~b}")
    result = parse("Trẻ em là ai?{=a ~b}\n\n" + nfd)
    assert len(result.quiz.questions) == 1
    assert result.skipped[0].line == 3 and duplicate(1) in result.skipped[0].reason


def test_nfd_text_becomes_nfc() -> None:
    text = unicodedata.normalize("NFD", "::Tên câu::Người dưới bao nhiêu tuổi?{=Mười sáu ~Mười"
                                        " tám####Giải thích}")
    q = parse(text).quiz.questions[0]
    for piece in (q.name, q.text, q.explanation, *(o.text for o in q.options)):
        assert unicodedata.is_normalized("NFC", piece)
    assert q.options[0].text == "Mười sáu"


def test_export_escapes_so_moodle_reads_the_same_text() -> None:
    quiz = parse("Câu {=a ~b}").quiz
    quiz.questions[0].text = "// không phải chú thích: a = b ~ c # d {e} \\ f"
    quiz.questions[0].options[0].text = "%50% chắc chắn"
    quiz.questions[0].options[1].text = "[html]<b>"
    exported = gift.export_gift(quiz).text
    assert "[plain]// không phải chú thích\\: a \\= b \\~ c \\# d \\{e\\} \\\\ f{" in exported
    back = parse(exported).quiz.questions[0]
    assert back == quiz.questions[0]


def test_two_thousand_questions() -> None:
    text = "\n\n".join(f"Câu hỏi số {i} về trẻ em?{{=Đúng là {i} ~Sai {i} ~Không biết}}"
                       for i in range(2000))
    started = time.perf_counter()
    result = parse(text)
    print(f"2000 GIFT questions in {time.perf_counter() - started:.2f} s")
    assert result.problems == [] and len(result.quiz.questions) == 2000
    assert result.quiz.questions[-1].line == 1 + 1999 * 2
    assert result.quiz.questions[-1].id == "q2000"


def test_windows_line_ends_and_bom() -> None:
    result = parse("\ufeffCâu một?{=a ~b}\r\n\r\nCâu hai?{\r\n=c\r\n~d}\r\n")
    assert [q.line for q in result.quiz.questions] == [1, 3]


def test_looks_gift() -> None:
    assert gift.looks_gift("Câu?{=a ~b}")
    assert not gift.looks_gift("Câu?\nA. a\nB. b\nANSWER: A\n// {not} a question")


@pytest.mark.parametrize("text, name, words", [
    ("::Bài luận::Hãy kể lại buổi tập huấn.{}", "Bài luận", "tự luận"),
    ("Đoạn giới thiệu, không có câu hỏi.", "Đoạn giới thiệu, không có câu hỏi.", "mô tả"),
    ("Năm ban hành Luật Trẻ em?{#2016}", "Năm ban hành Luật Trẻ em?", "bằng số"),
    ("::Ghép::Ghép số và tên.{=111 -> Tổng đài =113 -> Công an}", "Ghép", "ghép cặp"),
    ("Trẻ em là người dưới {~14 =16 ~18} tuổi.", "Trẻ em là người dưới _____ tuổi.",
     "chỗ trống"),
    ("Tổng đài bảo vệ trẻ em là số nào?{=111}", "Tổng đài bảo vệ trẻ em là số nào?",
     "trả lời ngắn"),
])
def test_kinds_we_cannot_represent_are_skipped_by_name_and_line(text: str, name: str,
                                                                 words: str) -> None:
    result = parse("Câu đầu?{=a ~b}\n\n// chú thích\n" + text)
    assert result.problems == [] and len(result.quiz.questions) == 1
    [skipped] = result.skipped
    assert (skipped.name, skipped.line) == (name, 4)
    assert words in skipped.reason


@needs_corpus
def test_check_counts_skipped_questions_as_problems() -> None:
    from trainer_app.quizbank import check_file

    problems = check_file(CONFORMANCE, "moodle.gift")
    assert len(problems) == 33
    assert str(problems[0]).startswith("moodle.gift:10: Câu \"Grant is _____ in Grant's tomb.\"")
