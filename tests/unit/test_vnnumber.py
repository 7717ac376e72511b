"""Amounts in Vietnamese words: the hard cases (mười/mươi, lăm, mốt, linh, không trăm,
tỷ), and properties checked against an independent reader of the words."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_app.domain.vnnumber import amount_in_words, number_in_words

CASES = {
    0: "không",
    1: "một",
    4: "bốn",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi bốn",
    25: "hai mươi lăm",
    55: "năm mươi lăm",
    91: "chín mươi mốt",
    100: "một trăm",
    101: "một trăm linh một",
    105: "một trăm linh năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    999: "chín trăm chín mươi chín",
    1_000: "một nghìn",
    1_001: "một nghìn không trăm linh một",
    1_010: "một nghìn không trăm mười",
    1_021: "một nghìn không trăm hai mươi mốt",
    1_500: "một nghìn năm trăm",
    10_000: "mười nghìn",
    15_000: "mười lăm nghìn",
    21_000: "hai mươi mốt nghìn",
    100_000: "một trăm nghìn",
    105_000: "một trăm linh năm nghìn",
    150_000: "một trăm năm mươi nghìn",
    1_000_000: "một triệu",
    1_005_000: "một triệu không trăm linh năm nghìn",
    2_000_005: "hai triệu không trăm linh năm",
    2_500_000: "hai triệu năm trăm nghìn",
    15_250_000: "mười lăm triệu hai trăm năm mươi nghìn",
    1_000_000_000: "một tỷ",
    1_000_000_001: "một tỷ không trăm linh một",
    1_000_500_000: "một tỷ năm trăm nghìn",  # the zero triệu group is not read
    1_005_000_000: "một tỷ không trăm linh năm triệu",
    21_000_000_000: "hai mươi mốt tỷ",
    1_000_000_000_000: "một nghìn tỷ",
    2_500_000_000_000: "hai nghìn năm trăm tỷ",
    1_005_000_000_000: "một nghìn không trăm linh năm tỷ",
    10**18: "một tỷ tỷ",
}


@pytest.mark.parametrize(("n", "words"), sorted(CASES.items()))
def test_known_readings(n: int, words: str) -> None:
    assert number_in_words(n) == words


@pytest.mark.parametrize(("n", "text"), [
    (0, "Không đồng"),
    (2_000_000, "Hai triệu đồng"),
    (150_000, "Một trăm năm mươi nghìn đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (36_000_000, "Ba mươi sáu triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
])
def test_amounts(n: int, text: str) -> None:
    assert amount_in_words(n) == text


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        number_in_words(-1)
    with pytest.raises(TypeError):
        number_in_words(2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        number_in_words(True)


# --- an independent reader, to check every number the other way round -------------------

_DIGIT = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
          "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_SCALES = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def read_words(text: str) -> int:
    """Vietnamese number words back to an int (accepts the forms the writer uses)."""
    terms: list[tuple[int, int]] = []  # (value, scale) of finished groups
    small = 0  # the group being read (< 1000)
    last_digit: int | None = None
    after_scale = False
    for word in text.split():
        if word in _DIGIT:
            last_digit = _DIGIT[word]
            small += last_digit
        elif word == "mười":
            small += 10
        elif word == "mươi":
            assert last_digit is not None
            small += last_digit * 9  # the digit was added once already
        elif word == "trăm":
            assert last_digit is not None
            small += last_digit * 99
        elif word == "linh":
            pass
        elif word in _SCALES:
            scale = _SCALES[word]
            if after_scale:  # "nghìn tỷ", "tỷ tỷ": the scale grows
                value, inner = terms.pop()
                scale *= inner
                value //= inner
            else:
                value = small
            while terms and terms[-1][1] < scale:
                value += terms.pop()[0]
            terms.append((value * scale, scale))
            small = 0
        else:
            raise AssertionError(f"unknown word {word!r} in {text!r}")
        if word not in _DIGIT:
            last_digit = None
        after_scale = word in _SCALES
    return sum(v for v, _s in terms) + small


def test_reader_agrees_with_the_table() -> None:
    for n, words in CASES.items():
        assert read_words(words) == n, words


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_words_read_back_to_the_number(n: int) -> None:
    assert read_words(number_in_words(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_amount_is_nfc_and_capitalised_once(n: int) -> None:
    text = amount_in_words(n)
    assert unicodedata.is_normalized("NFC", text)
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert text.endswith(" đồng") and "  " not in text
    assert " tư" not in text and "ngàn" not in text and " lẻ " not in text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1),
       st.integers(min_value=0, max_value=10**12 - 1))
def test_distinct_numbers_give_distinct_words(a: int, b: int) -> None:
    if a != b:
        assert number_in_words(a) != number_in_words(b)


def test_distinct_words_for_every_number_below_100_000() -> None:
    seen = {number_in_words(n) for n in range(100_000)}
    assert len(seen) == 100_000


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_mot_and_lam_only_where_they_belong(n: int) -> None:
    words = number_in_words(n).split()
    for i, word in enumerate(words):
        if word == "mốt":
            assert i > 0 and words[i - 1] == "mươi"
        if word == "lăm":
            assert i > 0 and words[i - 1] in {"mười", "mươi"}
        if word == "năm" and i > 0:
            assert words[i - 1] not in {"mười", "mươi"}
        if word == "mươi":
            assert words[i - 1] not in {"không", "một"}
