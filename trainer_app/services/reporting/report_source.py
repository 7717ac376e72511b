"""Where the period report reads its rows: the workspace's own tables (``LOCAL``), or one
station's data imported from its exchange packages (``station_source``). Both have the
columns the report reads under the same names; imported rows carry a ``station_id``, so the
source adds "this station" to every table it reads and to every join. One function
(``period_report.build_period_report``) makes the figures from either, so a station's
figures at the centre equal its own period report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, true
from sqlalchemy.sql.elements import ColumnElement

from trainer_app.db.models import (
    Attempt,
    Attendance,
    ExchangeAttempt,
    ExchangeAttendance,
    ExchangeNeighbourhood,
    ExchangePerson,
    ExchangeSession,
    Neighbourhood,
    Person,
    TrainingSession,
)

__all__ = ["LOCAL", "ReportSource", "station_source"]


@dataclass(frozen=True)
class ReportSource:
    session: Any  # tables (sqlalchemy Table): id, held_on, start_time, title, status
    attendance: Any  # session_id, person_id, status
    person: Any  # id, gender, neighbourhood_id
    neighbourhood: Any  # id, number, name, archived
    attempt: Any  # as figures.latest_attempts reads
    station_id: int | None = None
    # khu phố name -> people trained up to the period's end, as the station counted it in its
    # package (its history before the packages the centre holds); the report takes the
    # higher of this and what it counts itself.
    coverage_floor: dict[str, int] = field(default_factory=dict)

    def own(self, table: Any) -> ColumnElement[bool]:
        """This source's rows of ``table``."""
        return true() if self.station_id is None else table.c.station_id == self.station_id

    def join(self, left: Any, right: Any, on: ColumnElement[bool]) -> ColumnElement[bool]:
        """``on``, plus "same station" for imported rows."""
        if self.station_id is None:
            return on
        return and_(on, left.c.station_id == right.c.station_id)


LOCAL = ReportSource(TrainingSession.__table__, Attendance.__table__, Person.__table__,
                     Neighbourhood.__table__, Attempt.__table__)


def station_source(station_id: int, coverage_floor: dict[str, int] | None = None,
                   ) -> ReportSource:
    return ReportSource(ExchangeSession.__table__, ExchangeAttendance.__table__,
                        ExchangePerson.__table__, ExchangeNeighbourhood.__table__,
                        ExchangeAttempt.__table__, station_id, dict(coverage_floor or {}))
