"""Saving the result reports where the user asked: the session report (PDF, DOCX), the
period report (PDF, DOCX, XLSX) and a session's results spreadsheet (XLSX). The format
follows the file name's ending; every failure is a Vietnamese ``UserError`` and never
leaves half a file (see ``report_output``). The CLI and the Báo cáo page call these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Attendance, Neighbourhood, Person
from trainer_app.domain.enums import ATTENDANCE_STATUS_LABELS, AttendanceStatus
from trainer_app.domain.vntext import name_sort_key
from trainer_app.reports.report_dto import AttendanceEntry, ScoreSummary
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document
from trainer_app.services.reporting.period_report import Period, build_period_report
from trainer_app.services.reporting.session_report import build_session_report
from trainer_app.services.sessions.service import load_session

__all__ = ["ERASED_LABEL", "ReportFileResult", "check_photo", "export_session_results",
           "write_period_report", "write_session_report"]

Factory = sessionmaker[Session]
ERASED_LABEL = "(Đã xóa dữ liệu cá nhân theo yêu cầu)"
SESSION_FORMATS = (".pdf", ".docx")
PERIOD_FORMATS = (".pdf", ".docx", ".xlsx")


@dataclass(frozen=True)
class ReportFileResult:
    file: str
    kind: str  # session | period | results
    format: str  # pdf | docx | xlsx
    label: str  # the session's title or the period's label
    sessions: int
    attended: int  # person-sessions (present or late)
    people: int  # distinct people
    pre_average: float | None
    post_average: float | None
    gain: float | None
    pass_rate: float | None  # 0..1
    photos: int = 0
    session: int | None = None
    start: date | None = None
    end: date | None = None


def _suffix(path: str | Path, allowed: Sequence[str], what: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        names = ", ".join(allowed[:-1]) + f" hoặc {allowed[-1]}" if len(allowed) > 1 \
            else allowed[0]
        raise UserError(f"{what} lưu được thành tệp {names}; tên tệp \"{Path(path).name}\" "
                        "không có đuôi phù hợp.", code="bad_target")
    return suffix


def _figures(scores: ScoreSummary) -> dict[str, float | None]:
    return {"pre_average": scores.pre_average, "post_average": scores.post_average,
            "gain": scores.gain, "pass_rate": scores.pass_rate}


def _photos(paths: Sequence[str | Path]) -> list[object]:
    from trainer_app.reports.photos import PhotoProblem, prepare_photos

    try:
        return list(prepare_photos(paths))
    except PhotoProblem as exc:
        raise UserError(exc.message, code="bad_photo") from exc


def check_photo(path: str | Path) -> str:
    """Refuse a file that cannot be attached (not an image, too large) before the report
    is made; returns the file's name."""
    _photos([path])
    return Path(path).name


def write_session_report(factory: Factory, session_id: int, path: str | Path, *,
                         photos: Sequence[str | Path] = ()) -> ReportFileResult:
    """The session report as PDF or DOCX, with up to four photos (location stripped)."""
    suffix = _suffix(path, SESSION_FORMATS, "Báo cáo buổi tập huấn")
    prepared = _photos(photos)
    report = build_session_report(factory, session_id, prepared)  # type: ignore[arg-type]
    writer: Callable[[Path], object]
    if suffix == ".pdf":
        from trainer_app.reports.session_report_pdf import write_session_report_pdf

        def writer(p: Path) -> object:
            return write_session_report_pdf(p, report)
    else:
        from trainer_app.reports.report_docx import write_session_report_docx

        def writer(p: Path) -> object:
            return write_session_report_docx(p, report)
    save_document(path, writer, suffix=suffix)
    return ReportFileResult(str(Path(path)), "session", suffix[1:], report.title, 1,
                            report.attended, report.attended, **_figures(report.scores),
                            photos=len(prepared), session=session_id)


def write_period_report(factory: Factory, period: Period, path: str | Path) -> ReportFileResult:
    """The period report as PDF, DOCX or XLSX."""
    suffix = _suffix(path, PERIOD_FORMATS, "Báo cáo theo kỳ")
    report = build_period_report(factory, period)
    writer: Callable[[Path], object]
    if suffix == ".pdf":
        from trainer_app.reports.period_report_pdf import write_period_report_pdf

        def writer(p: Path) -> object:
            return write_period_report_pdf(p, report)
    elif suffix == ".docx":
        from trainer_app.reports.report_docx import write_period_report_docx

        def writer(p: Path) -> object:
            return write_period_report_docx(p, report)
    else:
        from trainer_app.reports.report_xlsx import write_period_xlsx

        def writer(p: Path) -> object:
            return write_period_xlsx(p, report)
    save_document(path, writer, suffix=suffix)
    return ReportFileResult(str(Path(path)), "period", suffix[1:], report.label,
                            report.sessions_held, report.attendances, report.people,
                            **_figures(report.scores), start=period.start, end=period.end)


def attendance_entries(factory: Factory, session_id: int) -> list[AttendanceEntry]:
    """The session's list in sheet order (read only: unnumbered rows come last, by name)."""
    with factory() as session:
        load_session(session, session_id)
        rows = session.execute(
            select(Attendance, Person.full_name, Person.birth_year, Person.erased,
                   Neighbourhood.name)
            .join(Person, Person.id == Attendance.person_id)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .where(Attendance.session_id == session_id)).all()
        entries = [AttendanceEntry(
            a.sheet_row, ERASED_LABEL if erased else name, None if erased else year,
            "" if erased else (hood or ""),
            ATTENDANCE_STATUS_LABELS.get(AttendanceStatus(a.status), a.status),
            a.checked_in_at, a.invited, a.walk_in) for a, name, year, erased, hood in rows]
    entries.sort(key=lambda e: (e.row is None, e.row or 0, name_sort_key(e.full_name)))
    return entries


def export_session_results(factory: Factory, session_id: int,
                           path: str | Path) -> ReportFileResult:
    """A session's figures, results per person and per question, and attendance as XLSX."""
    from trainer_app.reports.report_xlsx import write_session_xlsx

    _suffix(path, (".xlsx",), "Bảng kết quả")
    report = build_session_report(factory, session_id)
    entries = attendance_entries(factory, session_id)
    save_document(path, lambda p: write_session_xlsx(p, report, entries), suffix=".xlsx")
    return ReportFileResult(str(Path(path)), "results", "xlsx", report.title, 1,
                            report.attended, report.attended, **_figures(report.scores),
                            session=session_id)
