"""Export then import gives the same quiz, for every format (hypothesis).

Quizzes are generated with Vietnamese text (NFC and NFD input) that includes the GIFT control
characters ~ = # { } : \\ and look-alikes of GIFT syntax; each format is compared on what it
can hold (Aiken has no explanation, XLSX no weights or feedback, GIFT no quiz settings).
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    SCORING_ALL_OR_NOTHING,
    SCORING_PARTIAL,
    TRUE_TEXT,
    OptionDoc,
    QuestionDoc,
    QuizDoc,
    normalize_quiz,
    text_identity,
)
from trainer_app.domain.quiz_canonical import canonical_json, from_canonical_dict
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.domain.vntext import clean_text
from trainer_app.quizbank import aiken, gift, native, xlsx_template

VI = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụ"
      "ưừửữứựvxyỳỷỹýỵ")
ALPHABET = VI + VI.upper() + "0123456789 ,.?!()'\"%/-_" + "~=#{}:\\" + "[]<>@+*\t"
SINGLE_LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=30)
PREFIXES = st.sampled_from(["", "", "", "[html]", "[plain]", "::", "=", "~", "#", "%50%",
                            "// ", "$CATEGORY: ", "ANSWER: ", "A. ", "=1+2", "@"])


def _nfd_sometimes(draw: st.DrawFn, text: str) -> str:
    return unicodedata.normalize("NFD", text) if draw(st.booleans()) else text


@st.composite
def line_text(draw: st.DrawFn) -> str:
    text = draw(PREFIXES) + draw(SINGLE_LINE)
    return _nfd_sometimes(draw, text)


@st.composite
def block_text(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line_text(), min_size=1, max_size=3))
    return "\n".join(lines)


def _clean(text: str, multiline: bool) -> str:
    return clean_text(text, keep_newlines=multiline)


@st.composite
def quizzes(draw: st.DrawFn, *, kinds: tuple[str, ...] = tuple(QuestionKind),
            multiline: bool = True, extras: bool = True, weights: bool = True,
            tag_alphabet: str = VI + " -") -> QuizDoc:
    text_st = (block_text() if multiline else line_text()).map(lambda t: _clean(t, multiline))
    n = draw(st.integers(1, 5))
    texts = draw(st.lists(text_st.filter(bool), min_size=n, max_size=n, unique_by=text_identity))
    scoring = draw(st.sampled_from([SCORING_ALL_OR_NOTHING, SCORING_PARTIAL]))
    questions = []
    for index, text in enumerate(texts, start=1):
        kind = draw(st.sampled_from(kinds))
        if kind == QuestionKind.TRUE_FALSE:
            truth = draw(st.booleans())
            options = [OptionDoc(TRUE_TEXT, truth), OptionDoc(FALSE_TEXT, not truth)]
        else:
            count = draw(st.integers(2, 5))
            texts_o = draw(st.lists(line_text().map(lambda t: _clean(t, False)).filter(bool),
                                    min_size=count, max_size=count, unique_by=text_identity))
            options = [OptionDoc(t) for t in texts_o]
            if kind == QuestionKind.SINGLE:
                options[draw(st.integers(0, count - 1))].correct = True
            else:
                for i in draw(st.sets(st.integers(0, count - 1), min_size=1)):
                    options[i].correct = True
            if weights and scoring == SCORING_PARTIAL:
                _draw_weights(draw, kind, options)
        if extras:
            for option in options:
                if draw(st.integers(0, 3)) == 0:
                    option.feedback = draw(block_text() if multiline else line_text())
        question = QuestionDoc(id=draw(st.sampled_from(["q", "cau-", "Q_"])) + str(index),
                               kind=kind, text=text, options=options)
        if extras:
            question.explanation = draw(st.one_of(st.just(""), block_text() if multiline
                                                  else line_text()))
            question.source = draw(st.one_of(st.just(""), line_text()))
            question.name = draw(st.one_of(st.just(""), line_text()))
            question.tags = draw(st.lists(st.text(alphabet=tag_alphabet, min_size=1,
                                                  max_size=12), max_size=2))
        questions.append(question)
    doc = normalize_quiz(QuizDoc(
        id=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)),
        title=draw(line_text().map(lambda t: _clean(t, False)).filter(bool)),
        topic=_clean(draw(st.one_of(st.just(""), line_text())), False),
        pass_mark=draw(st.sampled_from([0.0, 5.0, 6.5, 7.25, 10.0])),
        shuffle_questions=draw(st.booleans()), shuffle_options=draw(st.booleans()),
        scoring=scoring,
        description=draw(st.one_of(st.just(""), block_text())) if extras else "",
        questions=questions))
    # normalising may make two tags equal or drop an empty one: fine; the doc must be valid
    assert validate_quiz(doc) == [], validate_quiz(doc)
    return doc


def _draw_weights(draw: st.DrawFn, kind: str, options: list[OptionDoc]) -> None:
    if kind == QuestionKind.SINGLE:
        for option in options:
            if not option.correct:
                option.weight = draw(st.sampled_from([None, None, 0, 50, 25, -50, -100, 33.5]))
        return
    correct = [o for o in options if o.correct]
    if draw(st.booleans()):  # explicit weights that add up to 100
        cuts = sorted(draw(st.sets(st.integers(1, 99), max_size=len(correct) - 1,
                                   min_size=len(correct) - 1)))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        for option, part in zip(correct, parts, strict=True):
            option.weight = part
    for option in options:
        if not option.correct:
            option.weight = draw(st.sampled_from([None, 0, -25, -50, -100]))


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def test_strategy_really_produces_the_hard_cases() -> None:
    """The generated quizzes do contain GIFT control characters, NFD input and weights."""
    seen = {"control": False, "weight": False, "multiline": False}

    @SETTINGS
    @given(quizzes())
    def probe(doc: QuizDoc) -> None:
        blob = canonical_json(doc)
        seen["control"] |= any(c in blob for c in "~={}#:")
        seen["weight"] |= any(o.weight is not None for q in doc.questions for o in q.options)
        seen["multiline"] |= any("\n" in q.text for q in doc.questions)

    probe()
    assert all(seen.values()), seen


@SETTINGS
@given(quizzes())
def test_native_round_trip(doc: QuizDoc) -> None:
    text = native.export_native(doc)
    result = native.parse_native(text, "x.toml")
    assert result.problems == []
    assert result.quiz == doc
    assert native.export_native(result.quiz) == text  # stable


@SETTINGS
@given(quizzes())
def test_canonical_json_round_trip(doc: QuizDoc) -> None:
    import json

    assert from_canonical_dict(json.loads(canonical_json(doc))) == doc


@SETTINGS
@given(quizzes(tag_alphabet=VI + " -:~=#{}\\"))
def test_gift_round_trip(doc: QuizDoc) -> None:
    exported = gift.export_gift(doc)
    result = gift.parse_gift(exported.text, "x.gift", quiz_id=doc.id, title=doc.title)
    assert result.problems == [] and result.skipped == []
    expected = replace(doc, topic="", pass_mark=5.0, shuffle_questions=False,
                       shuffle_options=False, description="")
    assert result.quiz == expected


@SETTINGS
@given(quizzes(kinds=(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE), extras=False,
               weights=False))
def test_aiken_round_trip(doc: QuizDoc) -> None:
    """Aiken cannot hold a question line that reads as an option or an ANSWER line: the
    exporter warns about those, and only the others must come back unchanged."""
    exported = aiken.export_aiken(doc)
    if any("giống dòng phương án" in w for w in exported.warnings):
        assert any(_AIKEN_LIKE.fullmatch(line) for q in doc.questions
                   for line in q.text.split("\n"))
        return
    result = aiken.parse_aiken(exported.text, "x.txt", quiz_id=doc.id, title=doc.title)
    assert result.problems == []
    width = max(2, len(str(len(doc.questions))))
    expected = [replace(q, id=f"q{i:0{width}d}") for i, q in enumerate(doc.questions, start=1)]
    assert result.quiz is not None
    assert result.quiz.questions == expected


_AIKEN_LIKE = re.compile(r"([A-Z][.)]([ \t].*)?|(ANSWER|ĐÁP ÁN|DAP AN)\s*[:：].*)", re.IGNORECASE)


def _xlsx_view(doc: QuizDoc) -> QuizDoc:
    return replace(doc, questions=[
        replace(q, name="", tags=[], options=[replace(o, weight=None, feedback="")
                                              for o in q.options])
        for q in doc.questions])


@settings(SETTINGS, max_examples=25)
@given(quizzes())
def test_xlsx_round_trip(doc: QuizDoc) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "quiz.xlsx"
        xlsx_template.export_xlsx(doc, path)
        result = xlsx_template.read_xlsx(path)
    assert result.problems == []
    assert result.quiz == _xlsx_view(doc)
