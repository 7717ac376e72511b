"""Merging two stored people who are the same person (``merge_people``).

Rules:
* attendance, quiz attempts and certificates of the dropped person move to the kept one;
* both on the list of the same session: one attendance row stays (the kept one's), with the
  better status (có mặt > đến muộn > vắng có phép > vắng > chưa điểm danh), the earlier
  check-in time, invited if either was, walk-in only if both were, the sheet row of the
  kept one (else the dropped one's);
* both hold a certificate for the same session: the kept person keeps the valid one (not
  revoked; else the earlier issued); the other stays with the dropped person, revoked with
  a reason naming the certificate kept (certificates are numbered documents: never deleted);
* empty fields of the kept person are filled from the dropped one (never overwritten);
  notes are joined; a different non-empty value is reported in the preview and left as is;
* the dropped person is deleted when nothing refers to it any more, else archived with a
  note "Đã gộp vào người mã N";
* the kept person leaves its import batch (undoing that import must not remove a person who
  now holds someone else's data);
* one audit entry: before/after as JSON of ids and field names (no names, no phones).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from trainer_app.db.base import utcnow
from trainer_app.db.models import Attempt, Attendance, Certificate, Neighbourhood, Person, Role
from trainer_app.domain.enums import GENDER_LABELS, AttendanceStatus, Gender
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import (
    FIELD_LABELS,
    Factory,
    audit,
    format_date,
    load_person,
    operator_name,
)
from trainer_app.services.roster.query import PersonRow, person_row

log = logging.getLogger(__name__)

FILL_FIELDS = ("gender", "birth_year", "phone", "neighbourhood_id", "role_id", "unit")
STATUS_RANK = {AttendanceStatus.PRESENT: 4, AttendanceStatus.LATE: 3,
               AttendanceStatus.EXCUSED: 2, AttendanceStatus.ABSENT: 1,
               AttendanceStatus.UNKNOWN: 0}


@dataclass(frozen=True)
class MergePreview:
    """What ``merge_people`` would do, in figures and Vietnamese lines."""

    keep: PersonRow
    drop: PersonRow
    fills: list[str]  # "Năm sinh: 1975" — fields of the kept person filled from the other
    conflicts: list[str]  # "Năm sinh: giữ 1975, bỏ 1976"
    attendance_moved: int
    attendance_combined: int  # sessions both were on: one row kept
    attempts_moved: int
    certificates_moved: int
    certificate_conflicts: int
    drop_deleted: bool  # False: the dropped person is archived (a certificate still refers)

    def lines(self) -> list[str]:
        out = [f"Giữ lại: {self.keep.full_name} (mã {self.keep.id}). "
               f"Gộp vào đó: {self.drop.full_name} (mã {self.drop.id})."]
        out.append(f"Chuyển sang người giữ lại: {self.attendance_moved} lần điểm danh, "
                   f"{self.attempts_moved} bài kiểm tra, {self.certificates_moved} giấy "
                   "chứng nhận.")
        if self.attendance_combined:
            out.append(f"{self.attendance_combined} buổi cả hai cùng có tên: giữ một dòng "
                       "điểm danh (trạng thái tốt hơn).")
        if self.certificate_conflicts:
            out.append(f"{self.certificate_conflicts} buổi cả hai cùng có giấy chứng nhận: "
                       "giữ một giấy, giấy kia bị thu hồi (ghi rõ lý do).")
        if self.fills:
            out.append("Bổ sung cho người giữ lại: " + "; ".join(self.fills) + ".")
        if self.conflicts:
            out.append("Khác nhau, giữ thông tin của người giữ lại: "
                       + "; ".join(self.conflicts) + ".")
        out.append("Người bị gộp sẽ bị xóa khỏi danh sách." if self.drop_deleted else
                   "Người bị gộp sẽ được lưu trữ (vẫn còn giấy chứng nhận bị thu hồi).")
        return out


@dataclass(frozen=True)
class MergeResult:
    keep: PersonRow
    drop_id: int
    drop_deleted: bool
    attendance_moved: int
    attendance_combined: int
    attempts_moved: int
    certificates_moved: int
    certificate_conflicts: int
    filled: list[str] = field(default_factory=list)  # field names

    @property
    def message(self) -> str:
        what = "xóa" if self.drop_deleted else "lưu trữ"
        attendance = self.attendance_moved + self.attendance_combined
        return (f"Đã gộp vào {self.keep.full_name}: chuyển {attendance} lần điểm danh, "
                f"{self.attempts_moved} bài kiểm tra, {self.certificates_moved} "
                f"giấy chứng nhận; người bị gộp đã được {what}.")


def _value_text(session: Session, name: str, value: Any) -> str:
    if name == "gender":
        return GENDER_LABELS.get(Gender(value), str(value))
    if name == "neighbourhood_id":
        nb = session.get(Neighbourhood, value)
        return nb.name if nb else str(value)
    if name == "role_id":
        role = session.get(Role, value)
        return role.name if role else str(value)
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == ""


@dataclass
class _Plan:
    keep: Person
    drop: Person
    fills: dict[str, Any]
    conflicts: dict[str, tuple[Any, Any]]
    attendance_move: list[Attendance]
    attendance_pairs: list[tuple[Attendance, Attendance]]  # (kept row, dropped row)
    attempts: list[int]
    certificate_move: list[Certificate]
    certificate_pairs: list[tuple[Certificate, Certificate]]  # (keep's, drop's)

    @property
    def drop_deleted(self) -> bool:
        return not self.certificate_pairs


def _plan(session: Session, keep_id: int, drop_id: int) -> _Plan:
    if keep_id == drop_id:
        raise UserError("Hãy chọn hai người khác nhau để gộp.", code="merge_same")
    keep = load_person(session, keep_id)
    drop = load_person(session, drop_id)
    fills: dict[str, Any] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name in FILL_FIELDS:
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if _empty(theirs):
            continue
        if _empty(mine):
            fills[name] = theirs
        elif mine != theirs:
            conflicts[name] = (mine, theirs)
    kept_attendance = {a.session_id: a for a in session.scalars(
        select(Attendance).where(Attendance.person_id == keep.id))}
    move, pairs = [], []
    for row in session.scalars(select(Attendance).where(Attendance.person_id == drop.id)
                               .order_by(Attendance.id)):
        other = kept_attendance.get(row.session_id)
        if other is None:
            move.append(row)
        else:
            pairs.append((other, row))
    attempts = list(session.scalars(select(Attempt.id).where(Attempt.person_id == drop.id)))
    kept_certs = {c.session_id: c for c in session.scalars(
        select(Certificate).where(Certificate.person_id == keep.id))}
    cert_move, cert_pairs = [], []
    for cert in session.scalars(select(Certificate).where(Certificate.person_id == drop.id)
                                .order_by(Certificate.id)):
        other = kept_certs.get(cert.session_id)
        if other is None:
            cert_move.append(cert)
        else:
            cert_pairs.append((other, cert))
    return _Plan(keep, drop, fills, conflicts, move, pairs, attempts, cert_move, cert_pairs)


def merge_preview(factory: Factory, keep_id: int, drop_id: int) -> MergePreview:
    """What merging ``drop_id`` into ``keep_id`` would do. Stores nothing."""
    with factory() as session:
        plan = _plan(session, keep_id, drop_id)
        fills = [f"{FIELD_LABELS[n]}: {_value_text(session, n, v)}"
                 for n, v in plan.fills.items()]
        if plan.drop.notes and plan.drop.notes != plan.keep.notes:
            fills.append(f"{FIELD_LABELS['notes']}: thêm ghi chú của người bị gộp")
        if plan.drop.consent_date and not plan.keep.consent_date:
            fills.append(f"{FIELD_LABELS['consent_date']}: {format_date(plan.drop.consent_date)}")
        conflicts = [f"{FIELD_LABELS[n]}: giữ {_value_text(session, n, a)}, "
                     f"bỏ {_value_text(session, n, b)}" for n, (a, b) in plan.conflicts.items()]
        return MergePreview(
            person_row(session, keep_id), person_row(session, drop_id), fills, conflicts,
            len(plan.attendance_move), len(plan.attendance_pairs), len(plan.attempts),
            len(plan.certificate_move), len(plan.certificate_pairs), plan.drop_deleted)


def _combine_attendance(kept: Attendance, dropped: Attendance) -> None:
    def rank(status: str) -> int:
        return STATUS_RANK.get(AttendanceStatus(status), 0)

    if rank(dropped.status) > rank(kept.status):
        kept.status = dropped.status
    times = [t for t in (kept.checked_in_at, dropped.checked_in_at) if t is not None]
    kept.checked_in_at = min(times) if times else None
    kept.invited = kept.invited or dropped.invited
    kept.walk_in = kept.walk_in and dropped.walk_in
    if kept.sheet_row is None:
        kept.sheet_row = dropped.sheet_row


def _certificate_order(cert: Certificate) -> tuple[bool, date, int]:
    return (cert.revoked_at is not None, cert.issued_on, cert.id)


def _settle_certificates(session: Session, plan: _Plan) -> list[dict[str, int]]:
    settled = []
    for mine, theirs in plan.certificate_pairs:
        winner, loser = sorted((mine, theirs), key=_certificate_order)
        if winner is theirs:  # swap owners without breaking UNIQUE(person_id, session_id)
            mine.person_id = None
            session.flush()
            theirs.person_id = plan.keep.id
            session.flush()
            mine.person_id = plan.drop.id
            session.flush()
        if loser.revoked_at is None:
            loser.revoked_at = utcnow()
            loser.revoked_reason = (f"Trùng do gộp hai hồ sơ của cùng một người: giữ giấy "
                                    f"chứng nhận số {winner.number}.")
        settled.append({"kept_certificate_id": winner.id, "revoked_certificate_id": loser.id})
    return settled


def merge_people(factory: Factory, keep_id: int, drop_id: int, *,
                 today: date | None = None) -> MergeResult:
    """Merge ``drop_id`` into ``keep_id`` in one transaction (rules in the module doc)."""
    today = today or date.today()
    operator = operator_name(factory)
    with factory.begin() as session:
        plan = _plan(session, keep_id, drop_id)
        keep, drop = plan.keep, plan.drop
        before = {
            "keep_id": keep.id, "drop_id": drop.id,
            "keep_empty_fields": sorted(n for n in FILL_FIELDS if _empty(getattr(keep, n))),
            "keep_import_batch_id": keep.import_batch_id,
            "drop_attendance_ids": sorted([a.id for a in plan.attendance_move]
                                          + [d.id for _k, d in plan.attendance_pairs]),
            "drop_attempt_ids": sorted(plan.attempts),
            "drop_certificate_ids": sorted([c.id for c in plan.certificate_move]
                                           + [t.id for _m, t in plan.certificate_pairs]),
        }
        for kept_row, dropped_row in plan.attendance_pairs:
            _combine_attendance(kept_row, dropped_row)
            session.delete(dropped_row)
        session.flush()
        for row in plan.attendance_move:
            row.person_id = keep.id
        if plan.attempts:
            session.execute(update(Attempt).where(Attempt.id.in_(plan.attempts))
                            .values(person_id=keep.id))
        for cert in plan.certificate_move:
            cert.person_id = keep.id
        session.flush()
        certificates = _settle_certificates(session, plan)
        filled = sorted(plan.fills)
        for name, value in plan.fills.items():
            setattr(keep, name, value)
        if drop.notes and drop.notes != keep.notes:
            keep.notes = f"{keep.notes}\n{drop.notes}" if keep.notes else drop.notes
            filled.append("notes")
        if drop.consent_date and not keep.consent_date:
            keep.consent_date, keep.consent_method = drop.consent_date, drop.consent_method
            filled += ["consent_date", "consent_method"]
        keep.import_batch_id = None
        session.flush()
        refs = sum(session.scalar(select(func.count()).select_from(model)
                                  .where(model.person_id == drop.id)) or 0
                   for model in (Attendance, Attempt, Certificate))  # type: ignore[attr-defined]
        deleted = refs == 0
        if deleted:
            session.delete(drop)
        else:
            note = f"Đã gộp vào người mã {keep.id} ngày {today:%d/%m/%Y}."
            drop.notes = f"{drop.notes}\n{note}" if drop.notes else note
            drop.archived = True
        session.flush()
        audit(session, "person.merge", keep.id, operator=operator, before=before, after={
            "keep_id": keep.id, "drop_id": drop_id, "filled_fields": filled,
            "conflicting_fields": sorted(plan.conflicts),
            "attendance_moved_ids": sorted(a.id for a in plan.attendance_move),
            "attendance_combined": [{"kept_id": k.id, "removed_id": d.id}
                                    for k, d in plan.attendance_pairs],
            "attempt_ids": sorted(plan.attempts),
            "certificate_moved_ids": sorted(c.id for c in plan.certificate_move),
            "certificates_settled": certificates,
            "drop": "deleted" if deleted else "archived",
        })
        log.info("person %d merged into %d (%s)", drop_id, keep.id,
                 "deleted" if deleted else "archived")
        return MergeResult(person_row(session, keep.id), drop_id, deleted,
                           len(plan.attendance_move), len(plan.attendance_pairs),
                           len(plan.attempts), len(plan.certificate_move),
                           len(plan.certificate_pairs), filled)
