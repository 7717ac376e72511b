"""Spreadsheets of the results: a session's attendance, results per person and per question
(`export results`), and the period figures (`report period --out F.xlsx`). Written with
``roster_xlsx.write_tables``: Vietnamese headers, widths, frozen header row, numbers as
numbers, dates as dates, and text that starts with = + - @ kept as text, never a formula.
Shares are written as percentages (0–100, one decimal) under a "(%)" header."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trainer_app.reports.report_dto import (
    AttendanceEntry,
    PeriodReport,
    ScoreSummary,
    SessionReport,
)
from trainer_app.reports.roster_xlsx import (
    DATE,
    DATETIME,
    NUMBER,
    Column,
    Table,
    Value,
    write_tables,
)

__all__ = ["period_tables", "session_tables", "write_period_xlsx", "write_session_xlsx"]


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _passed(value: bool | None) -> str:
    return "" if value is None else ("Đạt" if value else "Chưa đạt")


def _score_rows(scores: ScoreSummary) -> list[tuple[str, Value, str]]:
    return [
        ("Số bài kiểm tra trước tập huấn", scores.pre_count, ""),
        ("Điểm trung bình trước tập huấn", scores.pre_average, "thang điểm 10"),
        ("Số bài kiểm tra sau tập huấn", scores.post_count, ""),
        ("Điểm trung bình sau tập huấn", scores.post_average, "thang điểm 10"),
        ("Điểm tăng (sau − trước)", scores.gain, "điểm trung bình"),
        ("Số bài đạt", scores.passed, "trong các bài sau tập huấn"),
        ("Tỷ lệ đạt (%)", _percent(scores.pass_rate), ""),
    ]


FIGURE_COLUMNS = (Column("Chỉ tiêu", 44), Column("Giá trị", 16, NUMBER), Column("Ghi chú", 40))


def period_tables(report: PeriodReport) -> list[Table]:
    figures: list[tuple[str, Value, str]] = [
        ("Kỳ báo cáo", report.label, ""),
        ("Từ ngày", report.start, ""),
        ("Đến ngày", report.end, ""),
        ("Số buổi tập huấn đã tổ chức", report.sessions_held, ""),
        ("Số buổi đã lên kế hoạch (chưa tổ chức)", report.sessions_planned, ""),
        ("Số buổi đã hủy", report.sessions_cancelled, ""),
        ("Số lượt người tham dự (có mặt)", report.attendances, ""),
        ("Số người được tập huấn (không tính trùng)", report.people, ""),
        *[(f"Trong đó: {row.label.lower()}", row.attended, "") for row in
          report.people_by_gender],
        ("Số khu phố", report.neighbourhoods_total, ""),
        ("Số khu phố có người được tập huấn trong kỳ", report.covered_in_period, ""),
        ("Số khu phố chưa có ai được tập huấn", len(report.not_yet_trained),
         "tính đến hết kỳ"),
        *_score_rows(report.scores),
    ]
    sessions = Table("Các buổi", (
        Column("Mã buổi", 9, NUMBER), Column("Ngày", 12, DATE), Column("Buổi tập huấn", 44),
        Column("Số người có mặt", 12, NUMBER), Column("Điểm TB trước", 12, NUMBER),
        Column("Điểm TB sau", 12, NUMBER), Column("Điểm tăng", 11, NUMBER),
        Column("Số bài sau", 11, NUMBER), Column("Số bài đạt", 11, NUMBER),
        Column("Tỷ lệ đạt (%)", 12, NUMBER)),
        [(s.session_id, s.held_on, s.title, s.attended, s.pre_average, s.post_average,
          s.gain, s.post_count, s.passed, _percent(s.pass_rate)) for s in report.sessions])
    months = Table("Theo tháng", (
        Column("Năm", 8, NUMBER), Column("Tháng", 8, NUMBER), Column("Số buổi", 10, NUMBER),
        Column("Lượt có mặt", 12, NUMBER), Column("Điểm TB trước", 12, NUMBER),
        Column("Điểm TB sau", 12, NUMBER), Column("Điểm tăng", 11, NUMBER),
        Column("Tỷ lệ đạt (%)", 12, NUMBER)),
        [(int(m.label[3:]), int(m.label[:2]), m.sessions, m.attended, m.pre_average,
          m.post_average, m.gain, _percent(m.pass_rate)) for m in report.months])
    hoods = Table("Khu phố", (
        Column("Khu phố", 24), Column("Người được tập huấn trong kỳ", 16, NUMBER),
        Column("Lũy kế đến hết kỳ", 16, NUMBER), Column("Chưa có ai được tập huấn", 16)),
        [(c.name, c.trained_in_period, c.trained_to_date, not c.trained_to_date)
         for c in report.coverage])
    return [Table("Tổng hợp", FIGURE_COLUMNS, figures), sessions, months, hoods]


def session_tables(report: SessionReport, attendance: Sequence[AttendanceEntry]) -> list[Table]:
    figures: list[tuple[str, Value, str]] = [
        ("Buổi tập huấn", report.title, ""),
        ("Mã buổi", report.session_id, ""),
        ("Ngày", report.held_on, ""),
        ("Số người được mời", report.invited, ""),
        ("Số người có mặt", report.attended, "có mặt hoặc đến muộn"),
        ("Đến muộn", report.late, ""),
        ("Đến thêm (không có trong danh sách mời)", report.walk_ins, ""),
        ("Vắng có phép", report.excused, ""),
        ("Vắng", report.absent, ""),
        ("Chưa điểm danh", report.unknown, ""),
        ("Người đã xóa dữ liệu theo yêu cầu", report.erased, "được tính, không ghi tên"),
        ("Bộ câu hỏi", report.quiz_title or "Không có bài kiểm tra", ""),
        *_score_rows(report.scores),
    ]
    results = Table("Kết quả", (
        Column("STT", 6, NUMBER), Column("Họ và tên", 28), Column("Khu phố", 14),
        Column("Tình trạng", 14), Column("Điểm trước", 10, NUMBER),
        Column("Điểm sau", 10, NUMBER), Column("Điểm tăng", 10, NUMBER),
        Column("Kết quả", 10)),
        [(p.row, p.full_name, p.neighbourhood, p.status, p.pre, p.post, p.gain,
          _passed(p.passed)) for p in report.participants])
    questions = Table("Theo câu hỏi", (
        Column("Câu", 6, NUMBER), Column("Nội dung câu hỏi", 60),
        Column("Tỷ lệ đúng trước (%)", 12, NUMBER), Column("Tỷ lệ đúng sau (%)", 12, NUMBER),
        Column("Độ phân biệt (câu so với phần còn lại)", 14, NUMBER),
        Column("Nhóm giỏi − nhóm yếu (27%)", 14, NUMBER),
        Column("Tỷ lệ chọn từng phương án (* đáp án)", 34), Column("Cảnh báo", 30),
        Column("Số bài sau", 10, NUMBER)),
        [(q.number, q.text, _percent(q.pre_share), _percent(q.post_share), q.discrimination,
          q.upper_lower, q.options, "; ".join(q.flags), q.attempts)
         for q in report.questions])
    sheet = Table("Điểm danh", (
        Column("STT", 6, NUMBER), Column("Họ và tên", 28), Column("Năm sinh", 9, NUMBER),
        Column("Khu phố", 14), Column("Tình trạng", 14), Column("Giờ đến", 17, DATETIME),
        Column("Được mời", 9), Column("Đến thêm", 9)),
        [(a.row, a.full_name, a.birth_year, a.neighbourhood, a.status, a.checked_in_at,
          a.invited, a.walk_in) for a in attendance])
    return [Table("Tổng hợp", FIGURE_COLUMNS, figures), results, questions, sheet]


def write_period_xlsx(path: Path, report: PeriodReport) -> Path:
    write_tables(path, period_tables(report), title=f"Báo cáo tập huấn — {report.label}")
    return Path(path)


def write_session_xlsx(path: Path, report: SessionReport,
                       attendance: Sequence[AttendanceEntry]) -> Path:
    write_tables(path, session_tables(report, attendance),
                 title=f"Kết quả tập huấn — {report.title}")
    return Path(path)
