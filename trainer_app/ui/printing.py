"""Printing a PDF through the system's print dialog.

PySide6-Essentials ships QtPrintSupport (QPrinter, QPrintDialog) but no PDF engine (QtPdf is
in the Addons wheel), so each page is rendered by ``player.pdf_document`` (pypdfium2) into an
image at the printer's resolution (at most 300 dpi: enough for text, and a page stays near
35 MB) and painted on the QPrinter, full page (the PDF carries its own margins), scaled to
the paper and centred. The painting runs off the GUI thread (``ui.tasks``: QPainter may paint
on a QPrinter from a worker thread) with "Đang in trang 2/5…" and Hủy, which aborts the print
job. The dialog offers the page range; copies and the printer's own options are handled by
the system.

When QtPrintSupport cannot be loaded (a stripped build), the PDF opens in the system viewer
instead, which prints it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QWidget

from trainer_app.player.pdf_document import PdfDocument, PdfError
from trainer_app.services.errors import UserError
from trainer_app.ui.tasks import CancelFn, ProgressFn, TaskCancelled, TaskHandle, run_task

log = logging.getLogger(__name__)

__all__ = ["MAX_DPI", "PrintResult", "print_pdf"]

MAX_DPI = 300


class PrintResult:
    def __init__(self, pages: int, printer_name: str) -> None:
        self.pages = pages
        self.printer_name = printer_name


def _open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_pdf(parent: QWidget, path: Path, title: str, *, landscape: bool = False,
              on_done: Callable[[PrintResult], None] | None = None) -> TaskHandle | None:
    """Ask for the printer and pages, then print ``path``. None when the user cancelled the
    dialog (or the viewer fallback was used)."""
    try:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
    except ImportError:  # pragma: no cover - Essentials has it; a stripped build may not
        log.warning("QtPrintSupport missing: opening %s in the system viewer", path)
        _open_in_viewer(path)
        return None
    try:
        with PdfDocument(path) as document:
            count = document.page_count
    except PdfError as exc:
        raise UserError(exc.message, code="bad_pdf") from exc
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                               else QPageLayout.Orientation.Portrait)
    printer.setFromTo(1, count)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"In: {title}")
    dialog.setMinMax(1, count)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return None
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() != QPrinter.PrintRange.PageRange or first <= 0:
        first, last = 1, count
    pages = list(range(max(1, first) - 1, min(count, max(first, last))))
    name = printer.printerName() or printer.outputFileName()

    def work(progress: ProgressFn, cancel: CancelFn) -> PrintResult:
        return _paint(printer, path, pages, progress, cancel, name)

    return run_task(parent, f"Đang in {title}…", work,
                    on_done=on_done or (lambda _result: None), error_title="Chưa in được")


def _paint(printer: object, path: Path, pages: list[int], progress: ProgressFn,
           cancel: CancelFn, name: str) -> PrintResult:
    """Worker side: render each page and paint it on the printer."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("Không mở được máy in. Hãy kiểm tra máy in đã bật và nối với máy "
                        "tính, rồi in lại (hoặc Lưu thành PDF rồi in từ trình xem PDF).",
                        code="printer_unavailable")
    dpi = min(printer.resolution(), MAX_DPI)
    try:
        with PdfDocument(path) as document:
            for n, index in enumerate(pages):
                if cancel():
                    printer.abort()
                    raise TaskCancelled
                progress(n, len(pages), f"Đang in trang {n + 1}/{len(pages)}…")
                if n:
                    printer.newPage()
                width_pt, height_pt = document.page_size(index)
                image = document.render(index, int(width_pt / 72 * dpi),
                                        int(height_pt / 72 * dpi))
                qimage = QImage(image.data, image.width, image.height, image.stride,
                                QImage.Format.Format_RGB32)
                paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                scale = min(paper.width() / image.width, paper.height() / image.height)
                w, h = image.width * scale, image.height * scale
                target = QRectF(paper.x() + (paper.width() - w) / 2,
                                paper.y() + (paper.height() - h) / 2, w, h)
                painter.drawImage(target, qimage)
            progress(len(pages), len(pages), "Đã gửi tới máy in.")
    finally:
        painter.end()
    return PrintResult(len(pages), name)
