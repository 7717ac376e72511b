"""XLSX files of the roster: the collaborator list and one person's stored data.

DTOs in, file out; no database. Every sheet has Vietnamese headers in row 1 (bold, frozen,
with a filter), column widths set, numbers stored as numbers, dates as dates, phone numbers
as text (their leading 0 kept). Text is always written as text: a name or note that starts
with = + - @ is stored as a string with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl loads only when a file is written (start-up stays fast)
    from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | bool | date | datetime | None

TEXT, NUMBER, DATE, DATETIME, PHONE = "text", "number", "date", "datetime", "phone"
_FORMULA_STARTS = ("=", "+", "-", "@")
# Control characters an XLSX file cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_INVALID_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # in characters, as Excel counts them
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    """One sheet: ``title`` is the sheet name (cut to Excel's 31 characters)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]


@dataclass(frozen=True)
class RosterEntry:
    full_name: str
    gender: str
    birth_year: int | None
    phone: str
    neighbourhood: str
    role: str
    unit: str
    notes: str
    sessions_attended: int
    certificates: int
    consent: str  # date as dd/mm/yyyy, "" when not recorded
    consent_method: str
    archived: bool


ROSTER_COLUMNS = (
    Column("STT", 6, NUMBER),
    Column("Họ và tên", 28),
    Column("Giới tính", 10),
    Column("Năm sinh", 10, NUMBER),
    Column("Số điện thoại", 15, PHONE),
    Column("Khu phố", 14),
    Column("Chức danh", 28),
    Column("Đơn vị", 22),
    Column("Ghi chú", 30),
    Column("Số buổi đã dự", 12, NUMBER),
    Column("Số giấy chứng nhận", 14, NUMBER),
    Column("Ngày đồng ý xử lý dữ liệu", 16),
    Column("Cách đồng ý", 24),
    Column("Trạng thái", 14),
)


def roster_table(entries: Sequence[RosterEntry]) -> Table:
    rows = [
        (number, e.full_name, e.gender, e.birth_year, e.phone, e.neighbourhood, e.role,
         e.unit, e.notes, e.sessions_attended, e.certificates, e.consent, e.consent_method,
         "Đã lưu trữ" if e.archived else "Đang hoạt động")
        for number, e in enumerate(entries, start=1)
    ]
    return Table("Cộng tác viên", ROSTER_COLUMNS, rows)


def write_roster(path: Path | str, entries: Sequence[RosterEntry], *, title: str = "") -> None:
    """The collaborator list, one person per row, in the order given."""
    write_tables(path, [roster_table(entries)], title=title or "Danh sách cộng tác viên")


def sheet_title(title: str) -> str:
    cleaned = " ".join(title.translate(_INVALID_SHEET_CHARS).split()).strip("'")
    return (cleaned or "Trang")[:31]


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def _put(ws: Worksheet, row: int, column: Column, col: int, value: Value) -> None:
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return
    if isinstance(value, bool):
        cell.value = "Có" if value else "Không"
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, int | float) and column.kind != PHONE:
        cell.value = value
    else:
        text = _text(str(value))
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the first character
        if text.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        if column.kind == PHONE:
            cell.number_format = "@"
        if "\n" in text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_sheet(ws: Worksheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDE5EE")
    thin = Side(style="thin", color="8A97A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = column.width
    for row_number, row in enumerate(table.rows, start=2):
        for col, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            _put(ws, row_number, column, col, value)
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(table.columns), 1))
    ws.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_tables(path: Path | str, tables: Sequence[Table], *, title: str = "") -> None:
    """One sheet per table, in order. Writes to a temporary name first, so a failed write
    never leaves half a file under the real name."""
    from openpyxl import Workbook

    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        base = sheet_title(table.title)
        name, n = base, 2
        while name.casefold() in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name.casefold())
        _write_sheet(workbook.create_sheet(name), table)
    if not tables:
        workbook.create_sheet("Trang")
    workbook.properties.title = title
    workbook.properties.creator = "Tập huấn CTV"
    partial = path.with_name(path.name + ".tmp")
    try:
        workbook.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
