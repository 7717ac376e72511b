"""The stations this workspace knows from imported packages: code, name, fingerprint, last
package (``list_stations``); whether a station is late with its package (``is_late``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import ExchangePackage, ExchangeStation
from trainer_app.services.exchange import keys

__all__ = ["LATE_AFTER_DAYS", "StationInfo", "has_stations", "is_late", "list_stations"]

Factory = sessionmaker[Session]
# A station is late when its newest package covers nothing after the end of the quarter
# before last plus this grace (the quarterly report is due early in the next quarter).
LATE_AFTER_DAYS = 15


@dataclass(frozen=True)
class StationInfo:
    id: int
    code: str
    name: str
    fingerprint: str
    packages: int
    last_made_at: str  # ISO, when the newest package was made
    last_period_end: str  # ISO end of the latest period received
    last_imported_at: str
    late: bool


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def is_late(last_period_end: date | None, today: date) -> bool:
    """Late: the last quarter ended more than ``LATE_AFTER_DAYS`` ago and its figures have
    not come in."""
    due_end = _quarter_start(today) - timedelta(days=1)  # end of the last full quarter
    if today - due_end <= timedelta(days=LATE_AFTER_DAYS):
        due_end = _quarter_start(due_end) - timedelta(days=1)
    return last_period_end is None or last_period_end < due_end


def has_stations(factory: Factory) -> bool:
    with factory() as session:
        return session.scalar(select(func.count(ExchangeStation.id))) > 0


def list_stations(factory: Factory, today: date | None = None) -> list[StationInfo]:
    today = today or date.today()
    with factory() as session:
        stations = list(session.scalars(select(ExchangeStation).order_by(ExchangeStation.code)))
        stats = {sid: (n, made, end, imported) for sid, n, made, end, imported in session.execute(
            select(ExchangePackage.station_id, func.count(ExchangePackage.id),
                   func.max(ExchangePackage.made_at), func.max(ExchangePackage.period_end),
                   func.max(ExchangePackage.imported_at))
            .group_by(ExchangePackage.station_id))}
    out = []
    for s in stations:
        n, made, end, imported = stats.get(s.id, (0, None, None, None))
        out.append(StationInfo(s.id, s.code, s.name,
                               keys.fingerprint(bytes.fromhex(s.public_key)), n,
                               made.isoformat(sep=" ") if made else "",
                               end.isoformat() if end else "",
                               imported.isoformat(sep=" ", timespec="seconds") if imported
                               else "", is_late(end, today)))
    return out
