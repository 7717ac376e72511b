"""Check-in search: typed words against name words, accents and order aside."""

from __future__ import annotations

import unicodedata

import pytest

from trainer_app.domain.name_match import name_matches, query_words
from trainer_app.domain.vntext import search_key

LAN = search_key("Nguyễn Thị Lan")


@pytest.mark.parametrize("typed", ["lan", "LAN", "Lân", "ng t lan", "lan ng", "  ngu   thi ",
                                   "nguyen thi lan", "t", "", unicodedata.normalize("NFD", "Thị")])
def test_matches(typed: str) -> None:
    assert name_matches(query_words(typed), LAN)


@pytest.mark.parametrize("typed", ["an", "hi", "ng ng", "lan x", "nguyen thi lan a", "lana",
                                   "van"])
def test_does_not_match(typed: str) -> None:
    assert not name_matches(query_words(typed), LAN)


def test_each_word_needs_its_own_name_word() -> None:
    words = query_words("th th")
    assert not name_matches(words, search_key("Nguyễn Thị Lan"))
    assert name_matches(words, search_key("Trần Thị Thu"))
    assert query_words("Đào  THÚY") == ["dao", "thuy"]
    assert name_matches(query_words("dao"), search_key("Đào Thị Hoà"))
    assert name_matches(query_words("hoa"), search_key("Đào Thị Hòa"))  # both tone styles
