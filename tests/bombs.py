"""Hostile workbooks for the limit tests and the fuzzers: small files that unpack huge,
sheets with too many rows, archives with too many members."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

ROW = (b'<row><c t="inlineStr"><is><t>Nguyen Van An</t></is></c><c><v>1980</v></c></row>')


def _base(header: list[str]) -> zipfile.ZipFile:
    book = Workbook()
    book.active.append(header)
    buffer = io.BytesIO()
    book.save(buffer)
    return zipfile.ZipFile(buffer)


def sheet_with_rows(path: Path, rows: int, header: list[str] | None = None,
                    extra_members: int = 0) -> Path:
    """A real workbook whose first sheet repeats one row ``rows`` times (no row numbers,
    so it packs ~1000:1), plus ``extra_members`` tiny padding members."""
    source = _base(header or ["Họ và tên", "Năm sinh"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, data)
                continue
            head, rest = data.split(b"<sheetData>")
            body, tail = rest.split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>" + body)
                block = ROW * 1000
                for _ in range(rows // 1000):
                    member.write(block)
                member.write(ROW * (rows % 1000))
                member.write(b"</sheetData>" + tail)
        for index in range(extra_members):
            out.writestr(f"customXml/pad{index}.xml", b"<a/>")
    return path
