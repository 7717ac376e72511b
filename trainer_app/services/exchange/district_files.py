"""Saving the consolidated report where the user asked (PDF, DOCX or XLSX, by the file
name's ending), never leaving half a file; the CLI and the Báo cáo page call this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.reports.district_dto import DistrictReport
from trainer_app.services.errors import UserError
from trainer_app.services.exchange.district import build_district_report
from trainer_app.services.reporting.output import save_document
from trainer_app.services.reporting.period_report import Period

__all__ = ["FORMATS", "DistrictFileResult", "write_district_report"]

Factory = sessionmaker[Session]
FORMATS = (".pdf", ".docx", ".xlsx")


@dataclass(frozen=True)
class DistrictFileResult:
    """What the Báo cáo page shows after saving (``file``, ``label``) and the figures."""

    file: str
    label: str
    report: DistrictReport


def write_district_report(factory: Factory, period: Period, path: str | Path,
                          ) -> DistrictFileResult:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"Báo cáo tổng hợp các trạm lưu được thành tệp .pdf, .docx hoặc .xlsx; "
                        f"tên tệp \"{Path(path).name}\" không có đuôi phù hợp.",
                        code="bad_target")
    report = build_district_report(factory, period)
    writer: Callable[[Path], object]
    if suffix == ".pdf":
        from trainer_app.reports.district_report_pdf import write_district_report_pdf

        def writer(p: Path) -> object:
            return write_district_report_pdf(p, report)
    elif suffix == ".docx":
        from trainer_app.reports.district_report_files import write_district_report_docx

        def writer(p: Path) -> object:
            return write_district_report_docx(p, report)
    else:
        from trainer_app.reports.district_report_files import write_district_xlsx

        def writer(p: Path) -> object:
            return write_district_xlsx(p, report)
    save_document(path, writer, suffix=suffix)
    return DistrictFileResult(str(Path(path)), f"Tổng hợp các trạm — {period.label}", report)
