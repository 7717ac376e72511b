"""Writing a PDF file: page geometry of Nghị định 30/2020/NĐ-CP, page numbers from page 2,
no base-14 font, and an atomic save (a temporary file in the target folder, then
``os.replace``) so that a full disk or a crash never leaves half a file under the name the
user chose. File-system errors are raised as ``OSError``; services turn them into a
Vietnamese message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from trainer_app.reports.typeface import REGULAR, register_fonts

__all__ = ["PAGE_NUMBER_SIZE", "PageSetup", "atomic_write", "build_pdf", "portrait_a4"]

PAGE_NUMBER_SIZE = 13


@dataclass(frozen=True)
class PageSetup:
    """Page size and margins in points. The defaults are the decree's: A4 portrait, top
    and bottom 20 mm (20–25), left 30 mm (30–35), right 15 mm (15–20)."""

    size: tuple[float, float] = A4
    top: float = 20 * mm
    bottom: float = 20 * mm
    left: float = 30 * mm
    right: float = 15 * mm
    page_numbers: bool = True  # centred in the top margin, from page 2 on

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom

    def landscape(self) -> PageSetup:
        return PageSetup(landscape(A4), self.top, self.bottom, self.left, self.right,
                         self.page_numbers)


def portrait_a4() -> PageSetup:
    return PageSetup()


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a new temporary file beside ``path``, then move it over
    ``path`` in one step. On any error the temporary file is removed and ``path`` is left
    as it was (absent or the previous file)."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:  # the bytes are on disk before the name changes
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _number_pages(setup: PageSetup) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not setup.page_numbers or doc.page < 2:
            return
        canvas.saveState()
        canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
        x = setup.left + setup.frame_width / 2
        canvas.drawCentredString(x, setup.size[1] - setup.top / 2 - PAGE_NUMBER_SIZE / 3,
                                 str(doc.page))
        canvas.restoreState()

    return draw


def build_pdf(path: Path, story: Sequence[Flowable], *, title: str, author: str = "",
              subject: str = "", setup: PageSetup | None = None,
              on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None) -> Path:
    """Lay out ``story`` on ``setup``'s pages and save it atomically to ``path``.
    ``on_page`` draws extra things on every page (cut lines, for example)."""
    setup = setup or portrait_a4()
    font = register_fonts()
    numbers = _number_pages(setup)

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        numbers(canvas, doc)
        if on_page is not None:
            on_page(canvas, doc)

    def write(target: Path) -> None:
        doc = BaseDocTemplate(
            str(target), pagesize=setup.size, leftMargin=setup.left,
            rightMargin=setup.right, topMargin=setup.top, bottomMargin=setup.bottom,
            title=title, author=author, subject=subject, creator="Tập huấn CTV",
            initialFontName=font, initialFontSize=13, initialLeading=15.6)
        frame = Frame(setup.left, setup.bottom, setup.frame_width, setup.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
        doc.build(list(story))

    return atomic_write(Path(path), write)
