"""One person's record and their rights over it (Luật Bảo vệ dữ liệu cá nhân 2025):
history, consent, an export of everything stored about them, and erasure.

Erasure (``erase_person``) keeps the figures and drops the person:
* the person row stays as an empty shell (the id only): name replaced by
  ``ERASED_NAME``, search key, gender, birth year, phone, khu phố, role, unit, notes,
  consent and import batch cleared; ``erased`` and ``archived`` set. Lists, search,
  exports and imports never show or match it again;
* quiz attempts (and their answers) are detached (``person_id`` NULL): scores stay as
  anonymous figures in session and quarterly reports;
* certificates are detached the same way: the numbered certificate stays in the register
  (it was issued), no longer linked to anyone;
* attendance rows stay, pointing at the empty shell, so each session keeps its head count
  and its present/late/absent figures; they hold no name (status, times, sheet row only);
* values an import stored in its undo record (``import_batch.summary``: the fields it
  filled for this person) are removed;
* one audit entry with the counts. The audit log never held names or phones.
Erasure itself is in ``erasure``: it reaches the records merged into the person, the
database file's bytes and every backup in the data folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_app.db.models import (
    Answer,
    Attempt,
    Attendance,
    AuditEntry,
    Certificate,
    ImportBatch,
    Person,
    QuizVersion,
    TrainingSession,
)
from trainer_app.domain.enums import (
    ATTENDANCE_STATUS_LABELS,
    SESSION_STATUS_LABELS,
    AttendanceStatus,
    SessionStatus,
)
from trainer_app.domain.vntext import clean_text
from trainer_app.reports import roster_xlsx
from trainer_app.reports.roster_xlsx import DATE, DATETIME, NUMBER, Column, Table
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import (
    ExportResult,
    Factory,
    audit,
    check_xlsx_target,
    format_date,
    load_person,
    operator_name,
    write_xlsx,
)
from trainer_app.services.roster.erasure import EraseResult, erase_person
from trainer_app.services.roster.query import ATTENDED, PersonRow, person_row

__all__ = ["EraseResult", "HistoryCertificate", "HistorySession", "PersonHistory",
           "erase_person", "export_person_data", "person_history", "record_consent"]

log = logging.getLogger(__name__)

PHASE_LABELS = {"pre": "Trước tập huấn", "post": "Sau tập huấn", "other": "Khác"}
MODE_LABELS = {"kiosk": "Trên máy", "paper": "Trên giấy", "phone": "Trên điện thoại"}


@dataclass(frozen=True)
class HistorySession:
    session_id: int
    held_on: date
    title: str
    session_status: str  # Vietnamese label
    attendance: str  # Vietnamese label; "" when the person was not on the list
    attended: bool
    walk_in: bool
    pre_score: float | None
    post_score: float | None
    passed: bool | None  # of the post-test


@dataclass(frozen=True)
class HistoryCertificate:
    number: str
    issued_on: date
    session_title: str
    revoked: bool
    revoked_reason: str


@dataclass(frozen=True)
class PersonHistory:
    person: PersonRow
    sessions: list[HistorySession]  # newest first
    certificates: list[HistoryCertificate]
    source: str  # where the record came from (import file or typed in)


def _label(labels: dict[Any, str], enum_cls: Any, value: str | None) -> str:
    try:
        return labels[enum_cls(value)]
    except (ValueError, KeyError):
        return value or ""


def _latest_scores(session: Session, person_id: int) -> dict[int, dict[str, Attempt]]:
    """session id -> phase -> the latest submitted attempt."""
    out: dict[int, dict[str, Attempt]] = {}
    attempts = session.scalars(select(Attempt).where(
        Attempt.person_id == person_id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at, Attempt.id))
    for attempt in attempts:
        out.setdefault(attempt.session_id, {})[attempt.phase] = attempt
    return out


def _source(session: Session, person: Person) -> str:
    if person.import_batch_id is not None:
        batch = session.get(ImportBatch, person.import_batch_id)
        if batch is not None:
            return (f"Nhập từ tệp {batch.source_name} ngày "
                    f"{format_date(batch.created_at.date())}.")
    if person.is_demo:
        return "Dữ liệu mẫu."
    return f"Thêm vào danh sách ngày {format_date(person.created_at.date())}."


def _history(session: Session, person: Person) -> PersonHistory:
    scores = _latest_scores(session, person.id)
    attendance = {a.session_id: a for a in session.scalars(
        select(Attendance).where(Attendance.person_id == person.id))}
    ids = set(attendance) | set(scores)
    sessions = []
    for training in session.scalars(select(TrainingSession).where(
            TrainingSession.id.in_(ids))) if ids else []:
        row = attendance.get(training.id)
        phases = scores.get(training.id, {})
        pre, post = phases.get("pre"), phases.get("post")
        sessions.append(HistorySession(
            training.id, training.held_on, training.title,
            _label(SESSION_STATUS_LABELS, SessionStatus, training.status),
            _label(ATTENDANCE_STATUS_LABELS, AttendanceStatus, row.status) if row else "",
            bool(row and row.status in ATTENDED), bool(row and row.walk_in),
            pre.score if pre else None, post.score if post else None,
            post.passed if post else None))
    sessions.sort(key=lambda s: (s.held_on, s.session_id), reverse=True)
    certificates = [
        HistoryCertificate(number, issued_on, title, revoked_at is not None, reason or "")
        for number, issued_on, title, revoked_at, reason in session.execute(
            select(Certificate.number, Certificate.issued_on, TrainingSession.title,
                   Certificate.revoked_at, Certificate.revoked_reason)
            .join(TrainingSession, TrainingSession.id == Certificate.session_id)
            .where(Certificate.person_id == person.id)
            .order_by(Certificate.issued_on.desc(), Certificate.id.desc()))]
    return PersonHistory(person_row(session, person.id), sessions, certificates,
                         _source(session, person))


def person_history(factory: Factory, person_id: int) -> PersonHistory:
    """Sessions (date, title, attendance, pre/post scores), certificates, and where the
    record came from."""
    with factory() as session:
        return _history(session, load_person(session, person_id))


def record_consent(factory: Factory, person_id: int, consent_date: date, method: str, *,
                   today: date | None = None) -> PersonRow:
    """Record that (and how) the person agreed to the processing of their data."""
    today = today or date.today()
    method = clean_text(method or "")
    if consent_date is None:
        raise UserError("Hãy chọn ngày người này đồng ý.", code="invalid_consent")
    if consent_date > today:
        raise UserError("Ngày đồng ý không được sau hôm nay.", code="invalid_consent")
    if not method:
        raise UserError("Hãy ghi cách người này đồng ý, ví dụ “Ký phiếu đồng ý”.",
                        code="invalid_consent")
    operator = operator_name(factory)
    with factory.begin() as session:
        person = load_person(session, person_id)
        person.consent_date, person.consent_method = consent_date, method[:200]
        audit(session, "person.consent", person.id, operator=operator,
              after={"fields": ["consent_date", "consent_method"]})
        session.flush()
        log.info("consent recorded for person %d", person.id)
        return person_row(session, person.id)


# --- export of one person's data ------------------------------------------------------------


def _person_table(session: Session, person: Person, history: PersonHistory) -> Table:
    row = history.person
    items: list[tuple[str, Any]] = [
        ("Mã trong ứng dụng", person.id), ("Họ và tên", person.full_name),
        ("Giới tính", row.gender_label), ("Năm sinh", person.birth_year),
        ("Số điện thoại", person.phone or ""), ("Khu phố", row.neighbourhood_name),
        ("Chức danh", row.role_name), ("Đơn vị", person.unit), ("Ghi chú", person.notes),
        ("Trạng thái", "Đã lưu trữ" if person.archived else "Đang hoạt động"),
        ("Ngày đồng ý xử lý dữ liệu", person.consent_date),
        ("Cách đồng ý", person.consent_method or ""), ("Nguồn", history.source),
        ("Tạo lúc (UTC)", person.created_at), ("Sửa lần cuối (UTC)", person.updated_at),
    ]
    return Table("Thông tin cá nhân", (Column("Mục", 28), Column("Nội dung", 60)), items)


def _attendance_table(session: Session, person_id: int) -> Table:
    rows = session.execute(
        select(TrainingSession.held_on, TrainingSession.title, TrainingSession.venue,
               Attendance.invited, Attendance.walk_in, Attendance.status,
               Attendance.checked_in_at, Attendance.sheet_row)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(Attendance.person_id == person_id).order_by(TrainingSession.held_on))
    return Table("Buổi tập huấn", (
        Column("Ngày", 12, DATE), Column("Buổi tập huấn", 44), Column("Địa điểm", 30),
        Column("Được mời", 10), Column("Đến không báo trước", 14), Column("Điểm danh", 16),
        Column("Giờ đến (UTC)", 18, DATETIME), Column("Dòng trên danh sách ký", 12, NUMBER),
    ), [(held, title, venue, invited, walk_in,
         _label(ATTENDANCE_STATUS_LABELS, AttendanceStatus, status), checked, sheet_row)
        for held, title, venue, invited, walk_in, status, checked, sheet_row in rows])


def _attempt_tables(session: Session, person_id: int) -> tuple[Table, Table]:
    attempts = session.execute(
        select(Attempt.id, TrainingSession.held_on, TrainingSession.title, QuizVersion.title,
               Attempt.phase, Attempt.mode, Attempt.started_at, Attempt.submitted_at,
               Attempt.score, Attempt.passed)
        .join(TrainingSession, TrainingSession.id == Attempt.session_id)
        .join(QuizVersion, QuizVersion.id == Attempt.quiz_version_id)
        .where(Attempt.person_id == person_id).order_by(Attempt.started_at)).all()
    attempt_table = Table("Bài kiểm tra", (
        Column("Mã bài làm", 10, NUMBER), Column("Ngày", 12, DATE), Column("Buổi tập huấn", 40),
        Column("Bài kiểm tra", 36), Column("Lần", 16), Column("Hình thức", 14),
        Column("Bắt đầu (UTC)", 18, DATETIME), Column("Nộp bài (UTC)", 18, DATETIME),
        Column("Điểm (thang 10)", 10, NUMBER), Column("Đạt", 8),
    ), [(aid, held, title, quiz, PHASE_LABELS.get(phase, phase), MODE_LABELS.get(mode, mode),
         started, submitted, score, passed)
        for aid, held, title, quiz, phase, mode, started, submitted, score, passed in attempts])
    ids = [a[0] for a in attempts]
    answers = session.execute(
        select(Answer.attempt_id, Answer.question_key, Answer.chosen_json, Answer.is_correct,
               Answer.points, Answer.answered_at)
        .where(Answer.attempt_id.in_(ids)).order_by(Answer.attempt_id, Answer.id)).all() \
        if ids else []
    answer_table = Table("Câu trả lời", (
        Column("Mã bài làm", 10, NUMBER), Column("Câu hỏi", 14), Column("Đã chọn", 14),
        Column("Đúng", 8), Column("Điểm câu (0–1)", 12, NUMBER),
        Column("Trả lời lúc (UTC)", 18, DATETIME),
    ), [(aid, key, ", ".join(str(p) for p in json.loads(chosen or "[]")), correct, points, at)
        for aid, key, chosen, correct, points, at in answers])
    return attempt_table, answer_table


def _certificate_table(history: PersonHistory) -> Table:
    return Table("Giấy chứng nhận", (
        Column("Số", 20), Column("Ngày cấp", 12, DATE), Column("Buổi tập huấn", 44),
        Column("Đã thu hồi", 10), Column("Lý do thu hồi", 40),
    ), [(c.number, c.issued_on, c.session_title, c.revoked, c.revoked_reason)
        for c in history.certificates])


def _audit_table(session: Session, person_id: int) -> Table:
    entries = session.execute(
        select(AuditEntry.at, AuditEntry.operator, AuditEntry.action, AuditEntry.before,
               AuditEntry.after)
        .where(AuditEntry.entity == "person", AuditEntry.entity_id == person_id)
        .order_by(AuditEntry.at, AuditEntry.id))
    return Table("Nhật ký thay đổi", (
        Column("Thời điểm (UTC)", 18, DATETIME), Column("Người dùng", 20),
        Column("Thao tác", 18), Column("Trước", 40), Column("Sau", 40),
    ), [tuple(row) for row in entries])


def export_person_data(factory: Factory, person_id: int, path: Path | str) -> ExportResult:
    """Everything stored about one person, as an XLSX file with one sheet per kind:
    details and consent, sessions, quiz attempts, answers, certificates, change log."""
    target = check_xlsx_target(Path(path))
    with factory() as session:
        person = load_person(session, person_id)
        history = _history(session, person)
        attempts, answers = _attempt_tables(session, person.id)
        tables = [_person_table(session, person, history),
                  _attendance_table(session, person.id), attempts, answers,
                  _certificate_table(history), _audit_table(session, person.id)]
    write_xlsx(target, lambda t: roster_xlsx.write_tables(
        t, tables, title=f"Dữ liệu cá nhân, mã {person_id}"))
    log.info("personal data of person %d exported", person_id)
    return ExportResult(str(target), 1)
