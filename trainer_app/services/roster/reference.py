"""The lists people are filed under: khu phố (neighbourhoods) and roles (chức danh).

Both are archived, never deleted (people keep pointing at them). When a list is empty the
defaults are created: khu phố 1–75 ("Khu phố N", the ward's default) and the three roles of
the issue. ``ensure_default_neighbourhoods`` is the function that makes the default khu phố
list (the demo uses it too); the importer (roster_import_store) creates the same "Khu phố N"
rows itself, for the numbers a file names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer_app.db.models import Neighbourhood, Person, Role
from trainer_app.domain.vntext import clean_text, search_key, vi_collation_key
from trainer_app.services.errors import UserError
from trainer_app.services.roster.common import Factory, audit, operator_name

#: Khu phố 1–75, the ward's default list. The importer has the same range
#: (``roster_import_match.DEFAULT_NEIGHBOURHOODS``, checked by a test); it is not imported
#: from there because that module pulls in openpyxl, and pages must load without it.
DEFAULT_NEIGHBOURHOODS = range(1, 76)
DEFAULT_ROLES = ("CTV sức khỏe cộng đồng", "CTV dân số", "CTV bảo vệ chăm sóc trẻ em")
MAX_NEIGHBOURHOOD_NUMBER = 999


@dataclass(frozen=True)
class NeighbourhoodRow:
    id: int
    number: int | None
    name: str
    archived: bool
    people: int  # collaborators filed under it (not erased, archived ones too)


@dataclass(frozen=True)
class RoleRow:
    id: int
    name: str
    archived: bool
    people: int


def default_neighbourhood_name(number: int) -> str:
    return f"Khu phố {number}"


def ensure_default_neighbourhoods(session: Session) -> list[int]:
    """Create khu phố 1–75 when the list is empty; returns the ids created (else [])."""
    if session.scalar(select(func.count(Neighbourhood.id))):
        return []
    rows = [Neighbourhood(number=n, name=default_neighbourhood_name(n))
            for n in DEFAULT_NEIGHBOURHOODS]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def ensure_default_roles(session: Session) -> list[int]:
    """Create the three usual roles when there is no role at all."""
    if session.scalar(select(func.count(Role.id))):
        return []
    rows = [Role(name=name) for name in DEFAULT_ROLES]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def _people_counts(session: Session, column: object) -> dict[int, int]:
    return dict(session.execute(  # type: ignore[arg-type]
        select(column, func.count(Person.id)).where(Person.erased.is_(False))
        .group_by(column)).all())


# --- khu phố --------------------------------------------------------------------------------


def list_neighbourhoods(factory: Factory, *, include_archived: bool = False
                        ) -> list[NeighbourhoodRow]:
    """Khu phố by number (those without a number after, by name). Creates the default
    1–75 when the list is empty."""
    with factory.begin() as session:
        ensure_default_neighbourhoods(session)
        counts = _people_counts(session, Person.neighbourhood_id)
        query = select(Neighbourhood)
        if not include_archived:
            query = query.where(Neighbourhood.archived.is_(False))
        rows = [NeighbourhoodRow(n.id, n.number, n.name, n.archived, counts.get(n.id, 0))
                for n in session.scalars(query)]
    return sorted(rows, key=lambda r: (r.number is None, r.number or 0,
                                       vi_collation_key(r.name)))


def _check_neighbourhood(session: Session, name: str, number: int | None,
                         own_id: int | None) -> tuple[str, int | None]:
    name = clean_text(name or "")
    if number is not None and not 1 <= number <= MAX_NEIGHBOURHOOD_NUMBER:
        raise UserError(f"Số khu phố phải từ 1 đến {MAX_NEIGHBOURHOOD_NUMBER}.",
                        code="invalid_neighbourhood")
    if not name:
        if number is None:
            raise UserError("Hãy nhập số hoặc tên khu phố.", code="invalid_neighbourhood")
        name = default_neighbourhood_name(number)
    if len(name) > 100:
        raise UserError("Tên khu phố dài quá 100 ký tự.", code="invalid_neighbourhood")
    for other in session.scalars(select(Neighbourhood).where(Neighbourhood.id != (own_id or 0))):
        if number is not None and other.number == number:
            raise UserError(f"Đã có khu phố số {number} ({other.name}).",
                            code="duplicate_neighbourhood")
        if search_key(other.name) == search_key(name):
            raise UserError(f"Đã có khu phố tên “{other.name}”.", code="duplicate_neighbourhood")
    return name, number


def add_neighbourhood(factory: Factory, name: str = "", number: int | None = None
                      ) -> NeighbourhoodRow:
    """A new khu phố. A blank name with a number becomes "Khu phố N"."""
    operator = operator_name(factory)
    with factory.begin() as session:
        ensure_default_neighbourhoods(session)
        name, number = _check_neighbourhood(session, name, number, None)
        row = Neighbourhood(name=name, number=number)
        session.add(row)
        session.flush()
        audit(session, "neighbourhood.add", row.id, operator=operator, entity="neighbourhood",
              after={"number": number, "name": name})
        return NeighbourhoodRow(row.id, row.number, row.name, False, 0)


def update_neighbourhood(factory: Factory, neighbourhood_id: int, *, name: str,
                         number: int | None) -> NeighbourhoodRow:
    """Rename and/or renumber a khu phố; people filed under it follow."""
    operator = operator_name(factory)
    with factory.begin() as session:
        row = session.get(Neighbourhood, neighbourhood_id)
        if row is None:
            raise UserError(f"Không tìm thấy khu phố mã {neighbourhood_id}.",
                            code="unknown_neighbourhood")
        name, number = _check_neighbourhood(session, name, number, row.id)
        before = {"number": row.number, "name": row.name}
        row.name, row.number = name, number
        audit(session, "neighbourhood.update", row.id, operator=operator,
              entity="neighbourhood", before=before, after={"number": number, "name": name})
        people = _people_counts(session, Person.neighbourhood_id).get(row.id, 0)
        return NeighbourhoodRow(row.id, row.number, row.name, row.archived, people)


def rename_neighbourhood(factory: Factory, neighbourhood_id: int, name: str
                         ) -> NeighbourhoodRow:
    with factory() as session:
        row = session.get(Neighbourhood, neighbourhood_id)
        number = row.number if row is not None else None
    return update_neighbourhood(factory, neighbourhood_id, name=name, number=number)


def archive_neighbourhood(factory: Factory, neighbourhood_id: int, archived: bool = True
                          ) -> NeighbourhoodRow:
    """Hide a khu phố from the lists to choose from (or show it again). People filed under
    it keep it."""
    operator = operator_name(factory)
    with factory.begin() as session:
        row = session.get(Neighbourhood, neighbourhood_id)
        if row is None:
            raise UserError(f"Không tìm thấy khu phố mã {neighbourhood_id}.",
                            code="unknown_neighbourhood")
        if row.archived != archived:
            row.archived = archived
            audit(session, "neighbourhood.archive" if archived else "neighbourhood.unarchive",
                  row.id, operator=operator, entity="neighbourhood")
        people = _people_counts(session, Person.neighbourhood_id).get(row.id, 0)
        return NeighbourhoodRow(row.id, row.number, row.name, row.archived, people)


# --- roles ----------------------------------------------------------------------------------


def list_roles(factory: Factory, *, include_archived: bool = False) -> list[RoleRow]:
    """Roles in Vietnamese order; the three usual ones are created when there is none."""
    with factory.begin() as session:
        ensure_default_roles(session)
        counts = _people_counts(session, Person.role_id)
        query = select(Role)
        if not include_archived:
            query = query.where(Role.archived.is_(False))
        rows = [RoleRow(r.id, r.name, r.archived, counts.get(r.id, 0))
                for r in session.scalars(query)]
    return sorted(rows, key=lambda r: vi_collation_key(r.name))


def add_role(factory: Factory, name: str) -> RoleRow:
    """A new role. The same name written otherwise (case, accents) is the existing role,
    shown again if it was archived."""
    name = clean_text(name or "")
    if not name:
        raise UserError("Hãy nhập tên chức danh.", code="invalid_role")
    if len(name) > 200:
        raise UserError("Tên chức danh dài quá 200 ký tự.", code="invalid_role")
    operator = operator_name(factory)
    with factory.begin() as session:
        ensure_default_roles(session)
        for role in session.scalars(select(Role)):
            if search_key(role.name) == search_key(name):
                if not role.archived:
                    raise UserError(f"Đã có chức danh “{role.name}”.", code="duplicate_role")
                role.archived = False
                audit(session, "role.unarchive", role.id, operator=operator, entity="role")
                people = _people_counts(session, Person.role_id).get(role.id, 0)
                return RoleRow(role.id, role.name, False, people)
        role = Role(name=name)
        session.add(role)
        session.flush()
        audit(session, "role.add", role.id, operator=operator, entity="role",
              after={"name": name})
        return RoleRow(role.id, role.name, False, 0)
