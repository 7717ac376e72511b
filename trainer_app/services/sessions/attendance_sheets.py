"""The session's attendance sheet (blank before, filled after) and allowance sheet as PDF.

People and their sheet row numbers come from ``attendance_service.list_attendance`` (which
numbers anyone not numbered yet), so the printed STT is the number used to mark rows in
the app. Blank sheet: the people invited. Filled sheet: everyone on the list, with status
and check-in time. Allowance sheet: the people who came (present or late); with
``blank`` the people invited, to sign as they are paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.enums import ATTENDANCE_STATUS_LABELS, AttendanceStatus
from trainer_app.reports.attendance_sheet import (
    AllowanceSheet,
    AttendanceLine,
    AttendanceSheet,
)
from trainer_app.services.document_header import load_header
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document
from trainer_app.services.sessions.attendance import AttendanceRow, list_attendance
from trainer_app.services.sessions.service import load_session

__all__ = ["MAX_AMOUNT", "AttendanceSheetResult", "write_allowance", "write_attendance"]

Factory = sessionmaker[Session]
MAX_AMOUNT = 100_000_000
ARRIVED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
EMPTY_NOTE = ("Buổi tập huấn này chưa có ai trong danh sách mời. Hãy mời người tham dự trong "
              "trang Buổi tập huấn, hoặc ghi tay vào các dòng trống dưới đây.")
NOBODY_CAME = "Buổi tập huấn này không có ai có mặt (chưa điểm danh hoặc vắng cả)."


@dataclass(frozen=True)
class AttendanceSheetResult:
    file: str
    session: int
    kind: str  # attendance | allowance
    filled: bool
    people: int
    amount_total: int  # allowance only, 0 otherwise


def _clock(value: time | None) -> str:
    return f"{value:%H:%M}" if value else ""


def _session_info(factory: Factory, session_id: int) -> tuple[str, str, str]:
    with factory() as session:
        training = load_session(session, session_id)
        hours = " – ".join(t for t in (_clock(training.start_time),
                                       _clock(training.end_time)) if t)
        when = f"{hours}, ngày {training.held_on:%d/%m/%Y}" if hours else \
            f"ngày {training.held_on:%d/%m/%Y}"
        return training.title, when, training.venue


def _line(row: AttendanceRow, *, filled: bool) -> AttendanceLine:
    status = ATTENDANCE_STATUS_LABELS.get(AttendanceStatus(row.status), row.status) \
        if filled else ""
    arrived = f"{row.checked_in_at:%H:%M}" if filled and row.checked_in_at else ""
    return AttendanceLine(row.row, row.full_name, row.birth_year, row.neighbourhood, status,
                          arrived, "Đến thêm" if row.walk_in else "")


def _totals(rows: list[AttendanceRow], filled: bool) -> list[str]:
    if not filled:
        return [f"Tổng số người được mời: {len(rows)}."]
    count = {s: sum(1 for r in rows if r.status == s) for s in AttendanceStatus}
    arrived = count[AttendanceStatus.PRESENT] + count[AttendanceStatus.LATE]
    invited = sum(1 for r in rows if r.invited)
    walk_ins = sum(1 for r in rows if r.walk_in)
    return [f"Tổng số: {len(rows)} người (được mời {invited}, đến thêm {walk_ins}).",
            f"Có mặt: {arrived} (trong đó đến muộn {count[AttendanceStatus.LATE]}); vắng có "
            f"phép: {count[AttendanceStatus.EXCUSED]}; vắng: {count[AttendanceStatus.ABSENT]}; "
            f"chưa điểm danh: {count[AttendanceStatus.UNKNOWN]}."]


def write_attendance(factory: Factory, session_id: int, path: str | Path, *,
                     blank: bool = False, group: bool = False) -> AttendanceSheetResult:
    """The attendance sheet: ``blank`` before the session, filled after it."""
    from trainer_app.reports.attendance_sheet import write_attendance_sheet

    title, when, venue = _session_info(factory, session_id)
    rows = list_attendance(factory, session_id)
    if blank:
        rows = [r for r in rows if r.invited]
    sheet = AttendanceSheet(
        header=load_header(factory), session_title=title, when=when, venue=venue,
        lines=[_line(r, filled=not blank) for r in rows], filled=not blank,
        group_by_neighbourhood=group, totals=_totals(rows, not blank),
        walk_in_rows=5 if blank else 0, empty_note=EMPTY_NOTE)
    target = Path(path)
    save_document(target, lambda p: write_attendance_sheet(p, sheet))
    return AttendanceSheetResult(str(target), session_id, "attendance", not blank, len(rows), 0)


def write_allowance(factory: Factory, session_id: int, path: str | Path, *, amount: int,
                    blank: bool = False) -> AttendanceSheetResult:
    """The allowance sheet at ``amount`` đồng per person."""
    from trainer_app.reports.attendance_sheet import write_allowance_sheet

    if not 0 < amount <= MAX_AMOUNT:
        raise UserError(f"Số tiền hỗ trợ mỗi người phải lớn hơn 0 và không quá "
                        f"{MAX_AMOUNT:,} đồng (đã nhận {amount}).".replace(",", "."),
                        code="bad_amount")
    title, when, _venue = _session_info(factory, session_id)
    rows = list_attendance(factory, session_id)
    rows = [r for r in rows if (r.invited if blank else r.status in ARRIVED)]
    sheet = AllowanceSheet(
        header=load_header(factory), session_title=title, when=when,
        lines=[_line(r, filled=False) for r in rows], amount_per_person=amount,
        empty_note=EMPTY_NOTE if blank else NOBODY_CAME)
    target = Path(path)
    save_document(target, lambda p: write_allowance_sheet(p, sheet))
    return AttendanceSheetResult(str(target), session_id, "allowance", not blank, len(rows),
                                 amount * len(rows))
