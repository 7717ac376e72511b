"""The period report (a quarter, a year, chosen dates) as PDF, in the administrative style:
sessions held, people trained (distinct and total), coverage of the khu phố (how many,
which have nobody trained yet), test results with pass rate and gain over time as charts,
the sessions one by one (month by month when there are too many to list), signature.
A period with no session says so plainly."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from trainer_app.reports.charts import BarChart, Series
from trainer_app.reports.document_style import (
    header_block,
    nfc,
    signature_and_recipients,
    title_block,
)
from trainer_app.reports.paged_table import TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import build_pdf, portrait_a4
from trainer_app.reports.report_dto import (
    PeriodReport,
    TrendPoint,
    fmt_number,
    fmt_score,
    fmt_share,
)
from trainer_app.reports.report_parts import (
    GAIN_COLOUR,
    PASS_COLOUR,
    chart_block,
    heading,
    plain,
    score_lines,
)

__all__ = [
    "NO_SESSIONS",
    "coverage_lines",
    "gain_chart",
    "hood_list",
    "pass_chart",
    "people_lines",
    "period_report_story",
    "sessions_lines",
    "write_period_report_pdf",
]

NO_SESSIONS = ("Trong kỳ báo cáo không có buổi tập huấn nào được tổ chức, nên chưa có số "
               "liệu về người được tập huấn và kết quả kiểm tra.")
HOOD_PREFIX = "Khu phố "


def sessions_lines(report: PeriodReport) -> list[str]:
    if not report.sessions_held:
        lines = [NO_SESSIONS]
    else:
        lines = [f"Số buổi tập huấn đã tổ chức: {fmt_number(report.sessions_held)}."]
    extra = []
    if report.sessions_planned:
        extra.append(f"{fmt_number(report.sessions_planned)} buổi đã lên kế hoạch nhưng chưa "
                     "tổ chức")
    if report.sessions_cancelled:
        extra.append(f"{fmt_number(report.sessions_cancelled)} buổi đã hủy")
    if extra:
        lines.append("Ngoài ra trong kỳ có " + "; ".join(extra) + ".")
    return lines


def people_lines(report: PeriodReport) -> list[str]:
    genders = ", ".join(f"{row.label.lower()} {fmt_number(row.attended)}"
                        for row in report.people_by_gender if row.attended)
    return [f"Số lượt người tham dự (có mặt): {fmt_number(report.attendances)}.",
            f"Số người được tập huấn (không tính trùng): {fmt_number(report.people)}"
            + (f", trong đó {genders}." if genders and report.people else ".")]


def hood_list(names: list[str]) -> str:
    """"Khu phố 1, 2, 3" when every name is "Khu phố N", else the names as they are."""
    if names and all(n.startswith(HOOD_PREFIX) for n in names):
        return HOOD_PREFIX + ", ".join(n[len(HOOD_PREFIX):] for n in names)
    return ", ".join(names)


def coverage_lines(report: PeriodReport) -> list[str]:
    lines = [f"Số khu phố có người được tập huấn trong kỳ: {report.covered_in_period}/"
             f"{report.neighbourhoods_total} khu phố."]
    if not report.neighbourhoods_total:
        return ["Chưa có danh sách khu phố (mục Cài đặt)."]
    gaps = report.not_yet_trained
    if gaps:
        lines.append(f"Số khu phố chưa có ai được tập huấn (tính đến hết kỳ): {len(gaps)}/"
                     f"{report.neighbourhoods_total}, gồm: {hood_list(gaps)}.")
    else:
        lines.append("Tất cả các khu phố đều đã có người được tập huấn.")
    return lines


def _points(report: PeriodReport) -> list[TrendPoint]:
    return report.trend


def pass_chart(report: PeriodReport, width: float) -> BarChart:
    points = _points(report)
    return BarChart(
        "Tỷ lệ đạt sau tập huấn (%)" + (" theo tháng" if report.trend_by_month else
                                         " theo buổi"),
        [p.label for p in points],
        [Series("Tỷ lệ đạt", [None if p.pass_rate is None else round(p.pass_rate * 100, 1)
                              for p in points], PASS_COLOUR)],
        top=100, label=lambda v: f"{v:.0f}", width=width, height=58 * mm)


def gain_chart(report: PeriodReport, width: float) -> BarChart:
    points = _points(report)
    return BarChart(
        "Điểm tăng sau tập huấn (điểm trung bình sau − trước, thang 10)",
        [p.label for p in points], [Series("Điểm tăng", [p.gain for p in points],
                                           GAIN_COLOUR)],
        top=5, label=lambda v: fmt_score(v), width=width, height=58 * mm)


def _coverage_table(report: PeriodReport, width: float) -> PagedTable:
    trained = [c for c in report.coverage if c.trained_to_date]
    pair = [TableColumn("Khu phố", 2.6), TableColumn("Trong kỳ", 1.3, "center"),
            TableColumn("Lũy kế", 1.3, "center")]
    rows = []
    for i in range(0, len(trained), 2):
        cells: list[str] = []
        for c in trained[i:i + 2]:
            cells += [c.name, fmt_number(c.trained_in_period), fmt_number(c.trained_to_date)]
        rows.append(TableRow(cells + [""] * (6 - len(cells))))
    return PagedTable([*pair, *pair], rows, width=width, font_size=11)


def _sessions_table(report: PeriodReport, width: float) -> PagedTable:
    columns = [TableColumn("Ngày", 1.5, "center"), TableColumn("Buổi tập huấn", 5.0),
               TableColumn("Có mặt", 1.1, "center"), TableColumn("Điểm TB trước", 1.3, "center"),
               TableColumn("Điểm TB sau", 1.3, "center"), TableColumn("Tăng", 1.0, "center"),
               TableColumn("Tỷ lệ đạt", 1.3, "center")]
    rows = [TableRow([f"{s.held_on:%d/%m/%Y}", s.title, fmt_number(s.attended),
                      fmt_score(s.pre_average, 2), fmt_score(s.post_average, 2),
                      fmt_score(s.gain, 2), fmt_share(s.pass_rate)]) for s in report.sessions]
    scores = report.scores
    rows.append(TableRow(["", f"Cộng: {fmt_number(report.sessions_held)} buổi",
                          fmt_number(report.attendances), fmt_score(scores.pre_average, 2),
                          fmt_score(scores.post_average, 2), fmt_score(scores.gain, 2),
                          fmt_share(scores.pass_rate)], TOTAL))
    return PagedTable(columns, rows, width=width, font_size=11)


def _months_table(report: PeriodReport, width: float) -> PagedTable:
    columns = [TableColumn("Tháng", 1.4, "center"), TableColumn("Số buổi", 1.2, "center"),
               TableColumn("Lượt có mặt", 1.5, "center"),
               TableColumn("Điểm TB trước", 1.4, "center"),
               TableColumn("Điểm TB sau", 1.4, "center"), TableColumn("Tăng", 1.1, "center"),
               TableColumn("Tỷ lệ đạt", 1.3, "center")]
    rows = [TableRow([m.label, fmt_number(m.sessions), fmt_number(m.attended),
                      fmt_score(m.pre_average, 2), fmt_score(m.post_average, 2),
                      fmt_score(m.gain, 2), fmt_share(m.pass_rate)]) for m in report.months]
    scores = report.scores
    rows.append(TableRow(["Cộng", fmt_number(report.sessions_held),
                          fmt_number(report.attendances), fmt_score(scores.pre_average, 2),
                          fmt_score(scores.post_average, 2), fmt_score(scores.gain, 2),
                          fmt_share(scores.pass_rate)], TOTAL))
    return PagedTable(columns, rows, width=width, font_size=11)


def period_report_story(report: PeriodReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        *header_block(report.header, width),
        *title_block("Báo cáo kết quả tập huấn cộng tác viên", report.label),
        plain(f"Thời gian báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày "
              f"{report.end:%d/%m/%Y}."),
        heading(1, "Các buổi tập huấn"), *[plain(x) for x in sessions_lines(report)],
        heading(2, "Người được tập huấn"), *[plain(x) for x in people_lines(report)],
        heading(3, "Độ bao phủ các khu phố"), *[plain(x) for x in coverage_lines(report)],
    ]
    if any(c.trained_to_date for c in report.coverage):
        story += [plain("Số người được tập huấn theo khu phố (trong kỳ và lũy kế đến hết kỳ):"),
                  _coverage_table(report, width)]
    story.append(heading(4, "Kết quả kiểm tra"))
    if not report.sessions_held:
        story.append(plain("Không có buổi tập huấn nào trong kỳ, nên không có kết quả kiểm "
                           "tra."))
    elif not report.trend:
        story.append(plain("Các buổi tập huấn trong kỳ không có bài kiểm tra nào được nộp."))
    else:
        story += [plain(x) for x in score_lines(report.scores, pass_mark=False)]
        story += [chart_block(pass_chart(report, width)), chart_block(gain_chart(report, width))]
    if report.sessions_held:
        story.append(heading(5, "Kết quả từng buổi tập huấn" if report.sessions_listed
                             else "Kết quả theo tháng"))
        if report.sessions_listed:
            story.append(_sessions_table(report, width))
        else:
            story += [plain(f"Kỳ báo cáo có {fmt_number(report.sessions_held)} buổi tập huấn, "
                            "quá nhiều để liệt kê trong văn bản: bảng dưới đây cộng theo "
                            "tháng; danh sách từng buổi có trong bảng tính Excel (XLSX) của "
                            "cùng kỳ báo cáo."), _months_table(report, width)]
    story += [Spacer(1, 3 * mm), signature_and_recipients(report.header, width)]
    return story


def write_period_report_pdf(path: Path, report: PeriodReport) -> Path:
    setup = portrait_a4()
    return build_pdf(path, period_report_story(report, setup.frame_width),
                     title=f"Báo cáo kết quả tập huấn — {nfc(report.label)}",
                     author=nfc(report.header.unit_name), setup=setup)
