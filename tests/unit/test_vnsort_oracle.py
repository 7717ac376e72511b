"""Compare the pure-Python Vietnamese sort with ICU, through QCollator(QLocale("vi_VN")).

Only PySide6.QtCore is used (no widgets, no display). The oracle applies the same name
convention as ``name_sort_key`` (DESIGN.md: given name, then middle name(s), then family
name), each part compared completely by the collator, on the cleaned name with unified
tone placement; the cleaned name breaks remaining ties in both keys.
"""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest
from PySide6.QtCore import QCollator, QLocale

from trainer_app.domain.vntext import (
    clean_text,
    name_sort_key,
    split_name,
    unify_tone_placement,
    vi_collation_key,
)


class IcuKey:
    """Orders strings with QCollator.compare. (QCollatorSortKey in PySide6 6.11 has no
    __eq__, so tuples of sort keys never tie and compare wrongly.)"""

    __slots__ = ("collator", "text")

    def __init__(self, collator: QCollator, text: str) -> None:
        self.collator = collator
        self.text = text

    def __lt__(self, other: IcuKey) -> bool:
        return self.collator.compare(self.text, other.text) < 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IcuKey) and self.collator.compare(self.text, other.text) == 0

    __hash__ = None  # type: ignore[assignment]


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Âu", "Ông", "Ưng", "Đào", "Doãn", "Đoàn", "Ân",
          "An", "Ánh", "Kha", "Khúc", "Quách", "Giáp", "Yên"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Hoàng", "Thanh", "Bá", "Ánh", "Anh", "Kim", "Hữu",
          "Đức", "Thị Ngọc", "Văn Thành", "Thu", "Thuý", "Thúy", "Ân", "Ấn", "Ơn", "Ôn", "",
          "Thị Hoà", "Thị Hòa"]
GIVEN = ["Ánh", "Anh", "Ăn", "Âu", "Đào", "Dũng", "Ơn", "Ổn", "Ôn", "Út", "Ưng", "Ứng", "Yến",
         "Yên", "Thuý", "Thúy", "Thủy", "Thuỷ", "Thùy", "Thuỳ", "Thuy", "Hoà", "Hòa", "Hoa",
         "Hóa", "Hoá", "Khoẻ", "Khỏe", "Lan", "Lân", "Lăng", "Lang", "Lạng", "Ân", "Ẩn", "Ấn",
         "Ậu", "An", "Ăng", "Âm", "Đông", "Dong", "Đồng", "Đức", "Duc", "Phúc", "Phước",
         "Phuong", "Phương", "Phượng", "Quý", "Quỳnh", "Giang", "Hà", "Hạ", "Hả", "Hã", "Há",
         "Hằng", "Hương", "Hường", "Hưởng", "Nga", "Ngà", "Ngân", "Ngạn", "Ý", "Ỷ", "Ỳ", "Uyên",
         "Uy", "Ủy", "Uỷ", "Oanh", "Oánh", "Ơi", "Ở", "Wendy", "Jack", "Zô", "Fiona"]


def _generated_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names = set()
    while len(names) < count:
        parts = [rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)]
        name = " ".join(p for p in parts if p)
        style = rng.random()
        if style < 0.10:
            name = name.upper()
        elif style < 0.15:
            name = name.lower()
        elif style < 0.25:
            name = unicodedata.normalize("NFD", name)
        elif style < 0.30:
            name = "  " + name.replace(" ", "  \u00a0") + " "
        names.add(name)
    return sorted(names)  # code-point order: a fixed, unhelpful starting order


@pytest.fixture(scope="module")
def collator() -> QCollator:
    c = QCollator(QLocale("vi_VN"))
    assert c.locale().name() == "vi_VN"
    return c


def _oracle_key(c: QCollator, full_name: str) -> tuple[object, ...]:
    name = unify_tone_placement(clean_text(full_name))
    family, middle, given = split_name(name)
    return (IcuKey(c, given), IcuKey(c, middle), IcuKey(c, family), name)


def test_collator_is_icu_vi(collator: QCollator) -> None:
    """The oracle itself must sort the Vietnamese way, or the comparisons prove nothing."""
    words = ["Út", "Ánh", "Anh", "Ăn", "Âu", "Đào", "Dũng", "Ơn", "Ổn", "Ưng", "Yến"]
    assert sorted(words, key=lambda w: IcuKey(collator, w)) == [
        "Anh", "Ánh", "Ăn", "Âu", "Dũng", "Đào", "Ổn", "Ơn", "Út", "Ưng", "Yến"]
    tones = ["lạ", "lá", "lã", "lả", "là", "la"]
    assert sorted(tones, key=lambda w: IcuKey(collator, w)) == ["la", "là", "lả", "lã", "lá", "lạ"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_name_sort_matches_qcollator(collator: QCollator, seed: int) -> None:
    names = _generated_names(400, seed)
    ours = sorted(names, key=name_sort_key)
    oracle = sorted(names, key=lambda n: _oracle_key(collator, n))
    assert ours == oracle


def test_all_given_names_with_every_family_name(collator: QCollator) -> None:
    names = [f"{f} Thị {g}" for f, g in itertools.product(FAMILY, GIVEN)]
    assert sorted(names, key=name_sort_key) == sorted(
        names, key=lambda n: _oracle_key(collator, n))


def test_word_collation_matches_qcollator_on_raw_strings(collator: QCollator) -> None:
    """``vi_collation_key`` alone (no cleaning, no tone unification) against ICU, on words
    in both tone-placement styles, both cases, NFC and NFD, with spaces and hyphens."""
    words = set(GIVEN) | set(FAMILY) | set(MIDDLE)
    words |= {w.upper() for w in list(words)} | {w.lower() for w in list(words)}
    words |= {unicodedata.normalize("NFD", w) for w in list(words)}
    words |= {"Lan-Anh", "Lan Anh", "Lan  Anh", "Lan1", "Lan 2", "LanAnh", "H'Hen", "Y Moan"}
    words.discard("")
    ours = sorted(words, key=lambda w: (vi_collation_key(w), w))
    oracle = sorted(words, key=lambda w: (IcuKey(collator, w), vi_collation_key(w), w))
    assert ours == oracle
    for a, b in itertools.pairwise(ours):
        assert collator.compare(a, b) <= 0, (a, b)


def test_random_strings_never_contradict_qcollator(collator: QCollator) -> None:
    letters = list("abcdđeghiklmnopqrstuvxyfjwz ăâêôơư-'1") + [
        unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy"
        for t in ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")]
    rng = random.Random(7)
    words = set()
    for _ in range(3000):
        w = "".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.3:
            w = w.capitalize()
        words.add(unicodedata.normalize("NFD", w) if rng.random() < 0.2 else w)
    ours = sorted(words, key=lambda w: (vi_collation_key(w), w))
    compare = collator.compare
    assert all(compare(a, b) <= 0 for a, b in itertools.pairwise(ours))
    oracle = sorted(words, key=lambda w: (IcuKey(collator, w), vi_collation_key(w), w))
    assert ours == oracle


def test_reference_note_key_differs_only_on_middle_versus_family(collator: QCollator) -> None:
    """tech-pitfalls.md suggests (sortKey(given), sortKey(full_name)): that ties on the
    given name by family name first. DESIGN.md asks for the middle name first; so do we."""
    names = ["Nguyễn Văn An", "Trần Anh An"]
    note = sorted(names, key=lambda n: (IcuKey(collator, n.split()[-1]), IcuKey(collator, n)))
    assert note == ["Nguyễn Văn An", "Trần Anh An"]
    assert sorted(names, key=name_sort_key) == ["Trần Anh An", "Nguyễn Văn An"]
