"""Found by the workbook fuzzers (issue 14): damaged workbooks that ended in an unexpected
exception instead of the reader's own error naming the file."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from trainer_app.quizbank.files import read_quiz_file
from trainer_app.quizbank.textfile import UnreadableFile
from trainer_app.tabular import SpreadsheetError, read_table


def workbook_bytes() -> bytes:
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh"])
    book.active.append(["Nguyễn Thị Lan", 1970])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_member(raw: bytes, name: str, body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.namelist():
            target.writestr(member, body if member == name else source.read(member))
    return buffer.getvalue()


def test_damaged_version_field_is_a_damaged_file(tmp_path: Path) -> None:
    raw = bytearray(workbook_bytes())
    at = raw.find(b"PK\x01\x02")  # first central directory entry
    struct.pack_into("<H", raw, at + 6, 0x00FF)  # "version needed to extract": 25.5
    path = tmp_path / "hong.xlsx"
    path.write_bytes(bytes(raw))
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path)
    assert caught.value.code == "damaged" and "hong.xlsx" in caught.value.message


def test_empty_workbook_part_is_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.xlsx"
    path.write_bytes(replace_member(workbook_bytes(), "xl/workbook.xml", b""))
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path)
    assert caught.value.code == "damaged" and "rong.xlsx" in caught.value.message


def test_quiz_workbook_without_sheets(tmp_path: Path) -> None:
    empty = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheets/></workbook>")
    path = tmp_path / "cau-hoi.xlsx"
    path.write_bytes(replace_member(workbook_bytes(), "xl/workbook.xml", empty))
    with pytest.raises(UnreadableFile) as caught:
        read_quiz_file(path)
    assert "cau-hoi.xlsx" in caught.value.message
