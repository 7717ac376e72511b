"""Whole numbers and amounts of money in Vietnamese words, as written on finance forms
("Bằng chữ: Hai triệu đồng"). Standard library only.

Reading rules (northern, as used in state finance documents):

* digits: không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín. Four is always "bốn", also
  after "mươi" ("hai mươi bốn"): the literary "tư" is avoided so that one number has one
  spelling;
* tens: 10-19 start with "mười" ("mười một", not "mười mốt"); 20 and up use "mươi" ("hai
  mươi"); a final 1 after "mươi" is "mốt" ("hai mươi mốt"); a final 5 after "mười"/"mươi"
  is "lăm" ("mười lăm", "hai mươi lăm"), but "năm" after "linh" ("một trăm linh năm");
* a zero tens digit between hundreds and units is "linh" (not the southern "lẻ"): 105 ->
  "một trăm linh năm";
* a group of three digits after a higher group is read in full, hundreds included:
  1 005 000 -> "một triệu không trăm linh năm nghìn"; a group of zeros is not read:
  2 000 005 -> "hai triệu không trăm linh năm";
* groups: nghìn (not "ngàn"), triệu, tỷ; beyond that "nghìn tỷ", "triệu tỷ", "tỷ tỷ".
"""

from __future__ import annotations

import unicodedata

__all__ = ["amount_in_words", "number_in_words"]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9
_GROUP_NAMES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


def _group(n: int, *, full: bool) -> list[str]:
    """Words of 1..999; ``full``: a group after a higher one (hundreds always read)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(DIGITS[units])
    return words


def _below_billion(n: int, *, full: bool) -> list[str]:
    """Words of 1..999 999 999; ``full`` when a higher group was read before."""
    words: list[str] = []
    for size, name in _GROUP_NAMES:
        value = n // size % 1000
        if value == 0:
            continue
        words += _group(value, full=full or bool(words))
        if name:
            words.append(name)
    return words


def _words(n: int, *, full: bool = False) -> list[str]:
    if n >= BILLION:
        high, rest = divmod(n, BILLION)
        words = [*_words(high, full=full), "tỷ"]
        return words + (_below_billion(rest, full=True) if rest else [])
    return _below_billion(n, full=full)


def number_in_words(n: int) -> str:
    """``n`` (0 or more) in lower-case Vietnamese words: 1_005_000 -> "một triệu không
    trăm linh năm nghìn"; 0 -> "không"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError("số tiền không được âm")
    text = " ".join(_words(n)) if n else DIGITS[0]
    return unicodedata.normalize("NFC", text)


def amount_in_words(n: int, currency: str = "đồng") -> str:
    """"Bằng chữ" form of an amount: capitalised once, with the currency: 2_000_000 ->
    "Hai triệu đồng"; 0 -> "Không đồng"."""
    text = number_in_words(n)
    if currency:
        text = f"{text} {currency}"
    return unicodedata.normalize("NFC", text[:1].upper() + text[1:])
