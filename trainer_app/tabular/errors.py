"""Why a file could not be read as a spreadsheet, in Vietnamese, naming the file."""

from __future__ import annotations

from pathlib import Path


class SpreadsheetError(Exception):
    """The file cannot be used. ``message`` is Vietnamese and names the file; ``code`` is a
    stable English tag (``not_spreadsheet``, ``encrypted``, ``damaged``, ``old_xls``,
    ``empty_file``, ``empty_sheet``, ``unknown_sheet``, ``not_found``, ``unreadable``,
    ``bad_encoding``, ``cancelled``, ``too_large``). Services turn it into their ``UserError``."""

    exit_code = 2

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ReadCancelled(SpreadsheetError):
    """The caller's cancel flag was raised while reading."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Đã hủy đọc tệp {name}.", code="cancelled")


def damaged(path: Path, detail: str = "") -> SpreadsheetError:
    extra = f" ({detail})" if detail else ""
    return SpreadsheetError(
        f"Tệp {path.name} bị hỏng hoặc chưa chép xong, không đọc được{extra}. Hãy mở tệp "
        "bằng Excel, lưu lại rồi thử lại, hoặc chép lại tệp từ nguồn.",
        code="damaged",
    )
