"""Fuzzing the quiz readers (GIFT, Aiken, the app's TOML, the XLSX template): the only
outcomes are a result whose problems name the file and a line inside it, or
``UnreadableFile`` naming the file; never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import AIKEN_TOKENS, GIFT_TOKENS, TOML_TOKENS, joined, nasty_text
from trainer_app.domain.quiz import ParseResult
from trainer_app.quizbank.aiken import parse_aiken
from trainer_app.quizbank.files import read_quiz_file
from trainer_app.quizbank.gift import parse_gift
from trainer_app.quizbank.native import parse_native
from trainer_app.quizbank.textfile import UnreadableFile

FILE = "bo-cau-hoi.txt"


def check_result(result: ParseResult, text: str) -> None:
    # Every reader takes CR, LF and CRLF as line ends (as Notepad does), and nothing else.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 2
    for problem in [*result.problems, *result.warnings]:
        assert problem.file == FILE, problem
        assert 0 <= problem.line <= lines, (problem, lines)
        assert problem.message.strip(), problem
    for skipped in result.skipped:
        assert 0 <= skipped.line <= lines and skipped.reason.strip()
    if result.quiz is None:
        assert result.problems, "no quiz and no problem saying why"


@given(joined(GIFT_TOKENS))
def test_gift(text: str) -> None:
    check_result(parse_gift(text, FILE), text)


@given(joined(AIKEN_TOKENS))
def test_aiken(text: str) -> None:
    check_result(parse_aiken(text, FILE), text)


@given(joined(TOML_TOKENS, pieces=80))
def test_native_toml(text: str) -> None:
    check_result(parse_native(text, FILE), text)


@given(st.integers(1, 400), st.sampled_from(["[", "{x=", "[[", "{a={b="]))
def test_native_nesting_of_any_depth(depth: int, opening: str) -> None:
    closing = {"[": "]", "{x=": "}", "[[": "]]", "{a={b=": "}}"}[opening]
    text = 'format = "trainer-quiz/1"\nid = "q"\na = ' + opening * depth + closing * depth
    check_result(parse_native(text, FILE), text)


@given(st.binary(max_size=400) | nasty_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from([".gift", ".txt", ".toml", ".xlsx", ".dat"]))
def test_any_bytes_as_a_quiz_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cau-hoi{suffix}"
        path.write_bytes(data)
        try:
            result = read_quiz_file(path, FILE)
        except UnreadableFile as exc:
            assert path.name in exc.message or str(path) in exc.message, exc.message
            return
        text = data.decode("utf-8", "replace")
        check_result(result, text)
