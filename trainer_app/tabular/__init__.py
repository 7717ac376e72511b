"""Reading spreadsheets (XLSX, CSV in any of the encodings Vietnamese offices use) into rows.

May import only ``domain``, the standard library and openpyxl: no database, no Qt.
"""

from trainer_app.tabular.csvtext import TEXT_ENCODINGS
from trainer_app.tabular.errors import ReadCancelled, SpreadsheetError
from trainer_app.tabular.reader import list_sheets, read_table
from trainer_app.tabular.sniff import sniff_kind
from trainer_app.tabular.table import (
    CancelFlag,
    CellRange,
    LegacyChoice,
    LegacyInfo,
    Progress,
    Table,
    TableRow,
    column_letter,
)

__all__ = [
    "TEXT_ENCODINGS",
    "CancelFlag",
    "CellRange",
    "LegacyChoice",
    "LegacyInfo",
    "Progress",
    "ReadCancelled",
    "SpreadsheetError",
    "Table",
    "TableRow",
    "column_letter",
    "list_sheets",
    "read_table",
    "sniff_kind",
]
