"""Legacy TCVN3 (ABC) and VNI text in a whole table: detect once over every cell that could
be legacy text, convert those cells, and keep what they said before."""

from __future__ import annotations

import re

from trainer_app.domain.vnlegacy import detect_legacy_encoding, legacy_to_unicode
from trainer_app.tabular.table import LegacyChoice, LegacyInfo, Table

# Letters only Unicode Vietnamese has (outside Latin-1), and combining marks: a cell holding
# one of them was typed in Unicode and is never converted.
_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                           "\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]")
_DETECT_CELLS = 3000
SAMPLES = 10
CHOICES: tuple[LegacyChoice, ...] = ("auto", "unicode", "tcvn3", "vni")


def could_be_legacy(text: str) -> bool:
    return not text.isascii() and _UNICODE_ONLY.search(text) is None


def convert_table(table: Table, choice: LegacyChoice = "auto") -> LegacyInfo:
    """Convert the table's legacy-encoded cells in place and record the originals in
    ``table.originals``. One decision for the whole sheet (short cells alone are ambiguous:
    "Hoàng" is also VNI for "Hồng"); cells with Unicode-only letters are left alone, so a
    sheet whose newer rows were typed in Unicode keeps them."""
    if choice not in CHOICES:
        raise ValueError(f"unknown legacy choice {choice!r}")
    candidates: list[tuple[int, int, str]] = []
    for index, row in enumerate(table.rows):
        for col, value in enumerate(row.values):
            if isinstance(value, str) and could_be_legacy(value):
                candidates.append((index, col, value))
    if choice == "auto":
        encoding = detect_legacy_encoding("\n".join(v for _, _, v in candidates[:_DETECT_CELLS]))
    else:
        encoding = choice
    info = LegacyInfo(encoding=encoding, choice=choice)
    if encoding == "unicode" or not candidates:
        return info
    for index, col, value in candidates:
        converted = legacy_to_unicode(value, encoding)
        if converted == value:
            continue
        row = table.rows[index]
        values = list(row.values)
        values[col] = converted
        row.values = tuple(values)
        table.originals[(row.number, col + 1)] = value
        info.converted_cells += 1
        if len(info.samples) < SAMPLES:
            info.samples.append((value, converted))
    return info
