"""GIFT text pieces: escaped control characters, format markers ([html], [markdown], …) and
the HTML or markdown inside them turned into plain text. Shared by the GIFT reader and writer."""

from __future__ import annotations

import html
import re

from trainer_app.domain.vntext import clean_text

__all__ = ["FORMAT_MARKER", "WEIGHT", "html_to_text", "markdown_to_text", "piece_text",
           "post_escape", "pre_escape", "short"]

# Escaped control characters become private-use placeholders while the text is parsed.
_CONTROL = "\\:#={}~n"
_PLACEHOLDER = {ch: chr(0xF8F0 + i) for i, ch in enumerate(_CONTROL)}
_LITERAL = {ph: ("\n" if ch == "n" else ch) for ch, ph in _PLACEHOLDER.items()}
_PLACEHOLDER_RANGE = re.compile("[\uf8f0-\uf8f7]")
FORMAT_MARKER = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")


def pre_escape(text: str) -> str:
    """Escaped control characters -> placeholders (Moodle's escapedchar_pre)."""
    text = _PLACEHOLDER_RANGE.sub("", text)
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _PLACEHOLDER:
            out.append(_PLACEHOLDER[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def post_escape(text: str) -> str:
    return "".join(_LITERAL.get(ch, ch) for ch in text)


_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)


def html_to_text(text: str) -> str:
    """Plain text from an HTML fragment: tags dropped, <br> and block ends as line
    breaks, entities decoded."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)</(p|div|li|h[1-6]|tr|table|ul|ol|blockquote)\s*>", "\n", text)
    text = re.sub(r"(?i)<li\b[^>]*>", "- ", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def markdown_to_text(text: str) -> str:
    """Markdown emphasis and code marks removed: **a** __a__ `a` -> a."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"__(.+?)__", r"\1", text, flags=re.DOTALL)
    return re.sub(r"`([^`]+)`", r"\1", text)


def piece_text(raw: str, default: str = "moodle", *,
               multiline: bool = True) -> tuple[str, str]:
    """(clean text, format) of one piece of GIFT text (still with placeholders)."""
    raw = raw.strip()
    fmt = default
    marker = FORMAT_MARKER.match(raw)
    if marker:
        fmt = marker.group(1).lower()
        raw = raw[marker.end():]
    text = post_escape(raw)
    if fmt == "html":
        text = html_to_text(text)
    elif fmt == "markdown":
        text = markdown_to_text(text)
    return clean_text(text, keep_newlines=multiline), fmt


def short(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"
