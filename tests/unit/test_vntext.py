"""Unit tests for trainer_app.domain.vntext (no Qt)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_app.domain.vncontact import (
    PhoneNumberError,
    normalize_phone,
    parse_neighbourhood,
    phone_problem,
)
from trainer_app.domain.vntext import (
    clean_text,
    is_vietnamese_syllable,
    name_identity_key,
    name_sort_key,
    search_key,
    split_name,
    title_case_name,
    unify_tone_placement,
    vi_collation_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


# Text drawn mostly from Vietnamese letters (both cases, NFC and NFD pieces), spaces and
# some troublesome characters, so properties are exercised on realistic input too.
_VI_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụ"
    "ưừửữứựvxyỳỷỹýỵ"
)
_PIECES = [
    *_VI_LETTERS,
    *_VI_LETTERS.upper(),
    " ", "  ", "\u00a0", "\t", "\u200b", "\ufeff", "\u00ad", "-", "'", "\u0301", "\u0323",
    "\u0300", "\u0309", "\u0303", "\u0302", "\u0306", "\u031b", "ß", "İ", "ǅ", "1",
]
vi_text = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=40), vi_text)


# --- clean_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn   Thị  Lan ", "Nguyễn Thị Lan"),
        ("Nguyễn\u00a0Thị\u2009Lan", "Nguyễn Thị Lan"),
        ("Nguyễn\tThị\nLan\r\n", "Nguyễn Thị Lan"),
        ("\ufeffLan\u200b", "Lan"),
        ("La\u200bn", "Lan"),
        ("Th\u00adị", "Thị"),
        ("Nguye\u0302\u0303n", "Nguyễn"),  # NFD in, NFC out
        ("a\u200b\u0301", "á"),  # a zero-width space between letter and mark
        ("Lan\x00\x07", "Lan"),
        ("", ""),
        (" \u3000 ", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_keep_newlines() -> None:
    raw = "  Câu  1\r\n\r\nGiải\u00a0thích:\t đúng \rhết \n"
    assert clean_text(raw, keep_newlines=True) == "Câu 1\n\nGiải thích: đúng\nhết"
    assert clean_text(raw) == "Câu 1 Giải thích: đúng hết"


@settings(max_examples=300)
@given(any_text)
def test_clean_text_is_idempotent_nfc_and_has_no_double_spaces(s: str) -> None:
    out = clean_text(s)
    assert clean_text(out) == out
    assert is_nfc(out)
    assert "  " not in out
    assert out == out.strip()
    assert clean_text(nfd(s)) == out


# --- title_case_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NGUYỄN THỊ LAN", "Nguyễn Thị Lan"),
        ("nguyễn  thị   lan", "Nguyễn Thị Lan"),
        ("đặng văn ĐỨC", "Đặng Văn Đức"),
        ("ưng hoàng phúc", "Ưng Hoàng Phúc"),
        ("ÂU DƯƠNG ỐC", "Âu Dương Ốc"),
        ("  trần\u00a0ánh  ", "Trần Ánh"),
        ("h'hen niê", "H'Hen Niê"),
        ("y-moan ênuôl", "Y-Moan Ênuôl"),
        ("LÊ THỊ THUÝ", "Lê Thị Thuý"),  # spelling is kept, only case changes
        ("", ""),
    ],
)
def test_title_case_name(raw: str, expected: str) -> None:
    assert title_case_name(raw) == expected


def test_title_case_name_nfd_input_gives_nfc_output() -> None:
    out = title_case_name(nfd("NGUYỄN THỊ ỨNG"))
    assert out == "Nguyễn Thị Ứng"
    assert is_nfc(out)


@settings(max_examples=300)
@given(any_text)
def test_title_case_name_is_idempotent(s: str) -> None:
    out = title_case_name(s)
    assert title_case_name(out) == out
    assert is_nfc(out)
    assert title_case_name(nfd(s)) == out


# --- unify_tone_placement ---------------------------------------------------------------------

# (other style, canonical style): tone on the first vowel of an open oa / oe / uy.
STYLE_PAIRS = [
    ("hoà", "hòa"), ("hoá", "hóa"), ("hoả", "hỏa"), ("hoã", "hõa"), ("hoạ", "họa"),
    ("thoả", "thỏa"), ("toà", "tòa"), ("loà", "lòa"), ("xoà", "xòa"), ("khoá", "khóa"),
    ("oà", "òa"), ("oá", "óa"), ("oạ", "ọa"), ("goá", "góa"), ("ngoạ", "ngọa"),
    ("khoẻ", "khỏe"), ("loè", "lòe"), ("xoè", "xòe"), ("hoè", "hòe"), ("toé", "tóe"),
    ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"), ("choẽ", "chõe"),
    ("thuý", "thúy"), ("thuỷ", "thủy"), ("tuỳ", "tùy"), ("huỷ", "hủy"), ("luỹ", "lũy"),
    ("thuỵ", "thụy"), ("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
    ("khuỵ", "khụy"), ("suý", "súy"), ("nhuỵ", "nhụy"),
    ("Thuý", "Thúy"), ("THUÝ", "THÚY"), ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("KHOẺ", "KHỎE"),
    ("Uỷ", "Ủy"), ("OÀ", "ÒA"),
]

UNCHANGED = [
    "hoàng", "hoán", "toán", "xoắn", "hoạch", "khoảng", "thuyết", "thuyền", "nguyễn",
    "huỳnh", "quỳnh", "huýt", "khuỷu", "ngoài", "ngoáy", "xoáy", "ngoẹo", "khuya", "quý",
    "quà", "quả", "quốc", "quyển", "già", "giữa", "giỏi", "giếng", "gì", "gìn", "người",
    "mười", "thuở", "hươu", "bướu", "cứu", "mái", "cháo", "cháu", "máy", "kẹo", "mía",
    "múa", "túi", "tối", "mới", "khuấy", "nhoẻn", "thuế", "tuần", "xoong", "ủy", "hòa",
    "Hoàng", "HOÀNG", "Nguyễn", "Đức", "ý", "ở", "a", "Lan", "hello", "world", "buy",
    "guy", "Huawei", "Trump", "café", "Zoë", "",
]


@pytest.mark.parametrize(("old", "canonical"), STYLE_PAIRS)
def test_unify_tone_placement_pairs(old: str, canonical: str) -> None:
    assert unify_tone_placement(old) == canonical
    assert unify_tone_placement(canonical) == canonical
    assert unify_tone_placement(nfd(old)) == canonical


@pytest.mark.parametrize("word", UNCHANGED)
def test_unify_tone_placement_leaves_canonical_and_foreign_words(word: str) -> None:
    assert unify_tone_placement(word) == word


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("hòang", "hoàng"), ("hùynh", "huỳnh"), ("qúy", "quý"), ("gìa", "già"),
     ("tóan", "toán"), ("ngòai", "ngoài"), ("HÒANG", "HOÀNG"), ("Qúy", "Quý")],
)
def test_unify_tone_placement_fixes_misplaced_tones(wrong: str, right: str) -> None:
    assert unify_tone_placement(wrong) == right


@pytest.mark.parametrize("word", ["thúyết", "hóà", "Jrái", "xyzá", "à1b"])
def test_unify_tone_placement_leaves_odd_words(word: str) -> None:
    assert unify_tone_placement(word) == word


def test_unify_tone_placement_in_text() -> None:
    assert (unify_tone_placement("Cộng hoà xã hội, Nguyễn Thị Thuý (khoẻ), 0912 uỷ ban")
            == "Cộng hòa xã hội, Nguyễn Thị Thúy (khỏe), 0912 ủy ban")


@settings(max_examples=300)
@given(any_text)
def test_unify_tone_placement_is_idempotent_and_keeps_letters(s: str) -> None:
    out = unify_tone_placement(s)
    assert unify_tone_placement(out) == out
    assert is_nfc(out)
    assert search_key(out) == search_key(s)  # only tone marks move
    assert unify_tone_placement(nfd(s)) == out


# --- syllables --------------------------------------------------------------------------------

VALID_SYLLABLES = (
    "a ba cá lạ ăn ắt ân ấp em ép êm ích inh in ít kìa ong óc ông ốc ơn ớt un út ưng ức yêu yến "
    "nguyễn thị lan hoàng văn đức trần lê phạm huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý "
    "thúy thủy hòa khỏe hóa ủy quý quỳnh quốc quyên quyết giàu giữ gì gìn giường giếng già "
    "người thuở khuỷu ngoài ngoặt xoong khuya khuấy hươu bướu rượu tuần xuân huých oách "
    "nghiêng nghĩa nghề gheo nhà nhanh chanh trưởng trường phường khóm thôn xóm ấp tổ phố "
    "loan oanh toàn hoạch uyển uyên huệ thuế nhoẻn ngoằn ngoẹo khoắng quăng quặp quýt huỳnh"
).split()

INVALID_SYLLABLES = (
    "café hello xyz tỏḿ lanz thác̀ thàc tàp mảt hỏch ngọch iê oo uôi̇ nguyeãn aùm "
    "thaa aai uyê ươ tiê quy̆ fa jo wa zô bb qu ỳn kýt mưan"
).split()


@pytest.mark.parametrize("word", VALID_SYLLABLES)
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)
    assert is_vietnamese_syllable(word.upper())
    assert is_vietnamese_syllable(nfd(word))


@pytest.mark.parametrize("word", INVALID_SYLLABLES)
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_stop_finals_only_take_sac_or_nang() -> None:
    assert is_vietnamese_syllable("tát") and is_vietnamese_syllable("tạt")
    assert is_vietnamese_syllable("tat")  # no tone written: still a syllable shape
    for word in ("tàt", "tảt", "tãt", "tàch", "tảp", "tõc"):
        assert not is_vietnamese_syllable(word)


# --- search_key and name_identity_key ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Thị Lan", "nguyen thi lan"),
        ("NGUYỄN  THỊ\u00a0LAN", "nguyen thi lan"),
        ("Thuý", "thuy"),
        ("Thúy", "thuy"),
        ("Đặng Văn Đức", "dang van duc"),
        ("ĐỖ", "do"),
        ("Ưng Ơn Ăn Âu", "ung on an au"),
        ("Hoà Hòa hoa", "hoa hoa hoa"),
        ("Zoë Café", "zoe cafe"),
        ("Straße", "strasse"),
        (" \u0301 a", "a"),
        ("", ""),
    ],
)
def test_search_key(raw: str, expected: str) -> None:
    assert search_key(raw) == expected
    assert search_key(nfd(raw)) == expected


@settings(max_examples=300)
@given(any_text)
def test_search_key_properties(s: str) -> None:
    key = search_key(s)
    assert search_key(key) == key
    assert search_key(nfd(s)) == key
    if s.isascii():
        assert search_key(s.upper()) == search_key(s.lower()) == key
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", key))
    assert "đ" not in key and "  " not in key
    assert search_key(unify_tone_placement(s)) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NGUYỄN THỊ THUÝ", "nguyễn thị thúy"),
        ("Nguyễn  Thị Thúy ", "nguyễn thị thúy"),
        ("Trần Văn Hoà", "TRẦN VĂN HÒA"),
        ("Lê Khoẻ", "lê khỏe"),
        ("Đào", "đào"),
    ],
)
def test_name_identity_key_same(a: str, b: str) -> None:
    assert name_identity_key(a) == name_identity_key(b)
    assert name_identity_key(nfd(a)) == name_identity_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lan", "Lân"), ("Đào", "Dào"), ("Thúy", "Thùy"), ("Ân", "Ấn"), ("Ơn", "Ôn"), ("Út", "Ứt")],
)
def test_name_identity_key_keeps_diacritics(a: str, b: str) -> None:
    assert name_identity_key(a) != name_identity_key(b)
    assert search_key(a) == search_key(b)


@settings(max_examples=300)
@given(any_text)
def test_name_identity_key_properties(s: str) -> None:
    key = name_identity_key(s)
    assert name_identity_key(key) == key
    assert name_identity_key(nfd(s)) == key
    if s.isascii():
        assert name_identity_key(s.upper()) == name_identity_key(s.lower()) == key
    assert search_key(key) == search_key(s)


# --- sorting (pure; the QCollator comparison is in test_vnsort_oracle.py) ---------------------


def test_split_name() -> None:
    assert split_name(" Nguyễn  Thị Ngọc Lan ") == ("Nguyễn", "Thị Ngọc", "Lan")
    assert split_name("Trần Lan") == ("Trần", "", "Lan")
    assert split_name("Lan") == ("", "", "Lan")


def test_vietnamese_alphabet_order() -> None:
    words = ["Út", "Ánh", "Anh", "Ăn", "Âu", "Đào", "Dũng", "Ơn", "Ổn", "Ưng", "Yến", "Bình",
             "Em", "Êm", "Giang", "Ít"]
    assert sorted(words, key=vi_collation_key) == [
        "Anh", "Ánh", "Ăn", "Âu", "Bình", "Dũng", "Đào", "Em", "Êm", "Giang", "Ít", "Ổn", "Ơn",
        "Út", "Ưng", "Yến"]
    assert sorted(words) != sorted(words, key=vi_collation_key)  # plain code points are wrong


def test_tones_are_secondary_in_cldr_order() -> None:
    tones = ["lạ", "lá", "lã", "lả", "là", "la"]
    assert sorted(tones, key=vi_collation_key) == ["la", "là", "lả", "lã", "lá", "lạ"]
    # letters first: a later letter beats any tone
    assert vi_collation_key("lạ") < vi_collation_key("lan") < vi_collation_key("lăn")
    assert vi_collation_key("lá") < vi_collation_key("lan")


def test_case_is_tertiary() -> None:
    assert sorted(["Lan", "lán", "lan", "LAN"], key=vi_collation_key) == ["lan", "Lan", "LAN",
                                                                          "lán"]


def test_letters_f_j_w_z_in_latin_places() -> None:
    words = ["zô", "yến", "xuân", "wendy", "vân", "jack", "kim", "ít", "fan", "giang", "êm"]
    assert sorted(words, key=vi_collation_key) == [
        "êm", "fan", "giang", "ít", "jack", "kim", "vân", "wendy", "xuân", "yến", "zô"]


def test_name_sort_key_given_then_middle_then_family() -> None:
    names = ["Nguyễn Văn An", "Trần Anh An", "Lê Thị Bình", "Phạm An", "Võ Thị Anh",
             "Đặng Ánh", "Bùi Văn Ăn", "Hồ Thị Lan", "An"]
    assert sorted(names, key=name_sort_key) == [
        "An",             # given "An", no middle, no family
        "Phạm An",        # given "An", no middle
        "Trần Anh An",    # middle "Anh" < "Văn"
        "Nguyễn Văn An",
        "Võ Thị Anh",
        "Đặng Ánh",
        "Bùi Văn Ăn",
        "Lê Thị Bình",
        "Hồ Thị Lan",
    ]


def test_name_sort_key_family_name_breaks_last_tie() -> None:
    names = ["Trần Thị Lan", "Đặng Thị Lan", "Dương Thị Lan", "Ân Thị Lan", "An Thị Lan"]
    assert sorted(names, key=name_sort_key) == [
        "An Thị Lan", "Ân Thị Lan", "Dương Thị Lan", "Đặng Thị Lan", "Trần Thị Lan"]


def test_name_sort_key_unifies_spelling_and_spacing() -> None:
    assert name_sort_key("Nguyễn Thị Thuý") == name_sort_key(" Nguyễn  Thị\u00a0Thúy")
    assert name_sort_key(nfd("Lê Thị Thúy")) == name_sort_key("Lê Thị Thúy")
    # Both spellings are one name, so nothing sorts between them (ICU on the raw strings
    # would give Thuy, Thuỳ, Thuỷ, Thuý, Thùy, Thủy, Thúy). Ties keep the input order.
    names = ["Lê Thị Thuý", "Lê Thị Thúy", "Lê Thị Thủy", "Lê Thị Thùy", "Lê Thị Thuỳ",
             "Lê Thị Thuỷ", "Lê Thị Thuy"]
    order = [n.split()[-1] for n in sorted(names, key=name_sort_key)]
    assert order == ["Thuy", "Thùy", "Thuỳ", "Thủy", "Thuỷ", "Thuý", "Thúy"]
    raw = sorted((n.split()[-1] for n in names), key=vi_collation_key)
    assert raw == ["Thuy", "Thuỳ", "Thuỷ", "Thuý", "Thùy", "Thủy", "Thúy"]


# --- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("(+84) 912-345-678", "0912345678"),
        ("(84) 912 345 678", "0912345678"),
        ("912345678", "0912345678"),
        (912345678, "0912345678"),
        (912345678.0, "0912345678"),
        ("912345678.0", "0912345678"),
        (84912345678, "0912345678"),
        (" 0912\u00a0345\u00a0678 ", "0912345678"),
        ("0386 123 456", "0386123456"),
        ("0521234567", "0521234567"),
        ("0701234567", "0701234567"),
        ("0812345678", "0812345678"),
        ("812345678", "0812345678"),
        ("024 3825 1234", "02438251234"),
        ("(028) 3829 1234", "02838291234"),
        ("+84 24 3825 1234", "02438251234"),
        (2438251234, "02438251234"),
        ("0203 123 4567", "02031234567"),
        # pre-2018 11-digit mobile numbers, renumbered
        ("01689 123 456", "0389123456"),
        ("0162 345 6789", "0323456789"),
        ("0120 345 6789", "0703456789"),
        ("0123 345 6789", "0833456789"),
        ("0186 345 6789", "0563456789"),
        ("0199 345 6789", "0593456789"),
        ("+84 168 912 3456", "0389123456"),
    ],
)
def test_normalize_phone(raw: str | int | float, expected: str) -> None:
    assert normalize_phone(raw) == expected
    assert phone_problem(raw) is None
    assert normalize_phone(expected) == expected  # idempotent


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", float("nan")])
def test_normalize_phone_blank(raw: str | float | None) -> None:
    assert normalize_phone(raw) is None
    assert phone_problem(raw) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345", "thiếu số"),
        ("091234567", "thiếu số"),
        ("09123456789", "thừa số"),
        ("091234567890", "thừa số"),
        ("0912abc678", "có chữ"),
        ("abc", "có chữ"),
        ("0912 345 678 (nhà)", "có chữ"),
        ("+1 202 555 0123", "không phải số Việt Nam"),
        ("0044 20 7946 0958", "không phải số Việt Nam"),
        ("0112345678", "đầu số không đúng"),
        ("0412345678", "đầu số không đúng"),
        ("0612345678", "đầu số không đúng"),
        ("0212345678", "thiếu số"),  # landlines have 11 digits
        ("0912345678 / 0987654321", "nhiều số"),
        ("0912345678; 0987654321", "nhiều số"),
        ("0912345678 - 0987654321", "nhiều số"),
        (912345678.5, "không phải số nguyên"),
        (-912345678, "không phải số"),
        (True, "không phải số"),
        ("+", "không có chữ số"),
        ("().-", "không có chữ số"),
    ],
)
def test_impossible_phone(raw: object, reason: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        normalize_phone(raw)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("Số điện thoại không hợp lệ: ")
    assert reason in info.value.reason
    assert phone_problem(raw) == info.value.reason  # type: ignore[arg-type]


@given(st.sampled_from("35789"), st.integers(min_value=0, max_value=99_999_999))
def test_phone_excel_forms_agree(second: str, rest: int) -> None:
    national = f"0{second}{rest:08d}"
    as_int = int(national)
    assert normalize_phone(national) == national
    assert normalize_phone(as_int) == national
    assert normalize_phone(float(as_int)) == national
    assert normalize_phone("+84" + national[1:]) == national
    assert normalize_phone(f"{national[:4]}.{national[4:7]}.{national[7:]}") == national


# --- neighbourhoods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["KP 5", "KP5", "kp.5", "K.P 5", "Khu phố 05", "khu pho 5", "KHU PHỐ 5", "Khu phố số 5",
     "Tổ dân phố 5", "TDP 5", "tdp05", "Ấp 5", "ấp 5", "Khóm 5", "Thôn 5", "5", " 5 ", "05",
     "5.0", 5, 5.0, "Khu\u00a0phố\u00a05", nfd("Khu phố 5")],
)
def test_parse_neighbourhood_five(raw: str | int | float) -> None:
    assert parse_neighbourhood(raw) == 5


@pytest.mark.parametrize(("raw", "expected"), [("KP 12", 12), ("Khu phố 120", 120), (1, 1)])
def test_parse_neighbourhood_other_numbers(raw: str | int, expected: int) -> None:
    assert parse_neighbourhood(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", float("nan")])
def test_parse_neighbourhood_blank(raw: str | float | None) -> None:
    assert parse_neighbourhood(raw) is None


@pytest.mark.parametrize(
    "raw", ["abc", "KP", "Khu phố", "KP 5A", "5.5", 5.5, "0", 0, "KP 0", "1000", "-3", -3,
            "Phường 5", True, "KP 5 và 6"],
)
def test_parse_neighbourhood_errors(raw: object) -> None:
    with pytest.raises(ValueError, match=r"^Khu phố không hợp lệ: "):
        parse_neighbourhood(raw)  # type: ignore[arg-type]
