"""The certificate register (Sổ cấp giấy chứng nhận) as PDF (A4 landscape, the document
style's header, a ``PagedTable`` with a "Ký nhận" column, totals, signatures) and as XLSX
(``roster_xlsx.write_tables``: bold frozen header, filter, dates as dates)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from trainer_app.reports.certificate_dto import RegisterDoc, RegisterEntry
from trainer_app.reports.document_dto import Signer
from trainer_app.reports.document_style import (
    date_line,
    header_block,
    nfc,
    paragraph,
    signatures_row,
    title_block,
)
from trainer_app.reports.paged_table import PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import PageSetup, build_pdf
from trainer_app.reports.roster_xlsx import DATE, NUMBER, Column, Table, write_tables

__all__ = ["REGISTER_TITLE", "write_register_pdf", "write_register_xlsx"]

REGISTER_TITLE = "Sổ cấp giấy chứng nhận"
SIGN_ROW = 9 * mm


def _course(entry: RegisterEntry) -> str:
    return f"{nfc(entry.course)} ({entry.held_on:%d/%m/%Y})"


def _story(doc: RegisterDoc, width: float) -> list[Flowable]:
    story: list[Flowable] = [*header_block(doc.header, width, with_number=False),
                             *title_block(REGISTER_TITLE, doc.subtitle)]
    if not doc.entries and doc.empty_note:
        story.append(paragraph(doc.empty_note, "body"))
    columns = [TableColumn("STT", 0.8, "center"), TableColumn("Số giấy chứng nhận", 3.1),
               TableColumn("Họ và tên", 3.2), TableColumn("Năm sinh", 1.1, "center"),
               TableColumn("Khu phố", 1.7), TableColumn("Tập huấn", 4.4),
               TableColumn("Ngày cấp", 1.9, "center"), TableColumn("Tình trạng", 2.0),
               TableColumn("Ký nhận", 1.5)]
    rows = [TableRow([str(i), e.number, e.full_name, str(e.birth_year or ""), e.neighbourhood,
                      _course(e), f"{e.issued_on:%d/%m/%Y}", e.status, ""],
                     min_height=SIGN_ROW)
            for i, e in enumerate(doc.entries, start=1)]
    story.append(PagedTable(columns, rows, width=width, font_size=11))
    closing: list[Flowable] = [Spacer(1, 3 * mm)]
    closing += [paragraph(line, "body-plain") for line in doc.totals]
    closing.append(signatures_row(
        [Signer("Người lập sổ"),
         Signer(doc.header.signer_title or "Thủ trưởng đơn vị", doc.header.signer_name,
                note="")],
        width, place_date=date_line(doc.header.place_name, doc.header.issued_on)))
    story.append(KeepTogether(closing))
    return story


def write_register_pdf(path: Path, doc: RegisterDoc) -> Path:
    setup = PageSetup().landscape()
    return build_pdf(path, _story(doc, setup.frame_width),
                     title=f"{REGISTER_TITLE} — {nfc(doc.subtitle)}",
                     author=nfc(doc.header.unit_name), setup=setup)


REGISTER_COLUMNS = (
    Column("STT", 6, NUMBER),
    Column("Số giấy chứng nhận", 22),
    Column("Họ và tên", 28),
    Column("Năm sinh", 10, NUMBER),
    Column("Khu phố", 14),
    Column("Tập huấn", 44),
    Column("Ngày tập huấn", 13, DATE),
    Column("Ngày cấp", 12, DATE),
    Column("Tình trạng", 36),
)


def write_register_xlsx(path: Path, doc: RegisterDoc) -> Path:
    rows = [(i, nfc(e.number), nfc(e.full_name), e.birth_year, nfc(e.neighbourhood),
             nfc(e.course), e.held_on, e.issued_on, nfc(e.status))
            for i, e in enumerate(doc.entries, start=1)]
    write_tables(path, [Table(REGISTER_TITLE, REGISTER_COLUMNS, rows)],
                 title=f"{REGISTER_TITLE} — {nfc(doc.subtitle)}")
    return Path(path)
