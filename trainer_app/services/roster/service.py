"""The collaborator roster: list and search, add and edit with field checks, archive,
merge two people, history, personal-data rights, khu phố and role lists, XLSX export.

One transaction per use case; plain dataclass DTOs out; ``UserError`` (Vietnamese
``.message``) for anything the user can fix. The parts live in ``roster_query`` (reading,
search, order), ``roster_reference`` (khu phố, roles), ``roster_merge`` and
``roster_privacy`` (history, consent, export and erasure of one person's data); this module
re-exports them so callers import one place. Logs carry ids, never names or phones.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_app.db.models import Neighbourhood, Person, Role
from trainer_app.domain.enums import Gender, values
from trainer_app.domain.person_name import name_script_problem
from trainer_app.domain.vncontact import normalize_phone, phone_problem
from trainer_app.domain.vntext import clean_text, name_identity_key, search_key, title_case_name
from trainer_app.reports import roster_xlsx
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import (
    ERASED_NAME,
    FIELD_LABELS,
    ExportResult,
    Factory,
    audit,
    check_xlsx_target,
    format_date,
    load_person,
    operator_name,
    write_xlsx,
)
from trainer_app.services.roster.erasure import (
    EraseResult,
    erase_person,
    erase_person_everywhere,
)
from trainer_app.services.roster.merge import MergePreview, MergeResult, merge_people, merge_preview
from trainer_app.services.roster.privacy import (
    HistoryCertificate,
    HistorySession,
    PersonHistory,
    export_person_data,
    person_history,
    record_consent,
)
from trainer_app.services.roster.query import (
    PersonRow,
    count_people,
    get_person,
    list_people,
    parse_search,
    person_row,
    query_people,
    sort_people,
)
from trainer_app.services.roster.reference import (
    DEFAULT_ROLES,
    MAX_NEIGHBOURHOOD_NUMBER,
    NeighbourhoodRow,
    RoleRow,
    add_neighbourhood,
    add_role,
    archive_neighbourhood,
    ensure_default_neighbourhoods,
    ensure_default_roles,
    list_neighbourhoods,
    list_roles,
    rename_neighbourhood,
    update_neighbourhood,
)

__all__ = [
    "DEFAULT_ROLES", "ERASED_NAME", "FIELD_LABELS", "MAX_NEIGHBOURHOOD_NUMBER",
    "MIN_BIRTH_YEAR", "DuplicatePerson",
    "EraseResult", "ExportResult", "HistoryCertificate", "HistorySession", "MergePreview",
    "MergeResult", "NeighbourhoodRow", "PersonHistory", "PersonInput", "PersonInvalid",
    "PersonRow", "RoleRow", "add_neighbourhood", "add_person", "add_role",
    "archive_neighbourhood", "archive_person", "count_people", "ensure_default_neighbourhoods",
    "ensure_default_roles", "erase_person", "erase_person_everywhere", "export_person_data",
    "export_roster",
    "get_person", "list_neighbourhoods", "list_people", "list_roles", "max_birth_year",
    "merge_people", "merge_preview", "parse_search", "person_history", "query_people",
    "record_consent", "rename_neighbourhood", "sort_people", "unarchive", "unarchive_person",
    "update_neighbourhood", "update_person", "validate_person",
]

log = logging.getLogger(__name__)

MIN_BIRTH_YEAR = 1920
MAX_NAME = 200


def max_birth_year(today: date | None = None) -> int:
    """Collaborators are at least ten years old."""
    return (today or date.today()).year - 10


@dataclass
class PersonInput:
    """What a form (or a script) gives for one person. Raw text is fine: it is cleaned
    (NFC, spaces, title case for the name, national phone form) on the way in."""

    full_name: str
    gender: str | None = None  # "male" / "female" / "other" (Gender) or None
    birth_year: int | str | None = None
    phone: str | None = None
    neighbourhood_id: int | None = None
    role_id: int | None = None
    unit: str = ""
    notes: str = ""
    consent_date: date | None = None
    consent_method: str = ""


class PersonInvalid(UserError):
    """Field problems: ``problems`` maps a PersonInput field to its Vietnamese message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()), code="invalid_person")
        self.problems = problems


class DuplicatePerson(UserError):
    """The same name (NFC, case, spaces, tone placement) and the same phone as someone
    already stored; ``existing_id`` is that person."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message, code="duplicate_person")
        self.existing_id = existing_id


@dataclass
class _Clean:
    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def _birth_year(raw: int | str | None, today: date, problems: dict[str, str]) -> int | None:
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        return None
    text = clean_text(str(raw))
    if not text.isdigit():
        problems["birth_year"] = "Năm sinh phải là số có 4 chữ số, ví dụ 1975."
        return None
    year = int(text)
    if not MIN_BIRTH_YEAR <= year <= max_birth_year(today):
        problems["birth_year"] = (f"Năm sinh phải từ {MIN_BIRTH_YEAR} đến "
                                  f"{max_birth_year(today)}.")
        return None
    return year


def _reference(session: Session, model: Any, ref_id: int | None, current: int | None,
               field_name: str, word: str, problems: dict[str, str]) -> int | None:
    if ref_id is None:
        return None
    row = session.get(model, ref_id)
    if row is None:
        problems[field_name] = f"{word} đã chọn không còn trong danh sách; hãy chọn lại."
        return None
    if row.archived and ref_id != current:
        problems[field_name] = f"{word} “{row.name}” đã được lưu trữ; hãy chọn {word.lower()} khác."
        return None
    return ref_id


def validate_person(session: Session, data: PersonInput, *, current: Person | None = None,
                    today: date | None = None) -> dict[str, Any]:
    """Cleaned column values for ``data``; raises ``PersonInvalid`` listing every problem."""
    today = today or date.today()
    out = _Clean()
    problems = out.problems
    name = title_case_name(data.full_name or "")
    if not name:
        problems["full_name"] = "Chưa nhập họ tên."
    elif len(name) > MAX_NAME:
        problems["full_name"] = f"Họ tên dài quá {MAX_NAME} ký tự."
    elif (script := name_script_problem(name)) is not None:
        problems["full_name"] = script + "."
    gender = data.gender or None
    if gender is not None and gender not in values(Gender):
        problems["gender"] = "Giới tính phải là Nam, Nữ hoặc Khác."
    year = _birth_year(data.birth_year, today, problems)
    phone: str | None = None
    raw_phone = clean_text(data.phone or "")
    if raw_phone:
        reason = phone_problem(raw_phone)
        if reason:
            problems["phone"] = f"Số điện thoại không hợp lệ: {reason}."
        else:
            phone = normalize_phone(raw_phone)
    nb = _reference(session, Neighbourhood, data.neighbourhood_id,
                    current.neighbourhood_id if current else None, "neighbourhood_id",
                    "Khu phố", problems)
    role = _reference(session, Role, data.role_id, current.role_id if current else None,
                      "role_id", "Chức danh", problems)
    unit = clean_text(data.unit or "")
    if len(unit) > 200:
        problems["unit"] = "Tên đơn vị dài quá 200 ký tự."
    method = clean_text(data.consent_method or "")
    if data.consent_date is not None:
        if data.consent_date > today:
            problems["consent_date"] = "Ngày đồng ý không được sau hôm nay."
        if not method:
            problems["consent_method"] = ("Hãy ghi cách người này đồng ý, ví dụ “Ký phiếu "
                                          "đồng ý”.")
    elif method:
        problems["consent_date"] = "Hãy chọn ngày người này đồng ý."
    if problems:
        raise PersonInvalid(problems)
    return {
        "full_name": name, "search_key": search_key(name), "gender": gender,
        "birth_year": year, "phone": phone, "neighbourhood_id": nb, "role_id": role,
        "unit": unit, "notes": clean_text(data.notes or "", keep_newlines=True),
        "consent_date": data.consent_date, "consent_method": method or None,
    }


def _describe(session: Session, person: Person) -> str:
    parts = [person.full_name]
    if person.birth_year:
        parts.append(f"sinh {person.birth_year}")
    if person.phone:
        parts.append(person.phone)
    if person.neighbourhood_id:
        nb = session.get(Neighbourhood, person.neighbourhood_id)
        if nb is not None:
            parts.append(nb.name)
    return ", ".join(parts)


def _refuse_double(session: Session, values_: dict[str, Any], own_id: int | None) -> None:
    phone = values_["phone"]
    if not phone:
        return
    key = name_identity_key(values_["full_name"])
    candidates = session.scalars(select(Person).where(
        Person.phone == phone, Person.erased.is_(False), Person.id != (own_id or 0)))
    for other in candidates:
        if name_identity_key(other.full_name) == key:
            where = (" Người này đang được lưu trữ: bật “Hiện cả người đã lưu trữ” để thấy."
                     if other.archived else "")
            raise DuplicatePerson(
                f"Đã có người này trong danh sách: {_describe(session, other)} (mã "
                f"{other.id}), cùng họ tên và số điện thoại. Hãy sửa người đã có thay vì "
                f"thêm mới.{where}", other.id)


def add_person(factory: Factory, data: PersonInput, *, today: date | None = None) -> PersonRow:
    """Store a new collaborator. ``PersonInvalid`` for bad fields, ``DuplicatePerson`` when
    the same name and phone are already stored."""
    operator = operator_name(factory)
    with factory.begin() as session:
        cleaned = validate_person(session, data, today=today)
        _refuse_double(session, cleaned, None)
        person = Person(**cleaned, archived=False, erased=False, is_demo=False)
        session.add(person)
        session.flush()
        audit(session, "person.add", person.id, operator=operator,
              after={"fields": sorted(k for k, v in cleaned.items()
                                      if v not in (None, "") and k != "search_key")})
        log.info("person %d added", person.id)
        return person_row(session, person.id)


def update_person(factory: Factory, person_id: int, data: PersonInput, *,
                  today: date | None = None) -> PersonRow:
    """Replace a collaborator's fields with ``data`` (same checks as ``add_person``)."""
    operator = operator_name(factory)
    with factory.begin() as session:
        person = load_person(session, person_id)
        cleaned = validate_person(session, data, current=person, today=today)
        _refuse_double(session, cleaned, person.id)
        changed = sorted(k for k, v in cleaned.items()
                         if getattr(person, k) != v and k != "search_key")
        for key, value in cleaned.items():
            setattr(person, key, value)
        if changed:
            audit(session, "person.update", person.id, operator=operator,
                  after={"fields": changed})
            log.info("person %d updated (%s)", person.id, ", ".join(changed))
        session.flush()
        return person_row(session, person.id)


def _set_archived(factory: Factory, person_id: int, archived: bool) -> PersonRow:
    operator = operator_name(factory)
    with factory.begin() as session:
        person = load_person(session, person_id)
        if person.archived != archived:
            person.archived = archived
            audit(session, "person.archive" if archived else "person.unarchive", person.id,
                  operator=operator)
            log.info("person %d %s", person.id, "archived" if archived else "unarchived")
        session.flush()
        return person_row(session, person.id)


def archive_person(factory: Factory, person_id: int) -> PersonRow:
    """Hide a collaborator from the lists; nothing is deleted (history stays)."""
    return _set_archived(factory, person_id, True)


def unarchive_person(factory: Factory, person_id: int) -> PersonRow:
    return _set_archived(factory, person_id, False)


unarchive = unarchive_person


# --- export ---------------------------------------------------------------------------------


def export_roster(factory: Factory, path: Path | str, *, search: str = "",
                  neighbourhood_id: int | None = None, role_id: int | None = None,
                  include_archived: bool = False, today: date | None = None) -> ExportResult:
    """Write the roster (the same people ``list_people`` gives for these filters, in the
    same order) to an XLSX file with Vietnamese headers."""
    target = check_xlsx_target(Path(path))
    people = list_people(factory, search=search, neighbourhood_id=neighbourhood_id,
                         role_id=role_id, include_archived=include_archived)
    today = today or date.today()
    entries = [roster_xlsx.RosterEntry(
        full_name=p.full_name, gender=p.gender_label, birth_year=p.birth_year,
        phone=p.phone or "", neighbourhood=p.neighbourhood_name, role=p.role_name,
        unit=p.unit, notes=p.notes, sessions_attended=p.sessions_attended,
        certificates=p.certificates, consent=format_date(p.consent_date),
        consent_method=p.consent_method, archived=p.archived) for p in people]
    write_xlsx(target, lambda t: roster_xlsx.write_roster(
        t, entries, title=f"Danh sách cộng tác viên ({today:%d/%m/%Y})"))
    log.info("roster exported: %d people", len(entries))
    return ExportResult(str(target), len(entries))
