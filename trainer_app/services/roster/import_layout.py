"""Roster import, the part that needs no database (1/2): find the header row below the
title rows and merged cells, and map columns by their Vietnamese names and variants.
Cleaning the rows below it is ``roster_import_rows``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from trainer_app.domain.vntext import (
    clean_text,
    name_identity_key,
    search_key,
)
from trainer_app.tabular import Table, TableRow, column_letter

#: The fields a column can be mapped to, with the labels the mapping step shows.
FIELD_LABELS: dict[str, str] = {
    "full_name": "Họ và tên",
    "given_name": "Tên (cột riêng, ghép sau họ)",
    "birth_year": "Năm sinh / Ngày sinh",
    "gender": "Giới tính",
    "male_mark": "Cột “Nam” (đánh dấu hoặc năm sinh)",
    "female_mark": "Cột “Nữ” (đánh dấu hoặc năm sinh)",
    "phone": "Số điện thoại",
    "neighbourhood": "Khu phố",
    "role": "Chức danh / Vai trò",
    "unit": "Đơn vị",
    "notes": "Ghi chú",
}
FIELDS = tuple(FIELD_LABELS)
NAME_CLASSES = frozenset({"full_name", "family", "ten"})
HEADER_SCAN_ROWS = 30

# --- header names ------------------------------------------------------------------------

_EXACT = {
    "stt": "stt", "tt": "stt", "so tt": "stt", "so thu tu": "stt", "thu tu": "stt",
    "ho": "family", "ho dem": "family", "ho lot": "family", "ho va dem": "family",
    "ho va ten dem": "family", "ho va chu dem": "family", "ho va chu lot": "family",
    "ho chu lot": "family", "ho ten dem": "family", "ho va ten lot": "family",
    "ten": "ten", "ten goi": "ten",
    "gioi": "gender", "phai": "gender", "gt": "gender", "nam nu": "gender",
    "nam hay nu": "gender", "ns": "birth_year",
    "to": "neighbourhood", "ap": "neighbourhood", "kp": "neighbourhood",
    "tdp": "neighbourhood", "khom": "neighbourhood", "thon": "neighbourhood",
}
_PREFIXES = (
    ("ho va ten", "full_name"), ("ho ten", "full_name"), ("ten ctv", "full_name"),
    ("ten cong tac vien", "full_name"), ("ten nguoi", "full_name"),
    ("nam sinh", "birth_year"), ("ngay sinh", "birth_year"),
    ("ngay thang nam sinh", "birth_year"), ("ngay thang sinh", "birth_year"),
    ("sinh nam", "birth_year"), ("sinh ngay", "birth_year"), ("nam thang sinh", "birth_year"),
    ("gioi tinh", "gender"),
    ("so dien thoai", "phone"), ("dien thoai", "phone"), ("sdt", "phone"), ("so dt", "phone"),
    ("dt", "phone"), ("dtdd", "phone"), ("so di dong", "phone"), ("di dong", "phone"),
    ("so dtdd", "phone"), ("phone", "phone"), ("mobile", "phone"),
    ("khu pho", "neighbourhood"), ("to dan pho", "neighbourhood"), ("kp", "neighbourhood"),
    ("tdp", "neighbourhood"), ("to dp", "neighbourhood"), ("ap", "neighbourhood"),
    ("khu vuc", "neighbourhood"),
    ("chuc danh", "role"), ("vai tro", "role"), ("chuc vu", "role"), ("nhiem vu", "role"),
    ("loai ctv", "role"), ("loai cong tac vien", "role"), ("linh vuc", "role"),
    ("don vi", "unit"), ("co quan", "unit"), ("noi cong tac", "unit"), ("to chuc", "unit"),
    ("doan the", "unit"),
    ("ghi chu", "notes"),
)
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_NON_WORD = re.compile(r"[^\w]+")


def _header_words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", _BRACKETS.sub(" ", text)).replace("_", " ").split())


def header_class(value: object) -> str | None:
    """What a header cell names: a field of ``FIELD_LABELS``, or "family" (family and
    middle name), "ten" (given name, or the whole name when alone), "stt"; None if unknown.
    Case-, accent- and spacing-insensitive, except "Nam" (male) / "Năm" (year)."""
    if not isinstance(value, str):
        return None
    exact = _header_words(name_identity_key(value))
    if exact == "nam":
        return "male_mark"
    if exact == "nữ":
        return "female_mark"
    if exact == "năm":
        return "birth_year"
    key = _header_words(search_key(value))
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, cls in _PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return cls
    return None


@dataclass
class HeaderInfo:
    """One column as the mapping step shows it."""

    column: int
    letter: str
    text: str
    field: str | None
    sample: str = ""

    @property
    def label(self) -> str:
        title = self.text or "(không có tiêu đề)"
        return f"Cột {self.letter}: {title}"


@dataclass
class Layout:
    """Where the header is and what each column holds (as detected, or as overridden)."""

    header_row: int | None
    header_end: int | None
    headers: list[HeaderInfo]
    column_map: dict[str, int]

    @property
    def has_name(self) -> bool:
        return "full_name" in self.column_map


def row_by_number(table: Table) -> dict[int, TableRow]:
    return {row.number: row for row in table.rows}


def find_header_row(table: Table) -> int | None:
    """The row (within the first rows) naming the most known fields, one of them a name."""
    best: tuple[int, int] | None = None
    for row in table.rows[:HEADER_SCAN_ROWS]:
        found = {header_class(v) for v in row.values} - {None}
        if not found & NAME_CLASSES:
            continue
        if best is None or len(found) > best[0]:
            best = (len(found), row.number)
    return best[1] if best else None


def _looks_like_subheader(row: TableRow) -> bool:
    values = [v for v in row.values if v is not None]
    return len(values) >= 2 and all(header_class(v) not in (None, "stt") for v in values)


def header_end_row(table: Table, header_row: int) -> int:
    """Last row of the header block: merged header cells that reach down, or a row of
    sub-headers (Nam / Nữ, Họ đệm / Tên) right below."""
    end = header_row
    for rng in table.merged:
        if rng.min_row == header_row and rng.max_row > header_row:
            end = max(end, min(rng.max_row, header_row + 2))
    if end == header_row:
        below = row_by_number(table).get(header_row + 1)
        if below is not None and _looks_like_subheader(below):
            end = header_row + 1
    return end


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def _guess_header_row(table: Table) -> int:
    """Without a name header: the early row naming most known fields, else the one with
    most text cells, so the mapping step has something to show."""
    def score(row: TableRow) -> tuple[int, int]:
        known = {header_class(v) for v in row.values} - {None}
        return len(known), sum(isinstance(v, str) for v in row.values)

    return max(table.rows[:HEADER_SCAN_ROWS], key=score).number


def detect_layout(table: Table, header_row: int | None = None) -> Layout:
    """Find the header (unless given) and map its columns to fields. Without a
    recognisable name column the mapping has no "full_name" (``has_name`` is False)."""
    if header_row is None:
        header_row = find_header_row(table) or _guess_header_row(table)
    end = header_end_row(table, header_row)
    rows = row_by_number(table)
    top_row = rows.get(header_row)
    tops: dict[int, tuple[object, bool]] = {}
    for c in range(1, table.column_count + 1):
        tops[c] = (top_row.get(c) if top_row else None, False)
    for rng in table.merged:
        if rng.min_row <= header_row <= rng.max_row and rng.cols > 1:
            first = rows[rng.min_row].get(rng.min_col) if rng.min_row in rows else None
            for c in range(rng.min_col + 1, rng.max_col + 1):
                tops[c] = (first, True)
    classes: dict[int, str | None] = {}
    headers: list[HeaderInfo] = []
    for c in range(1, table.column_count + 1):
        top, continued = tops[c]
        subs = [rows[r].get(c) for r in range(header_row + 1, end + 1) if r in rows]
        sub = " ".join(display(s) for s in subs if s is not None)
        if sub:
            cls = header_class(sub)
            if cls is None and not continued:
                cls = header_class(top)
        elif continued:
            cls = "given_name" if header_class(top) == "full_name" else None
        else:
            cls = header_class(top)
        classes[c] = cls
        top_text = display(top)
        text = f"{top_text} – {sub}" if top_text and sub else (top_text or sub)
        headers.append(HeaderInfo(c, column_letter(c), text, None))
    column_map = _resolve(classes)
    for info in headers:
        info.field = next((f for f, c in column_map.items() if c == info.column), None)
    _fill_samples(table, headers, end)
    return Layout(header_row, end, headers, column_map)


def _resolve(classes: dict[int, str | None]) -> dict[str, int]:
    def cols(cls: str) -> list[int]:
        return [c for c, k in classes.items() if k == cls]

    mapping: dict[str, int] = {}

    def take(name: str, col: int) -> None:
        if name not in mapping and col not in mapping.values():
            mapping[name] = col

    full, family, ten, given = cols("full_name"), cols("family"), cols("ten"), cols("given_name")
    if full:
        take("full_name", full[0])
        if given:
            take("given_name", given[0])
    elif family:
        take("full_name", family[0])
        if ten or given:
            take("given_name", (ten or given)[0])
    elif ten:
        take("full_name", ten[0])
    for c, cls in classes.items():
        if cls in FIELD_LABELS and cls not in ("full_name", "given_name"):
            take(cls, c)
    return mapping


def _fill_samples(table: Table, headers: list[HeaderInfo], after: int) -> None:
    missing = {h.column: h for h in headers}
    for row in table.rows:
        filled = [v for v in row.values if v is not None]
        if row.number <= after or len(filled) < 2 or is_column_numbers(filled):
            continue
        for c in list(missing):
            value = row.get(c)
            if value is not None:
                missing.pop(c).sample = display(value)[:40]
        if not missing:
            break


def check_column_map(column_map: dict[str, int | None], column_count: int) -> dict[str, int]:
    """Validate a caller's mapping; returns it without unmapped fields. ValueError with a
    Vietnamese message when a field is unknown, a column is out of range or used twice."""
    result: dict[str, int] = {}
    used: dict[int, str] = {}
    for name, col in column_map.items():
        if name not in FIELD_LABELS:
            raise ValueError(f"Không có mục “{name}” để gán cột.")
        if col is None:
            continue
        if not 1 <= col <= max(column_count, 1):
            raise ValueError(f"Cột số {col} không có trong bảng (bảng có {column_count} cột).")
        if col in used:
            raise ValueError(
                f"Cột {column_letter(col)} được chọn cho hai mục: "
                f"“{FIELD_LABELS[used[col]]}” và “{FIELD_LABELS[name]}”.")
        used[col] = name
        result[name] = col
    return result


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2})\)?")


def is_column_numbers(values: list[object]) -> bool:
    numbers = []
    for value in values:
        text = str(value).strip() if isinstance(value, str | int) else ""
        m = _COLUMN_NUMBER.fullmatch(text)
        if m is None:
            return False
        numbers.append(int(m.group(1)))
    return len(numbers) >= 2 and all(a < b for a, b in pairwise(numbers))


def apply_column_map(layout: Layout, column_map: dict[str, int]) -> Layout:
    """The same layout with the caller's mapping instead of the detected one."""
    headers = [HeaderInfo(h.column, h.letter, h.text,
                          next((f for f, c in column_map.items() if c == h.column), None),
                          h.sample) for h in layout.headers]
    return Layout(layout.header_row, layout.header_end, headers, dict(column_map))
