"""The consolidated (district) report's DTO: one line per station, a total line. Figures
have the definitions and units of the period report (``pass_rate`` 0..1, scores on 10)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trainer_app.reports.document_dto import DocumentHeader

__all__ = ["DistrictLine", "DistrictReport"]


@dataclass(frozen=True)
class DistrictLine:
    code: str
    name: str
    sessions: int
    people: int
    neighbourhoods_total: int
    neighbourhoods_without: int  # khu phố with nobody trained up to the period's end
    pass_rate: float | None
    pre_average: float | None
    post_average: float | None
    gain: float | None
    attendances: int = 0
    without_names: list[str] = field(default_factory=list)
    last_package: date | None = None  # when the newest package was made
    late: bool = False


@dataclass(frozen=True)
class DistrictReport:
    header: DocumentHeader
    start: date
    end: date
    label: str
    stations: list[DistrictLine]
    total: DistrictLine
