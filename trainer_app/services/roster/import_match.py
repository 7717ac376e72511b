"""Roster import: decide, row by row, what happens to each cleaned row against a snapshot of
the people already stored. Pure (no database), so the preview, a change of decision and the
commit all run the same code.

Rules:
* same name (``name_identity_key``: NFC, case, spaces, Thuý/Thúy) and same phone as a stored
  person or an earlier row: the same person, merged (empty fields filled, nothing
  overwritten; a different value is reported as a conflict);
* same name, no phone to compare (either side blank), birth years equal or unknown: a
  possible double; the caller decides ("add", "merge" or "skip"; undecided = not stored);
* otherwise a new person. Rows with problems are not stored, unless the caller imports bad
  rows too, then without the bad values (which are written into the notes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from trainer_app.domain.enums import GENDER_LABELS, Gender
from trainer_app.domain.vntext import name_identity_key, search_key
from trainer_app.services.roster.import_rows import CleanRow

ADD, MERGE, DOUBLE, ERROR, SKIP = "add", "merge", "double", "error", "skip"
DECISIONS = (ADD, MERGE, SKIP)
DEFAULT_NEIGHBOURHOODS = range(1, 76)
FILL_FIELDS = ("gender", "birth_year", "phone", "neighbourhood", "role", "unit", "notes")
FIELD_WORDS = {"gender": "giới tính", "birth_year": "năm sinh", "phone": "số điện thoại",
               "neighbourhood": "khu phố", "role": "chức danh", "unit": "đơn vị",
               "notes": "ghi chú"}

Ref = tuple[str, Any]  # ("id", 12) | ("num", 5) for khu phố; ("id", 3) | ("new", key) for roles


@dataclass
class KnownPerson:
    id: int
    full_name: str
    gender: str | None
    birth_year: int | None
    phone: str | None
    neighbourhood_id: int | None
    role_id: int | None
    unit: str
    notes: str
    archived: bool


@dataclass
class Snapshot:
    """What the classification needs to know about the stored data."""

    people: list[KnownPerson]
    neighbourhoods: dict[int, tuple[int | None, str]]  # id -> (number, name)
    roles: dict[int, str]  # id -> name

    def __post_init__(self) -> None:
        self.nb_by_number = {num: i for i, (num, _) in self.neighbourhoods.items()
                             if num is not None}
        self.nb_by_name = {search_key(name): i for i, (_, name) in self.neighbourhoods.items()}
        self.role_by_key = {search_key(name): i for i, name in self.roles.items()}

    @property
    def fingerprint(self) -> str:
        """Changes when anything the classification depends on changes."""
        digest = hashlib.sha256()
        for p in sorted(self.people, key=lambda p: p.id):
            digest.update(repr((p.id, name_identity_key(p.full_name), p.phone, p.birth_year,
                                p.archived)).encode())
        digest.update(repr(sorted(self.neighbourhoods.items())).encode())
        digest.update(repr(sorted(self.roles.items())).encode())
        return digest.hexdigest()

    def nb_label(self, ref: Ref | None) -> str:
        if ref is None:
            return ""
        if ref[0] == "num":
            return f"Khu phố {ref[1]}"
        return self.neighbourhoods.get(ref[1], (None, "?"))[1]

    def role_label(self, ref: Ref | None, new_roles: dict[str, str]) -> str:
        if ref is None:
            return ""
        return new_roles.get(ref[1], ref[1]) if ref[0] == "new" else self.roles.get(ref[1], "?")


@dataclass
class Entity:
    """A person as the import leaves them: a stored one (``person_id``) or a new one."""

    person_id: int | None
    name: str
    key: str
    values: dict[str, Any]
    first_row: int | None = None
    rows: list[int] = field(default_factory=list)
    archived: bool = False
    #: For stored people: field -> (value before, value after) of the fills.
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def describe(self) -> str:
        if self.person_id is not None:
            return f"{self.name} (đã có trong danh sách)"
        return f"{self.name} (dòng {self.first_row})"


@dataclass
class PlannedRow:
    """One row of the preview: what will happen and why, in Vietnamese."""

    row: int
    action: str  # "add" | "merge" | "double" | "error"
    name: str
    original_name: str | None
    birth_year: int | None
    gender: str | None
    phone: str
    neighbourhood: str
    role: str
    reason: str = ""
    #: The caller's choice for this row ("add" / "merge" / "skip"), if any.
    decision: str | None = None
    #: What the commit does with the row: "add", "merge" or "skip".
    effective: str = SKIP
    target_person_id: int | None = None
    target_row: int | None = None
    target_name: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def gender_label(self) -> str:
        return GENDER_LABELS[Gender(self.gender)] if self.gender else ""


@dataclass
class Outcome:
    rows: list[PlannedRow]
    entities: list[Entity]
    new_roles: dict[str, str]  # search key -> name as first written
    default_neighbourhoods: bool
    added: int = 0
    merged: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _fmt(name: str, value: Any, snapshot: Snapshot, new_roles: dict[str, str]) -> str:
    if name == "gender":
        return GENDER_LABELS[Gender(value)]
    if name == "neighbourhood":
        return snapshot.nb_label(value)
    if name == "role":
        return snapshot.role_label(value, new_roles)
    return str(value)


class _Classifier:
    def __init__(self, snapshot: Snapshot, decisions: dict[int, str],
                 include_bad_rows: bool) -> None:
        self.snap = snapshot
        self.decisions = decisions
        self.include_bad = include_bad_rows
        self.index: dict[str, list[Entity]] = {}
        self.entities: list[Entity] = []
        self.new_roles: dict[str, str] = {}
        self.default_nb = not snapshot.neighbourhoods
        self.uses_default_nb = False
        for p in snapshot.people:
            entity = Entity(p.id, p.full_name, name_identity_key(p.full_name), {
                "gender": p.gender, "birth_year": p.birth_year, "phone": p.phone,
                "neighbourhood": ("id", p.neighbourhood_id) if p.neighbourhood_id else None,
                "role": ("id", p.role_id) if p.role_id else None,
                "unit": p.unit, "notes": p.notes}, archived=p.archived)
            self.index.setdefault(entity.key, []).append(entity)

    # -- references ------------------------------------------------------------------------

    def nb_ref(self, row: CleanRow) -> tuple[Ref | None, str | None]:
        value = row.neighbourhood
        if value is None:
            return None, None
        if isinstance(value, int):
            if value in self.snap.nb_by_number:
                return ("id", self.snap.nb_by_number[value]), None
            if self.default_nb and value in DEFAULT_NEIGHBOURHOODS:
                return ("num", value), None
            numbers = sorted(self.snap.nb_by_number)
            known = "1–75" if self.default_nb else ", ".join(str(n) for n in numbers[:12])
            if len(numbers) > 12:
                known += "…"
            return None, f"Khu phố {value} không có trong danh sách khu phố ({known})"
        found = self.snap.nb_by_name.get(search_key(value))
        if found is not None:
            return ("id", found), None
        return None, f"Khu phố “{value}” không có trong danh sách khu phố"

    def role_ref(self, row: CleanRow) -> Ref | None:
        if not row.role:
            return None
        key = search_key(row.role)
        if key in self.snap.role_by_key:
            return ("id", self.snap.role_by_key[key])
        self.new_roles.setdefault(key, row.role)
        return ("new", key)

    # -- rows -------------------------------------------------------------------------------

    def run(self, rows: list[CleanRow]) -> Outcome:
        planned = [self.classify_row(row) for row in rows]
        outcome = Outcome(planned, self.entities, self.new_roles, self.uses_default_nb)
        self.summarise(outcome)
        return outcome

    def classify_row(self, row: CleanRow) -> PlannedRow:
        problems = list(row.problems)
        nb, nb_problem = self.nb_ref(row)
        if nb_problem:
            problems.append(nb_problem)
        plan = PlannedRow(row.row, ERROR, row.name, row.original_name, row.birth_year,
                          row.gender, row.phone_text, row.neighbourhood_text, row.role,
                          warnings=list(row.warnings))
        plan.decision = self.decisions.get(row.row)
        if problems:
            plan.reason = "; ".join(problems)
            if not (self.include_bad and row.has_name):
                plan.decision = None
                return plan
        values: dict[str, Any] = {
            "gender": row.gender, "birth_year": row.birth_year, "phone": row.phone,
            "neighbourhood": nb, "role": None, "unit": row.unit, "notes": row.notes}
        if problems:
            dropped = list(row.dropped)
            if nb_problem:
                dropped.append(f"Khi nhập: khu phố “{row.neighbourhood_text}” không có trong "
                               "danh sách")
            values["notes"] = "\n".join(filter(None, [row.notes, *dropped]))
        matches = self.index.get(row.key, [])
        target = self.match_phone(matches, row) if row.phone else None
        if target is not None:
            action, how = MERGE, "cùng số điện thoại"
        else:
            target = self.match_double(matches, row)
            action = DOUBLE if target is not None else ADD
            how = ("cùng năm sinh, không có số điện thoại để so" if row.birth_year
                   else "không có số điện thoại hay năm sinh để so")
            if target is None and matches:
                plan.warnings.append(f"trùng tên với {matches[0].describe()} nhưng khác số "
                                     "điện thoại hoặc năm sinh: là người khác")
        if not problems:
            plan.action = action
        if target is not None:
            plan.target_person_id = target.person_id
            plan.target_row = target.first_row if target.person_id is None else None
            plan.target_name = target.name
            verb = "Cùng người với" if action == MERGE else "Có thể trùng với"
            plan.reason = (plan.reason + "; " if plan.reason else "") + \
                f"{verb} {target.describe()}: {how}"
            if target.archived:
                plan.warnings.append(f"{target.name} đang được lưu trữ (không còn hoạt động)")
        if plan.decision == MERGE and target is None:
            plan.decision = None  # nothing to merge with: the row is new
        effective = plan.decision or (action if action in (ADD, MERGE) else SKIP)
        plan.effective = effective
        if effective == SKIP:
            return plan
        if problems:
            plan.warnings.append("nhập cả dòng có lỗi, bỏ trống giá trị lỗi (ghi vào ghi chú)")
        values["role"] = self.role_ref(row)
        if effective == MERGE and target is not None:
            self.fold(target, row, values, plan)
        else:
            entity = Entity(None, row.name, row.key, values, first_row=row.row, rows=[row.row])
            self.entities.append(entity)
            self.index.setdefault(row.key, []).append(entity)
        if nb is not None and nb[0] == "num":
            self.uses_default_nb = True
        return plan

    @staticmethod
    def match_phone(matches: list[Entity], row: CleanRow) -> Entity | None:
        return next((e for e in matches if e.values["phone"] == row.phone), None)

    @staticmethod
    def match_double(matches: list[Entity], row: CleanRow) -> Entity | None:
        for e in matches:
            year = e.values["birth_year"]
            if (not row.phone or not e.values["phone"]) and (
                    row.birth_year is None or year is None or row.birth_year == year):
                return e
        return None

    def fold(self, target: Entity, row: CleanRow, values: dict[str, Any],
             plan: PlannedRow) -> None:
        if target.person_id is not None and target not in self.entities:
            self.entities.append(target)
        target.rows.append(row.row)
        for name in FILL_FIELDS:
            new, current = values[name], target.values[name]
            if new in (None, ""):
                continue
            if current in (None, ""):
                target.values[name] = new
                if target.person_id is not None:
                    before = target.changes.get(name, (current, None))[0]
                    target.changes[name] = (before, new)
            elif current != new and not (name == "role" and self._same_role(current, new)):
                old_text = _fmt(name, current, self.snap, self.new_roles)
                new_text = _fmt(name, new, self.snap, self.new_roles)
                if name == "notes":
                    plan.warnings.append(
                        f"ghi chú khác với {target.describe()}, giữ ghi chú cũ")
                else:
                    plan.warnings.append(
                        f"{FIELD_WORDS[name]} khác với {target.describe()} ({old_text} / "
                        f"{new_text}), giữ {old_text}")

    def _same_role(self, a: Ref, b: Ref) -> bool:
        return search_key(self.snap.role_label(a, self.new_roles)) == \
            search_key(self.snap.role_label(b, self.new_roles))

    def summarise(self, outcome: Outcome) -> None:
        for plan in outcome.rows:
            if plan.effective == ADD:
                outcome.added += 1
            elif plan.effective == MERGE:
                outcome.merged += 1
            elif plan.decision == SKIP:
                reason = "Bỏ qua theo lựa chọn" + (f" ({plan.reason})" if plan.reason else "")
                outcome.skipped.append({"row": plan.row, "reason": reason})
            elif plan.action == ERROR:
                outcome.skipped.append({"row": plan.row, "reason": plan.reason})
            else:
                outcome.warnings.append(
                    f"Dòng {plan.row}: {plan.name} — {plan.reason[0].lower()}"
                    f"{plan.reason[1:]}. Chưa nhập dòng này: hãy quyết định trong giao diện "
                    "(Nhập từ Excel) hoặc sửa tệp.")
            if plan.effective != SKIP:
                outcome.warnings.extend(f"Dòng {plan.row}: {w}" for w in plan.warnings)


def classify(rows: list[CleanRow], snapshot: Snapshot, decisions: dict[int, str] | None = None,
             include_bad_rows: bool = False) -> Outcome:
    """Decide every row. ``decisions`` (row -> "add" / "merge" / "skip") settle possible
    doubles and may override other rows (skip a row, add a merge as a new person)."""
    for row, decision in (decisions or {}).items():
        if decision not in DECISIONS:
            raise ValueError(f"row {row}: unknown decision {decision!r}")
    return _Classifier(snapshot, dict(decisions or {}), include_bad_rows).run(rows)
