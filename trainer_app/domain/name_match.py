"""Matching what a user types in a check-in box against people's names, for speed at the
door: accent- and case-insensitive, and each typed word only has to be the start of a word
of the name, in any order. "lan", "ng t lan" and "lan ng" all find "Nguyễn Thị Lan"; each
typed word needs a word of its own ("ng ng" does not match "Nguyễn Thị Lan")."""

from __future__ import annotations

from collections.abc import Sequence

from trainer_app.domain.vntext import search_key

__all__ = ["name_matches", "query_words"]


def query_words(text: str) -> list[str]:
    """The typed text as folded words: "  NG  Thị lan " -> ["ng", "thi", "lan"]."""
    return search_key(text).split()


def name_matches(words: Sequence[str], name_key: str) -> bool:
    """True when every typed word starts a different word of ``name_key`` (a search key,
    see ``vntext.search_key``). No words: everything matches."""
    if not words:
        return True
    name_words = name_key.split()
    if len(words) > len(name_words):
        return False
    used = [False] * len(name_words)

    def place(i: int) -> bool:
        # Names have a handful of words: plain backtracking is enough.
        if i == len(words):
            return True
        for j, name_word in enumerate(name_words):
            if not used[j] and name_word.startswith(words[i]):
                used[j] = True
                if place(i + 1):
                    return True
                used[j] = False
        return False

    return place(0)
