"""Certificates: who may get one (the programme's rule), issuing with numbers that are
sequential per year and never reused, revoking (logged), the register, checking a QR
payload. Printing and re-issuing (which write files) are in ``certificate_documents``.

Numbers: the next sequence number of a year is one more than the highest of (the
certificates on record, the mark kept in the database, the mark kept in
``<data>/certificates/serials.json``); see ``certificate_store``. Issuing runs in one
transaction that first takes SQLite's write lock (so two windows or a window and the CLI
cannot pick the same number), and writes the file mark before it commits: a failure may
leave a gap, never a number used twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.datadir import DataDir
from trainer_app.db.locks import take_turn
from trainer_app.db.models import (
    Attempt,
    Attendance,
    Certificate,
    Neighbourhood,
    Person,
    Programme,
    Setting,
    TrainingSession,
)
from trainer_app.domain.certificate_code import check_payload, format_number, payload_name
from trainer_app.domain.enums import (
    CERTIFICATE_RULE_LABELS,
    AttemptPhase,
    AttendanceStatus,
    CertificateRule,
    SessionStatus,
)
from trainer_app.domain.vntext import clean_text, name_sort_key
from trainer_app.services.certificates import store
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import audit, operator_name
from trainer_app.services.sessions.service import load_session
from trainer_app.services.workspace.settings import load_org

__all__ = ["Candidate", "CertificateRow", "Eligibility", "IssueResult", "Verification",
           "eligibility", "find_certificate", "issue", "list_certificates", "revoke",
           "verify"]

Factory = sessionmaker[Session]
ARRIVED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
MAX_REASON = 500


@dataclass(frozen=True)
class Candidate:
    person_id: int
    full_name: str
    status: str  # attendance status
    score: float | None  # post-test (or the only test)
    passed: bool | None
    attempt_id: int | None
    eligible: bool
    reason: str  # Vietnamese: why (not)
    certificate: str = ""  # number already issued in this session


@dataclass(frozen=True)
class Eligibility:
    session_id: int
    session_title: str
    rule: str
    rule_label: str
    candidates: list[Candidate]

    @property
    def to_issue(self) -> list[Candidate]:
        return [c for c in self.candidates if c.eligible and not c.certificate]


@dataclass(frozen=True)
class IssuedCertificate:
    id: int
    number: str
    person_id: int
    full_name: str
    serial_year: int
    serial_no: int


@dataclass(frozen=True)
class IssueResult:
    session: int
    issued_on: date
    issued: list[IssuedCertificate]
    already: int  # eligible people who had a certificate of this session
    not_eligible: int


@dataclass(frozen=True)
class CertificateRow:
    """One certificate with what the register and the prints need."""

    id: int
    number: str
    serial_year: int | None
    serial_no: int | None
    person_id: int | None  # None once the person's data was erased
    full_name: str
    gender: str | None
    birth_year: int | None
    neighbourhood: str
    session_id: int
    session_title: str
    held_on: date
    venue: str
    score: float | None
    issued_on: date
    revoked_on: date | None
    revoked_reason: str


@dataclass(frozen=True)
class Verification:
    status: str  # valid | revoked | unknown | mismatch | bad_signature | malformed | no_key
    message: str  # Vietnamese, one or two sentences
    number: str = ""
    payload_name: str = ""
    issued_on: date | None = None
    full_name: str = ""
    session_title: str = ""
    revoked_on: date | None = None
    revoked_reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def _local_day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone().date()


def score_text(score: float | None) -> str:
    """8.5 -> "8,5"; 9.0 -> "9"."""
    if score is None:
        return ""
    return f"{score:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _rule_of(session: Session, training: TrainingSession) -> CertificateRule:
    programme = session.get(Programme, training.programme_id) if training.programme_id else None
    try:
        return CertificateRule(programme.certificate_rule) if programme else \
            CertificateRule.ATTENDED_AND_PASSED
    except ValueError:
        return CertificateRule.ATTENDED_AND_PASSED


def _judge(rule: CertificateRule, status: str, score: float | None,
           passed: bool | None) -> tuple[bool, str]:
    came = status in ARRIVED
    if score is None:
        test = "chưa làm bài kiểm tra cuối khóa"
    else:
        test = f"{'đạt' if passed else 'chưa đạt'} bài kiểm tra ({score_text(score)} điểm)"
    reason = f"{'Có mặt' if came else 'Không có mặt'}, {test}."
    if rule is CertificateRule.ATTENDED:
        return came, reason
    if rule is CertificateRule.PASSED:
        return bool(passed), reason
    return came and bool(passed), reason


def _eligibility(session: Session, session_id: int) -> Eligibility:
    training = load_session(session, session_id)
    rule = _rule_of(session, training)
    tests: dict[int, dict[str, tuple[int, float | None, bool | None]]] = {}
    for attempt_id, person_id, phase, score, passed in session.execute(
            select(Attempt.id, Attempt.person_id, Attempt.phase, Attempt.score, Attempt.passed)
            .where(Attempt.session_id == session_id, Attempt.submitted_at.is_not(None),
                   Attempt.person_id.is_not(None))
            .order_by(Attempt.submitted_at, Attempt.id)):
        tests.setdefault(person_id, {})[phase] = (attempt_id, score, passed)  # latest wins
    issued = dict(session.execute(select(Certificate.person_id, Certificate.number)
                                  .where(Certificate.session_id == session_id)).all())
    candidates = []
    for person_id, name, status in session.execute(
            select(Person.id, Person.full_name, Attendance.status)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.session_id == session_id, Person.erased.is_(False))):
        mine = tests.get(person_id, {})
        attempt_id, score, passed = (mine.get(AttemptPhase.POST) or mine.get(AttemptPhase.OTHER)
                                     or (None, None, None))
        if status not in ARRIVED and not mine and person_id not in issued:
            continue  # invited, not there: not a candidate at all
        eligible, reason = _judge(rule, status, score, passed)
        candidates.append(Candidate(person_id, name, status, score, passed, attempt_id,
                                    eligible, reason, issued.get(person_id, "")))
    candidates.sort(key=lambda c: name_sort_key(c.full_name))
    return Eligibility(session_id, training.title, rule.value, CERTIFICATE_RULE_LABELS[rule],
                       candidates)


def eligibility(factory: Factory, session_id: int) -> Eligibility:
    """Everyone who came or took a test, with whether the programme's rule gives them a
    certificate and the number they already have. Read only."""
    with factory() as session:
        return _eligibility(session, session_id)


def _lock(session: Session) -> None:
    """Serialise whoever hands out numbers before anything is read. SQLite: take the write
    lock (a write statement starts the write transaction even when it changes no row).
    PostgreSQL, several officers at once: an advisory lock, so a second issuer waits and then
    reads the first one's numbers."""
    if take_turn(session, "certificate-numbers"):
        return
    session.execute(update(Setting).where(Setting.key == store.DB_KEY)
                    .values(value=Setting.value))


def issue(factory: Factory, data_dir: DataDir, session_id: int, *,
          issued_on: date | None = None) -> IssueResult:
    """Give the next numbers to everyone eligible who has no certificate of this session
    yet, in Vietnamese name order, in one transaction. Nobody to issue is not an error."""
    issued_on = issued_on or date.today()
    org = load_org(factory)
    station = org.station_code
    try:
        format_number(org.certificate_pattern, 1, issued_on.year, station)
    except (KeyError, ValueError, IndexError) as exc:
        raise UserError("Mẫu số giấy chứng nhận trong Cài đặt không hợp lệ; sửa lại (ví dụ "
                        "{seq:03d}/{year}/GCN-TYT) rồi cấp lại.", code="bad_pattern") from exc
    operator = operator_name(factory)
    store.load_or_create_key(data_dir)  # made now, so the folder is known to be writable
    # The marks file outside the database guards a SQLite file restored from an old backup;
    # on a shared server the database alone hands out numbers.
    file_marks = {} if data_dir.on_server else store.read_file_marks(data_dir)
    year = issued_on.year
    try:
        with factory.begin() as session:
            _lock(session)
            training = load_session(session, session_id)
            if training.status == SessionStatus.CANCELLED:
                raise UserError(f"Buổi tập huấn số {session_id} đã bị hủy; không cấp giấy "
                                "chứng nhận.", code="session_cancelled")
            found = _eligibility(session, session_id)
            marks = store.db_marks(session)
            high = max(marks.get(year, 0), file_marks.get(year, 0))
            taken = set(session.scalars(select(Certificate.number)))
            rows: list[tuple[Certificate, Candidate]] = []
            for candidate in found.to_issue:
                high += 1
                number = format_number(org.certificate_pattern, high, year, station)
                while number in taken:  # an odd pattern; skip rather than clash
                    high += 1
                    number = format_number(org.certificate_pattern, high, year, station)
                taken.add(number)
                cert = Certificate(number=number, serial_year=year, serial_no=high,
                                   person_id=candidate.person_id, session_id=session_id,
                                   attempt_id=candidate.attempt_id, issued_on=issued_on)
                session.add(cert)
                rows.append((cert, candidate))
            session.flush()
            for cert, _candidate in rows:
                audit(session, "certificate.issue", cert.id, operator=operator,
                      entity="certificate", after={
                          "number": cert.number, "person_id": cert.person_id,
                          "session_id": session_id, "serial_year": year,
                          "serial_no": cert.serial_no, "issued_on": issued_on.isoformat()})
            if rows:
                marks[year] = high
                store.store_db_marks(session, marks)
                if not data_dir.on_server:
                    file_marks[year] = max(file_marks.get(year, 0), high)
                    store.write_file_marks(data_dir, file_marks)  # before the commit
            issued = [IssuedCertificate(c.id, c.number, p.person_id, p.full_name, year,
                                        c.serial_no or 0) for c, p in rows]
            already = sum(1 for c in found.candidates if c.eligible and c.certificate)
            not_eligible = sum(1 for c in found.candidates if not c.eligible)
    except IntegrityError as exc:
        raise UserError("Có nơi khác vừa cấp giấy chứng nhận cùng lúc; hãy thử lại.",
                        code="certificate_conflict") from exc
    return IssueResult(session_id, issued_on, issued, already, not_eligible)


def _rows_query():  # type: ignore[no-untyped-def]
    return (select(Certificate, Person.full_name, Person.gender, Person.birth_year,
                   Neighbourhood.name, TrainingSession.title, TrainingSession.held_on,
                   TrainingSession.venue, Attempt.score)
            .join(TrainingSession, TrainingSession.id == Certificate.session_id)
            .outerjoin(Person, Person.id == Certificate.person_id)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .outerjoin(Attempt, Attempt.id == Certificate.attempt_id))


def _row(item: tuple) -> CertificateRow:  # type: ignore[type-arg]
    cert, name, gender, birth_year, hood, title, held_on, venue, score = item
    return CertificateRow(
        cert.id, cert.number, cert.serial_year, cert.serial_no, cert.person_id,
        name or "(đã xóa dữ liệu cá nhân)", gender, birth_year, hood or "", cert.session_id,
        title, held_on, venue or "", score, cert.issued_on, _local_day(cert.revoked_at),
        cert.revoked_reason or "")


def list_certificates(factory: Factory, *, session_id: int | None = None,
                      year: int | None = None) -> list[CertificateRow]:
    """The register: certificates in issue order (year, sequence; old ones without a
    sequence by date and number), revoked ones included."""
    query = _rows_query()
    if session_id is not None:
        query = query.where(Certificate.session_id == session_id)
    with factory() as session:
        if session_id is not None:
            load_session(session, session_id)
        rows = [_row(item) for item in session.execute(query)]
    if year is not None:
        rows = [r for r in rows if (r.serial_year or r.issued_on.year) == year]
    rows.sort(key=lambda r: (r.serial_year or r.issued_on.year, r.serial_no is None,
                             r.serial_no or 0, r.issued_on, r.number))
    return rows


def find_certificate(factory: Factory, ref: str | int) -> CertificateRow:
    """A certificate by its number ("012/2026/GCN-TYT") or its id."""
    text = clean_text(str(ref))
    with factory() as session:
        item = session.execute(_rows_query().where(Certificate.number == text)).first()
        if item is None and text.isdigit():
            item = session.execute(_rows_query().where(Certificate.id == int(text))).first()
    if item is None:
        raise UserError(f"Không có giấy chứng nhận số \"{text}\" trong sổ cấp.",
                        code="unknown_certificate")
    return _row(tuple(item))


def revoke(factory: Factory, ref: str | int, reason: str) -> CertificateRow:
    """Mark a certificate revoked with a reason (required); logged. It stays in the
    register, and checking its QR code says it was revoked."""
    reason = clean_text(reason)
    if not reason:
        raise UserError("Hãy ghi lý do thu hồi giấy chứng nhận.", code="reason_required")
    if len(reason) > MAX_REASON:
        raise UserError(f"Lý do thu hồi dài quá {MAX_REASON} ký tự.", code="reason_too_long")
    row = find_certificate(factory, ref)
    if row.revoked_on is not None:
        raise UserError(f"Giấy chứng nhận số {row.number} đã bị thu hồi ngày "
                        f"{row.revoked_on:%d/%m/%Y}.", code="already_revoked")
    operator = operator_name(factory)
    with factory.begin() as session:
        cert = session.get(Certificate, row.id)
        assert cert is not None
        cert.revoked_at = datetime.now(UTC).replace(tzinfo=None)
        cert.revoked_reason = reason
        audit(session, "certificate.revoke", cert.id, operator=operator, entity="certificate",
              before={"revoked": False}, after={
                  "revoked": True, "number": cert.number,
                  "revoked_at": cert.revoked_at.isoformat(timespec="seconds"),
                  "fields": ["revoked_at", "revoked_reason"]})
    return find_certificate(factory, row.id)


def verify(factory: Factory, data_dir: DataDir, payload: str) -> Verification:
    """Check a QR payload offline: format, signature with this data folder's key, then the
    register (revoked? still the same person and date?)."""
    keys = store.all_keys(data_dir)
    key = keys[0] if keys else None
    check = check_payload(key, payload)
    for other in keys[1:]:  # a key kept from another laptop's backup
        if check.signature_ok:
            break
        check = check_payload(other, payload)
    if not check.well_formed:
        return Verification("malformed", "Mã không đúng định dạng giấy chứng nhận của ứng "
                            "dụng (phải bắt đầu bằng GCN1: và có đủ số, họ tên, ngày, chữ "
                            "ký). Hãy quét hoặc nhập lại.")
    base = {"number": check.number, "payload_name": check.name, "issued_on": check.issued_on}
    if key is None:
        return Verification("no_key", "Máy này chưa có khóa ký giấy chứng nhận (chưa cấp giấy "
                            "nào), nên không kiểm tra được chữ ký.", **base)
    if not check.signature_ok:
        return Verification("bad_signature", "KHÔNG HỢP LỆ: chữ ký không khớp. Mã đã bị sửa "
                            "hoặc giấy không do máy này cấp.", **base)
    with factory() as session:
        item = session.execute(_rows_query().where(Certificate.number == check.number)).first()
    if item is None:
        return Verification("unknown", f"Chữ ký đúng, nhưng số {check.number} không có trong "
                            "sổ cấp của máy này (dữ liệu đã khôi phục từ bản sao lưu cũ?).",
                            **base)
    row = _row(tuple(item))
    found = {**base, "full_name": row.full_name, "session_title": row.session_title,
             "revoked_on": row.revoked_on, "revoked_reason": row.revoked_reason}
    if row.revoked_on is not None:
        return Verification("revoked", f"ĐÃ THU HỒI: giấy chứng nhận số {row.number} đã bị "
                            f"thu hồi ngày {row.revoked_on:%d/%m/%Y}. Lý do: "
                            f"{row.revoked_reason}", **found)
    same_person = row.person_id is None or payload_name(row.full_name) == check.name
    if not same_person or row.issued_on != check.issued_on:
        return Verification("mismatch", f"Chữ ký đúng nhưng họ tên hoặc ngày cấp trên giấy "
                            f"khác với sổ cấp (số {row.number}: {row.full_name}, ngày "
                            f"{row.issued_on:%d/%m/%Y}). Giấy có thể đã được cấp lại.",
                            **found)
    return Verification("valid", f"HỢP LỆ: giấy chứng nhận số {row.number} cấp cho "
                        f"{row.full_name} ngày {row.issued_on:%d/%m/%Y}, tập huấn "
                        f"“{row.session_title}”.", **found)
