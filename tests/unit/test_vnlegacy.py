"""Unit tests for trainer_app.domain.vnlegacy: TCVN3 and VNI detection and conversion."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_app.domain.vnlegacy import (
    TCVN3_DECODE,
    TCVN3_ENCODE,
    VNI_DECODE,
    VNI_ENCODE,
    detect_legacy_encoding,
    legacy_to_unicode,
    to_unicode,
    unicode_to_legacy,
)
from trainer_app.domain.vntext import clean_text, is_vietnamese_syllable, title_case_name

# Every Vietnamese letter that is not plain ASCII: 12 vowels x 6 tones - 6 plain, plus đ.
VI_LOWER = (
    "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ"
)
VI_UPPER = VI_LOWER.upper()

# (Unicode, TCVN3 as read through Windows-1252, VNI as read through Windows-1252), typed by
# hand from the code charts. TCVN3 has no capital toned letters: "Á" is written with the
# "á" code (and shown by a .VnTimeH font), so the expected Unicode has a small letter.
NAMES = [
    ("Nguyễn Thị Lan", "NguyÔn ThÞ Lan", "Nguyeãn Thò Lan"),
    ("Trần Văn Đức", "TrÇn V¨n §øc", "Traàn Vaên Ñöùc"),
    ("Lê Thị Hồng Nhung", "Lª ThÞ Hång Nhung", "Leâ Thò Hoàng Nhung"),
    ("Phạm Minh Tuấn", "Ph¹m Minh TuÊn", "Phaïm Minh Tuaán"),
    ("Hoàng Thị Thúy", "Hoµng ThÞ Thóy", "Hoaøng Thò Thuùy"),
    ("Võ Văn Kiệt", "Vâ V¨n KiÖt", "Voõ Vaên Kieät"),
    ("Bùi Thị Hương", "Bïi ThÞ H\u00ad¬ng", "Buøi Thò Höông"),
    ("Dương Quốc Bảo", "D\u00ad¬ng Quèc B¶o", "Döông Quoác Baûo"),
    ("Huỳnh Thị Yến", "Huúnh ThÞ YÕn", "Huyønh Thò Yeán"),
    ("Ưng Hoàng Phúc", "¦ng Hoµng Phóc", "Öng Hoaøng Phuùc"),
    ("Trương Mỹ Lệ", "Tr\u00ad¬ng Mü LÖ", "Tröông Myõ Leä"),
    ("Phan Thị Ngọc Ơn", "Phan ThÞ Ngäc ¥n", "Phan Thò Ngoïc Ôn"),
    ("Đỗ Thị Ngọc Ánh", "§ç ThÞ Ngäc ¸nh", "Ñoã Thò Ngoïc AÙnh"),
    ("Ngô Thị Út", "Ng« ThÞ ót", "Ngoâ Thò UÙt"),
    ("Đặng Văn Ẩn", "§Æng V¨n Èn", "Ñaëng Vaên AÅn"),
    ("Lý Thị Ửng", "Lý ThÞ öng", "Lyù Thò ÖÛng"),
    ("NGUYỄN VĂN ĐỨC", "NGUYÔN V¡N §øC", "NGUYEÃN VAÊN ÑÖÙC"),
    ("TRƯƠNG THỊ KIỀU", "TR¦¥NG THÞ KIÒU", "TRÖÔNG THÒ KIEÀU"),
]


# What TCVN3 gives back where it differs from the Unicode name: small toned capitals,
# except in words written all in capitals.
TCVN3_BACK = {
    "Đỗ Thị Ngọc Ánh": "Đỗ Thị Ngọc ánh",
    "Ngô Thị Út": "Ngô Thị út",
    "Đặng Văn Ẩn": "Đặng Văn ẩn",
    "Lý Thị Ửng": "Lý Thị ửng",
}


# --- tables -----------------------------------------------------------------------------------


def test_tcvn3_table_is_complete_and_one_to_one() -> None:
    assert len(VI_LOWER) == 67
    assert set(VI_LOWER) <= set(TCVN3_ENCODE)
    capitals = {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"}
    assert set(TCVN3_ENCODE) == set(VI_LOWER) | capitals
    codes = list(TCVN3_ENCODE.values())
    assert len(set(codes)) == len(codes) == 74
    assert all(0xA1 <= ord(c) <= 0xFE for c in codes)
    for code in codes:  # the same character whether the file was read as cp1252 or Latin-1
        assert code.encode("cp1252") == code.encode("latin-1")
    assert {TCVN3_DECODE[c] for c in codes} == set(TCVN3_ENCODE)


@pytest.mark.parametrize(
    ("code", "letter"),
    [("\u00b5", "à"), ("\u00b8", "á"), ("\u00b6", "ả"), ("\u00b7", "ã"), ("\u00b9", "ạ"),
     ("\u00a8", "ă"), ("\u00a9", "â"), ("\u00aa", "ê"), ("\u00ab", "ô"), ("\u00ac", "ơ"),
     ("\u00ad", "ư"), ("\u00ae", "đ"), ("\u00a7", "Đ"), ("\u00a1", "Ă"), ("\u00a6", "Ư"),
     ("\u00d4", "ễ"), ("\u00de", "ị"), ("\u00e3", "ó"), ("\u00fe", "ỵ"), ("\u00f9", "ự")],
)
def test_tcvn3_codes(code: str, letter: str) -> None:
    assert TCVN3_DECODE[code] == letter


def test_vni_table_is_complete_and_one_to_one() -> None:
    assert set(VNI_ENCODE) == set(VI_LOWER) | set(VI_UPPER)
    assert len(VNI_ENCODE) == 134
    sequences = list(VNI_ENCODE.values())
    assert len(set(sequences)) == 134
    for seq in sequences:
        assert 1 <= len(seq) <= 2
        seq.encode("cp1252")  # every VNI character is a Windows-1252 character
    for letter, seq in VNI_ENCODE.items():
        assert VNI_DECODE[seq] == letter


@pytest.mark.parametrize(
    ("seq", "letter"),
    [("aù", "á"), ("aø", "à"), ("aû", "ả"), ("aõ", "ã"), ("aï", "ạ"), ("aâ", "â"),
     ("aá", "ấ"), ("aà", "ầ"), ("aå", "ẩ"), ("aã", "ẫ"), ("aä", "ậ"), ("aê", "ă"),
     ("aé", "ắ"), ("aè", "ằ"), ("aú", "ẳ"), ("aü", "ẵ"), ("aë", "ặ"), ("ô", "ơ"),
     ("ö", "ư"), ("ñ", "đ"), ("Ñ", "Đ"), ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"),
     ("ò", "ị"), ("î", "ỵ"), ("Î", "Ỵ"), ("OÂ", "Ô"), ("ÖÙ", "Ứ"), ("eã", "ễ")],
)
def test_vni_codes(seq: str, letter: str) -> None:
    assert VNI_DECODE[seq] == letter


# --- conversion -------------------------------------------------------------------------------


@pytest.mark.parametrize(("unicode_name", "tcvn3", "vni"), NAMES)
def test_tcvn3_names(unicode_name: str, tcvn3: str, vni: str) -> None:
    expected = TCVN3_BACK.get(unicode_name, unicode_name)
    assert legacy_to_unicode(tcvn3, "tcvn3") == expected
    assert detect_legacy_encoding(tcvn3) == "tcvn3"
    assert to_unicode(tcvn3) == (expected, "tcvn3")
    assert title_case_name(legacy_to_unicode(tcvn3, "tcvn3")) == title_case_name(unicode_name)
    assert unicode_to_legacy(unicode_name, "tcvn3") == tcvn3


@pytest.mark.parametrize(("unicode_name", "tcvn3", "vni"), NAMES)
def test_vni_names(unicode_name: str, tcvn3: str, vni: str) -> None:
    assert legacy_to_unicode(vni, "vni") == unicode_name
    assert detect_legacy_encoding(vni) == "vni"
    assert to_unicode(vni) == (unicode_name, "vni")
    assert unicode_to_legacy(unicode_name, "vni") == vni


def test_whole_column_detection_and_conversion() -> None:
    column = "\n".join(t for _, t, _ in NAMES)
    assert detect_legacy_encoding(column) == "tcvn3"
    column = "\n".join(v for _, _, v in NAMES)
    assert detect_legacy_encoding(column) == "vni"
    assert legacy_to_unicode(column, "vni").split("\n") == [u for u, _, _ in NAMES]


def test_tcvn3_sentence_with_punctuation_and_digits() -> None:
    raw = "BÐ g¸i 12 tuæi, nhµ ë Khu phè 5 (Ph\u00ad\u00eang 3)."
    assert detect_legacy_encoding(raw) == "tcvn3"
    assert legacy_to_unicode(raw, "tcvn3") == "Bé gái 12 tuổi, nhà ở Khu phố 5 (Phường 3)."


def test_vni_sentence() -> None:
    raw = "Baûo veä treû em treân khoâng gian maïng."
    assert detect_legacy_encoding(raw) == "vni"
    assert legacy_to_unicode(raw, "vni") == "Bảo vệ trẻ em trên không gian mạng."


def test_tcvn3_soft_hyphen_must_not_be_cleaned_first() -> None:
    raw = "Tr\u00ad¬ng"
    assert legacy_to_unicode(raw, "tcvn3") == "Trương"
    assert clean_text(raw) == "Tr¬ng"  # clean_text drops it: convert before cleaning


def test_unicode_encoding_only_normalises() -> None:
    assert legacy_to_unicode("Nguye\u0302\u0303n", "unicode") == "Nguyễn"


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError):
        legacy_to_unicode("abc", "viqr")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        unicode_to_legacy("abc", "cp1258")  # type: ignore[arg-type]


# --- detection must not fire on ordinary text -------------------------------------------------

UNICODE_TEXTS = [
    "Nguyễn Thị Lan", "Trần Văn Đức", "Lê Tám", "Hoàng", "Tô Lâm", "Hà Nội", "Lý Thông",
    "Võ Thị Sáu", "Phí Văn Tâm", "Cao Bá Quát", "Lê Thánh Tông", "Tôn Nữ Thị Hà",
    "Hồ Chí Minh", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Bảo vệ trẻ em trên không gian mạng", "Khu phố 5, phường Tân Định",
    "Hello world", "café naïve résumé", "Zoë and Chloë at the Noël party", "São Paulo",
    "Peña, José, Muñoz", "Müller, Köln, Zürich", "Beyoncé – Déjà vu", "crème brûlée",
    "© 2020 Company®", "½ cup × 3", "« quoted »", "Où est la gare ?", "El Niño",
    "Montréal, Québec", "Ångström", "voilà", "", "   ", "12345", "KP 5",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_detect_unicode_and_english(text: str) -> None:
    assert detect_legacy_encoding(text) == "unicode"
    assert detect_legacy_encoding(unicodedata.normalize("NFD", text)) == "unicode"
    assert to_unicode(text) == (unicodedata.normalize("NFC", text), "unicode")


_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
           "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tô", "Tôn", "Lâm", "Mai"]
_MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Hoàng", "Thanh", "Bá", "Ánh", "Kim", "Tâm", ""]
_GIVEN = ["Lan", "Tâm", "Hà", "Tú", "Trâm", "Tín", "Lợi", "Ánh", "Thúy", "Thuý", "Hòa", "Hoà",
          "Dũng", "Ưng", "Út", "Ân", "Châu", "Bích", "Yến", "Đào"]


@settings(max_examples=400)
@given(st.sampled_from(_FAMILY), st.sampled_from(_MIDDLE), st.sampled_from(_GIVEN),
       st.sampled_from(["tcvn3", "vni"]), st.booleans())
def test_generated_names_detect_and_round_trip(family: str, middle: str, given_: str,
                                               encoding: str, nfd: bool) -> None:
    name = " ".join(p for p in (family, middle, given_) if p)
    shown = unicodedata.normalize("NFD", name) if nfd else name
    assert detect_legacy_encoding(shown) == "unicode"
    legacy = unicode_to_legacy(name, encoding)  # type: ignore[arg-type]
    detected = detect_legacy_encoding(legacy)
    if detected == "unicode":
        # only when the legacy bytes also read as valid Unicode Vietnamese ("Hoà Thò" is
        # VNI for "Hồ Thị", and real words too)
        words = [w for w in legacy.split(" ") if not w.isascii()]
        assert all(is_vietnamese_syllable(w) for w in words), legacy
    else:
        assert detected == encoding
    back = legacy_to_unicode(legacy, encoding)  # type: ignore[arg-type]
    if encoding == "vni":
        assert back == name
    else:
        assert title_case_name(back) == name


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_columns_of_five_generated_names_are_detected(encoding: str) -> None:
    rng = random.Random(20240601)
    names = [f"{f} {m} {g}".replace("  ", " ") for f in _FAMILY for m in _MIDDLE for g in _GIVEN]
    for _ in range(200):
        sample = rng.sample(names, 5)
        column = "\n".join(unicode_to_legacy(n, encoding) for n in sample)  # type: ignore[arg-type]
        assert detect_legacy_encoding(column) == encoding, column
        back = legacy_to_unicode(column, encoding).split("\n")  # type: ignore[arg-type]
        assert [title_case_name(b) for b in back] == sample


def test_vni_after_excel_proper() -> None:
    assert legacy_to_unicode("Aùnh Öng", "vni") == "Ánh Ưng"  # PROPER("AÙNH ÖNG")
    assert legacy_to_unicode("aÙ", "vni") == "aÙ"  # never produced: left alone


def test_ambiguous_single_name_is_resolved_by_its_column() -> None:
    ambiguous = unicode_to_legacy("Hồ Thị Lan", "vni")
    assert ambiguous == "Hoà Thò Lan"  # also reads as Unicode "Hoà Thò Lan"
    assert detect_legacy_encoding(ambiguous) == "unicode"
    column = "\n".join([ambiguous, "Nguyeãn Vaên Ñöùc", "Traàn Thò Thuùy"])
    assert detect_legacy_encoding(column) == "vni"
    assert legacy_to_unicode(column, "vni").split("\n")[0] == "Hồ Thị Lan"


_VI_CHARS = st.sampled_from(list("abcdeghiklmnopqrstuvxy ,.-0123456789" + VI_LOWER + VI_UPPER))


@given(st.lists(_VI_CHARS, max_size=40).map("".join))
def test_vni_round_trip_is_exact(text: str) -> None:
    assert legacy_to_unicode(unicode_to_legacy(text, "vni"), "vni") == text


@given(st.lists(_VI_CHARS, max_size=40).map("".join))
def test_tcvn3_round_trip_keeps_letters(text: str) -> None:
    back = legacy_to_unicode(unicode_to_legacy(text, "tcvn3"), "tcvn3")
    assert back.lower() == text.lower()
    assert len(back) == len(text)
