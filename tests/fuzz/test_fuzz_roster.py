"""Fuzzing the roster import with generated CSV and XLSX rows, and the attendance row lists
("1 2 5-9"): the only outcomes are a plan whose errors name their row, or a Vietnamese
``UserError`` naming the file (or the bad part of the list); never another exception."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.fuzz.strategies import nasty_text
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.errors import UserError
from trainer_app.services.roster.importer import ERROR, plan_import
from trainer_app.services.sessions.attendance import parse_rows
from trainer_app.services.workspace.opening import Workspace, open_workspace

HEADERS = ["Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Khu phố", "Chức danh",
           "STT", "Ghi chú", "Họ", "Tên", "Ngày sinh", ""]

cell_text = st.one_of(nasty_text, st.sampled_from([
    "Nguyễn Thị Lan", "TRẦN VĂN AN", "nguyen van b", "Khu phố 3", "KP 12", "Nam", "Nữ",
    "0912.345.678", "84 912 345 678", "1965", "5/1968", "năm 1970", "Cộng tác viên",
    "Tổng cộng", "Người lập biểu", "NguyÔn ThÞ Lan", "=SUM(A1:A3)"]))
cell = st.one_of(cell_text, st.none(), st.integers(-10**12, 10**12),
                 st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                 st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
header_row = st.lists(st.sampled_from(HEADERS) | cell_text, min_size=1, max_size=8)
rows = st.lists(st.lists(cell, max_size=8), max_size=25)


@pytest.fixture(scope="module")
def workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory() as folder:
        ws = open_workspace(DataDir(Path(folder) / "data", DataDirSource.ARGUMENT))
        yield ws
        ws.close()


def check_plan(ws: Workspace, path: Path) -> None:
    try:
        plan = plan_import(ws.session_factory, path)
    except UserError as exc:
        assert exc.message.strip()
        assert path.name in exc.message or exc.code in {"no_name_column"}, exc.message
        return
    numbers = [r.row for r in plan.rows]
    assert len(numbers) == len(set(numbers)) and all(n >= 1 for n in numbers)
    for row in plan.rows:
        if row.action == ERROR:
            assert row.reason.strip(), row


def as_csv_text(value: object) -> str:
    return "" if value is None else str(value)


@given(header_row, rows, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
       st.sampled_from([",", ";", "\t"]))
def test_csv_rows(workspace: Workspace, header: list[object], body: list[list[object]],
                  encoding: str, delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in [header, *body]:
        writer.writerow([as_csv_text(v) for v in row])
    data = buffer.getvalue().encode(encoding, "replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "danh-sach.csv"
        path.write_bytes(data)
        check_plan(workspace, path)


def excel_value(value: object) -> object:
    if isinstance(value, str):
        # openpyxl refuses control characters in cells (Excel cannot store them either).
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


@given(header_row, rows, st.integers(0, 3))
def test_xlsx_rows(workspace: Workspace, header: list[object], body: list[list[object]],
                   blank_top: int) -> None:
    book = Workbook()
    sheet = book.active
    for _ in range(blank_top):
        sheet.append([])
    for row in [header, *body]:
        sheet.append([excel_value(v) for v in row])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "danh-sach.xlsx"
        book.save(path)
        check_plan(workspace, path)


@given(st.binary(max_size=600), st.sampled_from([".csv", ".xlsx", ".xls", ""]))
def test_any_bytes_as_a_roster_file(workspace: Workspace, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tep{suffix}"
        path.write_bytes(data)
        check_plan(workspace, path)


row_list = st.lists(st.one_of(
    st.integers(-5, 40).map(str),
    st.tuples(st.integers(-5, 40), st.integers(-5, 40)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.sampled_from(["", " ", ",", ";", "–", "5–9", "1-", "-3", "a", "١٢", "²", "9" * 30,
                     "1--2", "3-4-5", "\u00a0", "０１"]),
    nasty_text), max_size=12).map(" ".join)


@given(row_list, st.integers(0, 30))
def test_attendance_row_lists(text: str, highest: int) -> None:
    try:
        numbers = parse_rows(text, highest)
    except UserError as exc:
        assert exc.code in {"bad_rows", "no_people"} and exc.message.strip()
        return
    assert numbers and numbers == sorted(set(numbers))
    assert all(1 <= n <= highest for n in numbers)


plausible_name = st.tuples(
    st.sampled_from(["Nguyễn", "TRẦN", "lê", "Phạm", "Hoàng", "H'", "Y-"]),
    st.sampled_from(["Thị", "Văn", "", "Ngọc", "thị"]),
    st.text("abcdeghiklmnopqrstuvxyđâăêôơưáàảãạ", min_size=1, max_size=8),
    st.sampled_from(["", " ", "  ", "\u0301", "\t"]),
).map(" ".join)
named_rows = st.lists(st.tuples(plausible_name, st.lists(cell, max_size=6)).map(
    lambda t: [t[0], *t[1]]), max_size=25)


@given(header_row, named_rows)
def test_csv_rows_stored(workspace: Workspace, header: list[object],
                         body: list[list[object]]) -> None:
    """Planned rows are also stored (one transaction): a result or a UserError, and the
    count stored is the count the result reports."""
    from trainer_app.services.roster.importer import commit_import
    from trainer_app.services.roster.service import count_people

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [["Họ và tên", *header], *body]:  # a name column, so rows get stored
        writer.writerow([as_csv_text(v) for v in row])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "danh-sach.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            plan = plan_import(workspace.session_factory, path)
        except UserError as exc:
            assert path.name in exc.message or exc.message.strip()
            return
        before = count_people(workspace.session_factory)
        result = commit_import(workspace.session_factory, plan)
        assert count_people(workspace.session_factory) == before + result.added
        STORED.append(result.added)


STORED: list[int] = []
