"""PDF pages as plain pixels, for showing documents page by page on the projector. The one
module that imports pypdfium2.

Why pypdfium2 and not QtPdf: QtPdf is in the PySide6-Addons wheel (about 150 MB more, with
WebEngine and Multimedia that the app does not use; the Essentials wheel has no QtPdf), while
pypdfium2 is a 3 MB wheel around PDFium, the PDF engine of Chrome, for Windows and Linux
alike. It renders a page in a few tens of milliseconds at projector size and can say how many
pages a file has, which is how a PDF is "opened before it is accepted". When it is missing
the library still works: PDFs open in the system viewer (``ui``), and the import check falls
back to the file's header and end-of-file marker.

Nothing here knows Qt: ``PageImage`` holds BGRx bytes that the UI wraps in a ``QImage``
(Format_RGB32 on little-endian machines).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

_lock = threading.Lock()  # PDFium is not thread-safe: one call at a time in the process


class PdfError(Exception):
    """``message`` is Vietnamese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    data: bytes  # BGRx, 4 bytes a pixel


def available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def _header_problem(path: Path) -> str | None:
    """Without pypdfium2: the "%PDF-" header and an "%%EOF" near the end."""
    with path.open("rb") as stream:
        if not stream.read(1024).lstrip(b"\r\n\t \x00\xef\xbb\xbf").startswith(b"%PDF-"):
            return f"Tệp {path.name} không phải là tệp PDF (nội dung không đúng định dạng)."
        size = path.stat().st_size
        stream.seek(max(0, size - 2048))
        if b"%%EOF" not in stream.read():
            return (f"Tệp {path.name} bị thiếu phần cuối (có thể chép hoặc tải về chưa hết). "
                    "Hãy chép lại hoặc tải lại tệp.")
    return None


def page_count(path: Path) -> int | None:
    """How many pages; None when pypdfium2 is not installed (the header was checked).
    Raises ``PdfError`` for a file that is not a readable PDF."""
    problem = _header_problem(path)
    if problem:
        raise PdfError(problem)
    if not available():
        return None
    with PdfDocument(path) as document:
        return document.page_count


class PdfDocument:
    """An open PDF. Use from one thread at a time (``with`` closes it)."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        import pypdfium2 as pdfium

        self.path = path
        with _lock:
            try:
                self._doc: Any = pdfium.PdfDocument(str(path), password=password)
            except pdfium.PdfiumError as exc:
                text = str(exc).lower()
                if "password" in text:
                    raise PdfError(f"Tệp {path.name} có mật khẩu; hãy dùng bản PDF không đặt "
                                   "mật khẩu.") from exc
                raise PdfError(f"Tệp {path.name} không mở được như một tệp PDF (tệp hỏng hoặc "
                               "không phải PDF).") from exc
            except OSError as exc:
                raise PdfError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
            self.page_count = len(self._doc)
        if self.page_count == 0:
            self.close()
            raise PdfError(f"Tệp {path.name} không có trang nào.")

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height in points."""
        with _lock:
            page = self._doc[index]
            try:
                width, height = page.get_size()
            finally:
                page.close()
        return float(width), float(height)

    def render(self, index: int, max_width: int, max_height: int) -> PageImage:
        """Page ``index`` (0-based) as large as fits in max_width × max_height pixels."""
        width, height = self.page_size(index)
        scale = max(0.05, min(max_width / width, max_height / height))
        with _lock:
            page = self._doc[index]
            try:
                bitmap = page.render(scale=scale, prefer_bgrx=True)
                image = PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                  bytes(bitmap.buffer))
                bitmap.close()
            finally:
                page.close()
        return image

    def close(self) -> None:
        with _lock:
            self._doc.close()

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
