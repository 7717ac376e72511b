"""Attendance sheet (Danh sách điểm danh) and allowance sheet (Danh sách nhận tiền hỗ trợ)
of a training session, in the administrative style of ``document_style``.

Attendance: before the session (``filled=False``) the people invited with an empty
"Ký tên" column tall enough to sign in, plus a few empty rows for walk-ins; after it
(``filled=True``) with each person's status and check-in time. The "STT" column is the
person's row number on the session's sheet (``Attendance.sheet_row``), so that "mark rows
1 2 5-9" in the app matches the paper even when the list is grouped by khu phố. Totals
close the list.

Allowance: a finance form: amount per person, a "Ký nhận" column, the total in figures and
in words ("Bằng chữ: Hai triệu đồng"), signed by Người lập biểu, Kế toán and Thủ trưởng
đơn vị.

Both use ``PagedTable``: cost grows linearly with the rows (see bench/bench_attendance_pdf.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from trainer_app.domain.vnnumber import amount_in_words
from trainer_app.reports.document_dto import DocumentHeader, Signer
from trainer_app.reports.document_style import (
    date_line,
    header_block,
    nfc,
    paragraph,
    signatures_row,
    title_block,
)
from trainer_app.reports.paged_table import GROUP, TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import build_pdf, portrait_a4

__all__ = ["AllowanceSheet", "AttendanceLine", "AttendanceSheet", "format_money",
           "write_allowance_sheet", "write_attendance_sheet"]

SIGN_ROW = 10 * mm  # room to sign in a row


@dataclass(frozen=True)
class AttendanceLine:
    row: int  # number on the session's sheet
    full_name: str
    birth_year: int | None = None
    neighbourhood: str = ""
    status: str = ""  # Vietnamese label, "" on a blank sheet
    arrived: str = ""  # "07:55"
    note: str = ""  # "Đến thêm" for a walk-in


@dataclass(frozen=True)
class AttendanceSheet:
    header: DocumentHeader
    session_title: str
    when: str  # "08:00 – 11:00, ngày 10/11/2026"
    venue: str
    lines: Sequence[AttendanceLine]
    filled: bool = False
    group_by_neighbourhood: bool = False
    totals: Sequence[str] = field(default_factory=tuple)  # closing lines
    walk_in_rows: int = 5  # empty rows at the end of a blank sheet
    empty_note: str = ""  # said when ``lines`` is empty


@dataclass(frozen=True)
class AllowanceSheet:
    header: DocumentHeader
    session_title: str
    when: str
    lines: Sequence[AttendanceLine]
    amount_per_person: int  # đồng
    empty_note: str = ""


def format_money(amount: int) -> str:
    """50000 -> "50.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def _hood_key(name: str) -> tuple[object, ...]:
    """"Khu phố 2" before "Khu phố 10"; an empty khu phố last."""
    parts = re.split(r"(\d+)", nfc(name).lower())
    return (name == "", *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


def _intro(header: DocumentHeader, title: str, session_title: str, when: str,
           venue: str, width: float) -> list[Flowable]:
    story = [*header_block(header, width), *title_block(title, session_title)]
    if when:
        story.append(paragraph(f"Thời gian: {when}", "body-plain"))
    if venue:
        story.append(paragraph(f"Địa điểm: {venue}", "body-plain"))
    story.append(Spacer(1, 3 * mm))
    return story


def _attendance_rows(sheet: AttendanceSheet) -> list[TableRow]:
    def row(line: AttendanceLine) -> TableRow:
        year = str(line.birth_year) if line.birth_year else ""
        if sheet.filled:
            return TableRow([str(line.row), line.full_name, year, line.neighbourhood,
                             line.status, line.arrived, line.note])
        return TableRow([str(line.row), line.full_name, year, line.neighbourhood, "",
                         line.note], min_height=SIGN_ROW)

    if not sheet.group_by_neighbourhood:
        rows = [row(line) for line in sheet.lines]
    else:
        groups: dict[str, list[AttendanceLine]] = {}
        for line in sheet.lines:
            groups.setdefault(nfc(line.neighbourhood), []).append(line)
        rows = []
        for hood in sorted(groups, key=_hood_key):
            members = groups[hood]
            rows.append(TableRow([f"{hood or 'Chưa có khu phố'} ({len(members)} người)"],
                                 GROUP))
            rows += [row(line) for line in members]
    if not sheet.filled and sheet.walk_in_rows > 0:
        start = max((line.row for line in sheet.lines), default=0)
        rows.append(TableRow(["Người đến thêm (ghi tay)"], GROUP))
        rows += [TableRow([str(start + i), "", "", "", "", ""], min_height=SIGN_ROW)
                 for i in range(1, sheet.walk_in_rows + 1)]
    return rows


def attendance_story(sheet: AttendanceSheet, width: float) -> list[Flowable]:
    story = _intro(sheet.header, "Danh sách điểm danh", sheet.session_title, sheet.when,
                   sheet.venue, width)
    if sheet.filled:
        columns = [TableColumn("STT", 0.9, "center"), TableColumn("Họ và tên", 4.2),
                   TableColumn("Năm sinh", 1.2, "center"), TableColumn("Khu phố", 2.2),
                   TableColumn("Tình trạng", 1.9), TableColumn("Giờ đến", 1.2, "center"),
                   TableColumn("Ghi chú", 1.6)]
    else:
        columns = [TableColumn("STT", 0.9, "center"), TableColumn("Họ và tên", 4.2),
                   TableColumn("Năm sinh", 1.2, "center"), TableColumn("Khu phố", 2.2),
                   TableColumn("Ký tên", 2.6), TableColumn("Ghi chú", 1.6)]
    if not sheet.lines and sheet.empty_note:
        story.append(paragraph(sheet.empty_note, "body"))
    story.append(PagedTable(columns, _attendance_rows(sheet), width=width))
    closing: list[Flowable] = [Spacer(1, 3 * mm)]
    closing += [paragraph(line, "body-plain") for line in sheet.totals]
    closing.append(signatures_row(
        [Signer("Người lập danh sách"),
         Signer(sheet.header.signer_title or "Thủ trưởng đơn vị", sheet.header.signer_name,
                note="")],
        width, place_date=date_line(sheet.header.place_name, sheet.header.issued_on)))
    story.append(KeepTogether(closing))  # totals and signatures on one page
    return story


def write_attendance_sheet(path: Path, sheet: AttendanceSheet) -> Path:
    setup = portrait_a4()
    return build_pdf(path, attendance_story(sheet, setup.frame_width),
                     title=f"Danh sách điểm danh — {nfc(sheet.session_title)}",
                     author=nfc(sheet.header.unit_name), setup=setup)


def allowance_story(sheet: AllowanceSheet, width: float) -> list[Flowable]:
    story = _intro(sheet.header, "Danh sách nhận tiền hỗ trợ",
                   f"Tham dự tập huấn: {nfc(sheet.session_title)}", sheet.when, "", width)
    story.append(paragraph(f"Mức hỗ trợ: {format_money(sheet.amount_per_person)} đồng/người.",
                           "body-plain"))
    columns = [TableColumn("STT", 0.9, "center"), TableColumn("Họ và tên", 4.4),
               TableColumn("Khu phố", 2.2), TableColumn("Số tiền (đồng)", 2.0, "right"),
               TableColumn("Ký nhận", 2.6)]
    money = format_money(sheet.amount_per_person)
    rows = [TableRow([str(i), line.full_name, line.neighbourhood, money, ""],
                     min_height=SIGN_ROW) for i, line in enumerate(sheet.lines, start=1)]
    total = sheet.amount_per_person * len(sheet.lines)
    rows.append(TableRow(["", f"Tổng cộng: {len(sheet.lines)} người", "",
                          format_money(total), ""], TOTAL))
    if not sheet.lines and sheet.empty_note:
        story.append(paragraph(sheet.empty_note, "body"))
    story.append(PagedTable(columns, rows, width=width))
    story.append(KeepTogether([
        Spacer(1, 3 * mm),
        paragraph(f"Tổng số tiền: {format_money(total)} đồng. Bằng chữ: "
                  f"{amount_in_words(total)}.", "body-plain"),
        signatures_row(
            [Signer("Người lập biểu"), Signer("Kế toán"),
             Signer("Thủ trưởng đơn vị", sheet.header.signer_name,
                    note="(Ký, họ tên, đóng dấu)")],
            width, place_date=date_line(sheet.header.place_name, sheet.header.issued_on))]))
    return story


def write_allowance_sheet(path: Path, sheet: AllowanceSheet) -> Path:
    setup = portrait_a4()
    return build_pdf(path, allowance_story(sheet, setup.frame_width),
                     title=f"Danh sách nhận tiền hỗ trợ — {nfc(sheet.session_title)}",
                     author=nfc(sheet.header.unit_name), setup=setup)
