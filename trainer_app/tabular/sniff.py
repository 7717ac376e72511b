"""Tell what a file is from its first bytes, before any parser touches it."""

from __future__ import annotations

from pathlib import Path

from trainer_app.domain.capped_zip import ZipRefused, open_capped_zip
from trainer_app.tabular.archive import zip_error
from trainer_app.tabular.errors import SpreadsheetError, damaged
from trainer_app.tabular.table import FileKind

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names of an encrypted OOXML package inside its OLE2 (compound file) wrapper.
_ENCRYPTED_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptedPackage", "EncryptionInfo"))
_MAX_OLE_SCAN = 64 * 1024 * 1024
_BINARY_MAGIC = {
    b"%PDF": "một tài liệu PDF",
    b"\x89PNG": "một ảnh PNG",
    b"\xff\xd8\xff": "một ảnh JPEG",
    b"GIF8": "một ảnh GIF",
    b"Rar!": "một tệp nén RAR",
    b"7z\xbc\xaf": "một tệp nén 7z",
    b"\x1f\x8b": "một tệp nén gzip",
    b"MZ": "một chương trình (.exe)",
    b"\x7fELF": "một chương trình",
}


def _not_spreadsheet(path: Path, what: str = "") -> SpreadsheetError:
    detail = f" (đây là {what})" if what else ""
    return SpreadsheetError(
        f"Tệp {path.name} không phải là bảng tính{detail}. Hãy chọn tệp Excel (.xlsx) "
        "hoặc CSV.",
        code="not_spreadsheet",
    )


def _ole_kind(path: Path) -> SpreadsheetError:
    with path.open("rb") as fh:
        data = fh.read(_MAX_OLE_SCAN)
    if any(name in data for name in _ENCRYPTED_STREAMS):
        return SpreadsheetError(
            f"Tệp {path.name} được đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu "
            "(Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu: xóa trống), "
            "lưu lại rồi nhập.",
            code="encrypted",
        )
    return SpreadsheetError(
        f"Tệp {path.name} là định dạng Excel cũ (.xls, Excel 97–2003). Hãy mở bằng Excel "
        "và lưu lại dạng “Sổ làm việc Excel (.xlsx)” rồi nhập.",
        code="old_xls",
    )


def _zip_kind(path: Path) -> FileKind:
    try:
        with open_capped_zip(path) as archive:
            names = set(archive.names())
            if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
                return "xlsx"
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except ZipRefused as exc:
        raise zip_error(path, exc) from exc
    except OSError as exc:
        raise damaged(path) from exc
    if b"opendocument.spreadsheet" in mimetype:
        raise SpreadsheetError(
            f"Tệp {path.name} là bảng tính OpenDocument (.ods), chưa được hỗ trợ. Hãy mở "
            "bằng LibreOffice hoặc Excel và lưu lại dạng .xlsx.",
            code="not_spreadsheet",
        )
    if "word/document.xml" in names:
        raise _not_spreadsheet(path, "một văn bản Word")
    if "ppt/presentation.xml" in names:
        raise _not_spreadsheet(path, "một bài trình chiếu PowerPoint")
    raise _not_spreadsheet(path, "một tệp nén")


def sniff_kind(path: Path) -> FileKind:
    """"xlsx" or "csv" (any delimited text), judged by content rather than by the file's
    extension. Raises ``SpreadsheetError`` for missing, empty, encrypted, damaged, old
    .xls, HTML and other non-spreadsheet files."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except FileNotFoundError as exc:
        raise SpreadsheetError(f"Không tìm thấy tệp {path}.", code="not_found") from exc
    except IsADirectoryError as exc:
        raise SpreadsheetError(f"{path} là một thư mục, không phải tệp.",
                               code="not_found") from exc
    except OSError as exc:
        raise SpreadsheetError(f"Không mở được tệp {path.name}: {exc.strerror or exc}.",
                               code="unreadable") from exc
    if not head.strip(b" \t\r\n\x00"):
        raise SpreadsheetError(f"Tệp {path.name} trống, không có dữ liệu.", code="empty_file")
    if head.startswith(OLE2_MAGIC):
        raise _ole_kind(path)
    if head.startswith(b"PK"):
        return _zip_kind(path)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise _not_spreadsheet(path, what)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text, Excel's "Unicode Text" export
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table")) or (
        lowered.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head
    ):
        raise SpreadsheetError(
            f"Tệp {path.name} là trang web (HTML/XML) được đặt tên như tệp Excel. Hãy mở "
            "bằng Excel và lưu lại dạng “Sổ làm việc Excel (.xlsx)” rồi nhập.",
            code="not_spreadsheet",
        )
    if b"\x00" in head:
        raise _not_spreadsheet(path, "một tệp nhị phân")
    return "csv"
