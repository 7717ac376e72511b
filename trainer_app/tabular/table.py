"""What a reader returns: plain data, no openpyxl objects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: Progress callback: (rows read so far, estimated total rows or 0 when unknown).
Progress = Callable[[int, int], None]
#: Cancel flag: returns True when the caller wants the work to stop.
CancelFlag = Callable[[], bool]

FileKind = Literal["xlsx", "csv"]
#: "auto" detects; "unicode" converts nothing; "tcvn3"/"vni" force that conversion.
LegacyChoice = Literal["auto", "unicode", "tcvn3", "vni"]

CellValue = object  # str | int | float | bool | datetime | date | time | None


@dataclass(frozen=True)
class CellRange:
    """A merged range, 1-based and inclusive, as Excel numbers rows and columns."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def rows(self) -> int:
        return self.max_row - self.min_row + 1

    @property
    def cols(self) -> int:
        return self.max_col - self.min_col + 1


@dataclass
class TableRow:
    """One non-blank row. ``number`` is the row number Excel shows (for CSV: the record
    number, which is what Excel shows when it opens the file). ``values[i]`` is column i+1;
    a merged cell's value sits in its range's first cell, the other cells are None."""

    number: int
    values: tuple[CellValue, ...]

    def get(self, column: int) -> CellValue:
        """Value of 1-based ``column`` (None beyond the row's end)."""
        return self.values[column - 1] if 0 < column <= len(self.values) else None


@dataclass
class LegacyInfo:
    """What the legacy-text step did: the encoding found (or forced), how many cells it
    converted, and a few (before, after) samples to show the user before storing."""

    encoding: Literal["unicode", "tcvn3", "vni"] = "unicode"
    choice: LegacyChoice = "auto"
    converted_cells: int = 0
    samples: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Table:
    """One sheet of a spreadsheet (or a whole CSV file), blank rows left out."""

    path: Path
    kind: FileKind
    sheet_names: list[str]
    sheet_name: str
    rows: list[TableRow]
    column_count: int
    merged: list[CellRange] = field(default_factory=list)
    #: (row, column) of formula cells that hold no cached value (they read as None).
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    #: CSV only: the text encoding used ("utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252")
    #: and whether it was detected or chosen by the caller.
    text_encoding: str | None = None
    encoding_detected: bool = False
    delimiter: str | None = None
    legacy: LegacyInfo = field(default_factory=LegacyInfo)
    #: Original text of cells the legacy step converted, by (row, column).
    originals: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name


def column_letter(column: int) -> str:
    """Excel's letters for a 1-based column number: 1 -> "A", 28 -> "AB"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
