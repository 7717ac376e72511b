"""Roster import, the part that needs no database (2/2): clean every row below the header
(NFC, spaces, title case, phones, years, gender, khu phố). Footer lines, blank rows,
repeated headers, column-number rows and group titles are recognised here and never become
people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from trainer_app.domain.enums import Gender
from trainer_app.domain.person_name import name_script_problem
from trainer_app.domain.vncontact import PhoneNumberError, normalize_phone, parse_neighbourhood
from trainer_app.domain.vntext import clean_text, name_identity_key, search_key, title_case_name
from trainer_app.services.roster.import_layout import (
    NAME_CLASSES,
    Layout,
    display,
    header_class,
    is_column_numbers,
    row_by_number,
)
from trainer_app.tabular import Table, TableRow, column_letter

OLDEST_YEAR = 1900
YOUNGEST_AGE = 15

# --- footers, titles and other rows that are not people -----------------------------------

_STOP_WORDS = ("người lập", "người ký", "người tổng hợp", "người báo cáo", "ký tên",
               "ký, ghi rõ", "ký và ghi rõ", "ký ghi rõ", "xác nhận", "tm.", "tm ", "t/m",
               "t.m", "kt.", "k/t", "trưởng trạm", "trưởng ban", "trưởng khu phố",
               "chủ tịch", "phó chủ tịch", "giám đốc", "thủ trưởng", "nơi nhận", "đại diện",
               "lãnh đạo", "cán bộ phụ trách")
_TOTAL_WORDS = ("tổng cộng", "tổng số", "tổng", "cộng", "danh sách có", "danh sách gồm",
                "danh sách này", "ấn định")
_STOP_ASCII = tuple(search_key(w) for w in _STOP_WORDS)
_TOTAL_ASCII = re.compile(
    r"^(?:" + "|".join(re.escape(search_key(w)) for w in _TOTAL_WORDS) + r")\s*(?:[:\d]|$)")
# "Tổng" and "Cộng" alone count only before ":" or a number ("Cộng: 14").
_TOTAL_STRICT = re.compile(r"^(?:tổng|cộng)\s*(?:[:\d]|$)")
_DATE_LINE = re.compile(r"\bngày\b.{0,25}\btháng\b.{0,25}\bnăm\b")
_DATE_LINE_ASCII = re.compile(r"\bngay\b.{0,25}\bthang\b.{0,25}\bnam\b")
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)/-]\s*")
_LETTER = re.compile(r"[^\W\d_]")

STOP_REASON = "Phần ký tên cuối danh sách"


def footer_kind(text: str) -> str | None:
    """"stop" for a signature-block line (everything below is not people), "total" for a
    total line, None otherwise. Accent-sensitive, so "Tống Công Minh" is a name, not
    "Tổng cộng"; unaccented text must be followed by ":" or a number to count as a total."""
    t = name_identity_key(text).lstrip(" -–*•.([")
    if t.isascii():
        if t.startswith(_STOP_ASCII) or _DATE_LINE_ASCII.search(t):
            return "stop"
        return "total" if _TOTAL_ASCII.match(t) else None
    if t.startswith(_STOP_WORDS) or _DATE_LINE.search(t):
        return "stop"
    if _TOTAL_STRICT.match(t):
        return "total"
    for word in _TOTAL_WORDS[:2] + _TOTAL_WORDS[4:]:
        if t.startswith(word) and (len(t) == len(word) or not t[len(word)].isalpha()):
            return "total"
    return None


def group_neighbourhood(text: str) -> int | None:
    """Khu phố number of a group title such as "KHU PHỐ 3" or "II. Tổ dân phố 5"."""
    stripped = _ENUMERATOR.sub("", clean_text(text))
    try:
        return parse_neighbourhood(stripped)
    except ValueError:
        return None


# --- cleaning values -----------------------------------------------------------------------

_GENDER_WORDS = {
    "nam": Gender.MALE, "m": Gender.MALE, "male": Gender.MALE, "ong": Gender.MALE,
    "nam gioi": Gender.MALE, "trai": Gender.MALE,
    "nu": Gender.FEMALE, "f": Gender.FEMALE, "female": Gender.FEMALE, "ba": Gender.FEMALE,
    "nu gioi": Gender.FEMALE, "gai": Gender.FEMALE,
    "khac": Gender.OTHER,
}
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_MY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def parse_year(value: object, today: date) -> tuple[int | None, str | None, str | None]:
    """(year, problem, warning) from 1968, 1968.0, a date, "12/05/1968", "1968-05-12",
    "5/1968", "năm 1965". A problem (Vietnamese) when the value is not a possible year."""
    if value is None:
        return None, None, None
    raw = display(value)
    year: int | None = None
    if isinstance(value, datetime | date):
        year = value.year
    elif isinstance(value, bool):
        year = None
    elif isinstance(value, int | float):
        if float(value).is_integer() and 1000 <= value <= 9999:
            year = int(value)
    else:
        text = clean_text(str(value))
        if m := _DMY.fullmatch(text):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return None, f"Ngày sinh không hợp lệ: {raw}", None
        elif m := _YMD.fullmatch(text):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return None, f"Ngày sinh không hợp lệ: {raw}", None
        elif m := _MY.fullmatch(text):
            year = int(m.group(2)) if 1 <= int(m.group(1)) <= 12 else None
        else:
            found = _YEAR.findall(text)
            digits = re.sub(r"\D", "", text)
            if len(found) == 1 and len(digits) == 4:
                year = int(found[0])
    if year is None:
        return None, f"Năm sinh không hiểu được: {raw}", None
    if not OLDEST_YEAR <= year <= today.year:
        return None, f"Năm sinh không hợp lệ: {raw}", None
    age = today.year - year
    if age < YOUNGEST_AGE:
        return year, None, f"năm sinh {year} ({age} tuổi) có vẻ chưa đúng"
    return year, None, None


def parse_gender(value: object) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    word = search_key(display(value)).strip(" .")
    gender = _GENDER_WORDS.get(word)
    if gender is None:
        return None, f"giới tính “{display(value)}” không rõ, để trống"
    return gender.value, None


@dataclass
class CleanRow:
    """One row that may be a person, cleaned; nothing here depends on the database."""

    row: int
    name: str
    original_name: str | None = None
    gender: str | None = None
    birth_year: int | None = None
    phone: str | None = None
    phone_text: str = ""
    neighbourhood: int | str | None = None
    neighbourhood_text: str = ""
    role: str = ""
    unit: str = ""
    notes: str = ""
    #: Why the row cannot be stored as it is (Vietnamese).
    problems: list[str] = field(default_factory=list)
    #: Notes on bad values that were left out (used only when bad rows are imported too).
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_identity_key(self.name)

    @property
    def has_name(self) -> bool:
        return bool(self.name)


@dataclass
class RowNote:
    """A row that is not a person and not an error (footer, title, column numbers)."""

    row: int
    reason: str
    text: str = ""


@dataclass
class Extraction:
    rows: list[CleanRow]
    ignored: list[RowNote]


class _RowReader:
    def __init__(self, table: Table, column_map: dict[str, int], header_end: int,
                 today: date) -> None:
        self.table = table
        self.map = column_map
        self.header_end = header_end
        self.today = today
        self.name_col = column_map["full_name"]
        self.fill = self._merged_fill()
        self.horizontal = self._horizontal_merges()
        female = column_map.get("female_mark")
        self.female_only = (female is not None and "male_mark" not in column_map
                            and "gender" not in column_map
                            and any(r.get(female) is not None for r in table.rows
                                    if r.number > header_end))

    def _merged_fill(self) -> dict[tuple[int, int], object]:
        """Values of cells merged down a column (a khu phố or role written once for a
        group of rows) for the rows below the first one."""
        wanted = {self.map[f] for f in ("neighbourhood", "role", "unit") if f in self.map}
        rows = row_by_number(self.table)
        fill: dict[tuple[int, int], object] = {}
        for rng in self.table.merged:
            if rng.min_row > self.header_end and rng.cols == 1 and rng.min_col in wanted:
                first = rows[rng.min_row].get(rng.min_col) if rng.min_row in rows else None
                for r in range(rng.min_row + 1, rng.max_row + 1):
                    fill[(r, rng.min_col)] = first
        return fill

    def _horizontal_merges(self) -> set[tuple[int, int]]:
        return {(rng.min_row, rng.min_col) for rng in self.table.merged
                if rng.cols > 1 and rng.min_row > self.header_end}

    def value(self, row: TableRow, name: str) -> object:
        col = self.map.get(name)
        if col is None:
            return None
        value = row.get(col)
        if value is None:
            value = self.fill.get((row.number, col))
        return value

    def cell_ref(self, row: int, name: str) -> str:
        return f"{column_letter(self.map[name])}{row}"

    def extract(self) -> Extraction:
        rows: list[CleanRow] = []
        ignored: list[RowNote] = []
        stopped = False
        group_nb: int | None = None
        mapped = set(self.map.values())
        for row in self.table.rows:
            if row.number <= self.header_end:
                continue
            filled = [(c, v) for c, v in enumerate(row.values, start=1) if v is not None]
            text = " · ".join(display(v) for _, v in filled)[:80]
            if stopped:
                ignored.append(RowNote(row.number, STOP_REASON, text))
                continue
            kind = self._footer(row)
            if kind == "stop":
                stopped = True
                ignored.append(RowNote(row.number, STOP_REASON, text))
                continue
            if kind == "total":
                ignored.append(RowNote(row.number, "Dòng tổng cộng", text))
                continue
            if is_column_numbers([v for _, v in filled]):
                ignored.append(RowNote(row.number, "Dòng đánh số cột", text))
                continue
            if header_class(row.get(self.name_col)) in NAME_CLASSES:
                ignored.append(RowNote(row.number, "Tiêu đề cột lặp lại", text))
                continue
            title = self._group_title(row, filled)
            if title is not None:
                number = group_neighbourhood(title)
                if number is not None:
                    group_nb = number
                ignored.append(RowNote(row.number, "Tiêu đề nhóm", text))
                continue
            has_formula = any((row.number, c) in self.table.formula_cells for c in mapped)
            if not any(self.value(row, f) is not None for f in self.map) and not has_formula:
                continue  # a numbered but empty line
            rows.append(self._clean(row, group_nb))
        return Extraction(rows, ignored)

    def _footer(self, row: TableRow) -> str | None:
        name_filled = row.get(self.name_col) is not None
        for c, value in enumerate(row.values, start=1):
            if isinstance(value, str) and (not name_filled or c == self.name_col):
                kind = footer_kind(value)
                if kind:
                    return kind
        return None

    def _group_title(self, row: TableRow, filled: list[tuple[int, Any]]) -> str | None:
        if len(filled) != 1:
            return None
        col, value = filled[0]
        if not isinstance(value, str) or not _LETTER.search(value):
            return None
        text = clean_text(value)
        if (col != self.name_col or (row.number, col) in self.horizontal
                or group_neighbourhood(text) is not None or _ENUMERATOR.match(text)):
            return text
        return None

    def _clean(self, row: TableRow, group_nb: int | None) -> CleanRow:
        n = row.number
        raw_name = self.value(row, "full_name")
        given = self.value(row, "given_name")
        name_text = " ".join(display(v) for v in (raw_name, given) if v is not None)
        originals = [self.table.originals.get((n, self.map[f])) for f in
                     ("full_name", "given_name") if f in self.map]
        out = CleanRow(n, "")
        if any(originals):
            out.original_name = " ".join(
                o or display(v) for o, v in zip(originals, (raw_name, given), strict=False)
                if o or v is not None)
        if isinstance(raw_name, int | float) and not isinstance(raw_name, bool):
            out.problems.append(f"Họ tên là một con số: {name_text}")
        elif name_text:
            out.name = title_case_name(name_text)
            if re.search(r"\d", out.name):
                out.problems.append(f"Họ tên có chữ số: “{out.name}”")
            elif len(out.name) > 200:
                out.problems.append("Họ tên dài quá 200 ký tự")
            elif (script := name_script_problem(out.name)) is not None:
                out.problems.append(script)
        if not out.name and not out.problems:
            if (n, self.name_col) in self.table.formula_cells:
                out.problems.append(
                    f"Thiếu họ tên: ô {self.cell_ref(n, 'full_name')} là công thức chưa có "
                    "giá trị lưu sẵn (hãy mở tệp bằng Excel, lưu lại rồi nhập lại)")
            else:
                out.problems.append("Thiếu họ tên")
        for name in self.map:
            if name != "full_name" and (n, self.map[name]) in self.table.formula_cells:
                out.warnings.append(
                    f"ô {self.cell_ref(n, name)} là công thức chưa có giá trị, để trống")
        self._clean_year_and_gender(row, out)
        self._clean_phone(row, out)
        self._clean_neighbourhood(row, out, group_nb)
        for name in ("role", "unit"):
            value = self.value(row, name)
            if value is not None:
                setattr(out, name, clean_text(display(value)))
        notes = self.value(row, "notes")
        if notes is not None:
            out.notes = clean_text(str(notes), keep_newlines=True)
        return out

    def _clean_year_and_gender(self, row: TableRow, out: CleanRow) -> None:
        year_value = self.value(row, "birth_year")
        year, problem, warning = parse_year(year_value, self.today)
        marks: list[str] = []
        for name, gender in (("male_mark", Gender.MALE), ("female_mark", Gender.FEMALE)):
            mark = self.value(row, name)
            if mark is None:
                continue
            marks.append(gender.value)
            if year is None and problem is None:
                mark_year, mark_problem, mark_warning = parse_year(mark, self.today)
                if mark_year is not None:
                    year, warning = mark_year, mark_warning
                elif _YEAR.search(display(mark)):
                    problem = mark_problem  # a year written under Nam/Nữ, but impossible
        if problem:
            out.problems.append(problem)
            out.dropped.append(f"Khi nhập: {problem[0].lower()}{problem[1:]}")
        out.birth_year = year
        if warning:
            out.warnings.append(warning)
        gender, gender_warning = parse_gender(self.value(row, "gender"))
        if gender_warning:
            out.warnings.append(gender_warning)
        if len(marks) > 1:
            out.warnings.append("đánh dấu cả Nam và Nữ, để trống giới tính")
        elif marks and gender is None:
            gender = marks[0]
        elif not marks and self.female_only and gender is None:
            gender = Gender.MALE.value
        elif marks and gender is not None and marks[0] != gender:
            out.warnings.append("giới tính và cột đánh dấu Nam/Nữ khác nhau, theo cột giới tính")
        out.gender = gender

    def _clean_phone(self, row: TableRow, out: CleanRow) -> None:
        value = self.value(row, "phone")
        if value is None:
            return
        raw = display(value) if not isinstance(value, int | float) else str(value)
        out.phone_text = raw
        try:
            out.phone = normalize_phone(value)  # type: ignore[arg-type]
        except PhoneNumberError as exc:
            problem = f"Số điện thoại không hợp lệ: {raw} ({exc.reason})"
            out.problems.append(problem)
            out.dropped.append(f"Khi nhập: số điện thoại “{raw}” không hợp lệ ({exc.reason})")
            return
        out.phone_text = out.phone or ""

    def _clean_neighbourhood(self, row: TableRow, out: CleanRow, group_nb: int | None) -> None:
        value = self.value(row, "neighbourhood")
        if value is None:
            if group_nb is not None:
                out.neighbourhood, out.neighbourhood_text = group_nb, str(group_nb)
            return
        text = display(value)
        try:
            out.neighbourhood = parse_neighbourhood(value)  # type: ignore[arg-type]
            out.neighbourhood_text = str(out.neighbourhood)
        except ValueError:
            out.neighbourhood, out.neighbourhood_text = text, text


def extract_rows(table: Table, layout: Layout, today: date) -> Extraction:
    """Clean every data row below the header; footers and such go to ``ignored``."""
    if layout.header_end is None or not layout.has_name:
        raise ValueError("layout without a header or a name column")
    return _RowReader(table, layout.column_map, layout.header_end, today).extract()
