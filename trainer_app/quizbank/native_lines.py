"""Where things are in a native quiz file's raw text: ``tomllib`` reports no lines, so one
pass over the TOML text (skipping strings and comments) records the line of every top-level
key, every ``[[questions]]`` table with its keys, and every option."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Lines", "QuestionLines", "scan_lines"]


@dataclass
class QuestionLines:
    line: int
    keys: dict[str, int] = field(default_factory=dict)
    options: list[int] = field(default_factory=list)


@dataclass
class Lines:
    top: dict[str, int] = field(default_factory=dict)
    questions: list[QuestionLines] = field(default_factory=list)
    last_line: int = 1


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'"
_KEY_PART = rf"(?:{_BARE}|{_QUOTED})"
_KEY = re.compile(rf"({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*=")
_HEADER = re.compile(rf"(\[\[?)[ \t]*({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\]\]?")


def _key_name(raw: str) -> str:
    first = re.match(_KEY_PART, raw)
    name = first.group() if first else raw
    return name[1:-1] if name[:1] in "\"'" else name


def _header_name(raw: str) -> str:
    parts = re.findall(_KEY_PART, raw)
    return ".".join(p[1:-1] if p[:1] in "\"'" else p for p in parts)


class _Scanner:
    """Walks the TOML text once, skipping strings and comments, and records the line of
    each top-level key, each ``[[questions]]`` table with its keys, and each option (an
    inline table in ``options = [...]`` or a ``[[questions.options]]`` table)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.lines = Lines()

    def _skip_string(self) -> None:
        text, i = self.text, self.i
        quote = text[i]
        triple = text.startswith(quote * 3, i)
        i += 3 if triple else 1
        while i < len(text):
            ch = text[i]
            if ch == "\\" and quote == '"':
                if i + 1 < len(text) and text[i + 1] == "\n":
                    self.line += 1
                i += 2
                continue
            if ch == "\n":
                self.line += 1
                if not triple:
                    break
            if triple and text.startswith(quote * 3, i):
                i += 3
                while i < len(text) and text[i] == quote:  # up to two quotes before the end
                    i += 1
                break
            if not triple and ch == quote:
                i += 1
                break
            i += 1
        self.i = i

    def scan(self) -> Lines:
        text = self.text
        section = "top"
        question: QuestionLines | None = None
        depth = 0
        options_depth = -1  # depth of the options array while inside its value
        line_start = True
        while self.i < len(text):
            ch = text[self.i]
            if ch == "\n":
                self.line += 1
                self.i += 1
                line_start = True
                continue
            if ch in " \t\r":
                self.i += 1
                continue
            if ch == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
                continue
            if line_start and depth == 0:
                line_start = False
                header = _HEADER.match(text, self.i) if ch == "[" else None
                if header:
                    name = _header_name(header.group(2))
                    if header.group(1) == "[[" and name == "questions":
                        question = QuestionLines(self.line)
                        self.lines.questions.append(question)
                        section = "question"
                    elif header.group(1) == "[[" and name == "questions.options" and question:
                        question.options.append(self.line)
                        section = "option"
                    else:
                        section = "other"
                    self.i = header.end()
                    continue
                key = _KEY.match(text, self.i)
                if key:
                    name = _key_name(key.group(1))
                    if section == "top":
                        self.lines.top.setdefault(name, self.line)
                    elif section == "question" and question is not None:
                        question.keys.setdefault(name, self.line)
                        if name == "options":
                            options_depth = 1
                    self.i = key.end()
                    continue
            line_start = False
            if ch in "\"'":
                self._skip_string()
                continue
            if ch in "[{":
                depth += 1
                if (ch == "{" and options_depth == 1 and depth == 2 and question is not None):
                    question.options.append(self.line)
            elif ch in "]}":
                depth = max(0, depth - 1)
                if depth == 0:
                    options_depth = -1
            self.i += 1
        self.lines.last_line = self.line
        return self.lines


def scan_lines(text: str) -> Lines:
    return _Scanner(text).scan()
