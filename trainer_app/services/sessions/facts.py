"""What the plan and the invitation say about a session, read in one transaction: its
details, its programme, its agenda and the people invited (sorted the Vietnamese way)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import (
    AgendaItem,
    Attendance,
    Neighbourhood,
    Person,
    Programme,
)
from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.sessions.service import load_session

__all__ = ["Invitee", "SessionFacts", "Step", "hood_key", "load_facts"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class Step:
    position: int
    kind: str
    title: str
    minutes: int | None


@dataclass(frozen=True)
class Invitee:
    person_id: int
    full_name: str
    gender: str | None
    birth_year: int | None
    neighbourhood: str


@dataclass(frozen=True)
class SessionFacts:
    id: int
    title: str
    held_on: date
    start_time: time | None
    end_time: time | None
    venue: str
    trainers: str
    programme_title: str
    programme_description: str
    steps: tuple[Step, ...]
    invitees: tuple[Invitee, ...]

    @property
    def neighbourhoods(self) -> list[str]:
        """The khu phố of the people invited, "Khu phố 2" before "Khu phố 10"."""
        return sorted({i.neighbourhood for i in self.invitees if i.neighbourhood},
                      key=hood_key)

    @property
    def has_pre_test(self) -> bool:
        return any(s.kind == "quiz" and "đầu vào" in s.title.lower() for s in self.steps)

    @property
    def has_quiz(self) -> bool:
        return any(s.kind == "quiz" for s in self.steps)


def hood_key(name: str) -> tuple[object, ...]:
    parts = re.split(r"(\d+)", name.lower())
    return (name == "", *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


def load_facts(factory: Factory, session_id: int) -> SessionFacts:
    with factory() as session:
        training = load_session(session, session_id)
        programme = (session.get(Programme, training.programme_id)
                     if training.programme_id else None)
        steps = tuple(Step(item.position, item.kind, item.title, item.duration_min)
                      for item in session.scalars(
                          select(AgendaItem).where(AgendaItem.session_id == session_id)
                          .order_by(AgendaItem.position)))
        rows = session.execute(
            select(Person.id, Person.full_name, Person.gender, Person.birth_year,
                   Neighbourhood.name)
            .join(Attendance, Attendance.person_id == Person.id)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .where(Attendance.session_id == session_id, Attendance.invited.is_(True),
                   Person.erased.is_(False))).all()
        invitees = sorted((Invitee(pid, name, gender, year, hood or "")
                           for pid, name, gender, year, hood in rows),
                          key=lambda i: name_sort_key(i.full_name))
        return SessionFacts(
            training.id, training.title, training.held_on, training.start_time,
            training.end_time, training.venue, training.trainers,
            programme.title if programme else "", programme.description if programme else "",
            steps, tuple(invitees))
