"""The consolidated report of the stations imported into this workspace
(``build_district_report``): each station's figures come from ``build_period_report`` over
that station's imported rows — the very function behind its own `report period` — so a
station's line equals its own period report for the same period."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import ExchangePackage, ExchangeStation
from trainer_app.reports.district_dto import DistrictLine, DistrictReport
from trainer_app.services.document_header import header_from_org
from trainer_app.services.reporting.period_report import Period, build_period_report
from trainer_app.services.reporting.report_source import station_source
from trainer_app.services.workspace.settings import load_org

__all__ = ["StationTile", "build_district_report", "district_json", "station_tiles"]

Factory = sessionmaker[Session]
JSON_KEYS = ("code", "name", "sessions", "people", "neighbourhoods_without", "pass_rate",
             "pre_average", "post_average", "gain")


def _floors(session: Session, period: Period) -> dict[int, dict[str, int]]:
    """Per station, the khu phố counts of its newest package ending by the period's end."""
    floors: dict[int, dict[str, int]] = {}
    for station_id, coverage in session.execute(
            select(ExchangePackage.station_id, ExchangePackage.coverage_json)
            .where(ExchangePackage.period_end <= period.end)
            .order_by(ExchangePackage.period_end, ExchangePackage.sequence)):
        try:
            data = json.loads(coverage)
        except ValueError:
            continue
        if isinstance(data, dict):
            floors[station_id] = {str(k): int(v) for k, v in data.items()
                                  if isinstance(v, int)}
    return floors


def _pooled(lines: list[DistrictLine], counts: list[tuple[int, int, int]]) -> DistrictLine:
    pre_n = sum(c[0] for c in counts)
    post_n = sum(c[1] for c in counts)
    passed = sum(c[2] for c in counts)
    pre = sum((line.pre_average or 0) * c[0] for line, c in zip(lines, counts, strict=True))
    post = sum((line.post_average or 0) * c[1] for line, c in zip(lines, counts, strict=True))
    pre_avg = round(pre / pre_n, 2) if pre_n else None
    post_avg = round(post / post_n, 2) if post_n else None
    gain = round(post_avg - pre_avg, 2) if pre_avg is not None and post_avg is not None \
        else None
    return DistrictLine("", "Cộng", sum(x.sessions for x in lines), sum(x.people for x in lines),
                        sum(x.neighbourhoods_total for x in lines),
                        sum(x.neighbourhoods_without for x in lines),
                        passed / post_n if post_n else None, pre_avg, post_avg, gain,
                        sum(x.attendances for x in lines))


def build_district_report(factory: Factory, period: Period) -> DistrictReport:
    with factory() as session:
        stations = list(session.execute(select(ExchangeStation.id, ExchangeStation.code,
                                               ExchangeStation.name)
                                        .order_by(ExchangeStation.code)))
        floors = _floors(session, period)
        made = dict(session.execute(select(ExchangePackage.station_id, ExchangePackage.made_at)
                                    .order_by(ExchangePackage.made_at)).all())
    lines, counts = [], []
    for station_id, code, name in stations:
        report = build_period_report(factory, period,
                                     station_source(station_id, floors.get(station_id)))
        s = report.scores
        lines.append(DistrictLine(
            code, name, report.sessions_held, report.people, report.neighbourhoods_total,
            len(report.not_yet_trained), s.pass_rate, s.pre_average, s.post_average, s.gain,
            report.attendances, list(report.not_yet_trained),
            made[station_id].date() if station_id in made else None))
        counts.append((s.pre_count, s.post_count, s.passed))
    return DistrictReport(header_from_org(load_org(factory)), period.start, period.end,
                          period.label, lines, _pooled(lines, counts))


def district_json(report: DistrictReport) -> dict[str, Any]:
    """{"stations": [{code, name, sessions, people, neighbourhoods_without, pass_rate,
    pre_average, post_average, gain}], "total": {…}} — the keys and units of
    `report period --json`."""
    def one(line: DistrictLine) -> dict[str, Any]:
        data = asdict(line)
        return {k: data[k] for k in JSON_KEYS}

    return {"stations": [one(x) for x in report.stations], "total": one(report.total)}


@dataclass(frozen=True)
class StationTile:
    """One station on Tổng quan: people trained this year, khu phố covered up to today,
    the last package's date, and whether the station is late with its package."""

    code: str
    name: str
    people: int
    hoods_total: int
    hoods_covered: int
    last_package: date | None
    late: bool

    @property
    def coverage(self) -> float | None:
        return self.hoods_covered / self.hoods_total if self.hoods_total else None


def station_tiles(factory: Factory, today: date | None = None) -> list[StationTile]:
    from trainer_app.services.exchange.stations import list_stations
    from trainer_app.services.reporting.period_report import make_period

    today = today or date.today()
    period = make_period(date(today.year, 1, 1), max(today, date(today.year, 1, 1)))
    with factory() as session:
        floors = _floors(session, period)
    tiles = []
    for info in list_stations(factory, today):
        report = build_period_report(factory, period, station_source(info.id,
                                                                     floors.get(info.id)))
        total = report.neighbourhoods_total
        tiles.append(StationTile(info.code, info.name, report.people, total,
                                 total - len(report.not_yet_trained),
                                 date.fromisoformat(info.last_made_at[:10])
                                 if info.last_made_at else None, info.late))
    return tiles
