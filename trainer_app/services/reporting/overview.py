"""The first figures of the Tổng quan page: collaborators, sessions held and planned, the
next session, and whether any station has sent its figures (a regional centre).

Plain SQL (``db.plain_reads``): on a SQLite workspace the first page is read without
SQLAlchemy, which keeps the start light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer_app.db.plain_reads import ReadSource, as_date, reading
from trainer_app.domain.enums import SessionStatus

__all__ = ["Overview", "get_overview"]

COUNTS = """
SELECT
  (SELECT COUNT(*) FROM person WHERE NOT archived AND NOT erased),
  (SELECT COUNT(*) FROM training_session WHERE status = :finished),
  (SELECT COUNT(*) FROM training_session WHERE status = :planned),
  (SELECT COUNT(*) FROM xch_station)
"""
NEXT_SESSION = """
SELECT title, held_on FROM training_session
WHERE status = :planned AND held_on >= :today
ORDER BY held_on LIMIT 1
"""


@dataclass(frozen=True)
class Overview:
    people: int
    sessions_finished: int
    sessions_planned: int
    next_session_title: str | None
    next_session_date: date | None
    stations: int = 0  # stations whose packages were imported (a regional centre)


def get_overview(source: ReadSource, today: date | None = None) -> Overview:
    """``source``: the workspace's ``reads`` (or any session factory)."""
    today = today or date.today()
    planned = SessionStatus.PLANNED.value
    with reading(source) as db:
        people, finished, planned_count, stations = db.rows(COUNTS, {
            "finished": SessionStatus.FINISHED.value, "planned": planned})[0]
        upcoming = db.rows(NEXT_SESSION, {"planned": planned, "today": today})
    return Overview(
        people=people or 0,
        sessions_finished=finished or 0,
        sessions_planned=planned_count or 0,
        next_session_title=upcoming[0][0] if upcoming else None,
        next_session_date=as_date(upcoming[0][1]) if upcoming else None,
        stations=stations or 0,
    )
