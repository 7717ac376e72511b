"""Attendance and check-in (Điểm danh): the session's list, checking people in as they
arrive (present, or late after the grace period), statuses, taking attendance from the
signed sheet by row numbers ("1 2 5-9 12"), walk-ins, undo, counters.

Row numbers are those of the printed sheet: given once, in the Vietnamese name order, to
the people invited when the list is first numbered, and kept (people added later get the
next numbers), so a sheet printed earlier still matches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Attendance, Neighbourhood, Person, TrainingSession
from trainer_app.domain.enums import AttendanceStatus, SessionStatus, values
from trainer_app.domain.vntext import name_sort_key, search_key
from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.sessions.service import load_session

__all__ = [
    "LATE_AFTER",
    "AttendanceRow",
    "Counts",
    "MarkResult",
    "WalkInLooksKnown",
    "add_walk_in",
    "check_in",
    "counts",
    "list_attendance",
    "mark",
    "mark_rows",
    "parse_rows",
    "restore",
]

Factory = sessionmaker[Session]
LATE_AFTER = timedelta(minutes=15)  # checked in later than start + this: "đến muộn"
CLOCK_BACK_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int
    row: int  # number on the printed sheet
    full_name: str
    birth_year: int | None
    neighbourhood: str
    status: str
    checked_in_at: datetime | None
    invited: bool
    walk_in: bool
    archived: bool  # archived after being invited: still listed, flagged
    search_key: str


@dataclass(frozen=True)
class PreviousState:
    """What a change replaced, for undo (``restore``)."""

    session_id: int
    person_id: int
    existed: bool
    status: str
    checked_in_at: datetime | None


@dataclass(frozen=True)
class MarkResult:
    rows: list[AttendanceRow]
    previous: list[PreviousState]
    warnings: list[str]


@dataclass(frozen=True)
class Counts:
    invited: int
    present: int
    late: int
    excused: int
    absent: int
    unknown: int
    walk_ins: int

    @property
    def arrived(self) -> int:
        return self.present + self.late


class WalkInLooksKnown(UserError):
    """A walk-in whose name matches people already stored; ``candidates`` are their rows."""

    def __init__(self, message: str, candidates: list[tuple[int, str]]) -> None:
        super().__init__(message, code="walk_in_looks_known")
        self.candidates = candidates


def _number_rows(session: Session, session_id: int) -> None:
    rows = list(session.execute(
        select(Attendance, Person.full_name).join(Person, Person.id == Attendance.person_id)
        .where(Attendance.session_id == session_id)))
    used = [a.sheet_row for a, _ in rows if a.sheet_row is not None]
    nxt = max(used, default=0) + 1
    fresh = sorted(((a, name) for a, name in rows if a.sheet_row is None),
                   key=lambda pair: (not pair[0].invited, name_sort_key(pair[1])))
    for attendance, _name in fresh:
        attendance.sheet_row = nxt
        nxt += 1
    session.flush()


def _rows(session: Session, session_id: int,
          person_ids: list[int] | None = None) -> list[AttendanceRow]:
    query = (select(Attendance, Person, Neighbourhood.name)
             .join(Person, Person.id == Attendance.person_id)
             .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
             .where(Attendance.session_id == session_id).order_by(Attendance.sheet_row))
    if person_ids is not None:
        query = query.where(Attendance.person_id.in_(person_ids))
    return [AttendanceRow(p.id, a.sheet_row or 0, p.full_name, p.birth_year, hood or "",
                          a.status, a.checked_in_at, a.invited, a.walk_in, p.archived,
                          p.search_key)
            for a, p, hood in session.execute(query)]


def list_attendance(factory: Factory, session_id: int) -> list[AttendanceRow]:
    """The session's people in sheet order (numbering anyone not numbered yet)."""
    with factory.begin() as session:
        load_session(session, session_id)
        _number_rows(session, session_id)
        return _rows(session, session_id)


def counts(factory: Factory, session_id: int) -> Counts:
    with factory() as session:
        by_status = dict(session.execute(
            select(Attendance.status, func.count()).where(Attendance.session_id == session_id)
            .group_by(Attendance.status)).all())
        invited = session.scalar(select(func.count()).where(
            Attendance.session_id == session_id, Attendance.invited.is_(True))) or 0
        walk_ins = session.scalar(select(func.count()).where(
            Attendance.session_id == session_id, Attendance.walk_in.is_(True))) or 0
    return Counts(invited, by_status.get(AttendanceStatus.PRESENT, 0),
                  by_status.get(AttendanceStatus.LATE, 0),
                  by_status.get(AttendanceStatus.EXCUSED, 0),
                  by_status.get(AttendanceStatus.ABSENT, 0),
                  by_status.get(AttendanceStatus.UNKNOWN, 0), walk_ins)


def _arrival_status(training: TrainingSession, now: datetime) -> str:
    if training.start_time is None:
        return AttendanceStatus.PRESENT
    start = datetime.combine(training.held_on, training.start_time)
    return AttendanceStatus.LATE if now > start + LATE_AFTER else AttendanceStatus.PRESENT


def _clock_warning(session: Session, session_id: int, now: datetime) -> list[str]:
    latest = session.scalar(select(func.max(Attendance.checked_in_at)).where(
        Attendance.session_id == session_id))
    if latest is not None and now < latest - CLOCK_BACK_TOLERANCE:
        return [f"Đồng hồ máy tính ({now:%H:%M %d/%m/%Y}) sớm hơn lần điểm danh trước "
                f"({latest:%H:%M %d/%m/%Y}): có thể giờ máy đã bị chỉnh. Hãy kiểm tra đồng "
                "hồ; giờ điểm danh vẫn được ghi như máy báo."]
    return []


def _load_for_writing(session: Session, session_id: int) -> TrainingSession:
    """The session, locked for this transaction: two desks checking people in at once (on a
    database server) take turns, so one person never gets two attendance rows and the sheet
    numbers stay one sequence. SQLite serialises writers by itself (FOR UPDATE is not
    rendered there)."""
    session.execute(select(TrainingSession.id).where(TrainingSession.id == session_id)
                    .with_for_update())
    return load_session(session, session_id)


def _editable(training: TrainingSession) -> None:
    if training.status == SessionStatus.FINISHED:
        raise UserError(f"Buổi \"{training.title}\" đã kết thúc và được khóa; không điểm danh "
                        "thêm được.", code="session_locked")


def _apply(session: Session, training: TrainingSession, person_id: int, status: str,
           now: datetime, *, walk_in: bool = False) -> PreviousState:
    row = session.scalar(select(Attendance).where(Attendance.session_id == training.id,
                                                  Attendance.person_id == person_id))
    previous = PreviousState(training.id, person_id, row is not None,
                             row.status if row else AttendanceStatus.UNKNOWN,
                             row.checked_in_at if row else None)
    if row is None:
        row = Attendance(session_id=training.id, person_id=person_id, invited=False,
                         walk_in=True)
        session.add(row)
    elif walk_in:
        row.walk_in = row.walk_in or not row.invited
    arrived = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
    row.status = status
    row.checked_in_at = (row.checked_in_at or now) if arrived else None
    return previous


def check_in(factory: Factory, session_id: int, person_id: int, *,
             now: datetime | None = None) -> MarkResult:
    """Mark someone as arrived now: "có mặt", or "đến muộn" after start + 15 minutes.
    Someone already checked in is refused with the time of the first check-in."""
    now = now or datetime.now()
    with factory.begin() as session:
        training = _load_for_writing(session, session_id)
        _editable(training)
        person = roster_service.load_person(session, person_id)
        row = session.scalar(select(Attendance).where(Attendance.session_id == session_id,
                                                      Attendance.person_id == person_id))
        if row is not None and row.checked_in_at is not None and row.status in (
                AttendanceStatus.PRESENT, AttendanceStatus.LATE):
            raise UserError(f"{person.full_name} đã điểm danh lúc "
                            f"{row.checked_in_at:%H:%M}.", code="already_checked_in")
        warnings = _clock_warning(session, session_id, now)
        if person.archived:
            warnings.append(f"{person.full_name} đã được lưu trữ (không còn là CTV đang hoạt "
                            "động) nhưng vẫn được điểm danh.")
        previous = _apply(session, training, person_id, _arrival_status(training, now), now)
        session.flush()
        _number_rows(session, session_id)
        return MarkResult(_rows(session, session_id, [person_id]), [previous], warnings)


def mark(factory: Factory, session_id: int, person_id: int, status: str, *,
         now: datetime | None = None) -> MarkResult:
    """Set a status by hand (present, late, excused, absent, unknown)."""
    if status not in values(AttendanceStatus):
        raise UserError(f"Trạng thái \"{status}\" không hợp lệ: dùng present, late, excused "
                        "hoặc absent.", code="bad_status")
    now = now or datetime.now()
    with factory.begin() as session:
        training = _load_for_writing(session, session_id)
        _editable(training)
        roster_service.load_person(session, person_id)
        previous = _apply(session, training, person_id, status, now)
        session.flush()
        _number_rows(session, session_id)
        return MarkResult(_rows(session, session_id, [person_id]), [previous], [])


def parse_rows(text: str, highest: int) -> list[int]:
    """"1 2 5-9 12" (spaces or commas) -> [1, 2, 5, 6, 7, 8, 9, 12]; every bad part named."""
    if highest < 1:
        raise UserError("Buổi này chưa có ai trong danh sách điểm danh.", code="no_people")
    numbers: list[int] = []
    problems: list[str] = []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        match = re.fullmatch(r"(\d+)(?:[-–](\d+))?", token)
        if match is None:
            problems.append(f"\"{token}\" không phải số thứ tự")
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            problems.append(f"\"{token}\": số đầu lớn hơn số cuối")
            continue
        out_of_range = [n for n in (first, last) if n < 1 or n > highest]
        if out_of_range:
            problems.append(f"\"{token}\": danh sách chỉ có số 1 đến {highest}")
            continue
        numbers.extend(range(first, last + 1))
    if problems:
        raise UserError("Số thứ tự có lỗi: " + "; ".join(problems) + ".", code="bad_rows")
    if not numbers:
        raise UserError("Chưa nhập số thứ tự nào (ví dụ: 1 2 5-9 12).", code="bad_rows")
    return sorted(set(numbers))


def mark_rows(factory: Factory, session_id: int, text: str,
              status: str = AttendanceStatus.PRESENT, *,
              now: datetime | None = None) -> MarkResult:
    """Attendance from the signed sheet: the rows named in ``text`` get ``status``."""
    now = now or datetime.now()
    with factory.begin() as session:
        training = _load_for_writing(session, session_id)
        _editable(training)
        _number_rows(session, session_id)
        by_row = dict(session.execute(select(Attendance.sheet_row, Attendance.person_id).where(
            Attendance.session_id == session_id)).all())
        numbers = parse_rows(text, max(by_row, default=0))
        previous = [_apply(session, training, by_row[n], status, now)
                    for n in numbers if n in by_row]
        session.flush()
        return MarkResult(_rows(session, session_id, [by_row[n] for n in numbers]),
                          previous, [])


def add_walk_in(factory: Factory, session_id: int, data: roster_service.PersonInput, *,
                force: bool = False, now: datetime | None = None) -> MarkResult:
    """Add someone who came without an invitation: a new collaborator, checked in now.
    When the name matches people already stored (accents and case aside), refused with
    ``WalkInLooksKnown`` unless ``force``: check in the known person instead."""
    now = now or datetime.now()
    with factory() as session:
        training = _load_for_writing(session, session_id)
        _editable(training)
        key = search_key(data.full_name)
        similar = [(p.id, p.full_name, p.birth_year, hood) for p, hood in session.execute(
            select(Person, Neighbourhood.name)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .where(Person.search_key == key, Person.erased.is_(False)))]
    if similar and not force:
        described = "; ".join(
            f"{name} (mã {pid}" + (f", sinh {year}" if year else "")
            + (f", {hood}" if hood else "") + ")" for pid, name, year, hood in similar)
        raise WalkInLooksKnown(f"Có thể người này đã có trong danh sách: {described}. Hãy "
                               "điểm danh người đã có, hoặc xác nhận đây là người khác.",
                               [(pid, name) for pid, name, _y, _h in similar])
    person = roster_service.add_person(factory, data)
    with factory.begin() as session:
        training = _load_for_writing(session, session_id)
        previous = _apply(session, training, person.id, _arrival_status(training, now), now,
                          walk_in=True)
        session.flush()
        _number_rows(session, session_id)
        return MarkResult(_rows(session, session_id, [person.id]), [previous], [])


def restore(factory: Factory, previous: list[PreviousState]) -> None:
    """Undo: put attendance rows back as they were before a change."""
    with factory.begin() as session:
        for state in previous:
            training = load_session(session, state.session_id)
            _editable(training)
            row = session.scalar(select(Attendance).where(
                Attendance.session_id == state.session_id,
                Attendance.person_id == state.person_id))
            if row is None:
                continue
            if not state.existed:
                session.delete(row)
                continue
            row.status = state.status
            row.checked_in_at = state.checked_in_at
