"""XLSX through openpyxl in read-only mode (formulas give their cached value). Read-only
mode loses merged ranges, so they (and formula cells without a cached value) are found by a
quick scan of the sheet's XML instead of opening the workbook a second, slow way."""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string

from trainer_app.tabular.archive import MAX_ROWS, check_xlsx_archive, read_member, too_many_rows
from trainer_app.tabular.errors import ReadCancelled, SpreadsheetError, damaged
from trainer_app.tabular.table import CancelFlag, CellRange, Progress, TableRow

# Excel's error values (#N/A…) read as text; they are no data.
ERROR_VALUES = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_CELL = re.compile(rb"<((?:\w+:)?)c\b([^>]*?)(?:/>|>(.*?)</\1c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
# SyntaxError: lxml's XMLSyntaxError (openpyxl parses with lxml when it is installed).
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, EOFError, OSError,
                ValueError, TypeError, IndexError, AttributeError, SyntaxError,
                NotImplementedError)


def _scan_sheet_xml(path: Path, part: str | None) -> tuple[list[CellRange], set[tuple[int, int]]]:
    if not part:
        return [], set()
    data = read_member(path, part.lstrip("/"))
    merged = []
    start = data.find(b"mergeCell")
    if start >= 0:
        for m in _MERGE.finditer(data, max(0, data.rfind(b"<", 0, start))):
            c1, r1 = column_index_from_string(m.group(1).decode()), int(m.group(2))
            c2 = column_index_from_string(m.group(3).decode()) if m.group(3) else c1
            r2 = int(m.group(4)) if m.group(4) else r1
            merged.append(CellRange(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    formulas: set[tuple[int, int]] = set()
    if _FORMULA.search(data):
        for m in _CELL.finditer(data):
            body = m.group(3) or b""
            if _FORMULA.search(body) and not _VALUE.search(body):
                ref = _REF.search(m.group(2))
                if ref:
                    column = column_index_from_string(ref.group(1).decode())
                    formulas.add((int(ref.group(2)), column))
    return merged, formulas


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip() or value in ERROR_VALUES:
            return None
    return value


def read_xlsx(
    path: Path,
    sheet: str | None,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> tuple[list[str], str, list[TableRow], list[CellRange], set[tuple[int, int]]]:
    """(sheet names, sheet read, non-blank rows, merged ranges, formula cells without a
    cached value). ``sheet`` None reads the first sheet. The archive is checked within
    the zip limits first, and a sheet over ``MAX_ROWS`` rows is refused."""
    check_xlsx_archive(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions
            workbook = load_workbook(path, read_only=True, data_only=True)
    except _READ_ERRORS as exc:
        raise damaged(path) from exc
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise SpreadsheetError(f"Tệp {path.name} không có trang tính nào.",
                                   code="empty_sheet")
        name = names[0] if sheet is None else sheet
        if name not in names:
            raise SpreadsheetError(
                f"Tệp {path.name} không có trang tính “{sheet}”. Các trang có trong tệp: "
                + ", ".join(f"“{n}”" for n in names) + ".",
                code="unknown_sheet",
            )
        worksheet: Any = workbook[name]
        if not hasattr(worksheet, "iter_rows"):
            raise SpreadsheetError(
                f"Trang “{name}” trong tệp {path.name} là biểu đồ, không có dữ liệu.",
                code="empty_sheet")
        estimate = worksheet.max_row or 0
        worksheet.reset_dimensions()  # the stored dimension is sometimes wrong
        rows: list[TableRow] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise too_many_rows(path, name)
            if number % 500 == 0:
                if cancel is not None and cancel():
                    raise ReadCancelled(path.name)
                if progress is not None:
                    progress(number, max(estimate, number))
            cleaned = tuple(_clean_value(v) for v in values)
            if any(v is not None for v in cleaned):
                end = len(cleaned)
                while cleaned[end - 1] is None:
                    end -= 1
                rows.append(TableRow(number, cleaned[:end]))
        merged, formulas = _scan_sheet_xml(path, getattr(worksheet, "_worksheet_path", None))
    except SpreadsheetError:
        raise
    except _READ_ERRORS as exc:
        raise damaged(path) from exc
    finally:
        workbook.close()
    return names, name, rows, merged, formulas


def list_xlsx_sheets(path: Path) -> list[str]:
    check_xlsx_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _READ_ERRORS as exc:
        raise damaged(path) from exc
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()
