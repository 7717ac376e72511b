"""The database-free part of the roster import: header names, footers, values, layouts."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.fixtures.roster import make_fixtures as fx
from trainer_app.services.roster.import_layout import (
    check_column_map,
    detect_layout,
    header_class,
)
from trainer_app.services.roster.import_rows import (
    extract_rows,
    footer_kind,
    parse_gender,
    parse_year,
)
from trainer_app.tabular import read_table

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(("text", "cls"), [
    ("Họ và tên", "full_name"), ("HỌ VÀ TÊN", "full_name"), ("Họ tên", "full_name"),
    ("Ho va ten", "full_name"), (unicodedata.normalize("NFD", "Họ  và   tên"), "full_name"),
    ("Họ và tên CTV", "full_name"), ("Họ và tên (ghi đầy đủ)", "full_name"),
    ("Tên", "ten"), ("Họ đệm", "family"), ("Họ và tên đệm", "family"),
    ("Năm sinh", "birth_year"), ("Ngày sinh", "birth_year"), ("Ngày, tháng, năm sinh",
                                                              "birth_year"),
    ("Năm", "birth_year"), ("Nam", "male_mark"), ("Nữ", "female_mark"), ("NỮ", "female_mark"),
    ("Giới tính", "gender"), ("Nam/Nữ", "gender"),
    ("SĐT", "phone"), ("Số ĐT", "phone"), ("Điện thoại", "phone"),
    ("Số điện thoại", "phone"), ("ĐT", "phone"), ("ĐTDĐ", "phone"),
    ("Khu phố", "neighbourhood"), ("KP", "neighbourhood"), ("Tổ dân phố", "neighbourhood"),
    ("Ấp", "neighbourhood"), ("Chức danh", "role"), ("Vai trò", "role"),
    ("Đơn vị", "unit"), ("Ghi chú", "notes"), ("STT", "stt"),
    ("Địa chỉ", None), ("Dân tộc", None), ("", None), (None, None), (1968, None),
])
def test_header_names_and_variants(text: object, cls: str | None) -> None:
    assert header_class(text) == cls


@pytest.mark.parametrize(("text", "kind"), [
    ("Người lập biểu", "stop"), ("NGƯỜI LẬP BIỂU", "stop"), ("(Ký, ghi rõ họ tên)", "stop"),
    ("TM. UBND PHƯỜNG", "stop"), ("Tân Hưng, ngày 10 tháng 3 năm 2025", "stop"),
    ("ngày ... tháng ... năm 20..", "stop"), ("Xác nhận của Trạm Y tế", "stop"),
    ("nguoi lap bieu", "stop"),
    ("Tổng cộng: 14 người", "total"), ("Tổng số", "total"), ("Tong cong: 14", "total"),
    ("Tống Công Minh", None), ("Tong Cong Minh", None), ("Nguyễn Văn Bình", None),
    ("Cộng Thị Hoa", None), ("Cộng: 14", "total"), ("Tổng số CTV: 25", "total"),
])
def test_footer_lines(text: str, kind: str | None) -> None:
    assert footer_kind(text) == kind


@pytest.mark.parametrize(("value", "year"), [
    (1968, 1968), (1968.0, 1968), ("1968", 1968), (" 1968 ", 1968), ("12/05/1968", 1968),
    ("12-05-1968", 1968), ("12.5.1968", 1968), ("1968-05-12", 1968), ("5/1968", 1968),
    ("năm 1965", 1965), ("sinh năm 1965", 1965), (datetime(1975, 3, 2), 1975),
    (date(1975, 3, 2), 1975), (None, None),
])
def test_birth_years(value: object, year: int | None) -> None:
    assert parse_year(value, TODAY)[:2] == (year, None)


@pytest.mark.parametrize("value", [1850, 2030, "68", "31/13/1970", "32/01/1970", "abc",
                                   "1965 hoặc 1966", 25335, True])
def test_impossible_years_are_problems(value: object) -> None:
    year, problem, _ = parse_year(value, TODAY)
    assert year is None and problem and "sinh" in problem


def test_a_child_s_birth_year_is_a_warning() -> None:
    assert parse_year(2020, TODAY)[0] == 2020
    assert "tuổi" in (parse_year(2020, TODAY)[2] or "")


@pytest.mark.parametrize(("value", "gender"), [("Nam", "male"), ("nữ", "female"),
                                               ("NỮ", "female"), ("Nu", "female"),
                                               ("F", "female"), ("Khác", "other")])
def test_genders(value: str, gender: str) -> None:
    assert parse_gender(value) == (gender, None)


def test_unknown_gender_is_a_warning_not_a_guess() -> None:
    gender, warning = parse_gender("?")
    assert gender is None and warning and "không rõ" in warning


def test_two_row_header_with_merged_cells_nam_nu_columns_and_group_rows() -> None:
    table = read_table(ROSTER / "two_row_header.xlsx")
    layout = detect_layout(table)
    assert (layout.header_row, layout.header_end) == (3, 4)
    assert layout.column_map == {"full_name": 2, "given_name": 3, "male_mark": 4,
                                 "female_mark": 5, "role": 6, "phone": 7}
    extraction = extract_rows(table, layout, TODAY)
    people = {(r.name, r.gender, r.birth_year, r.neighbourhood, r.role)
              for r in extraction.rows}
    assert people == fx.TWO_ROW_PEOPLE
    assert [(n.row, n.reason) for n in extraction.ignored] == [(5, "Tiêu đề nhóm"),
                                                                (9, "Tiêu đề nhóm")]


def test_messy_list_layout_and_rows_that_are_not_people() -> None:
    table = read_table(ROSTER / "messy_ward_list.xlsx")
    layout = detect_layout(table)
    assert layout.header_row == 4
    assert layout.column_map == {"full_name": 2, "birth_year": 3, "gender": 4, "phone": 5,
                                 "neighbourhood": 6, "role": 7, "unit": 8, "notes": 9}
    assert layout.headers[1].sample == "NGUYỄN THỊ LAN"  # not the "(2)" numbering row
    extraction = extract_rows(table, layout, TODAY)
    assert {n.row for n in extraction.ignored} == fx.MESSY_IGNORED
    assert "Nguyễn Văn Bình" in next(n.text for n in extraction.ignored if n.row == 28)
    by_row = {r.row: r for r in extraction.rows}
    assert by_row[8].name == "Nguyễn Thị Lan" and by_row[8].phone == "0912345678"
    assert by_row[10].name == "Lê Thị Thúy" and unicodedata.is_normalized("NFC", by_row[10].name)
    assert [by_row[n].phone for n in (6, 7, 8, 9, 10)] == [
        "0912345678", "0912345679", "0912345678", "0987654321", "0987654321"]
    assert by_row[7].birth_year == 1970 and by_row[19].birth_year == 1972
    assert by_row[7].neighbourhood == 5 and by_row[13].neighbourhood == 3
    for row, word in fx.MESSY_BAD.items():
        assert any(word in p.lower() for p in by_row[row].problems), (row, by_row[row].problems)


def _sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    return path


def test_a_female_mark_column_alone_means_blank_is_male(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["Họ và tên", "Năm sinh", "Nữ"], ["Lê Thị Hoa", 1970, "x"],
                             ["Trần Văn Nam", 1971, None]])
    table = read_table(path)
    rows = extract_rows(table, detect_layout(table), TODAY).rows
    assert [(r.name, r.gender) for r in rows] == [("Lê Thị Hoa", "female"),
                                                  ("Trần Văn Nam", "male")]


def test_repeated_headers_and_name_only_rows(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["STT", "Họ và tên", "SĐT"], [1, "Lê Thị Hoa", "0901000001"],
                             ["STT", "Họ và tên", "SĐT"], [2, "Trần Văn Út"], [3]])
    table = read_table(path)
    extraction = extract_rows(table, detect_layout(table), TODAY)
    assert [r.name for r in extraction.rows] == ["Lê Thị Hoa", "Trần Văn Út"]
    assert [(n.row, n.reason) for n in extraction.ignored] == [(3, "Tiêu đề cột lặp lại")]


def test_a_name_with_digits_is_a_problem(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["Họ và tên", "SĐT"], ["Lê Thị Hoa 2", "0901000001"]])
    table = read_table(path)
    row = extract_rows(table, detect_layout(table), TODAY).rows[0]
    assert row.problems == ["Họ tên có chữ số: “Lê Thị Hoa 2”"]


def test_no_name_column_is_reported_with_the_headers(tmp_path: Path) -> None:
    table = read_table(ROSTER / "no_name_column.xlsx")
    layout = detect_layout(table)
    assert not layout.has_name
    assert [h.text for h in layout.headers] == ["STT", "Ngày sinh", "Điện thoại", "Khu phố"]


def test_column_map_checks() -> None:
    assert check_column_map({"full_name": 2, "phone": None}, 5) == {"full_name": 2}
    with pytest.raises(ValueError, match="hai mục"):
        check_column_map({"full_name": 2, "phone": 2}, 5)
    with pytest.raises(ValueError, match="không có trong bảng"):
        check_column_map({"full_name": 9}, 5)
    with pytest.raises(ValueError, match="Không có mục"):
        check_column_map({"address": 1}, 5)
