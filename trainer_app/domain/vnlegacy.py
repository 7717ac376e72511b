"""Legacy 8-bit Vietnamese encodings: TCVN3 (ABC, ".VnTime" fonts) and VNI-Windows
("VNI-Times" fonts). Standard library only.

Old Word/Excel files typed with those fonts hold text whose characters are the bytes of
the legacy encoding read as Windows-1252 / Latin-1: "NguyÔn ThÞ Lan" (TCVN3) and
"Nguyeãn Thò Lan" (VNI) both mean "Nguyễn Thị Lan". Run detection and conversion on the
raw text, before ``vntext.clean_text`` (TCVN3 writes "ư" as a soft hyphen, U+00AD).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from trainer_app.domain.vntext import is_vietnamese_syllable

__all__ = [
    "LegacyEncoding",
    "detect_legacy_encoding",
    "legacy_to_unicode",
    "to_unicode",
    "unicode_to_legacy",
]

LegacyEncoding = Literal["unicode", "tcvn3", "vni"]

# Tone marks in the column order of the tables below: none, huyền, sắc, hỏi, ngã, nặng.
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _with_tone(letter: str, column: int) -> str:
    return unicodedata.normalize("NFC", letter + _TONES[column])


# --- TCVN3 (TCVN 5712:1993 VN3) ----------------------------------------------------------------
# Byte of each lower-case letter; None where the letter is plain ASCII. VN3 has no codes for
# capital toned letters: .VnTimeH ("H" = all capitals) fonts draw the lower-case codes as
# capitals, so they arrive as lower-case letters.
_TCVN3_LOWER: dict[str, tuple[int | None, int, int, int, int, int]] = {
    "a": (None, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB),
    "e": (None, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6),
    "i": (None, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE),
    "o": (None, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE),
    "u": (None, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9),
    "y": (None, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE),
}
_TCVN3_OTHER = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
                "Đ": 0xA7}

# Unicode letter -> TCVN3 character (the byte read as Latin-1; A1..FE is the same in cp1252).
TCVN3_ENCODE: dict[str, str] = {u: chr(b) for u, b in _TCVN3_OTHER.items()}
for _letter, _codes in _TCVN3_LOWER.items():
    for _col, _code in enumerate(_codes):
        if _code is not None:
            TCVN3_ENCODE[_with_tone(_letter, _col)] = chr(_code)
TCVN3_DECODE: dict[str, str] = {v: k for k, v in TCVN3_ENCODE.items()}
# Decoded letters that only exist in lower case in TCVN3 (all toned vowels).
_TCVN3_LOWER_ONLY = frozenset(u for u in TCVN3_ENCODE if u.islower() and u not in "ăâêôơưđ")

# --- VNI-Windows -------------------------------------------------------------------------------
# A letter is a base letter followed by a modifier character; i, ỵ, ơ, ư, đ have their own.
_VNI_PLAIN = ("", "ø", "ù", "û", "õ", "ï")
_VNI_HAT = ("â", "à", "á", "å", "ã", "ä")  # â ê ô
_VNI_BREVE = ("ê", "è", "é", "ú", "ü", "ë")  # ă
_VNI_LOWER: dict[str, tuple[str, ...]] = {
    "a": tuple("a" + m for m in _VNI_PLAIN),
    "ă": tuple("a" + m for m in _VNI_BREVE),
    "â": tuple("a" + m for m in _VNI_HAT),
    "e": tuple("e" + m for m in _VNI_PLAIN),
    "ê": tuple("e" + m for m in _VNI_HAT),
    "i": ("i", "ì", "í", "æ", "ó", "ò"),
    "o": tuple("o" + m for m in _VNI_PLAIN),
    "ô": tuple("o" + m for m in _VNI_HAT),
    "ơ": tuple("ô" + m for m in _VNI_PLAIN),
    "u": tuple("u" + m for m in _VNI_PLAIN),
    "ư": tuple("ö" + m for m in _VNI_PLAIN),
    "y": ("y", "yø", "yù", "yû", "yõ", "î"),
}

# Unicode letter -> VNI sequence, 134 letters: 12 vowels x 6 tones minus the 6 plain ASCII
# vowels, plus đ, in both cases.
VNI_ENCODE: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for _letter, _seqs in _VNI_LOWER.items():
    for _col, _seq in enumerate(_seqs):
        _uni = _with_tone(_letter, _col)
        if _uni not in "aeiouy":  # í and ì are the same characters in VNI and Latin-1
            VNI_ENCODE[_uni] = _seq
            VNI_ENCODE[_uni.upper()] = _seq.upper()
VNI_DECODE: dict[str, str] = {v: k for k, v in VNI_ENCODE.items()}
for _uni, _seq in list(VNI_ENCODE.items()):
    if len(_seq) == 2 and _uni.isupper():  # "AÙNH" after Excel's PROPER(): "Aùnh"
        VNI_DECODE.setdefault(_seq[0] + _seq[1].lower(), _uni)

_TOKEN = re.compile(r"\S+")


def _tcvn3_word(word: str) -> str:
    out = [TCVN3_DECODE.get(ch, ch) for ch in word]
    free = [u for u, ch in zip(out, word, strict=True) if u.isalpha()
            and not (ch in TCVN3_DECODE and u in _TCVN3_LOWER_ONLY)]
    if len(free) >= 2 and all(u.isupper() for u in free):
        return "".join(out).upper()  # written in an all-capitals .VnTimeH font
    return "".join(out)


def _vni_decode(s: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(s):
        pair = s[i : i + 2]
        if len(pair) == 2 and pair in VNI_DECODE:
            out.append(VNI_DECODE[pair])
            i += 2
        else:
            out.append(VNI_DECODE.get(s[i], s[i]))
            i += 1
    return "".join(out)


def legacy_to_unicode(s: str, encoding: LegacyEncoding) -> str:
    """Convert text in ``encoding`` to Unicode NFC. "unicode" only normalises.

    TCVN3: capital toned letters cannot be told from small ones (see above), except in
    words whose other letters are all capitals ("NGUYÔN" -> "NGUYỄN"); names can then go
    through ``vntext.title_case_name``. VNI keeps case exactly.
    """
    if encoding == "tcvn3":
        s = _TOKEN.sub(lambda m: _tcvn3_word(m.group()), s)
    elif encoding == "vni":
        s = _vni_decode(s)
    elif encoding != "unicode":
        raise ValueError(f"Bảng mã không được hỗ trợ: {encoding}")
    return unicodedata.normalize("NFC", s)


def unicode_to_legacy(s: str, encoding: LegacyEncoding) -> str:
    """Encode Unicode text the way a TCVN3 or VNI font file holds it (Latin-1 characters);
    for tests and for checking conversions. TCVN3 writes capital toned letters with the
    small-letter codes, as .VnTimeH fonts do."""
    s = unicodedata.normalize("NFC", s)
    if encoding == "unicode":
        return s
    if encoding == "tcvn3":
        return "".join(TCVN3_ENCODE.get(ch, TCVN3_ENCODE.get(ch.lower(), ch)) for ch in s)
    if encoding == "vni":
        return "".join(VNI_ENCODE.get(ch, ch) for ch in s)
    raise ValueError(f"Bảng mã không được hỗ trợ: {encoding}")


# Letters only Unicode Vietnamese text has (outside Latin-1): ă đ ĩ ũ ơ ư and U+1EA0..U+1EF9.
_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                           "\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]")
# TCVN3 codes that VNI text never contains (mostly symbols such as the micro sign).
_TCVN3_SYMBOLS = re.compile(
    "[" + "".join(sorted(set(TCVN3_DECODE) - set("".join(VNI_ENCODE.values())))) + "]"
)
# Words for scoring: runs between whitespace, ASCII punctuation and digits.
_WORD_SPLIT = re.compile(r"[\s!-@\[-`{-~]+")


def detect_legacy_encoding(s: str) -> LegacyEncoding:
    """Guess whether ``s`` is Unicode, TCVN3 or VNI text.

    Plain ASCII, or text with letters only Unicode has (ư, ơ, đ, ễ, combining marks…), is
    "unicode". Otherwise each reading is scored by how many words it turns into valid
    Vietnamese syllables; a legacy reading wins only if it scores strictly higher than the
    Unicode reading, so normal Vietnamese and English text ("café", "naïve") stay
    "unicode". Short strings can be ambiguous ("Hoàng" is also VNI for "Hồng"): pass a
    whole column or document when you have it.
    """
    if s.isascii() or _UNICODE_ONLY.search(s + unicodedata.normalize("NFC", s)):
        return "unicode"
    words = [w for w in _WORD_SPLIT.split(s) if w and not w.isascii()]
    scores: dict[LegacyEncoding, int] = {"unicode": 0, "tcvn3": 0, "vni": 0}
    for word in words:
        for enc in scores:
            text = legacy_to_unicode(word, enc)
            if len(text) >= 2 and is_vietnamese_syllable(text):
                scores[enc] += 1
    best: LegacyEncoding = "tcvn3" if scores["tcvn3"] > scores["vni"] else "vni"
    if scores["tcvn3"] == scores["vni"] and _TCVN3_SYMBOLS.search(s):
        best = "tcvn3"  # VNI text is made of letters only; TCVN3 uses symbol codes
    return best if scores[best] > scores["unicode"] else "unicode"


def to_unicode(s: str) -> tuple[str, LegacyEncoding]:
    """Detect the encoding of ``s`` and return (Unicode NFC text, detected encoding)."""
    encoding = detect_legacy_encoding(s)
    return legacy_to_unicode(s, encoding), encoding
