"""The session report (Báo cáo kết quả tập huấn) as PDF, in the administrative style of
``document_style``: general information, who came (by gender, khu phố and role), the
agenda delivered, the test results with a bar chart, the questions weakest first, the
participants with their scores, up to four photos, then "Nơi nhận" and the signature.
Long lists are ``PagedTable``s (cost linear in rows)."""

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
from trainer_app.reports.paged_table import GROUP, TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import build_pdf, portrait_a4
from trainer_app.reports.report_dto import (
    SessionReport,
    fmt_number,
    fmt_score,
    fmt_share,
)
from trainer_app.reports.report_parts import (
    POST_COLOUR,
    PRE_COLOUR,
    chart_block,
    heading,
    photo_grid,
    plain,
    score_lines,
)

__all__ = ["NO_QUIZ", "attendance_lines", "band_chart", "session_report_story",
           "write_session_report_pdf"]

NO_QUIZ = ("Buổi tập huấn này không có bài kiểm tra (chương trình không có bộ câu hỏi hoặc "
           "chưa ai làm bài), nên không có điểm trước và sau tập huấn.")
QUESTIONS_NOTE = (
    "Độ phân biệt: người làm đúng câu này có làm tốt các câu còn lại không, từ -1 đến 1 (dưới 0: "
    "câu cần xem lại). Cảnh báo chỉ ghi khi có từ 20 bài trở lên: “quá khó”, “có thể sai đáp án "
    "hoặc gây hiểu nhầm”, “phương án không ai chọn”. “Đúng trước” chỉ có khi bài trước và bài "
    "sau là cùng một bộ câu hỏi.")
NO_FINAL = "Chưa có bài kiểm tra sau tập huấn nào được nộp, nên chưa có tỷ lệ trả lời đúng."


def attendance_lines(report: SessionReport) -> list[str]:
    lines = [f"Số người được mời: {fmt_number(report.invited)}; có mặt: "
             f"{fmt_number(report.attended)} (trong đó đến muộn {report.late}, đến thêm "
             f"không có trong danh sách mời {report.walk_ins}).",
             f"Vắng có phép: {report.excused}; vắng: {report.absent}"
             + (f"; chưa điểm danh: {report.unknown}." if report.unknown else ".")]
    if report.erased:
        lines.append(f"Có {report.erased} người đã được xóa dữ liệu cá nhân theo yêu cầu: "
                     "vẫn được tính trong các số liệu, không ghi tên.")
    return lines


def band_chart(report: SessionReport, width: float) -> BarChart:
    return BarChart(
        "Phân bố điểm trước và sau tập huấn (số người)",
        [b.label for b in report.bands],
        [Series("Trước tập huấn", [b.pre for b in report.bands], PRE_COLOUR),
         Series("Sau tập huấn", [b.post for b in report.bands], POST_COLOUR)],
        top=4,
        label=lambda v: fmt_number(int(v)) if v == int(v) else fmt_score(v),
        width=width, height=62 * mm)


def _breakdown_table(report: SessionReport, width: float) -> PagedTable:
    columns = [TableColumn("Thành phần", 6.0), TableColumn("Được mời", 1.6, "center"),
               TableColumn("Có mặt", 1.6, "center")]
    rows: list[TableRow] = []
    for title, lines in (("Theo giới tính", report.by_gender),
                         ("Theo chức danh", report.by_role)):
        rows.append(TableRow([title], GROUP))
        rows += [TableRow([line.label, str(line.invited), str(line.attended)])
                 for line in lines]
    rows.append(TableRow(["Tổng số", str(report.invited), str(report.attended)], TOTAL))
    return PagedTable(columns, rows, width=width, font_size=12)


def _hood_table(report: SessionReport, width: float) -> PagedTable:
    """Khu phố two to a row (a ward has up to 75 of them)."""
    pair = [TableColumn("Khu phố", 3.0), TableColumn("Được mời", 1.3, "center"),
            TableColumn("Có mặt", 1.3, "center")]
    lines = report.by_neighbourhood
    rows = []
    for i in range(0, len(lines), 2):  # row by row, so a page break reads naturally
        cells = [lines[i].label, str(lines[i].invited), str(lines[i].attended)]
        other = lines[i + 1] if i + 1 < len(lines) else None
        cells += [other.label, str(other.invited), str(other.attended)] if other else \
            ["", "", ""]
        rows.append(TableRow(cells))
    return PagedTable([*pair, *pair], rows, width=width, font_size=12)


def _agenda_table(report: SessionReport, width: float) -> PagedTable:
    columns = [TableColumn("STT", 0.8, "center"), TableColumn("Nội dung", 6.0),
               TableColumn("Hình thức", 2.0), TableColumn("Số phút", 1.2, "center"),
               TableColumn("Đã thực hiện", 1.6, "center")]
    rows = [TableRow([str(i), a.title, a.kind, str(a.minutes) if a.minutes else "",
                      "Có" if a.done else "Chưa"])
            for i, a in enumerate(report.agenda, start=1)]
    return PagedTable(columns, rows, width=width, font_size=12)


def _questions_table(report: SessionReport, width: float) -> PagedTable:
    columns = [TableColumn("Câu", 0.8, "center"), TableColumn("Nội dung câu hỏi", 5.6),
               TableColumn("Đúng trước", 1.3, "center"), TableColumn("Đúng sau", 1.3, "center"),
               TableColumn("Độ phân biệt", 1.4, "center"), TableColumn("Cảnh báo", 2.2)]
    rows = [TableRow([str(q.number), q.text, fmt_share(q.pre_share), fmt_share(q.post_share),
                      fmt_score(q.discrimination, 2), "; ".join(q.flags)])
            for q in report.questions]
    return PagedTable(columns, rows, width=width, font_size=11)


def _participants_table(report: SessionReport, width: float) -> PagedTable:
    columns = [TableColumn("STT", 0.8, "center"), TableColumn("Họ và tên", 4.0),
               TableColumn("Khu phố", 2.0), TableColumn("Tình trạng", 1.7),
               TableColumn("Điểm trước", 1.3, "center"), TableColumn("Điểm sau", 1.3, "center"),
               TableColumn("Tăng", 1.1, "center"), TableColumn("Kết quả", 1.5, "center")]

    def result(passed: bool | None) -> str:
        return "–" if passed is None else ("Đạt" if passed else "Chưa đạt")

    rows = [TableRow([str(p.row), p.full_name, p.neighbourhood, p.status, fmt_score(p.pre),
                      fmt_score(p.post), fmt_score(p.gain), result(p.passed)])
            for p in report.participants]
    return PagedTable(columns, rows, width=width, font_size=11)


def _results_section(report: SessionReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading(4, "Kết quả kiểm tra")]
    if not report.has_quiz:
        return [*story, plain(NO_QUIZ)]
    if report.quiz_title:
        mark = (f" (thang điểm 10, điểm đạt {fmt_score(report.scores.pass_mark)})"
                if report.scores.pass_mark is not None else " (thang điểm 10)")
        story.append(plain(f"Bộ câu hỏi: {nfc(report.quiz_title)}{mark}."))
    story += [plain(line) for line in score_lines(report.scores, pass_mark=False)]
    if report.anonymous_attempts:
        story.append(plain(f"Trong đó {report.anonymous_attempts} bài của người đã xóa dữ liệu "
                           "cá nhân theo yêu cầu (tính vào số liệu, không ghi tên).", "note"))
    if report.scores.pre_count + report.scores.post_count:
        story.append(chart_block(band_chart(report, width)))
    story.append(plain("Các câu hỏi theo tỷ lệ trả lời đúng sau tập huấn (câu nhiều người sai "
                       "nhất lên đầu, cần nhấn mạnh ở buổi sau):"))
    if report.questions:
        story.append(_questions_table(report, width))
        story.append(plain(QUESTIONS_NOTE, "note"))
    else:
        story.append(plain(NO_FINAL, "note"))
    return story


def session_report_story(report: SessionReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        *header_block(report.header, width),
        *title_block("Báo cáo kết quả tập huấn", report.title),
        heading(1, "Thông tin chung"),
        plain(f"Thời gian: {report.when}."),
    ]
    if report.venue:
        story.append(plain(f"Địa điểm: {report.venue}."))
    if report.programme:
        story.append(plain(f"Chương trình: {report.programme}."))
    if report.trainers:
        story.append(plain(f"Giảng viên, báo cáo viên: {report.trainers}."))
    story.append(plain(f"Tình trạng buổi tập huấn: {report.status}."))
    story += [heading(2, "Thành phần tham dự"), *[plain(x) for x in attendance_lines(report)],
              Spacer(1, 2 * mm), _breakdown_table(report, width)]
    if report.by_neighbourhood:
        story += [plain(f"Theo khu phố ({len(report.by_neighbourhood)} khu phố có người được "
                        "mời hoặc có mặt):"), _hood_table(report, width)]
    story.append(heading(3, "Nội dung đã triển khai"))
    if report.agenda:
        done = sum(1 for a in report.agenda if a.done)
        story += [plain(f"Đã thực hiện {done}/{len(report.agenda)} nội dung của chương trình."),
                  _agenda_table(report, width)]
    else:
        story.append(plain("Buổi tập huấn chưa có chương trình (danh sách nội dung)."))
    story += _results_section(report, width)
    story.append(heading(5, "Danh sách học viên"))
    if report.participants:
        story.append(_participants_table(report, width))
    else:
        story.append(plain("Chưa có học viên nào có mặt hoặc làm bài kiểm tra."))
    if report.erased:
        story.append(plain(f"Danh sách không ghi tên {report.erased} người đã xóa dữ liệu cá "
                           "nhân theo yêu cầu.", "note"))
    if report.photos:
        story += photo_grid(report.photos, width, heading(6, "Hình ảnh buổi tập huấn"))
    story += [Spacer(1, 3 * mm), signature_and_recipients(report.header, width)]
    return story


def write_session_report_pdf(path: Path, report: SessionReport) -> Path:
    setup = portrait_a4()
    return build_pdf(path, session_report_story(report, setup.frame_width),
                     title=f"Báo cáo kết quả tập huấn — {nfc(report.title)}",
                     author=nfc(report.header.unit_name), setup=setup)
