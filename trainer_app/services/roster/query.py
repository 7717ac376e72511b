"""Reading the roster: the ``PersonRow`` DTO, search and the Vietnamese order.

Search runs in SQL: every word of the query must occur in the stored ``search_key``
(accent- and case-folded name, so "nguyen thi lan", "NGUYEN", "lan", "Thuý"/"Thúy", NFD
input all work, words in any order), and the digits of the query must occur in the phone
("0912", "912 345", "+84 912…"). The rows come back sorted by ``name_sort_key``; the
keys are cached per name, so sorting 5,000 people per keystroke costs milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from trainer_app.db.models import Attendance, Certificate, Neighbourhood, Person, Role
from trainer_app.domain.enums import GENDER_LABELS, AttendanceStatus, Gender
from trainer_app.domain.vntext import name_sort_key, search_key
from trainer_app.services.roster.common import Factory, load_person

#: Attendance statuses that count as "attended".
ATTENDED = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value)

_DIGITS = re.compile(r"\D")
_PHONE_TOKEN = re.compile(r"[\d+().\-]+")
_SPLIT = re.compile(r"[\s,;/]+")


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One collaborator as lists, the CLI and exports show them."""

    id: int
    full_name: str
    gender: str | None  # stored value: "male" / "female" / "other"
    gender_label: str  # "Nam" / "Nữ" / "Khác" / ""
    birth_year: int | None
    phone: str | None
    neighbourhood_id: int | None
    neighbourhood_number: int | None
    neighbourhood_name: str
    role_id: int | None
    role_name: str
    unit: str
    notes: str
    archived: bool
    consent_date: date | None
    consent_method: str
    sessions_attended: int
    certificates: int

    @property
    def has_consent(self) -> bool:
        return self.consent_date is not None


def gender_label(value: str | None) -> str:
    try:
        return GENDER_LABELS[Gender(value)] if value else ""
    except ValueError:
        return ""


@lru_cache(maxsize=65536)
def cached_sort_key(full_name: str) -> tuple[object, ...]:
    return name_sort_key(full_name)


class _NameOrder:
    """Rank of every name seen so far in the Vietnamese order, so that a list is sorted by
    one int per row instead of comparing nested collation keys (10× faster on 5,000
    rows). New names rebuild the ranks once (their keys are cached)."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}

    def ranks_for(self, names: Iterable[str]) -> dict[str, int]:
        rank = self.rank
        missing = {n for n in names if n not in rank}
        if missing:
            known = [] if len(rank) + len(missing) > self.LIMIT else list(rank)
            ordered = sorted([*known, *missing], key=cached_sort_key)
            rank = {name: i for i, name in enumerate(ordered)}
            self.rank = rank  # replaced whole: readers never see half a table
        return rank


_ORDER = _NameOrder()
_ID_SPAN = 1 << 40


def sort_people(rows: Iterable[PersonRow]) -> list[PersonRow]:
    """The Vietnamese order (given name, middle, family: ``name_sort_key``), the id
    breaking ties."""
    rows = list(rows)
    rank = _ORDER.ranks_for(r.full_name for r in rows)
    rows.sort(key=lambda r: rank[r.full_name] * _ID_SPAN + r.id)  # ints: no tuples made
    return rows


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    digits: str

    @property
    def empty(self) -> bool:
        return not self.words and not self.digits


def parse_search(text: str) -> SearchTerms:
    """Split what the user typed into folded name words and phone digits.

    "Nguyễn  THỊ lan" -> words (nguyen, thi, lan); "912 345" -> digits "912345";
    "lan 0912" -> both (a person must match both)."""
    words: list[str] = []
    digits: list[str] = []
    for token in _SPLIT.split(search_key(text or "")):
        if not token:
            continue
        if _PHONE_TOKEN.fullmatch(token):
            digits.append(_DIGITS.sub("", token))
        else:
            words.append(token)
    return SearchTerms(tuple(words), "".join(digits))


def _phone_condition(digits: str) -> Any:
    condition = Person.phone.contains(digits, autoescape=True)
    # "+84 912…" / "84912…": stored numbers are national (0912…).
    if digits.startswith("84") and len(digits) > 3:
        condition = or_(condition, Person.phone.contains("0" + digits[2:], autoescape=True))
    return condition


def _filters(terms: SearchTerms, neighbourhood_id: int | None, role_id: int | None,
             include_archived: bool) -> list[Any]:
    conditions: list[Any] = [Person.erased.is_(False)]
    if not include_archived:
        conditions.append(Person.archived.is_(False))
    if neighbourhood_id is not None:
        conditions.append(Person.neighbourhood_id == neighbourhood_id)
    if role_id is not None:
        conditions.append(Person.role_id == role_id)
    for word in terms.words:
        conditions.append(Person.search_key.contains(word, autoescape=True))
    if terms.digits:
        conditions.append(_phone_condition(terms.digits))
    return conditions


def _row_select() -> Select[Any]:
    attended = (select(func.count(Attendance.id))
                .where(Attendance.person_id == Person.id, Attendance.status.in_(ATTENDED))
                .correlate(Person).scalar_subquery())
    certificates = (select(func.count(Certificate.id))
                    .where(Certificate.person_id == Person.id, Certificate.revoked_at.is_(None))
                    .correlate(Person).scalar_subquery())
    nb = aliased(Neighbourhood)
    role = aliased(Role)
    return (select(Person.id, Person.full_name, Person.gender, Person.birth_year,
                   Person.phone, Person.neighbourhood_id, nb.number, nb.name, Person.role_id,
                   role.name, Person.unit, Person.notes, Person.archived,
                   Person.consent_date, Person.consent_method, attended, certificates)
            .outerjoin(nb, nb.id == Person.neighbourhood_id)
            .outerjoin(role, role.id == Person.role_id))


class _RowCache:
    """PersonRows by the exact values they were built from. Typing in the search box asks
    for the same people again and again: handing back the same (immutable) objects means a
    keystroke leaves no new objects behind, so it does not set off the garbage collector's
    full collections (50–100 ms pauses measured in bench/bench_roster_search.py). Keyed by
    content, so a changed person (or another workspace) simply gets a new entry."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self.rows: dict[tuple[Any, ...], PersonRow] = {}

    def row(self, values: tuple[Any, ...]) -> PersonRow:
        found = self.rows.get(values)
        if found is None:
            if len(self.rows) >= self.LIMIT:
                self.rows = {}
            r = values
            found = PersonRow(r[0], r[1], r[2], gender_label(r[2]), r[3], r[4], r[5], r[6],
                              r[7] or "", r[8], r[9] or "", r[10] or "", r[11] or "",
                              bool(r[12]), r[13], r[14] or "", r[15] or 0, r[16] or 0)
            self.rows[values] = found
        return found


_ROWS = _RowCache()


def query_people(session: Session, *, search: str = "", neighbourhood_id: int | None = None,
                 role_id: int | None = None, include_archived: bool = False,
                 ids: Iterable[int] | None = None) -> list[PersonRow]:
    """``list_people`` inside an open session (for other use cases)."""
    terms = parse_search(search)
    conditions = _filters(terms, neighbourhood_id, role_id, include_archived)
    if ids is not None:
        conditions = [Person.id.in_(list(ids))]
    # Core rows, converted one by one: no ORM loading, and each Row is freed at once.
    result = session.connection().execute(_row_select().where(and_(*conditions)))
    return sort_people(_ROWS.row(tuple(r)) for r in result)


def list_people(factory: Factory, *, search: str = "", neighbourhood_id: int | None = None,
                role_id: int | None = None, include_archived: bool = False) -> list[PersonRow]:
    """The collaborators matching ``search`` and the filters, in Vietnamese order.
    Archived people only with ``include_archived``; erased people never."""
    with factory() as session:
        return query_people(session, search=search, neighbourhood_id=neighbourhood_id,
                            role_id=role_id, include_archived=include_archived)


def count_people(factory: Factory, *, include_archived: bool = False) -> int:
    """How many collaborators there are (not erased; archived only if asked)."""
    conditions = [Person.erased.is_(False)]
    if not include_archived:
        conditions.append(Person.archived.is_(False))
    with factory() as session:
        return session.scalar(select(func.count(Person.id)).where(*conditions)) or 0


def person_row(session: Session, person_id: int) -> PersonRow:
    load_person(session, person_id)
    return query_people(session, ids=[person_id])[0]


def get_person(factory: Factory, person_id: int) -> PersonRow:
    """One collaborator (archived too). ``UserError`` when unknown or erased."""
    with factory() as session:
        return person_row(session, person_id)
