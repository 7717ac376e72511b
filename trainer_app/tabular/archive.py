"""XLSX files are zips: every one is checked with the app's capped zip reader before
openpyxl sees it, so a small file that unpacks to gigabytes is refused while reading, in
bounded memory, with a message naming the file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer_app.domain.capped_zip import DEFAULT_LIMITS, CappedZip, ZipRefused, open_capped_zip
from trainer_app.tabular.errors import SpreadsheetError, damaged

# A ward's roster has a few thousand rows; a sheet longer than this is not one.
MAX_ROWS = 50_000
ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", ".")


def zip_error(path: Path, exc: ZipRefused) -> SpreadsheetError:
    """A broken limit (raised with no cause) or a damaged archive (raised from the zip
    library's own error)."""
    if exc.__cause__ is not None:
        return damaged(path)
    return SpreadsheetError(
        f"Tệp {path.name} không được nhận: {exc.message} Giới hạn: mỗi thành phần tối đa "
        f"{DEFAULT_LIMITS.max_member_bytes // (1024 * 1024)} MB khi giải nén, tối đa "
        f"{DEFAULT_LIMITS.max_members} thành phần, tối đa {ROWS_TEXT} dòng.",
        code="too_large",
    )


def too_many_rows(path: Path, sheet: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"Trang “{sheet}” trong tệp {path.name} có hơn {ROWS_TEXT} dòng: quá lớn để nhập. "
        "Hãy chia tệp hoặc xóa các dòng thừa.",
        code="too_large",
    )


@contextmanager
def capped_xlsx(path: Path) -> Iterator[CappedZip]:
    """The workbook's archive, open within the limits; ``SpreadsheetError`` otherwise."""
    try:
        with open_capped_zip(path) as archive:
            yield archive
    except ZipRefused as exc:
        raise zip_error(path, exc) from exc


def check_xlsx_archive(path: Path) -> None:
    """Unpack every member once within the limits (counted while reading), before a
    library that trusts the archive's headers opens it."""
    with capped_xlsx(path) as archive:
        try:
            archive.check_all()
        except ZipRefused as exc:
            raise zip_error(path, exc) from exc


def read_member(path: Path, name: str) -> bytes:
    with capped_xlsx(path) as archive:
        try:
            return archive.read(name)
        except ZipRefused as exc:
            raise zip_error(path, exc) from exc
