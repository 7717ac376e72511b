"""trainer_app.tabular: reading XLSX and CSV files into rows, and refusing bad files."""

from __future__ import annotations

import codecs
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.fixtures.roster import make_fixtures as fx
from trainer_app.domain.vnlegacy import unicode_to_legacy
from trainer_app.tabular import CellRange, SpreadsheetError, list_sheets, read_table, sniff_kind
from trainer_app.tabular.csvtext import decode_text, sniff_delimiter

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"


def values(table, number):  # type: ignore[no-untyped-def]
    return next(r.values for r in table.rows if r.number == number)


@pytest.mark.parametrize(("name", "code", "words"), [
    ("not_a_spreadsheet.pdf", "not_spreadsheet", "PDF"),
    ("binary.txt", "not_spreadsheet", "không phải là bảng tính"),
    ("report.docx", "not_spreadsheet", "Word"),
    ("encrypted.xlsx", "encrypted", "mật khẩu"),
    ("old_format.xls", "old_xls", ".xls"),
    ("truncated.xlsx", "damaged", "bị hỏng"),
    ("empty_sheet.xlsx", "empty_sheet", "trống"),
])
def test_bad_files_are_refused_with_a_vietnamese_message_naming_the_file(
        name: str, code: str, words: str) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_table(ROSTER / name)
    assert caught.value.code == code
    assert name in caught.value.message
    assert words in caught.value.message


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_table(tmp_path / "nowhere.xlsx")
    assert caught.value.code == "not_found"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(SpreadsheetError) as caught:
        read_table(tmp_path / "empty.csv")
    assert caught.value.code == "empty_file" and "empty.csv" in caught.value.message


def test_content_decides_not_the_extension(tmp_path: Path) -> None:
    renamed = tmp_path / "danh_sach.csv"
    shutil.copy(ROSTER / "messy_ward_list.xlsx", renamed)
    assert sniff_kind(renamed) == "xlsx"
    html = tmp_path / "xuat_tu_phan_mem.xls"
    html.write_text("<html><body><table><tr><td>Họ tên</td></tr></table></body></html>",
                    encoding="utf-8")
    with pytest.raises(SpreadsheetError) as caught:
        read_table(html)
    assert caught.value.code == "not_spreadsheet" and "HTML" in caught.value.message


def test_unknown_sheet_lists_the_sheets_that_exist(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Tổ 1"
    wb.active.append(["Họ và tên"])
    wb.create_sheet("Tổ 2").append(["Họ và tên"])
    path = tmp_path / "hai_trang.xlsx"
    wb.save(path)
    assert list_sheets(path) == ["Tổ 1", "Tổ 2"]
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path, sheet="Tổ 3")
    assert caught.value.code == "unknown_sheet"
    assert "“Tổ 1”, “Tổ 2”" in caught.value.message and "hai_trang.xlsx" in caught.value.message
    assert read_table(path, sheet="Tổ 2").sheet_name == "Tổ 2"


def test_messy_list_rows_keep_excel_numbers_merges_and_formula_cells() -> None:
    table = read_table(ROSTER / "messy_ward_list.xlsx")
    numbers = [r.number for r in table.rows]
    assert 11 not in numbers and 21 not in numbers  # blank rows are left out
    assert numbers[:3] == [1, 2, 4]
    assert values(table, 2)[0] == "DANH SÁCH CỘNG TÁC VIÊN NĂM 2025"
    assert values(table, 8)[4] == 912345678  # the integer phone stays an integer
    assert values(table, 9)[2] == datetime(1975, 3, 2)
    assert values(table, 18)[1] is None  # a formula without a cached value
    assert {(18, 2), (22, 3)} <= table.formula_cells
    assert CellRange(1, 1, 1, 4) in table.merged and CellRange(2, 1, 2, 9) in table.merged
    assert table.column_count == 9


def test_formula_cells_with_a_cached_value_give_that_value(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh"])
    ws.append(["Lê Văn Tám", "=1960+5"])
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    # openpyxl writes no cached values; put one in as Excel would.
    import zipfile
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    # The empty value is written "<v />" or "<v/>" (with lxml installed) or "<v></v>".
    empty = rb"(<f>1960\+5</f>)\s*(?:<v\s*/>|<v></v>)?(</c>)"
    assert re.search(empty, parts[sheet]), parts[sheet][-400:]
    parts[sheet] = re.sub(empty, rb"\1<v>1965</v>\2", parts[sheet])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    table = read_table(path)
    assert values(table, 2)[1] == 1965
    assert not table.formula_cells


def test_vertical_and_horizontal_merges_of_a_two_row_header() -> None:
    table = read_table(ROSTER / "two_row_header.xlsx")
    assert CellRange(3, 2, 3, 3) in table.merged  # "Họ và tên" over two columns
    assert CellRange(6, 6, 8, 6) in table.merged  # a role written once for three rows
    assert values(table, 3)[1:3] == ("Họ và tên", None)  # the value sits in the first cell
    assert values(table, 7)[5] is None


@pytest.mark.parametrize(("name", "encoding", "delimiter", "legacy"), [
    ("ward_cp1258.csv", "cp1258", ";", "unicode"),
    ("ward_cp1252_tcvn3.csv", "cp1252", ",", "tcvn3"),
    ("ward_utf8_bom.csv", "utf-8-sig", "\t", "unicode"),
])
def test_csv_encodings_and_delimiters_are_detected(name: str, encoding: str, delimiter: str,
                                                    legacy: str) -> None:
    table = read_table(ROSTER / name)
    assert (table.text_encoding, table.delimiter, table.legacy.encoding) == (
        encoding, delimiter, legacy)
    assert table.encoding_detected
    import unicodedata
    names = [unicodedata.normalize("NFC", str(r.values[0])) for r in table.rows[1:5]]
    assert names == fx.CSV_NAMES
    assert unicodedata.normalize("NFC", str(values(table, 1)[3])) == "SĐT"


def test_csv_utf8_without_bom_and_utf16(tmp_path: Path) -> None:
    text = "Họ và tên;Năm sinh\r\nTrần Thị Bích;1970\r\n"
    plain = tmp_path / "utf8.csv"
    plain.write_bytes(text.encode("utf-8"))
    assert read_table(plain).text_encoding == "utf-8"
    utf16 = tmp_path / "unicode_text.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.replace(";", "\t").encode("utf-16-le"))
    table = read_table(utf16)
    assert (table.text_encoding, table.delimiter) == ("utf-16", "\t")
    assert values(table, 2) == ("Trần Thị Bích", "1970")


def test_a_chosen_encoding_wins_and_a_wrong_one_says_so(tmp_path: Path) -> None:
    path = ROSTER / "ward_cp1258.csv"
    chosen = read_table(path, encoding="windows-1252", legacy="unicode")
    assert chosen.text_encoding == "cp1252" and not chosen.encoding_detected
    assert values(chosen, 2)[0] != "Nguyễn Thị Lan"  # mojibake, as asked
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path, encoding="utf-8")
    assert caught.value.code == "bad_encoding" and "ward_cp1258.csv" in caught.value.message


def test_decode_prefers_the_reading_that_looks_vietnamese() -> None:
    line = "Nguyễn Thị Lan;Trương Mỹ Lệ;Đặng Văn Ẩn"
    assert decode_text(fx.to_cp1258(line), "x.csv")[1] == "cp1258"
    assert decode_text(unicode_to_legacy(line, "vni").encode("cp1252"), "x.csv")[1] == "cp1252"
    assert decode_text("Café, naïve".encode("cp1252"), "x.csv")[1] == "cp1252"


def test_sniff_delimiter_ignores_commas_inside_fields() -> None:
    text = "Họ tên;Địa chỉ\nLan;12, Lê Văn Lương\nHùng;5, Nguyễn Thị Thập\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("một cột\nhai\n") == ","


@pytest.mark.parametrize(("name", "encoding"), [("tcvn3_list.xlsx", "tcvn3"),
                                                ("vni_list.xlsx", "vni")])
def test_legacy_text_is_detected_converted_and_the_originals_kept(name: str,
                                                                  encoding: str) -> None:
    table = read_table(ROSTER / name)
    assert table.legacy.encoding == encoding
    assert table.legacy.converted_cells >= len(fx.LEGACY_NAMES)
    assert values(table, 3)[1] == "Họ và tên"
    assert [values(table, n)[1] for n in range(4, 9)][:3] == fx.LEGACY_NAMES[:3]
    assert table.originals[(4, 2)] == unicode_to_legacy("Nguyễn Thị Lan", encoding)
    assert ("NguyÔn ThÞ Lan", "Nguyễn Thị Lan") in table.legacy.samples or encoding == "vni"
    untouched = read_table(ROSTER / name, legacy="unicode")
    assert untouched.legacy.converted_cells == 0
    assert values(untouched, 4)[1] == unicode_to_legacy("Nguyễn Thị Lan", encoding)


def test_unicode_cells_in_a_legacy_sheet_are_left_alone(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên"])
    for name in fx.LEGACY_NAMES:
        ws.append([unicode_to_legacy(name, "tcvn3")])
    ws.append(["Phạm Thị Thủy"])  # typed later, in Unicode
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.legacy.encoding == "tcvn3"
    assert values(table, 7)[0] == "Phạm Thị Thủy"
    assert values(table, 1)[0] == "Họ và tên"


def test_plain_unicode_files_convert_nothing() -> None:
    table = read_table(ROSTER / "messy_ward_list.xlsx")
    assert table.legacy.encoding == "unicode" and not table.originals


def test_cancel_flag_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    fx.write_big_list(path, 1200)
    seen: list[tuple[int, int]] = []
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path, progress=lambda d, t: seen.append((d, t)), cancel=lambda: bool(seen))
    assert caught.value.code == "cancelled"
    assert seen and seen[0][0] == 500
