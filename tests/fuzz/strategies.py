"""Generators for hostile-but-plausible inputs: text that looks like the formats the app
reads, with the characters that break parsers (quotes, brackets, BOMs, NULs, combining
marks, right-to-left letters, line ends of every kind)."""

from __future__ import annotations

from hypothesis import strategies as st

NASTY = ["", " ", "\t", "\n", "\r\n", "\r", "\x00", "\ufeff", "\u200b", "\u0301", "\u202e",
         '"', "'", ",", ";", ":", "=", "~", "{", "}", "[", "]", "#", "//", "\\", "%", "-",
         "محمد", "王", "Đặng", "NGUYỄN", "Thuý", "0912 345 678", "+84912345678", "1.2e9",
         "1980", "-5", "9999999999999999999999", "NaN", "TRUE", "#N/A", "=1+1"]

nasty_piece = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
nasty_text = st.lists(nasty_piece, max_size=30).map("".join)


def joined(tokens: list[str], pieces: int = 60) -> st.SearchStrategy[str]:
    """Text made of the format's own tokens mixed with nasty pieces."""
    return st.lists(st.one_of(st.sampled_from(tokens), nasty_piece),
                    max_size=pieces).map("".join)


GIFT_TOKENS = ["::", "::Q1::", "{", "}", "=", "~", "#", "%50%", "%-100%", "->", "\n\n",
               "\n", "TRUE", "FALSE", "T", "F", "[html]", "[markdown]", "$CATEGORY: a\n",
               "// comment\n", "\\{", "\\=", "\\~", "\\:", "\\#", "Câu hỏi? ", "Đúng ", "Sai "]
AIKEN_TOKENS = ["Câu hỏi?\n", "A. ", "B) ", "C. ", "D. ", "ANSWER: ", "ANSWER: A", "A",
                "B", "\n", "\n\n", "E. ", "a. ", "ANSWER:", "Đáp án\n"]
TOML_TOKENS = ['format = "trainer-quiz/1"\n', 'id = "q"\n', 'title = "Thử"\n',
               "[[questions]]\n", 'text = "Câu?"\n', 'kind = "single"\n',
               'options = ["A", "B"]\n', "correct = [1]\n", "correct = 1\n", "[", "]",
               "{", "}", "=", '"', "'''", '"""', "\n", "pass_mark = 5\n", "[quiz]\n",
               "x = 1979-05-27T07:32:00Z\n", "y = inf\n", "z = 0x1F\n", "a.b.c = 1\n"]
