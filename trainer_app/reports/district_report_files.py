"""The consolidated report of the stations as DOCX (to edit in Word before sending) and as
XLSX (one row per station, numbers as numbers), with the same content as the PDF
(``district_report_pdf``)."""

from __future__ import annotations

import io
from pathlib import Path

from docx.shared import Mm

from trainer_app.reports import district_report_pdf as district_pdf
from trainer_app.reports.charts import chart_png
from trainer_app.reports.district_dto import DistrictReport
from trainer_app.reports.document_style import nfc
from trainer_app.reports.docx_style import (
    add_header_block,
    add_signature_and_recipients,
    add_text,
    add_title,
    grid_table,
    new_document,
    save_docx,
)
from trainer_app.reports.period_report_pdf import hood_list
from trainer_app.reports.report_parts import ROMAN
from trainer_app.reports.roster_xlsx import DATE, NUMBER, Column, Table, write_tables

__all__ = ["district_tables", "write_district_report_docx", "write_district_xlsx"]

FRAME_MM = 165
CHART_W = FRAME_MM * 72 / 25.4


def _heading(doc: object, number: int, text: str) -> None:
    add_text(doc, f"{ROMAN[number - 1]}. {nfc(text).upper()}", bold=True, before=8, after=4,
             keep_with_next=True)


def _para(doc: object, text: str) -> None:
    add_text(doc, text, align="justify", indent_first=True, after=3)


def write_district_report_docx(path: Path, report: DistrictReport) -> Path:
    doc = new_document()
    doc.core_properties.title = f"Báo cáo tổng hợp các trạm — {nfc(report.label)}"
    doc.core_properties.author = nfc(report.header.unit_name)
    add_header_block(doc, report.header)
    add_title(doc, district_pdf.TITLE, report.label)
    _para(doc, f"Thời gian báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày "
               f"{report.end:%d/%m/%Y}. Số liệu lấy từ các gói số liệu có chữ ký điện tử do các "
               "trạm gửi về.")
    _heading(doc, 1, "Tổng hợp chung")
    for line in district_pdf.summary_lines(report):
        _para(doc, line)
    if report.stations:
        _heading(doc, 2, "Kết quả từng trạm")
        total = district_pdf.district_cells(report.total)
        total[0] = ""
        grid_table(doc, list(district_pdf.COLUMNS),
                   [district_pdf.district_cells(s) for s in report.stations], total)
        if any(s.pass_rate is not None for s in report.stations):
            _heading(doc, 3, "So sánh giữa các trạm")
            for chart in district_pdf.district_charts(report, CHART_W):
                doc.add_picture(io.BytesIO(chart_png(chart)), width=Mm(FRAME_MM))
                doc.paragraphs[-1].alignment = 1
        gaps = [s for s in report.stations if s.without_names]
        if gaps:
            _heading(doc, 4, "Khu phố chưa có ai được tập huấn")
            for s in gaps:
                _para(doc, f"{s.code} — {s.name}: {hood_list(s.without_names)}.")
    add_signature_and_recipients(doc, report.header)
    return save_docx(doc, path)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def district_tables(report: DistrictReport) -> list[Table]:
    lines = [*report.stations, report.total]
    stations = Table("Các trạm", (
        Column("Mã trạm", 10), Column("Trạm y tế", 40), Column("Số buổi", 10, NUMBER),
        Column("Người được tập huấn", 14, NUMBER), Column("Lượt có mặt", 12, NUMBER),
        Column("Số khu phố", 10, NUMBER), Column("Khu phố chưa có ai được tập huấn", 16, NUMBER),
        Column("Tỷ lệ đạt (%)", 12, NUMBER), Column("Điểm TB trước", 12, NUMBER),
        Column("Điểm TB sau", 12, NUMBER), Column("Điểm tăng", 11, NUMBER),
        Column("Ngày lập gói gần nhất", 14, DATE)),
        [(x.code, x.name, x.sessions, x.people, x.attendances, x.neighbourhoods_total,
          x.neighbourhoods_without, _percent(x.pass_rate), x.pre_average, x.post_average,
          x.gain, x.last_package) for x in lines])
    hoods = Table("Khu phố chưa có ai", (Column("Mã trạm", 10), Column("Khu phố", 30)),
                  [(s.code, name) for s in report.stations for name in s.without_names])
    return [stations, hoods]


def write_district_xlsx(path: Path, report: DistrictReport) -> Path:
    write_tables(path, district_tables(report),
                 title=f"Báo cáo tổng hợp các trạm — {report.label}")
    return Path(path)
