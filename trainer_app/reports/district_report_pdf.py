"""The consolidated report of the stations (Báo cáo tổng hợp kết quả tập huấn các trạm) as
PDF, in the administrative style of the period report: one line per station (sessions,
people trained, khu phố with nobody trained, pass rate, pre/post averages and gain), the
totals, a chart of the pass rate and one of the gain across stations, the khu phố still
without anyone trained, signature."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from trainer_app.reports.charts import BarChart, Series
from trainer_app.reports.district_dto import DistrictLine, DistrictReport
from trainer_app.reports.document_style import (
    header_block,
    nfc,
    signature_and_recipients,
    title_block,
)
from trainer_app.reports.paged_table import TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import build_pdf, portrait_a4
from trainer_app.reports.period_report_pdf import hood_list
from trainer_app.reports.report_dto import fmt_number, fmt_score, fmt_share
from trainer_app.reports.report_parts import GAIN_COLOUR, PASS_COLOUR, chart_block, heading, plain

__all__ = ["COLUMNS", "district_cells", "district_charts", "district_report_story",
           "summary_lines", "write_district_report_pdf"]

TITLE = "Báo cáo tổng hợp kết quả tập huấn cộng tác viên của các trạm y tế"
COLUMNS = (("Mã", 0.9, "center"), ("Trạm y tế", 3.4, "left"), ("Số buổi", 0.9, "center"),
           ("Người được tập huấn", 1.2, "center"), ("KP chưa có ai", 1.1, "center"),
           ("Tỷ lệ đạt", 1.1, "center"), ("Điểm TB trước", 1.1, "center"),
           ("Điểm TB sau", 1.1, "center"), ("Tăng", 0.9, "center"))


def district_cells(line: DistrictLine) -> list[str]:
    without = f"{line.neighbourhoods_without}/{line.neighbourhoods_total}" \
        if line.neighbourhoods_total else "–"
    return [line.code, line.name, fmt_number(line.sessions), fmt_number(line.people), without,
            fmt_share(line.pass_rate), fmt_score(line.pre_average, 2),
            fmt_score(line.post_average, 2), fmt_score(line.gain, 2)]


def summary_lines(report: DistrictReport) -> list[str]:
    t = report.total
    if not report.stations:
        return ["Chưa nhận được gói số liệu của trạm nào cho kỳ báo cáo."]
    lines = [f"Số trạm có số liệu: {len(report.stations)}. Tổng số buổi tập huấn: "
             f"{fmt_number(t.sessions)}; số người được tập huấn (không tính trùng trong từng "
             f"trạm): {fmt_number(t.people)}; số lượt có mặt: {fmt_number(t.attendances)}."]
    if t.pass_rate is not None:
        lines.append(f"Tỷ lệ đạt chung: {fmt_share(t.pass_rate)}; điểm trung bình trước tập "
                     f"huấn {fmt_score(t.pre_average, 2)}, sau tập huấn "
                     f"{fmt_score(t.post_average, 2)}, tăng {fmt_score(t.gain, 2)} điểm.")
    idle = [s.code for s in report.stations if not s.sessions]
    if idle:
        lines.append(f"Trạm không tổ chức buổi tập huấn nào trong kỳ: {', '.join(idle)}.")
    return lines


def district_charts(report: DistrictReport, width: float) -> list[BarChart]:
    codes = [s.code for s in report.stations]
    return [
        BarChart("Tỷ lệ đạt sau tập huấn theo trạm (%)", codes,
                 [Series("Tỷ lệ đạt", [None if s.pass_rate is None else
                                       round(s.pass_rate * 100, 1) for s in report.stations],
                         PASS_COLOUR)],
                 top=100, label=lambda v: f"{v:.0f}", width=width, height=58 * mm),
        BarChart("Điểm tăng sau tập huấn theo trạm (thang 10)", codes,
                 [Series("Điểm tăng", [s.gain for s in report.stations], GAIN_COLOUR)],
                 top=5, label=lambda v: fmt_score(v), width=width, height=58 * mm),
    ]


def _table(report: DistrictReport, width: float) -> PagedTable:
    columns = [TableColumn(title, weight, align) for title, weight, align in COLUMNS]
    rows = [TableRow(district_cells(s)) for s in report.stations]
    total = district_cells(report.total)
    total[0] = ""
    rows.append(TableRow(total, TOTAL))
    return PagedTable(columns, rows, width=width, font_size=10)


def district_report_story(report: DistrictReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        *header_block(report.header, width),
        *title_block(TITLE, report.label),
        plain(f"Thời gian báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày "
              f"{report.end:%d/%m/%Y}. Số liệu lấy từ các gói số liệu có chữ ký điện tử do "
              "các trạm gửi về."),
        heading(1, "Tổng hợp chung"), *[plain(x) for x in summary_lines(report)],
    ]
    if report.stations:
        story += [heading(2, "Kết quả từng trạm"), _table(report, width),
                  plain("KP chưa có ai: số khu phố chưa có ai được tập huấn tính đến hết kỳ / "
                        "tổng số khu phố của trạm. Tỷ lệ đạt tính trên bài kiểm tra sau tập "
                        "huấn.", "note")]
        if any(s.pass_rate is not None for s in report.stations):
            story.append(heading(3, "So sánh giữa các trạm"))
            story += [chart_block(c) for c in district_charts(report, width)]
        gaps = [s for s in report.stations if s.without_names]
        if gaps:
            story.append(heading(4, "Khu phố chưa có ai được tập huấn"))
            story += [plain(f"{s.code} — {s.name}: {hood_list(s.without_names)}.")
                      for s in gaps]
    story += [Spacer(1, 3 * mm), signature_and_recipients(report.header, width)]
    return story


def write_district_report_pdf(path: Path, report: DistrictReport) -> Path:
    setup = portrait_a4()
    return build_pdf(path, district_report_story(report, setup.frame_width),
                     title=f"Báo cáo tổng hợp các trạm — {nfc(report.label)}",
                     author=nfc(report.header.unit_name), setup=setup)
