"""Making the station's package for a period (``export_package``): what the centre needs
for its reports and to check certificates, nothing more — no phone numbers, no notes.

Data of the period: its sessions (any status), their programmes, attendance and submitted
attempts (with right/wrong per question), the people appearing in them, the certificates of
those sessions or issued or revoked in the period (with the payload's check digits), the khu
phố list with how many people each had trained up to the period's end, and the ids of every
person erased on request (so the centre erases them too)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app import __version__
from trainer_app.datadir import DataDir
from trainer_app.db.models import (
    Answer,
    Attempt,
    Attendance,
    Certificate,
    Neighbourhood,
    Person,
    Programme,
    QuizVersion,
    Role,
    TrainingSession,
)
from trainer_app.domain.certificate_code import payload_name, sign
from trainer_app.services.errors import UserError
from trainer_app.services.exchange import keys
from trainer_app.services.exchange.package import SUFFIX, build_package
from trainer_app.services.reporting.output import write_error
from trainer_app.services.reporting.period_report import Period, build_period_report
from trainer_app.services.workspace.settings import load_org

__all__ = ["ExportResult", "export_package"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class ExportResult:
    file: str
    station: str
    period: dict[str, str]  # start, end (ISO), label
    sessions: int
    people: int
    attempts: int
    certificates: int
    fingerprint: str
    sequence: int


def _sessions(session: Session, period: Period) -> list[TrainingSession]:
    return list(session.scalars(
        select(TrainingSession).where(TrainingSession.held_on >= period.start,
                                      TrainingSession.held_on <= period.end)
        .order_by(TrainingSession.held_on, TrainingSession.id)))


def _attempts(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Attempt, QuizVersion.quiz_id)
        .join(QuizVersion, QuizVersion.id == Attempt.quiz_version_id)
        .where(Attempt.session_id.in_(ids), Attempt.submitted_at.is_not(None))
        .order_by(Attempt.id)).all()
    marks: dict[int, list[str]] = {}
    for attempt_id, right in session.execute(
            select(Answer.attempt_id, Answer.is_correct)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .where(Attempt.session_id.in_(ids)).order_by(Answer.attempt_id, Answer.id)):
        marks.setdefault(attempt_id, []).append("1" if right else "0")
    titles = _quiz_titles(session)
    return [{"id": a.id, "session_id": a.session_id, "person_id": a.person_id,
             "quiz_version_id": a.quiz_version_id, "quiz": titles.get(quiz_id, ("", ""))[0],
             "quiz_title": titles.get(quiz_id, ("", ""))[1], "phase": a.phase,
             "submitted_at": a.submitted_at, "score": a.score, "passed": a.passed,
             "answers": "".join(marks.get(a.id, []))} for a, quiz_id in rows]


def _quiz_titles(session: Session) -> dict[int, tuple[str, str]]:
    from trainer_app.db.models import Quiz

    return {qid: (code, title) for qid, code, title in
            session.execute(select(Quiz.id, Quiz.code, Quiz.title))}


def _certificates(session: Session, ids: list[int], period: Period,
                  cert_key: bytes | None) -> list[Certificate]:
    start = datetime.combine(period.start, datetime.min.time())
    end = datetime.combine(period.end, datetime.max.time())
    return list(session.scalars(select(Certificate).where(or_(
        Certificate.session_id.in_(ids),
        Certificate.issued_on.between(period.start, period.end),
        Certificate.revoked_at.between(start, end))).order_by(Certificate.id)))


def _people(session: Session, ids: set[int]) -> list[dict[str, Any]]:
    roles = dict(session.execute(select(Role.id, Role.name)).all())
    out = []
    for p in session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id)):
        if p.erased:
            out.append({"id": p.id, "erased": True, "full_name": "", "gender": None,
                        "birth_year": None, "neighbourhood_id": None, "role": ""})
        else:
            out.append({"id": p.id, "erased": False, "full_name": p.full_name,
                        "gender": p.gender, "birth_year": p.birth_year,
                        "neighbourhood_id": p.neighbourhood_id,
                        "role": roles.get(p.role_id, "") if p.role_id else ""})
    return out


def _gather(factory: Factory, period: Period, cert_key: bytes | None,
            ) -> tuple[dict[str, Any], dict[str, int]]:
    with factory() as session:
        trainings = _sessions(session, period)
        ids = [t.id for t in trainings]
        programmes = {t.programme_id for t in trainings if t.programme_id}
        attendance = list(session.scalars(
            select(Attendance).where(Attendance.session_id.in_(ids)).order_by(Attendance.id)))
        attempts = _attempts(session, ids)
        certificates = _certificates(session, ids, period, cert_key)
        person_ids = {a.person_id for a in attendance} | \
            {a["person_id"] for a in attempts if a["person_id"]} | \
            {c.person_id for c in certificates if c.person_id}
        people = _people(session, person_ids)
        names = {p["id"]: p["full_name"] for p in people}
        data: dict[str, Any] = {
            "programmes": [{"id": p.id, "title": p.title} for p in session.scalars(
                select(Programme).where(Programme.id.in_(programmes)))],
            "sessions": [{"id": t.id, "programme_id": t.programme_id, "title": t.title,
                          "held_on": t.held_on, "start_time": t.start_time and
                          t.start_time.isoformat(), "end_time": t.end_time and
                          t.end_time.isoformat(), "venue": t.venue, "trainers": t.trainers,
                          "status": t.status} for t in trainings],
            "attendance": [{"id": a.id, "session_id": a.session_id, "person_id": a.person_id,
                            "status": a.status, "invited": a.invited, "walk_in": a.walk_in}
                           for a in attendance],
            "people": people,
            "attempts": attempts,
            "certificates": [_certificate(c, names, cert_key) for c in certificates],
            "neighbourhoods": [{"id": h.id, "number": h.number, "name": h.name,
                                "archived": h.archived}
                               for h in session.scalars(select(Neighbourhood))],
            "erased": list(session.scalars(select(Person.id).where(Person.erased.is_(True))
                                           .order_by(Person.id))),
        }
    counts = {"sessions": len(trainings), "attendance": len(attendance), "people": len(people),
              "attempts": len(attempts), "certificates": len(certificates),
              "neighbourhoods": len(data["neighbourhoods"]), "erased": len(data["erased"])}
    return data, counts


def _certificate(c: Certificate, names: dict[int, str], key: bytes | None) -> dict[str, Any]:
    name = names.get(c.person_id or 0, "")
    check = sign(key, c.number, payload_name(name), f"{c.issued_on:%Y%m%d}") \
        if key is not None and name else ""
    return {"id": c.id, "number": c.number, "serial_year": c.serial_year,
            "serial_no": c.serial_no, "person_id": c.person_id, "session_id": c.session_id,
            "issued_on": c.issued_on,
            "revoked_on": c.revoked_at.date() if c.revoked_at else None,
            "revoked_reason": c.revoked_reason or "", "check": check}


def _certificate_marks(factory: Factory) -> dict[str, int]:
    from trainer_app.services.certificates.store import db_marks

    with factory() as session:
        return {str(y): n for y, n in db_marks(session).items()}


def _write(path: Path, body: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_package(factory: Factory, data_dir: DataDir, period: Period, path: str | Path, *,
                   today: date | None = None) -> ExportResult:
    """Write the package for ``period`` to ``path`` (atomically)."""
    from trainer_app.services.certificates import store as certificate_store

    target = Path(path)
    if target.suffix.lower() != SUFFIX:
        raise UserError(f"Gói số liệu phải có đuôi {SUFFIX} (đã nhận \"{target.name}\").",
                        code="bad_target")
    if not target.parent.is_dir():
        raise UserError(f"Không có thư mục \"{target.parent}\" để lưu tệp {target.name}.",
                        code="target_folder_missing")
    org = load_org(factory)
    if not org.station_code:
        raise UserError("Chưa đặt mã trạm: vào Cài đặt, ô \"Mã trạm\" (hoặc trainer-app settings "
                        "set station_code TH1) — mỗi trạm một mã do Trung tâm Y tế thống nhất.",
                        code="no_station_code")
    if not org.unit_name:
        raise UserError("Chưa nhập tên đơn vị ở Cài đặt: Trung tâm cần biết gói của trạm nào.",
                        code="invalid_settings")
    if period.start > (today or date.today()):
        raise UserError(f"Kỳ {period.label} chưa bắt đầu: chưa có số liệu để gửi.",
                        code="period_in_future")
    cert_key = certificate_store.load_key(data_dir)
    data, counts = _gather(factory, period, cert_key)
    coverage = {c.name: c.trained_to_date for c in build_period_report(factory, period).coverage}
    private = keys.load_or_create_station_key(factory, data_dir)
    sequence = keys.next_sequence(factory, data_dir)
    manifest = {
        "app_version": __version__,
        "station": {"code": org.station_code, "name": org.unit_name,
                    "parent_body": org.parent_body, "place_name": org.place_name},
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(),
                   "label": period.label},
        "made_at": datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat(),
        "sequence": sequence,
        "counts": counts,
        "coverage": coverage,
        "certificate_pattern": org.certificate_pattern,
        "certificate_marks": _certificate_marks(factory),
    }
    body = build_package(manifest, data, private)
    try:
        _write(target, body)
    except OSError as exc:
        raise write_error(target, exc) from exc
    return ExportResult(str(target), org.station_code,
                        {"start": period.start.isoformat(), "end": period.end.isoformat(),
                         "label": period.label},
                        counts["sessions"], counts["people"], counts["attempts"],
                        counts["certificates"], keys.fingerprint(keys.public_key_of(private)),
                        sequence)
