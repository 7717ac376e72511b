"""The period report (a quarter, a year or chosen dates) from the database, in one
transaction of a few aggregate queries: sessions held, people trained (distinct and
total), coverage of the khu phố, pass rates and gains over time. Rules of the figures are
in ``report_figures``; the same rules make the session report.

Fast on years of data (see bench/bench_reports.py): nothing is loaded row by row except
one line per session."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.enums import GENDER_LABELS, Gender, SessionStatus
from trainer_app.reports.report_dto import (
    CountRow,
    HoodCoverageLine,
    PeriodReport,
    PeriodSessionLine,
    TrendPoint,
)
from trainer_app.services.document_header import header_from_org
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.figures import (
    ARRIVED,
    HELD,
    PhaseTotals,
    phase_totals,
    split,
    summarise,
)
from trainer_app.services.reporting.report_source import LOCAL, ReportSource
from trainer_app.services.workspace.settings import load_org

__all__ = ["LIST_LIMIT", "LOCAL", "Period", "ReportSource", "build_period_report", "make_period",
           "parse_day",
           "quarter_period", "year_period"]

Factory = sessionmaker[Session]
LIST_LIMIT = 200  # sessions listed one by one in the PDF/DOCX; all of them in the XLSX
TREND_SESSIONS = 24  # up to this many sessions the chart has one bar per session
QUARTERS = ("I", "II", "III", "IV")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_VN = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str


def parse_day(text: str, what: str = "Ngày") -> date:
    """"2026-10-01" or "01/10/2026" (also 1/10/2026, 01.10.2026)."""
    iso, vn = _ISO.match(text or ""), _VN.match(text or "")
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if vn:
            return date(int(vn[3]), int(vn[2]), int(vn[1]))
    except ValueError:
        raise UserError(f"{what} \"{text}\" không có thật trên lịch; hãy kiểm tra lại ngày và "
                        "tháng.", code="bad_date") from None
    raise UserError(f"{what} \"{text}\" không đúng dạng; hãy ghi như 31/12/2026 hoặc "
                    "2026-12-31.", code="bad_date")


def _label(start: date, end: date) -> str:
    if start.day == 1 and start.month % 3 == 1 and end == quarter_period(
            start.year, (start.month - 1) // 3 + 1).end:
        return f"Quý {QUARTERS[(start.month - 1) // 3]} năm {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and \
            start.year == end.year:
        return f"Năm {start.year}"
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def make_period(start: date, end: date) -> Period:
    """A period of whole days; refuses dates typed backwards."""
    if end < start:
        raise UserError(f"Ngày bắt đầu ({start:%d/%m/%Y}) sau ngày kết thúc ({end:%d/%m/%Y}): "
                        "có lẽ hai ngày bị ghi ngược. Hãy ghi ngày sớm hơn ở \"Từ ngày\" (--from) "
                        "và ngày muộn hơn ở \"Đến ngày\" (--to).", code="dates_backwards")
    return Period(start, end, _label(start, end))


def quarter_period(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise UserError(f"Quý phải là 1, 2, 3 hoặc 4 (đã nhận {quarter}).", code="bad_quarter")
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) \
        - timedelta(days=1)
    return Period(start, end, f"Quý {QUARTERS[quarter - 1]} năm {year}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"Năm {year}")


def _sessions(session: Session, period: Period, src: ReportSource,
              ) -> tuple[list[tuple[int, date, str]], Counter[str]]:
    t = src.session.c
    rows = session.execute(
        select(t.id, t.held_on, t.title, t.status)
        .where(src.own(src.session), t.held_on >= period.start, t.held_on <= period.end)
        .order_by(t.held_on, t.start_time, t.id))
    held, statuses = [], Counter[str]()
    for sid, held_on, title, status in rows:
        statuses[status] += 1
        if status in HELD:
            held.append((sid, held_on, title))
    return held, statuses


def _trend(lines: list[PeriodSessionLine], totals: dict[int, dict[str, PhaseTotals]],
           ) -> tuple[list[TrendPoint], bool]:
    with_results = [s for s in lines if s.session_id in totals]
    by_month = len(with_results) > TREND_SESSIONS
    days = Counter(s.held_on for s in with_results)
    groups: dict[str, list[PeriodSessionLine]] = {}
    for line in with_results:
        if by_month:
            key = f"T{line.held_on.month}/{line.held_on.year}"
        else:  # two sessions on one day: told apart by their number
            key = f"{line.held_on:%d/%m}" + (f" (số {line.session_id})"
                                              if days[line.held_on] > 1 else "")
        groups.setdefault(key, []).append(line)
    points = []
    for key, members in groups.items():
        summary = summarise(totals[m.session_id] for m in members)
        points.append(TrendPoint(key, len(members), sum(m.attended for m in members),
                                 summary.pre_average, summary.post_average, summary.pass_rate))
    return points, by_month


def _months(lines: list[PeriodSessionLine], totals: dict[int, dict[str, PhaseTotals]],
            ) -> list[TrendPoint]:
    groups: dict[tuple[int, int], list[PeriodSessionLine]] = {}
    for line in lines:
        groups.setdefault((line.held_on.year, line.held_on.month), []).append(line)
    points = []
    for (year, month), members in sorted(groups.items()):
        summary = summarise(totals.get(m.session_id, {}) for m in members)
        points.append(TrendPoint(f"{month:02d}/{year}", len(members),
                                 sum(m.attended for m in members), summary.pre_average,
                                 summary.post_average, summary.pass_rate))
    return points


def build_period_report(factory: Factory, period: Period,
                        source: ReportSource = LOCAL) -> PeriodReport:
    """Every figure of the period report, read in one transaction, from the workspace's own
    data or (``source``) from one station's imported packages."""
    org = load_org(factory)
    src = source
    s, a, p, h = src.session, src.attendance, src.person, src.neighbourhood
    with factory() as session:
        held, statuses = _sessions(session, period, src)
        in_period = and_(src.own(s), s.c.held_on >= period.start, s.c.held_on <= period.end,
                         s.c.status.in_(HELD))
        held_ids = select(s.c.id).where(in_period)
        came = and_(src.own(a), a.c.status.in_(ARRIVED), a.c.session_id.in_(held_ids))
        person_of = src.join(a, p, a.c.person_id == p.c.id)
        per_session = dict(session.execute(
            select(a.c.session_id, func.count()).where(came)
            .group_by(a.c.session_id)).all())
        people = session.scalar(select(func.count(func.distinct(a.c.person_id)))
                                .where(came)) or 0
        genders = dict(session.execute(
            select(p.c.gender, func.count(func.distinct(p.c.id)))
            .join(a, person_of).where(came, src.own(p))
            .group_by(p.c.gender)).all())
        hoods = list(session.execute(
            select(h.c.id, h.c.name).where(src.own(h), h.c.archived.is_(False))
            .order_by(h.c.number, h.c.name)))
        in_hood = dict(session.execute(
            select(p.c.neighbourhood_id, func.count(func.distinct(p.c.id)))
            .join(a, person_of).where(came, src.own(p))
            .group_by(p.c.neighbourhood_id)).all())
        ever_ids = select(s.c.id).where(src.own(s), s.c.held_on <= period.end,
                                        s.c.status.in_(HELD))
        to_date = dict(session.execute(
            select(p.c.neighbourhood_id, func.count(func.distinct(p.c.id)))
            .join(a, person_of)
            .where(src.own(a), src.own(p), a.c.status.in_(ARRIVED),
                   a.c.session_id.in_(ever_ids))
            .group_by(p.c.neighbourhood_id)).all())
        totals = phase_totals(session, held_ids, src.attempt, src.own(src.attempt))
    lines = []
    for sid, held_on, title in held:
        pre, post = split(totals.get(sid, {}))
        lines.append(PeriodSessionLine(sid, held_on, title, per_session.get(sid, 0),
                                       pre.average, post.average, post.count, post.passed))
    trend, by_month = _trend(lines, totals)
    months = _months(lines, totals)
    by_gender = [CountRow(GENDER_LABELS[g], 0, genders.get(g.value, 0)) for g in Gender
                 if genders.get(g.value, 0) or g != Gender.OTHER]
    if genders.get(None):
        by_gender.append(CountRow("Không rõ", 0, genders[None]))
    coverage = [HoodCoverageLine(name, in_hood.get(hid, 0),
                                 max(to_date.get(hid, 0), src.coverage_floor.get(name, 0)))
                for hid, name in hoods]
    return PeriodReport(
        header=header_from_org(org), start=period.start, end=period.end, label=period.label,
        sessions_held=len(held), sessions_planned=statuses[SessionStatus.PLANNED.value],
        sessions_cancelled=statuses[SessionStatus.CANCELLED.value],
        attendances=sum(per_session.values()), people=people, people_by_gender=by_gender,
        neighbourhoods_total=len(hoods),
        covered_in_period=sum(1 for c in coverage if c.trained_in_period),
        not_yet_trained=[c.name for c in coverage if not c.trained_to_date],
        coverage=coverage, scores=summarise(totals.values()), trend=trend,
        trend_by_month=by_month, months=months, sessions=lines, list_limit=LIST_LIMIT)
