"""Roster import, the database part: read the snapshot the classification needs, write an
import in one transaction, and undo it."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from trainer_app.db.base import utcnow
from trainer_app.db.models import (
    Attempt,
    Attendance,
    AuditEntry,
    Certificate,
    ImportBatch,
    Neighbourhood,
    Person,
    Role,
)
from trainer_app.domain.vntext import search_key
from trainer_app.services.errors import UserError
from trainer_app.services.roster.import_match import (
    DEFAULT_NEIGHBOURHOODS,
    Entity,
    KnownPerson,
    Outcome,
    Snapshot,
)

BATCH_KIND = "roster"
COLUMNS = {"gender": "gender", "birth_year": "birth_year", "phone": "phone",
           "neighbourhood": "neighbourhood_id", "role": "role_id", "unit": "unit",
           "notes": "notes"}
INSERT_CHUNK = 500


def load_snapshot(session: Session) -> Snapshot:
    people = [KnownPerson(*row) for row in session.execute(
        select(Person.id, Person.full_name, Person.gender, Person.birth_year, Person.phone,
               Person.neighbourhood_id, Person.role_id, Person.unit, Person.notes,
               Person.archived).where(Person.erased.is_(False)).order_by(Person.id))]
    neighbourhoods = {i: (number, name) for i, number, name in session.execute(
        select(Neighbourhood.id, Neighbourhood.number, Neighbourhood.name))}
    roles = {i: name for i, name in session.execute(select(Role.id, Role.name))}
    return Snapshot(people, neighbourhoods, roles)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _audit(session: Session, action: str, batch_id: int, operator: str,
           data: dict[str, Any]) -> None:
    session.add(AuditEntry(operator=operator, os_user=_os_user(), action=action,
                           entity="import_batch", entity_id=batch_id,
                           after=json.dumps(data, ensure_ascii=False)))


class _Refs:
    """Turns the classification's references into ids, creating what is missing."""

    def __init__(self, session: Session, outcome: Outcome) -> None:
        self.session = session
        self.nb_ids: dict[int, int] = {}
        self.role_ids: dict[str, int] = {}
        self.created_nb: list[int] = []
        self.created_roles: list[int] = []
        used_nb = {v for e in outcome.entities for v in [e.values["neighbourhood"]] if v}
        used_roles = {v[1] for e in outcome.entities for v in [e.values["role"]]
                      if v and v[0] == "new"}
        if any(ref[0] == "num" for ref in used_nb):
            for number in DEFAULT_NEIGHBOURHOODS:
                row = Neighbourhood(number=number, name=f"Khu phố {number}")
                session.add(row)
                session.flush()
                self.nb_ids[number] = row.id
                self.created_nb.append(row.id)
        existing = {search_key(n): i for i, n in session.execute(select(Role.id, Role.name))}
        for key in sorted(used_roles):
            if key in existing:
                self.role_ids[key] = existing[key]
                continue
            role = Role(name=outcome.new_roles[key])
            session.add(role)
            session.flush()
            self.role_ids[key] = role.id
            self.created_roles.append(role.id)

    def column_value(self, name: str, value: Any) -> Any:
        if name == "neighbourhood" and value is not None:
            return value[1] if value[0] == "id" else self.nb_ids[value[1]]
        if name == "role" and value is not None:
            return value[1] if value[0] == "id" else self.role_ids[value[1]]
        if name in ("unit", "notes"):
            return value or ""
        return value


def write_import(
    session: Session,
    outcome: Outcome,
    *,
    source_name: str,
    sha256: str | None,
    operator: str,
    extra_summary: dict[str, Any],
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
) -> tuple[int, list[str]]:
    """Store the outcome; returns (batch id, warnings about what was created)."""
    batch = ImportBatch(kind=BATCH_KIND, source_name=source_name[:500], source_sha256=sha256)
    session.add(batch)
    session.flush()
    refs = _Refs(session, outcome)
    warnings = []
    if refs.created_nb:
        warnings.append("Danh sách khu phố đang trống: đã tạo khu phố 1–75 (mặc định).")
    if refs.created_roles:
        names = [outcome.new_roles[k] for k, i in refs.role_ids.items()
                 if i in refs.created_roles]
        warnings.append("Đã tạo chức danh mới: " + ", ".join(sorted(names)) + ".")
    new_people = [e for e in outcome.entities if e.person_id is None]
    now = utcnow()
    total = len(new_people) + 1
    for start in range(0, len(new_people), INSERT_CHUNK):
        if cancel is not None and cancel():
            raise UserError("Đã hủy nhập; không có gì được lưu.", code="cancelled")
        chunk = new_people[start:start + INSERT_CHUNK]
        session.execute(insert(Person), [_person_row(e, refs, batch.id, now) for e in chunk])
        if progress is not None:
            progress(start + len(chunk), total)
    merges = [_apply_merge(session, e, refs) for e in outcome.entities
              if e.person_id is not None and e.changes]
    summary = {
        "version": 1, "added": len(new_people), "merged_rows": outcome.merged,
        "skipped_rows": len(outcome.skipped), "merges": merges,
        "created_neighbourhood_ids": refs.created_nb, "created_role_ids": refs.created_roles,
        **extra_summary,
    }
    batch.summary = json.dumps(summary, ensure_ascii=False)
    _audit(session, "roster.import", batch.id, operator,
           {"added": len(new_people), "merged": outcome.merged,
            "skipped": len(outcome.skipped)})
    if progress is not None:
        progress(total, total)
    return batch.id, warnings


def _person_row(entity: Entity, refs: _Refs, batch_id: int, now: datetime) -> dict[str, Any]:
    row = {column: refs.column_value(name, entity.values[name])
           for name, column in COLUMNS.items()}
    row.update(full_name=entity.name, search_key=search_key(entity.name), archived=False,
               erased=False, is_demo=False, import_batch_id=batch_id, created_at=now,
               updated_at=now)
    return row


def _apply_merge(session: Session, entity: Entity, refs: _Refs) -> dict[str, Any]:
    person = session.get(Person, entity.person_id)
    if person is None or person.erased:
        raise UserError("Một người trong danh sách vừa bị xóa trong lúc nhập. Hãy xem trước "
                        "lại rồi nhập.", code="stale_plan")
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    updated_at = person.updated_at.isoformat()
    for name, (_old, new) in entity.changes.items():
        column = COLUMNS[name]
        current = getattr(person, column)
        if current not in (None, ""):
            continue  # filled meanwhile: never overwrite
        value = refs.column_value(name, new)
        before[column], after[column] = current, value
        setattr(person, column, value)
    return {"person_id": person.id, "before": before, "after": after,
            "updated_at": updated_at}


# --- undo ----------------------------------------------------------------------------------


def undo_batch(session: Session, batch_id: int, operator: str) -> tuple[int, int, list[str]]:
    """Remove the people the batch added and revert its merges. Returns (removed,
    restored, warnings). Raises UserError when it cannot be undone."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.kind != BATCH_KIND:
        raise UserError(f"Không tìm thấy lần nhập danh sách số {batch_id}.",
                        code="unknown_batch")
    if batch.undone_at is not None:
        raise UserError(f"Lần nhập số {batch_id} ({batch.source_name}) đã được hoàn tác rồi.",
                        code="already_undone")
    summary = json.loads(batch.summary or "{}")
    added = list(session.scalars(select(Person.id).where(Person.import_batch_id == batch_id)))
    _refuse_if_used(session, added)
    _refuse_if_later_merges(session, batch_id, set(added))
    warnings: list[str] = []
    restored = 0
    for merge in summary.get("merges", []):
        person = session.get(Person, merge["person_id"])
        if person is None or person.erased:
            warnings.append(f"Người mã {merge['person_id']} không còn, bỏ qua.")
            continue
        untouched = True
        for column, old in merge["before"].items():
            if getattr(person, column) == merge["after"][column]:
                setattr(person, column, old)
            else:
                untouched = False
                warnings.append(f"{person.full_name}: {column} đã được sửa sau lần nhập, giữ "
                                "nguyên.")
        session.flush()
        if untouched:
            session.execute(update(Person).where(Person.id == person.id).values(
                updated_at=datetime.fromisoformat(merge["updated_at"])))
        restored += 1
    session.execute(delete(Person).where(Person.import_batch_id == batch_id))
    _drop_unused(session, Role, Person.role_id, summary.get("created_role_ids", []), warnings,
                 "chức danh")
    _drop_unused(session, Neighbourhood, Person.neighbourhood_id,
                 summary.get("created_neighbourhood_ids", []), warnings, "khu phố")
    batch.undone_at = utcnow()
    _audit(session, "roster.import_undo", batch_id, operator,
           {"removed": len(added), "restored": restored})
    return len(added), restored, warnings


def _refuse_if_used(session: Session, person_ids: list[int]) -> None:
    if not person_ids:
        return
    used: set[int] = set()
    for model in (Attendance, Attempt, Certificate):
        column = model.person_id  # type: ignore[attr-defined]
        for chunk in range(0, len(person_ids), 900):
            ids = person_ids[chunk:chunk + 900]
            used.update(session.scalars(select(column).where(column.in_(ids)).distinct()))
    used.discard(None)  # type: ignore[arg-type]
    if used:
        names = list(session.scalars(select(Person.full_name).where(
            Person.id.in_(sorted(used)[:3]))))
        raise UserError(
            f"Không hoàn tác được: {len(used)} người của lần nhập này đã có điểm danh, bài "
            f"làm hoặc giấy chứng nhận ({', '.join(names)}…). Hãy sửa hoặc lưu trữ từng người "
            "trong trang Cộng tác viên thay vì hoàn tác.",
            code="import_in_use",
        )


def _refuse_if_later_merges(session: Session, batch_id: int, added: set[int]) -> None:
    later = session.scalars(select(ImportBatch).where(
        ImportBatch.id > batch_id, ImportBatch.kind == BATCH_KIND,
        ImportBatch.undone_at.is_(None)).order_by(ImportBatch.id.desc()))
    for other in later:
        merges = json.loads(other.summary or "{}").get("merges", [])
        if any(m["person_id"] in added for m in merges):
            raise UserError(
                f"Lần nhập số {other.id} ({other.source_name}) sau lần này đã bổ sung thông tin "
                f"cho người do lần này thêm. Hãy hoàn tác lần số {other.id} trước.",
                code="later_import",
            )


def _drop_unused(session: Session, model: Any, column: Any, ids: list[int],
                 warnings: list[str], word: str) -> None:
    if not ids:
        return
    in_use = session.scalar(select(func.count()).select_from(Person).where(column.in_(ids)))
    if in_use:
        warnings.append(f"Giữ lại {word} đã tạo khi nhập vì đang được dùng.")
        return
    session.execute(delete(model).where(model.id.in_(ids)))
