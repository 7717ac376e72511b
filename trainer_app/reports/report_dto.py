"""Plain DTOs of the session report and the period report (Báo cáo kết quả tập huấn), shared
by the PDF, DOCX and XLSX writers. No reportlab import: services build these without
loading the PDF machinery. Scores are on the 10-point scale; shares are 0..1."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from trainer_app.reports.document_dto import DocumentHeader

__all__ = [
    "AgendaLine", "AttendanceEntry", "BandCount", "CountRow", "HoodCoverageLine", "ParticipantLine",
    "PeriodReport", "PeriodSessionLine", "Photo", "QuestionShare", "ScoreSummary",
    "SessionReport", "TrendPoint", "fmt_number", "fmt_score", "fmt_share",
]


def fmt_number(value: int) -> str:
    """12345 -> "12.345" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def fmt_score(value: float | None, digits: int = 1) -> str:
    """8.25 -> "8,3"; None -> "–" (Vietnamese decimal comma)."""
    if value is None:
        return "–"
    return f"{value:.{digits}f}".replace(".", ",")


def fmt_share(value: float | None) -> str:
    """0.857 -> "85,7%"; 1.0 -> "100%"; None -> "–"."""
    if value is None:
        return "–"
    percent = round(value * 100, 1)
    text = f"{percent:.0f}" if percent == int(percent) else f"{percent:.1f}".replace(".", ",")
    return f"{text}%"


@dataclass(frozen=True)
class CountRow:
    """One line of a breakdown: invited and attended (present or late)."""

    label: str
    invited: int
    attended: int


@dataclass(frozen=True)
class AgendaLine:
    position: int
    title: str
    kind: str  # Vietnamese label
    minutes: int | None
    done: bool


@dataclass(frozen=True)
class ScoreSummary:
    """Latest submitted attempt per person and phase; anonymous attempts (people erased on
    request) count one each. ``gain`` = post average − pre average."""

    pre_count: int
    pre_average: float | None
    post_count: int
    post_average: float | None
    passed: int  # among the post-test attempts
    pass_mark: float | None

    @property
    def gain(self) -> float | None:
        if self.pre_average is None or self.post_average is None:
            return None
        return round(self.post_average - self.pre_average, 2)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.post_count if self.post_count else None


@dataclass(frozen=True)
class BandCount:
    """How many pre- and post-test scores fall in one band ("Dưới 5", "8 – 10")."""

    label: str
    pre: int
    post: int


@dataclass(frozen=True)
class QuestionShare:
    number: int  # position in the quiz
    text: str
    post_share: float | None  # share answered fully right in the post-test
    pre_share: float | None
    upper_lower: float | None  # upper 27 % share right minus lower 27 %
    attempts: int  # post-test attempts counted
    # point-biserial of the item against the rest of the test (post-test attempts)
    discrimination: float | None = None
    flags: tuple[str, ...] = ()  # "quá khó", "có thể sai đáp án…" (never "quá dễ" here)
    options: str = ""  # "A 10%  B* 80%  C 10%": the share choosing each option, * = key


@dataclass(frozen=True)
class ParticipantLine:
    row: int
    full_name: str
    neighbourhood: str
    status: str  # Vietnamese label
    pre: float | None
    post: float | None
    passed: bool | None

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 1)


@dataclass(frozen=True)
class AttendanceEntry:
    """One row of the session's list, for the spreadsheet (erased people: no name)."""

    row: int | None
    full_name: str
    birth_year: int | None
    neighbourhood: str
    status: str  # Vietnamese label
    checked_in_at: datetime | None
    invited: bool
    walk_in: bool


@dataclass(frozen=True)
class Photo:
    """A photo ready to print: JPEG bytes without any metadata (location stripped)."""

    data: bytes
    width: int
    height: int
    name: str = ""


@dataclass(frozen=True)
class SessionReport:
    header: DocumentHeader
    session_id: int
    title: str
    programme: str
    held_on: date
    when: str  # "08:00 – 11:00, ngày 20/11/2026"
    venue: str
    trainers: str
    status: str  # Vietnamese label
    invited: int
    attended: int
    late: int
    excused: int
    absent: int
    unknown: int
    walk_ins: int
    erased: int  # people on the list whose data was erased on request (counted, no name)
    by_gender: list[CountRow]
    by_neighbourhood: list[CountRow]
    by_role: list[CountRow]
    agenda: list[AgendaLine]
    quiz_title: str  # "" when the session has no quiz
    scores: ScoreSummary
    bands: list[BandCount]
    questions: list[QuestionShare]  # weakest first
    participants: list[ParticipantLine]
    anonymous_attempts: int  # attempts of erased people, counted in the figures
    photos: list[Photo] = field(default_factory=list)

    @property
    def has_quiz(self) -> bool:
        return bool(self.quiz_title) or self.scores.pre_count + self.scores.post_count > 0


@dataclass(frozen=True)
class PeriodSessionLine:
    session_id: int
    held_on: date
    title: str
    attended: int
    pre_average: float | None
    post_average: float | None
    post_count: int
    passed: int

    @property
    def gain(self) -> float | None:
        if self.pre_average is None or self.post_average is None:
            return None
        return round(self.post_average - self.pre_average, 2)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.post_count if self.post_count else None


@dataclass(frozen=True)
class TrendPoint:
    """One step of the "over time" chart: a session, or a month when there are many."""

    label: str  # "20/11" or "T11/2026"
    sessions: int
    attended: int
    pre_average: float | None
    post_average: float | None
    pass_rate: float | None  # 0..1

    @property
    def gain(self) -> float | None:
        if self.pre_average is None or self.post_average is None:
            return None
        return round(self.post_average - self.pre_average, 2)


@dataclass(frozen=True)
class HoodCoverageLine:
    name: str
    trained_in_period: int  # distinct people trained in the period
    trained_to_date: int  # distinct people trained up to the period's end


@dataclass(frozen=True)
class PeriodReport:
    header: DocumentHeader
    start: date
    end: date  # inclusive
    label: str  # "Quý IV năm 2026", "Năm 2026", "Từ ngày … đến ngày …"
    sessions_held: int
    sessions_planned: int
    sessions_cancelled: int
    attendances: int  # person-sessions (present or late) in held sessions
    people: int  # distinct people among them
    people_by_gender: list[CountRow]  # invited=0; attended = distinct people
    neighbourhoods_total: int
    covered_in_period: int
    not_yet_trained: list[str]  # khu phố with nobody trained up to the period's end
    coverage: list[HoodCoverageLine]
    scores: ScoreSummary
    trend: list[TrendPoint]  # sessions with results (by month when there are many)
    trend_by_month: bool
    months: list[TrendPoint]  # every held session, month by month
    sessions: list[PeriodSessionLine]  # every held session, oldest first
    list_limit: int  # the PDF/DOCX list the sessions only up to this many

    @property
    def sessions_listed(self) -> bool:
        return len(self.sessions) <= self.list_limit
