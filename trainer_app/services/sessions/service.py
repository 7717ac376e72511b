"""Training sessions: create from a programme, edit (a finished one only when confirmed,
and audited), invite people, duplicate, start, finish, list and show.

Agenda steps are copied from the programme when the session is created; each quiz step
freezes the quiz into a version then, so later edits of the quiz never change the
session's results. Attendance and check-in live in ``attendance_service``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.base import utcnow
from trainer_app.db.models import AgendaItem, Attendance, Person, Quiz, TrainingSession
from trainer_app.domain.enums import AttendanceStatus, SessionStatus
from trainer_app.domain.vntext import clean_text, search_key
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.roster.common import audit, operator_name
from trainer_app.services.sessions.programmes import ensure_shipped_programme_in, find_programme

__all__ = ["CreateResult", "SessionDraft", "SessionSummary", "create_session",
           "duplicate_session", "finish_session", "invite", "list_sessions", "load_session",
           "set_current_step", "start_session", "uninvite", "update_session"]

Factory = sessionmaker[Session]


@dataclass
class SessionDraft:
    """What the form (or ``session create``) gives. An empty title becomes
    "Tập huấn <programme>"."""

    held_on: date
    title: str = ""
    programme: int | str | None = None  # id or code; None: the shipped programme
    start_time: time | None = None
    end_time: time | None = None
    venue: str = ""
    trainers: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CreateResult:
    session_id: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    held_on: date
    start_time: time | None
    end_time: time | None
    venue: str
    status: str
    programme_id: int | None
    invited: int
    present: int  # present or late
    steps: int


def load_session(session: Session, session_id: int) -> TrainingSession:
    training = session.get(TrainingSession, session_id)
    if training is None:
        raise UserError(f"Không tìm thấy buổi tập huấn số {session_id}.", code="unknown_session")
    return training


def _clock(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _check_draft(draft: SessionDraft) -> None:
    if draft.start_time and draft.end_time and draft.end_time < draft.start_time:
        raise UserError(f"Giờ kết thúc ({_clock(draft.end_time)}) trước giờ bắt đầu "
                        f"({_clock(draft.start_time)}).", code="end_before_start")


def _overlaps(a_start: time | None, a_end: time | None, b_start: time | None,
              b_end: time | None) -> bool:
    if None in (a_start, b_start):
        return True  # no time given: the same day is enough to warn
    a_end = a_end or a_start
    b_end = b_end or b_start
    assert a_start and a_end and b_start and b_end
    return a_start <= b_end and b_start <= a_end


def _clashes(session: Session, draft: SessionDraft, own_id: int | None) -> list[str]:
    """Warnings: another session the same day, overlapping in time, at the same venue."""
    if not clean_text(draft.venue):
        return []
    venue = search_key(draft.venue)
    warnings = []
    for other in session.scalars(select(TrainingSession).where(
            TrainingSession.held_on == draft.held_on,
            TrainingSession.status != SessionStatus.CANCELLED)):
        if other.id == own_id or search_key(other.venue) != venue:
            continue
        if _overlaps(draft.start_time, draft.end_time, other.start_time, other.end_time):
            warnings.append(
                f"Trùng giờ và địa điểm với buổi số {other.id} \"{other.title}\" "
                f"({_clock(other.start_time)}–{_clock(other.end_time)}, {other.venue}).")
    return warnings


def create_session(factory: Factory, draft: SessionDraft) -> CreateResult:
    _check_draft(draft)
    operator = operator_name(factory)
    with factory.begin() as session:
        programme = (ensure_shipped_programme_in(session) if draft.programme is None
                     else find_programme(session, draft.programme))
        warnings = _clashes(session, draft, None)
        training = TrainingSession(
            programme_id=programme.id,
            title=clean_text(draft.title) or f"Tập huấn {programme.title[:1].lower()}"
                                              f"{programme.title[1:]}",
            held_on=draft.held_on, start_time=draft.start_time, end_time=draft.end_time,
            venue=clean_text(draft.venue), trainers=clean_text(draft.trainers),
            notes=draft.notes.strip(), status=SessionStatus.PLANNED)
        for item in programme.agenda:
            version_id = None
            if item.quiz_id is not None:
                quiz = session.get(Quiz, item.quiz_id)
                if quiz is not None:
                    version_id = quiz_service.freeze_in(session, quiz)[0].id
            training.agenda.append(AgendaItem(
                position=item.position, kind=item.kind, title=item.title,
                media_item_id=item.media_item_id, quiz_version_id=version_id,
                quiz_phase=item.quiz_phase, duration_min=item.duration_min, notes=item.notes))
        session.add(training)
        session.flush()
        audit(session, "session_create", training.id, operator=operator, entity="session",
              after={"programme_id": programme.id, "held_on": draft.held_on.isoformat()})
        return CreateResult(training.id, warnings)


def _snapshot(training: TrainingSession) -> dict[str, object]:
    return {"title": training.title, "held_on": training.held_on.isoformat(),
            "start_time": _clock(training.start_time), "end_time": _clock(training.end_time),
            "venue": training.venue, "trainers": training.trainers, "notes": training.notes}


def _refuse_if_locked(training: TrainingSession, confirmed: bool) -> None:
    if training.status == SessionStatus.FINISHED and not confirmed:
        raise UserError(f"Buổi \"{training.title}\" đã kết thúc và được khóa; cần xác nhận "
                        "trước khi sửa (mọi thay đổi được ghi vào nhật ký).",
                        code="session_locked")


def update_session(factory: Factory, session_id: int, draft: SessionDraft, *,
                   confirm_locked: bool = False) -> CreateResult:
    """Change the details of a session. A finished session is locked: refused unless
    ``confirm_locked``, and then written to the audit log with before and after."""
    _check_draft(draft)
    operator = operator_name(factory)
    with factory.begin() as session:
        training = load_session(session, session_id)
        _refuse_if_locked(training, confirm_locked)
        before = _snapshot(training)
        warnings = _clashes(session, draft, training.id)
        training.title = clean_text(draft.title) or training.title
        training.held_on = draft.held_on
        training.start_time, training.end_time = draft.start_time, draft.end_time
        training.venue, training.trainers = clean_text(draft.venue), clean_text(draft.trainers)
        training.notes = draft.notes.strip()
        after = _snapshot(training)
        if after != before:
            audit(session, "session_update", training.id, operator=operator, entity="session",
                  before={k: v for k, v in before.items() if after[k] != v},
                  after={k: v for k, v in after.items() if before[k] != v})
        return CreateResult(training.id, warnings)


def invite(factory: Factory, session_id: int, *, neighbourhood_ids: tuple[int, ...] = (),
           role_ids: tuple[int, ...] = (), person_ids: tuple[int, ...] = (),
           confirm_locked: bool = False) -> int:
    """Invite everyone active of the given khu phố and roles, and the given people.
    Returns how many were added (those already invited are left as they are)."""
    with factory.begin() as session:
        training = load_session(session, session_id)
        _refuse_if_locked(training, confirm_locked)
        query = select(Person.id).where(Person.archived.is_(False), Person.erased.is_(False))
        chosen: set[int] = set()
        if neighbourhood_ids:
            chosen |= set(session.scalars(query.where(
                Person.neighbourhood_id.in_(neighbourhood_ids))))
        if role_ids:
            chosen |= set(session.scalars(query.where(Person.role_id.in_(role_ids))))
        if person_ids:
            found = set(session.scalars(query.where(Person.id.in_(person_ids))))
            missing = sorted(set(person_ids) - found)
            if missing:
                raise UserError("Không mời được: không có cộng tác viên đang hoạt động mã "
                                + ", ".join(map(str, missing)) + ".", code="unknown_person")
            chosen |= found
        already = set(session.scalars(select(Attendance.person_id).where(
            Attendance.session_id == session_id)))
        for person_id in sorted(chosen - already):
            session.add(Attendance(session_id=session_id, person_id=person_id, invited=True))
        return len(chosen - already)


def uninvite(factory: Factory, session_id: int, person_ids: tuple[int, ...]) -> int:
    """Take people off the list, unless they were checked in or took a quiz."""
    with factory.begin() as session:
        training = load_session(session, session_id)
        _refuse_if_locked(training, False)
        removed = 0
        for row in session.scalars(select(Attendance).where(
                Attendance.session_id == session_id, Attendance.person_id.in_(person_ids))):
            if row.status != AttendanceStatus.UNKNOWN:
                continue
            session.delete(row)
            removed += 1
        return removed


def duplicate_session(factory: Factory, session_id: int, held_on: date) -> CreateResult:
    """A new planned session with the same details, agenda (same quiz versions) and
    invitations as ``session_id``, on ``held_on``."""
    with factory.begin() as session:
        source = load_session(session, session_id)
        draft = SessionDraft(held_on=held_on, title=source.title, start_time=source.start_time,
                             end_time=source.end_time, venue=source.venue,
                             trainers=source.trainers, notes=source.notes)
        warnings = _clashes(session, draft, None)
        copy = TrainingSession(programme_id=source.programme_id, status=SessionStatus.PLANNED,
                               **{k: v for k, v in asdict(draft).items() if k != "programme"})
        for item in source.agenda:
            copy.agenda.append(AgendaItem(
                position=item.position, kind=item.kind, title=item.title,
                media_item_id=item.media_item_id, quiz_version_id=item.quiz_version_id,
                quiz_phase=item.quiz_phase, duration_min=item.duration_min, notes=item.notes))
        session.add(copy)
        session.flush()
        for person_id in session.scalars(select(Attendance.person_id).where(
                Attendance.session_id == session_id, Attendance.invited.is_(True))):
            session.add(Attendance(session_id=copy.id, person_id=person_id, invited=True))
        return CreateResult(copy.id, warnings)


def start_session(factory: Factory, session_id: int, *, now: datetime | None = None) -> None:
    with factory.begin() as session:
        training = load_session(session, session_id)
        if training.status == SessionStatus.FINISHED:
            raise UserError(f"Buổi \"{training.title}\" đã kết thúc.", code="session_finished")
        if training.status != SessionStatus.IN_PROGRESS:
            training.status = SessionStatus.IN_PROGRESS
            training.started_at = now or utcnow()
            training.current_position = training.current_position or 1


def set_current_step(factory: Factory, session_id: int, position: int, *,
                     now: datetime | None = None) -> None:
    """Remember the step on screen (resumed after a restart); earlier steps are done."""
    with factory.begin() as session:
        training = load_session(session, session_id)
        positions = [item.position for item in training.agenda]
        if position not in positions:
            raise UserError(f"Buổi này không có bước {position}.", code="unknown_step")
        training.current_position = position
        for item in training.agenda:
            if item.position < position and item.done_at is None:
                item.done_at = now or utcnow()


def finish_session(factory: Factory, session_id: int, *, now: datetime | None = None) -> None:
    """Finish and lock the session. Those never checked in are marked absent."""
    operator = operator_name(factory)
    with factory.begin() as session:
        training = load_session(session, session_id)
        if training.status == SessionStatus.FINISHED:
            raise UserError(f"Buổi \"{training.title}\" đã kết thúc từ trước.",
                            code="session_finished")
        now = now or utcnow()
        absent = 0
        for row in session.scalars(select(Attendance).where(
                Attendance.session_id == session_id,
                Attendance.status == AttendanceStatus.UNKNOWN)):
            row.status = AttendanceStatus.ABSENT
            absent += 1
        training.status = SessionStatus.FINISHED
        training.finished_at = now
        training.started_at = training.started_at or now
        audit(session, "session_finish", training.id, operator=operator, entity="session",
              after={"marked_absent": absent})


def list_sessions(factory: Factory) -> list[SessionSummary]:
    """Every session, newest date first."""
    with factory() as session:
        invited = (select(func.count()).where(Attendance.session_id == TrainingSession.id,
                                              Attendance.invited.is_(True)).scalar_subquery())
        present = (select(func.count()).where(
            Attendance.session_id == TrainingSession.id,
            Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.LATE]))
            .scalar_subquery())
        steps = (select(func.count()).where(AgendaItem.session_id == TrainingSession.id)
                 .scalar_subquery())
        rows = session.execute(select(TrainingSession, invited, present, steps).order_by(
            TrainingSession.held_on.desc(), TrainingSession.start_time.desc(),
            TrainingSession.id.desc()))
        return [SessionSummary(t.id, t.title, t.held_on, t.start_time, t.end_time, t.venue,
                               t.status, t.programme_id, n_invited, n_present, n_steps)
                for t, n_invited, n_present, n_steps in rows]
