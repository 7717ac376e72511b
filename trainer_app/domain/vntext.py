"""Vietnamese text rules: cleaning, name case, tone placement, search keys, sorting,
phone numbers and neighbourhood (khu phố) numbers. Standard library only.

Every function returns NFC text. Legacy TCVN3/VNI conversion lives in ``vnlegacy``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean_text", "is_vietnamese_syllable", "name_identity_key", "name_sort_key", "search_key",
    "split_name", "title_case_name", "unify_tone_placement", "vi_collation_key",
]

# --- cleaning -------------------------------------------------------------------------------

_SPACES = re.compile(r" {2,}")


def _drop_invisible(ch: str) -> bool:
    """True for format characters (zero-width space/joiners, BOM, soft hyphen, bidi marks)
    and control characters that are not whitespace."""
    cat = unicodedata.category(ch)
    return cat == "Cf" or (cat == "Cc" and not ch.isspace())


def _clean_line(s: str) -> str:
    s = "".join(" " if ch.isspace() else ch for ch in s if not _drop_invisible(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", s)).strip(" ")


def clean_text(s: str, *, keep_newlines: bool = False) -> str:
    """NFC-normalise, drop invisible characters (zero-width, BOM, soft hyphen, controls),
    turn every kind of whitespace (tabs, non-breaking and other Unicode spaces) into one
    space, collapse runs of spaces and strip.

    With ``keep_newlines=True`` line breaks survive (each line cleaned on its own, CRLF and CR
    become LF), for multi-line text such as quiz explanations. Do not run this on text that
    may still be TCVN3: TCVN3 stores "ư" as a soft hyphen (see ``vnlegacy``).
    """
    if keep_newlines:
        lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(_clean_line(line) for line in lines).strip("\n")
    return _clean_line(s)


# --- letters, tones and syllables ------------------------------------------------------------

# Tone marks, in the CLDR/ICU "vi" secondary order: huyền < hỏi < ngã < sắc < nặng.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONE_MARKS = (GRAVE, HOOK, TILDE, ACUTE, DOT)
_VOWELS = "aăâeêioôơuưy"
_MODIFIED_VOWELS = "ăâêôơư"
# (toned character) -> (toneless character, tone mark); both cases of every Vietnamese vowel.
_DETONE: dict[str, tuple[str, str]] = {}
_TONED: dict[tuple[str, str], str] = {}
for _v in _VOWELS + _VOWELS.upper():
    for _t in _TONE_MARKS:
        _c = unicodedata.normalize("NFC", _v + _t)
        _DETONE[_c] = (_v, _t)
        _TONED[(_v, _t)] = _c

_ONSETS = sorted("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(),
                 key=len, reverse=True)
_CODAS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"])
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu".split()
)
# Nuclei ending in a glide (or ia/ua/ưa) take no final consonant; others need one.
_OPEN_ONLY = frozenset(
    "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ "
    "iêu yêu oai oay oeo uây uôi ươi ươu uya uyu".split()
)
_CLOSED_ONLY = frozenset("ă â iê oă oo uâ uô ươ yê uyê".split())


def _parse_syllable(lower: str) -> tuple[str, str, str] | None:
    """Split a toneless lower-case word into (onset, nucleus, coda), or None if it is not
    a well-formed Vietnamese syllable. "gi" and "qu" count as onsets when a vowel follows."""
    onset = next((o for o in _ONSETS if lower.startswith(o)), "")
    rest = lower[len(onset) :]
    if onset == "gi" and not (rest and rest[0] in _VOWELS):
        onset, rest = "g", lower[1:]  # "gì", "gìn": the i is the vowel
    i = 0
    while i < len(rest) and rest[i] in _VOWELS:
        i += 1
    nucleus, coda = rest[:i], rest[i:]
    if nucleus not in _NUCLEI or coda not in _CODAS:
        return None
    if coda and nucleus in _OPEN_ONLY and not (onset == "qu" and nucleus == "y"):  # quỳnh
        return None
    if not coda and nucleus in _CLOSED_ONLY:
        return None
    if coda in ("ch", "nh") and nucleus[-1] not in "aêiy":
        return None
    return onset, nucleus, coda


def _tone_index(nucleus: str, coda: str) -> int:
    """Index in the nucleus that carries the tone, in the canonical placement (hòa style):
    a vowel with a hat/horn/breve wins (the last one: ươ -> ơ); with a final consonant
    the last vowel (hoàng, toán, huỳnh); three open vowels the middle one (ngoài, khuỷu);
    two open vowels the first one (mái, múa, hòa, khỏe, thủy)."""
    modified = [i for i, ch in enumerate(nucleus) if ch in _MODIFIED_VOWELS]
    if modified:
        return modified[-1]
    if len(nucleus) == 1:
        return 0
    if coda:
        return len(nucleus) - 1
    return 1 if len(nucleus) == 3 else 0


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (any case, NFC or NFD) is a well-formed Vietnamese syllable: known
    onset, vowel nucleus and final consonant, at most one tone, on the vowel either
    placement style puts it (hòa/hoà; not "hòang"), and only sắc or nặng before the stop
    finals c/ch/p/t. Used to tell legacy-encoded text from Unicode."""
    pairs = [_DETONE.get(ch, (ch, "")) for ch in unicodedata.normalize("NFC", word).lower()]
    toned = [i for i, (_, tone) in enumerate(pairs) if tone]
    parsed = _parse_syllable("".join(base for base, _ in pairs))
    if parsed is None or len(toned) > 1:
        return False
    if not toned:
        return True
    onset, nucleus, coda = parsed
    tone = pairs[toned[0]][1]
    allowed = {len(onset) + _tone_index(nucleus, coda)}
    if not coda and nucleus in ("oa", "oe", "uy"):
        allowed.add(len(onset) + 1)
    if toned[0] not in allowed:
        return False
    return coda not in ("c", "ch", "p", "t") or tone in (ACUTE, DOT)


def _unify_word(word: str) -> str:
    pairs = [_DETONE.get(ch, (ch, "")) for ch in word]
    toned = [i for i, (_, tone) in enumerate(pairs) if tone]
    if len(toned) != 1:
        return word
    parsed = _parse_syllable("".join(base for base, _ in pairs).lower())
    if parsed is None:
        return word
    onset, nucleus, coda = parsed
    target = len(onset) + _tone_index(nucleus, coda)
    if target == toned[0]:
        return word
    tone = pairs[toned[0]][1]
    out = [base for base, _ in pairs]
    out[target] = _TONED[(out[target], tone)]
    return "".join(out)


_WORD = re.compile(r"[^\W\d_]+")


def unify_tone_placement(s: str) -> str:
    """Put every tone mark where the canonical (hòa) style puts it, so both styles of the
    same syllable become one string: "hoà"/"hòa" -> "hòa", "Thuý"/"Thúy" -> "Thúy",
    "khoẻ" -> "khỏe", "uỷ" -> "ủy". Also fixes misplaced tones ("hòang" -> "hoàng",
    "qúy" -> "quý"); "hoàng", "thuyết", "khuỷu", "ngoài", "quý", "già" stay as they are.

    The canonical style (tone on the first vowel of an open oa/oe/uy) is the one of the
    Quốc hiệu "CỘNG HÒA" and of Unikey's default. Words that are not Vietnamese syllables
    or carry zero or several tones are left alone. Case is kept; output is NFC.
    """
    s = unicodedata.normalize("NFC", s)

    def repl(m: re.Match[str]) -> str:
        end = m.end()
        if end < len(s) and unicodedata.combining(s[end]):
            return m.group()  # an unusual mark follows: not a plain syllable
        return _unify_word(m.group())

    return _WORD.sub(repl, s)


# --- case and keys ---------------------------------------------------------------------------

_NAME_PART = re.compile(r"[^\s\-'\u2019]+")


def _cap_part(part: str) -> str:
    out = []
    for i, ch in enumerate(part):
        new = ch.upper() if i == 0 else ch.lower()
        out.append(new if len(new) == 1 else ch)
    return "".join(out)


def title_case_name(s: str) -> str:
    """Clean the text and write each word with a capital first letter and the rest small:
    "NGUYỄN THỊ LAN" -> "Nguyễn Thị Lan", "đặng văn ĐỨC" -> "Đặng Văn Đức". Parts after a
    hyphen or apostrophe are capitalised too (ethnic names: "H'Hen Niê", "Y-Moan").
    The spelling (tone placement) is kept as typed. NFC or NFD input, NFC output."""
    titled = _NAME_PART.sub(lambda m: _cap_part(m.group()), clean_text(s))
    return unicodedata.normalize("NFC", titled)


def _strip_marks(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


def search_key(s: str) -> str:
    """Case- and accent-insensitive key for search boxes and duplicate hints: cleaned,
    case-folded, every diacritic removed, đ -> d. "Nguyễn Thị Lan" -> "nguyen thi lan";
    "Thuý" and "Thúy" -> "thuy". Idempotent."""
    folded = _strip_marks(clean_text(s).casefold())
    return _SPACES.sub(" ", folded).strip(" ")


def name_identity_key(s: str) -> str:
    """Key for "is this the same name?" decisions: cleaned, case-folded and tone placement
    unified, but diacritics kept ("Lan" != "Lân"). "NGUYỄN THỊ THUÝ" and "nguyễn thị thúy"
    (NFC or NFD) give the same key."""
    folded = unicodedata.normalize("NFC", clean_text(s).casefold())
    return unify_tone_placement(folded)


# --- collation (pure-Python emulation of ICU/CLDR "vi") --------------------------------------

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: 1000 + 10 * i for i, ch in enumerate(_LETTERS)}
_LETTER_RANK.update({"\u0131": _LETTER_RANK["i"] + 5, "þ": _LETTER_RANK["z"] + 5})
# Whitespace and punctuation in the order ICU's root collation gives them (checked with
# QCollator); all sort before digits, digits before letters.
_PUNCT = ("\t\n\x0b\x0c\r _-\u2013\u2014,;:!?.\u2026\u00b7'\u2018\u2019\"\u201c\u201d\u00ab\u00bb"
          "()[]{}@*/\\&#%`^+<=>|~$")
_PUNCT_RANK = {ch: 10 + i for i, ch in enumerate(_PUNCT)}
# a/e/o/u + breve, circumflex or horn are letters of their own in Vietnamese.
_CONTRACTIONS = {
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}
# Secondary weights: none (0) < huyền < hỏi < ngã < sắc < nặng < other marks (root order).
_MARK_RANK = {m: i + 1 for i, m in enumerate(
    (*_TONE_MARKS, "\u0306", "\u0302", "\u030c", "\u030a", "\u0308", "\u030b", "\u0307",
     "\u0327", "\u0328", "\u0304"))}
# Letters ICU sorts as a base letter (or two) plus a secondary difference after all marks.
_FALLBACK = {"ł": "l", "ø": "o", "ß": "ss", "ð": "d", "æ": "ae", "œ": "oe"}


def _primary(ch: str) -> tuple[int, ...]:
    if ch in _LETTER_RANK:
        return (_LETTER_RANK[ch],)
    if ch in _FALLBACK:
        return tuple(_LETTER_RANK[c] for c in _FALLBACK[ch])
    if ch in _PUNCT_RANK:
        return (_PUNCT_RANK[ch],)
    if ch.isspace():
        return (_PUNCT_RANK[" "],)
    if ch.isdecimal():
        return (500 + unicodedata.decimal(ch),)
    return (100000 + ord(ch),) if ch.isalpha() else (200 + ord(ch) % 256,)


def vi_collation_key(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Sort key for one string in Vietnamese alphabetical order, modelled on ICU/CLDR "vi"
    (what ``QCollator(QLocale("vi_VN"))`` does), as (primary, secondary, tertiary):

    * primary, letters: a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z
      (f j w z in their Latin places); before them digits, before those punctuation and
      spaces; shorter prefix first;
    * secondary, tones, compared only when all letters are equal, position by position:
      ngang < huyền < hỏi < ngã < sắc < nặng (la < là < lả < lã < lá < lạ);
    * tertiary, case: small before capital (lan < Lan).

    No cleaning or tone-placement unification is done here (see ``name_sort_key``).
    """
    d = unicodedata.normalize("NFD", s)
    prim: list[int] = []
    sec: list[int] = []
    ter: list[int] = []
    i = 0
    while i < len(d):
        ch = d[i]
        i += 1
        if unicodedata.combining(ch):  # mark with no base letter
            sec.append(_MARK_RANK.get(ch, 100 + ord(ch) % 1000))
            ter.append(0)
            continue
        if _drop_invisible(ch):
            continue
        marks: list[str] = []
        while i < len(d) and unicodedata.combining(d[i]):
            marks.append(d[i])
            i += 1
        low = ch.lower() if len(ch.lower()) == 1 else ch
        for j, mark in enumerate(marks):
            blocked = any(unicodedata.combining(m) >= unicodedata.combining(mark)
                          for m in marks[:j])
            if (low, mark) in _CONTRACTIONS and not blocked:
                low = _CONTRACTIONS[(low, mark)]
                del marks[j]
                break
        weights = _primary(low)
        case = (1 if ch.isupper() else 0) + (2 if unicodedata.normalize("NFKC", ch) != ch else 0)
        for n, weight in enumerate(weights):
            prim.append(weight)
            sec.append(0)
            ter.append(case)
            if n == 0 and low in _FALLBACK:  # ł, ø, æ…: a secondary mark after the first
                sec.append(91 if low in "æœ" else 90)
                ter.append(0)
        for mark in marks:
            sec.append(_MARK_RANK.get(mark, 100 + ord(mark) % 1000))
            ter.append(0)
    return tuple(prim), tuple(sec), tuple(ter)


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a cleaned full name into (family, middle, given): "Nguyễn Thị Ngọc Lan" ->
    ("Nguyễn", "Thị Ngọc", "Lan"). One word is a given name only."""
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> tuple[object, ...]:
    """Sort key for lists of people, the Vietnamese way: given name (tên, last word) first,
    then middle name(s) (chữ lót, as one string), then family name (họ, first word); each
    part compared completely (letters, then tones, then case: ``vi_collation_key``) before
    the next part. The name is cleaned and its tone placement unified first, so "Thuý"
    and "Thúy" sort together; the cleaned name breaks remaining ties.

    Tone order (CLDR/ICU "vi", as QCollator): ngang < huyền < hỏi < ngã < sắc < nặng,
    only after all letters are equal. Matches sorting the parts with
    ``QCollator(QLocale("vi_VN"))`` (tests/unit/test_vnsort_oracle.py).
    """
    name = unify_tone_placement(clean_text(full_name))
    family, middle, given = split_name(name)
    return (vi_collation_key(given), vi_collation_key(middle), vi_collation_key(family), name)
