"""One entry point for every kind of spreadsheet file."""

from __future__ import annotations

from pathlib import Path

from trainer_app.tabular import csvtext, xlsx
from trainer_app.tabular.errors import SpreadsheetError
from trainer_app.tabular.legacy import convert_table
from trainer_app.tabular.sniff import sniff_kind
from trainer_app.tabular.table import CancelFlag, LegacyChoice, Progress, Table


def list_sheets(path: Path) -> list[str]:
    """Sheet names of an XLSX file; a CSV file has one sheet named after the file."""
    path = Path(path)
    if sniff_kind(path) == "xlsx":
        return xlsx.list_xlsx_sheets(path)
    return [path.stem]


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    legacy: LegacyChoice = "auto",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Table:
    """Read one sheet (the first when ``sheet`` is None) of an XLSX file, or a CSV file.

    CSV: ``encoding`` None detects it (see ``csvtext.decode_text``); the delimiter is
    sniffed. Legacy TCVN3/VNI text is detected (``legacy="auto"``) or forced and converted
    to Unicode; ``Table.legacy`` says what was done and ``Table.originals`` keeps the old
    text. Values are as stored (no cleaning): str, int, float, bool, datetime; blank
    cells, Excel error values and formulas without a cached value are None; rows with no
    value at all are left out. Raises ``SpreadsheetError`` (Vietnamese message naming the
    file) for anything that is not a usable spreadsheet, an empty sheet, or an unknown
    sheet name (listing the sheets that exist).
    """
    path = Path(path)
    kind = sniff_kind(path)
    if kind == "xlsx":
        names, name, rows, merged, formulas = xlsx.read_xlsx(path, sheet, progress, cancel)
        table = Table(path, "xlsx", names, name, rows, 0, merged, formulas)
    else:
        data = csvtext.read_csv_file(path)
        text, used = csvtext.decode_text(data, path.name, encoding)
        if sheet is not None and sheet != path.stem:
            raise SpreadsheetError(
                f"Tệp {path.name} là tệp CSV, chỉ có một trang “{path.stem}”; không có trang "
                f"“{sheet}”.",
                code="unknown_sheet",
            )
        delimiter = csvtext.sniff_delimiter(text)
        rows = csvtext.read_csv_rows(text, delimiter, path.name, progress, cancel)
        table = Table(path, "csv", [path.stem], path.stem, rows, 0, text_encoding=used,
                      encoding_detected=encoding is None, delimiter=delimiter)
    if not table.rows:
        raise SpreadsheetError(
            f"Trang tính “{table.sheet_name}” trong tệp {path.name} trống, không có dữ liệu."
            if kind == "xlsx" else f"Tệp {path.name} không có dữ liệu.",
            code="empty_sheet",
        )
    table.column_count = max(len(r.values) for r in table.rows)
    table.legacy = convert_table(table, legacy)
    return table
