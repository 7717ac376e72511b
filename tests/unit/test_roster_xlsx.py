"""The roster XLSX writer alone (no database): headers, widths, frozen header, types, and
text that looks like a formula stays text. Read back with openpyxl and from the raw XML."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from trainer_app.reports.roster_xlsx import (
    DATE,
    NUMBER,
    PHONE,
    Column,
    RosterEntry,
    Table,
    roster_table,
    sheet_title,
    write_roster,
    write_tables,
)
from trainer_app.services.roster.query import parse_search

COLUMNS = (Column("Tên", 20), Column("Số", 8, NUMBER), Column("Điện thoại", 14, PHONE),
           Column("Ngày", 12, DATE), Column("Có không", 8))


def entry(name: str, **extra: object) -> RosterEntry:
    values: dict[str, object] = dict(
        full_name=name, gender="Nữ", birth_year=1970, phone="0912345678",
        neighbourhood="Khu phố 5", role="CTV dân số", unit="", notes="", sessions_attended=2,
        certificates=1, consent="05/01/2026", consent_method="Ký phiếu", archived=False)
    values.update(extra)
    return RosterEntry(**values)  # type: ignore[arg-type]


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    tricky = ["=1+1", "+84912345678", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    write_tables(target, [Table("Trang", COLUMNS, [(t, 1, t, None, True) for t in tricky])])
    ws = load_workbook(target).active
    for row, text in enumerate(tricky, start=2):
        cell = ws.cell(row=row, column=1)
        assert (cell.value, cell.data_type, bool(cell.quotePrefix)) == (text, "s", True)
        assert ws.cell(row=row, column=3).value == text  # a phone column: text too
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_types_widths_and_header(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    rows = [("Nguyễn Thị Lan", 7, "0912345678", date(2026, 3, 5), True),
            ("Lê Văn\x07 Bình", None, "", None, False)]
    write_tables(target, [Table("Danh sách", COLUMNS, rows)], title="Thử")
    workbook = load_workbook(target)
    ws = workbook.active
    assert [c.value for c in ws[1]] == ["Tên", "Số", "Điện thoại", "Ngày", "Có không"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [20, 8, 14, 12, 8]
    assert ws["B2"].value == 7 and ws["B2"].data_type == "n"
    assert ws["C2"].value == "0912345678" and ws["C2"].number_format == "@"
    assert ws["D2"].value == datetime(2026, 3, 5) and ws["D2"].number_format == "DD/MM/YYYY"
    assert (ws["E2"].value, ws["E3"].value) == ("Có", "Không")
    assert ws["A3"].value == "Lê Văn Bình"  # a control character an XLSX cannot hold
    assert ws["B3"].value is None and ws["C3"].value is None
    assert workbook.properties.title == "Thử"
    assert not list(tmp_path.glob("*.tmp"))


def test_sheet_names_are_valid_and_distinct(tmp_path: Path) -> None:
    assert sheet_title("Bài kiểm tra: trước/sau [2026]") == "Bài kiểm tra trước sau 2026"
    assert len(sheet_title("x" * 40)) == 31
    target = tmp_path / "t.xlsx"
    write_tables(target, [Table("A/B", COLUMNS, []), Table("A:B", COLUMNS, [])])
    assert load_workbook(target).sheetnames == ["A B", "A B 2"]


def test_roster_layout(tmp_path: Path) -> None:
    table = roster_table([entry("Nguyễn Thị Lan"), entry("=Lạ", archived=True,
                                                         birth_year=None)])
    assert [r[0] for r in table.rows] == [1, 2]
    assert table.rows[1][-1] == "Đã lưu trữ" and table.rows[0][-1] == "Đang hoạt động"
    target = tmp_path / "ds.xlsx"
    write_roster(target, [entry("Nguyễn Thị Lan")])
    ws = load_workbook(target).active
    assert ws.title == "Cộng tác viên"
    assert [c.value for c in ws[2]][:5] == [1, "Nguyễn Thị Lan", "Nữ", 1970, "0912345678"]


def test_parse_search_splits_words_and_digits() -> None:
    terms = parse_search("  Nguyễn  THỊ lan 0912 345.678 ")
    assert terms.words == ("nguyen", "thi", "lan")
    assert terms.digits == "0912345678"
    assert parse_search("").empty and parse_search("   ").empty
    assert parse_search("+84 912").digits == "84912"
    assert parse_search("Thuý").words == parse_search("Thúy").words == ("thuy",)
