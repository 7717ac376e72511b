"""Why a file could not be read as a spreadsheet, in Vietnamese, naming the file."""

from __future__ import annotations


class SpreadsheetError(Exception):
    """The file cannot be used. ``message`` is Vietnamese and names the file; ``code`` is a
    stable English tag (``not_spreadsheet``, ``encrypted``, ``damaged``, ``old_xls``,
    ``empty_file``, ``empty_sheet``, ``unknown_sheet``, ``not_found``, ``unreadable``,
    ``bad_encoding``, ``cancelled``). Services turn it into their ``UserError``."""

    exit_code = 2

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ReadCancelled(SpreadsheetError):
    """The caller's cancel flag was raised while reading."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Đã hủy đọc tệp {name}.", code="cancelled")
