"""Figures for the Tổng quan page and `db check`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Person, TrainingSession
from trainer_app.domain.enums import SessionStatus


@dataclass(frozen=True)
class Overview:
    people: int
    sessions_finished: int
    sessions_planned: int
    next_session_title: str | None
    next_session_date: date | None


def get_overview(factory: sessionmaker[Session], today: date | None = None) -> Overview:
    today = today or date.today()
    with factory() as session:
        people = session.scalar(
            select(func.count()).select_from(Person).where(
                Person.archived.is_(False), Person.erased.is_(False)
            )
        ) or 0
        finished = session.scalar(
            select(func.count()).select_from(TrainingSession).where(
                TrainingSession.status == SessionStatus.FINISHED
            )
        ) or 0
        planned = session.scalar(
            select(func.count()).select_from(TrainingSession).where(
                TrainingSession.status == SessionStatus.PLANNED
            )
        ) or 0
        upcoming = session.execute(
            select(TrainingSession.title, TrainingSession.held_on)
            .where(
                TrainingSession.status == SessionStatus.PLANNED,
                TrainingSession.held_on >= today,
            )
            .order_by(TrainingSession.held_on)
            .limit(1)
        ).first()
    return Overview(
        people=people,
        sessions_finished=finished,
        sessions_planned=planned,
        next_session_title=upcoming[0] if upcoming else None,
        next_session_date=upcoming[1] if upcoming else None,
    )
