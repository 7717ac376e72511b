"""Erasing a person's data on their request (Luật Bảo vệ dữ liệu cá nhân 2025), everywhere
the data folder holds it.

What stays and what goes in the database (``erase_person``):
* the person row stays as an empty shell (the id only): name replaced by
  ``ERASED_NAME``, search key, gender, birth year, phone, khu phố, role, unit, notes,
  consent and import batch cleared; ``erased`` and ``archived`` set. Lists, search,
  exports and imports never show or match it again;
* every record merged into the person and kept archived (both held a certificate for the
  same session) is erased the same way;
* quiz attempts (and their answers) and certificates are detached (``person_id`` NULL):
  scores stay as anonymous figures, numbered certificates stay in the register;
* attendance rows stay, pointing at the empty shell (no name in them);
* values an import stored in its undo record (``import_batch.summary``) are removed;
* one audit entry with the counts. The audit log never held names or phones.

Then (``erase_person_everywhere``): the database is compacted (``secure_delete`` is on, a
VACUUM rewrites the file, the -wal is emptied) and the same erasure is applied inside every
backup in ``<data>/backups/`` (each vacuumed), unless the user asks to keep them as they are;
the message then lists them. Copies made off the laptop (USB) cannot be reached: the message
says so.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from trainer_app.datadir import DataDir
from trainer_app.db.backup import list_backups
from trainer_app.db.erasure import ErasureTarget, compact, erase_in_file
from trainer_app.db.models import Attempt, Attendance, AuditEntry, Certificate, ImportBatch, Person
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import (
    ERASED_NAME,
    Factory,
    audit,
    load_person,
    operator_name,
)
from trainer_app.services.workspace.datafolder import stale_partials

log = logging.getLogger(__name__)

PARTIAL_GRACE_S = 60.0  # younger half-written copies may still be being written


@dataclass(frozen=True)
class EraseResult:
    person_id: int
    attempts_detached: int
    certificates_detached: int
    attendance_kept: int
    import_records_cleaned: int
    merged_records_erased: list[int] = field(default_factory=list)
    backups_scrubbed: list[str] = field(default_factory=list)
    backups_kept: list[str] = field(default_factory=list)  # --keep-backups: left as they were
    on_server: bool = False  # PostgreSQL: its pg_dump backups are listed, not rewritten

    @property
    def message(self) -> str:
        text = (f"Đã xóa dữ liệu cá nhân của cộng tác viên mã {self.person_id}. Giữ lại dưới "
                f"dạng số liệu không tên: {self.attempts_detached} bài kiểm tra, "
                f"{self.attendance_kept} lần điểm danh, {self.certificates_detached} giấy "
                "chứng nhận.")
        if self.merged_records_erased:
            codes = ", ".join(str(i) for i in self.merged_records_erased)
            text += f" Cũng đã xóa các bản ghi đã gộp vào người này (mã {codes})."
        if self.backups_scrubbed:
            text += (f" Đã xóa dữ liệu này trong cả {len(self.backups_scrubbed)} bản sao lưu "
                     "trong thư mục dữ liệu.")
        if self.backups_kept and self.on_server:
            text += (" Các bản sao lưu máy chủ (pg_dump) làm trước đó vẫn còn dữ liệu của người "
                     "này, cần cán bộ CNTT xóa: "
                     + ", ".join(Path(p).name for p in self.backups_kept) + ".")
        elif self.backups_kept:
            text += (" Theo yêu cầu, các bản sao lưu sau vẫn còn dữ liệu của người này: "
                     + ", ".join(Path(p).name for p in self.backups_kept) + ".")
        text += (" Các bản sao lưu đã chép ra USB hoặc máy khác trước đây vẫn còn dữ liệu "
                 "này: hãy xóa các bản đó.")
        return text


def _merged_into(session: Session, person_id: int) -> list[int]:
    """Records merged into the person (and into those, and so on) that were archived."""
    found: list[int] = []
    todo = [person_id]
    while todo:
        keep = todo.pop()
        for (after,) in session.execute(select(AuditEntry.after).where(
                AuditEntry.action == "person.merge", AuditEntry.entity_id == keep)):
            try:
                data = json.loads(after or "{}")
            except json.JSONDecodeError:
                continue
            drop = data.get("drop_id") if isinstance(data, dict) else None
            if isinstance(drop, int) and drop not in found and drop != person_id:
                found.append(drop)
                todo.append(drop)
    return found


def _scrub_import_records(session: Session, person_ids: set[int]) -> int:
    """Drop what imports remembered about these people for their undo (filled values)."""
    cleaned = 0
    for batch in session.scalars(select(ImportBatch).where(ImportBatch.summary.is_not(None))):
        try:
            summary = json.loads(batch.summary or "{}")
        except json.JSONDecodeError:
            continue
        merges = summary.get("merges") if isinstance(summary, dict) else None
        if not isinstance(merges, list):
            continue
        kept = [m for m in merges if not (isinstance(m, dict)
                                          and m.get("person_id") in person_ids)]
        if len(kept) != len(merges):
            summary["merges"] = kept
            batch.summary = json.dumps(summary, ensure_ascii=False)
            cleaned += 1
    return cleaned


def _target(person: Person) -> ErasureTarget:
    return ErasureTarget(person.id, person.created_at.isoformat(sep=" "), person.search_key,
                         person.phone)


def _blank(person: Person) -> None:
    person.full_name = ERASED_NAME
    person.search_key = ""
    person.gender = person.birth_year = person.phone = None
    person.neighbourhood_id = person.role_id = person.import_batch_id = None
    person.unit = person.notes = ""
    person.consent_date = person.consent_method = None
    person.archived = person.erased = True


def _erase(factory: Factory, person_id: int) -> tuple[EraseResult, list[ErasureTarget]]:
    operator = operator_name(factory)
    with factory.begin() as session:
        person = load_person(session, person_id, allow_erased=True)
        if person.erased:
            raise UserError(f"Dữ liệu cá nhân của cộng tác viên mã {person_id} đã được xóa "
                            "trước đây.", code="already_erased")
        merged = [p for p in (session.get(Person, i) for i in _merged_into(session, person.id))
                  if p is not None and not p.erased]
        everyone = [person, *merged]
        targets = [_target(p) for p in everyone]
        ids = [p.id for p in everyone]
        attempts = session.execute(update(Attempt).where(Attempt.person_id.in_(ids))
                                   .values(person_id=None)).rowcount or 0
        certificates = session.execute(
            update(Certificate).where(Certificate.person_id.in_(ids))
            .values(person_id=None)).rowcount or 0
        attendance = session.scalar(select(func.count(Attendance.id))
                                    .where(Attendance.person_id == person.id)) or 0
        cleaned = _scrub_import_records(session, set(ids))
        for record in everyone:
            _blank(record)
        audit(session, "person.erase", person.id, operator=operator, after={
            "attempts_detached": attempts, "certificates_detached": certificates,
            "attendance_kept": attendance, "import_records_cleaned": cleaned,
            "merged_records_erased": [p.id for p in merged]})
        log.info("person %d erased on request (%d merged records)", person.id, len(merged))
        return EraseResult(person.id, attempts, certificates, attendance, cleaned,
                           [p.id for p in merged]), targets


def erase_person(factory: Factory, person_id: int) -> EraseResult:
    """Erase a person's data (and the records merged into them) in the database only."""
    return _erase(factory, person_id)[0]


def _database_path(factory: Factory) -> Path | None:
    engine = factory.kw.get("bind")
    url = getattr(engine, "url", None)
    if url is None or url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


ERASURE_TABLES = ("person", "import_batch", "attendance", "attempt", "certificate", "audit_entry")


def _vacuum_on_server(factory: Factory) -> None:
    """VACUUM the tables an erasure touched (outside a transaction, as PostgreSQL requires),
    so the old row versions are cleaned up now rather than at the next autovacuum."""
    engine = factory.kw.get("bind")
    if engine is None:
        return
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ERASURE_TABLES:
                connection.exec_driver_sql(f'VACUUM "{table}"')
    except Exception as exc:
        log.warning("VACUUM after an erasure failed: %s", type(exc).__name__)


def erase_person_everywhere(factory: Factory, data_dir: DataDir, person_id: int, *,
                            keep_backups: bool = False) -> EraseResult:
    """Erase in the database, compact it, then scrub every backup in the data folder. On a
    PostgreSQL server: VACUUM the tables touched, and list the pg_dump backups made before
    (they are the centre's IT staff's to handle; the app never rewrites a dump)."""
    result, targets = _erase(factory, person_id)
    if data_dir.on_server:
        _vacuum_on_server(factory)
        from trainer_app.services.workspace.server_backup import list_server_backups

        return replace(result, on_server=True, backups_kept=[
            b.path for b in list_server_backups(data_dir)])
    db_path = _database_path(factory)
    if db_path is not None:
        try:
            if not compact(db_path):
                log.warning("after an erasure the -wal could not be emptied yet")
        except sqlite3.Error as exc:
            log.warning("compacting after an erasure failed: %s", exc)
    for partial in stale_partials(data_dir.root, PARTIAL_GRACE_S):
        partial.unlink(missing_ok=True)  # a half-written copy a killed process left behind
    backups = [info.path for info in list_backups(data_dir.backups_dir)]
    if keep_backups:
        result.backups_kept.extend(str(p) for p in backups)
        return result
    failed: list[str] = []
    for path in backups:
        try:
            erase_in_file(path, targets, ERASED_NAME)
            result.backups_scrubbed.append(str(path))
        except sqlite3.Error as exc:
            log.warning("could not scrub backup %s: %s", path.name, exc)
            failed.append(path.name)
    if failed:
        raise UserError(
            f"Đã xóa dữ liệu của cộng tác viên mã {person_id} trong cơ sở dữ liệu, nhưng không "
            f"sửa được các bản sao lưu: {', '.join(failed)} (tệp bị hỏng hoặc đang mở). Hãy "
            "xóa các tệp này trong thư mục backups.", code="backup_scrub_failed")
    return result
