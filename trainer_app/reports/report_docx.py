"""The session report and the period report as Word files (python-docx), for staff who edit
reports before sending: the same sections, sentences and tables as the PDFs (the sentences
come from the PDF modules, so both say the same), charts as pictures drawn by
``charts.chart_png``, photos two a row, the administrative header and signature of
``docx_style``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Mm

from trainer_app.reports import period_report_pdf as period_pdf
from trainer_app.reports import session_report_pdf as session_pdf
from trainer_app.reports.charts import BarChart, chart_png
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
from trainer_app.reports.report_dto import (
    PeriodReport,
    Photo,
    SessionReport,
    fmt_number,
    fmt_score,
    fmt_share,
)
from trainer_app.reports.report_parts import ROMAN, score_lines

__all__ = ["build_period_docx", "build_session_docx", "write_period_report_docx",
           "write_session_report_docx"]

FRAME_MM = 165  # A4 minus the decree's 30 + 15 mm margins
CHART_W = FRAME_MM * 72 / 25.4  # points


def _heading(doc: DocxDocument, number: int, text: str) -> None:
    add_text(doc, f"{ROMAN[number - 1]}. {nfc(text).upper()}", bold=True, before=8, after=4,
             keep_with_next=True)


def _para(doc: DocxDocument, text: str, *, note: bool = False) -> None:
    if note:
        add_text(doc, text, italic=True, size=11, after=3)
    else:
        add_text(doc, text, align="justify", indent_first=True, after=3)


def _chart(doc: DocxDocument, chart: BarChart) -> None:
    doc.add_picture(io.BytesIO(chart_png(chart)), width=Mm(FRAME_MM))
    doc.paragraphs[-1].alignment = 1  # centred


def _photos(doc: DocxDocument, photos: Sequence[Photo]) -> None:
    table = doc.add_table(rows=(len(photos) + 1) // 2, cols=2)
    for n, photo in enumerate(photos):
        cell = table.cell(n // 2, n % 2)
        width = min(78.0, 70.0 * photo.width / photo.height)
        run = cell.paragraphs[0].add_run()
        run.add_picture(io.BytesIO(photo.data), width=Mm(width))
        cell.paragraphs[0].alignment = 1
        add_text(cell, f"Ảnh {n + 1}", size=10, align="center", after=4)


def _result(passed: bool | None) -> str:
    return "–" if passed is None else ("Đạt" if passed else "Chưa đạt")


def build_session_docx(report: SessionReport) -> DocxDocument:
    doc = new_document()
    doc.core_properties.title = f"Báo cáo kết quả tập huấn — {nfc(report.title)}"
    doc.core_properties.author = nfc(report.header.unit_name)
    add_header_block(doc, report.header)
    add_title(doc, "Báo cáo kết quả tập huấn", report.title)
    _heading(doc, 1, "Thông tin chung")
    _para(doc, f"Thời gian: {report.when}.")
    for label, value in (("Địa điểm", report.venue), ("Chương trình", report.programme),
                         ("Giảng viên, báo cáo viên", report.trainers)):
        if value:
            _para(doc, f"{label}: {value}.")
    _para(doc, f"Tình trạng buổi tập huấn: {report.status}.")
    _heading(doc, 2, "Thành phần tham dự")
    for line in session_pdf.attendance_lines(report):
        _para(doc, line)
    rows = [[f"Giới tính: {r.label}", str(r.invited), str(r.attended)]
            for r in report.by_gender]
    rows += [[f"Chức danh: {r.label}", str(r.invited), str(r.attended)] for r in report.by_role]
    rows += [[r.label, str(r.invited), str(r.attended)] for r in report.by_neighbourhood]
    grid_table(doc, [("Thành phần", 6, "left"), ("Được mời", 1.6, "center"),
                     ("Có mặt", 1.6, "center")], rows,
               ["Tổng số", str(report.invited), str(report.attended)])
    _heading(doc, 3, "Nội dung đã triển khai")
    if report.agenda:
        grid_table(doc, [("STT", 0.8, "center"), ("Nội dung", 6, "left"),
                         ("Hình thức", 2, "left"), ("Số phút", 1.2, "center"),
                         ("Đã thực hiện", 1.6, "center")],
                   [[str(i), a.title, a.kind, str(a.minutes or ""), "Có" if a.done else "Chưa"]
                    for i, a in enumerate(report.agenda, start=1)])
    else:
        _para(doc, "Buổi tập huấn chưa có chương trình (danh sách nội dung).")
    _heading(doc, 4, "Kết quả kiểm tra")
    if not report.has_quiz:
        _para(doc, session_pdf.NO_QUIZ)
    else:
        if report.quiz_title:
            _para(doc, f"Bộ câu hỏi: {nfc(report.quiz_title)} (thang điểm 10).")
        for line in score_lines(report.scores, pass_mark=False):
            _para(doc, line)
        if report.anonymous_attempts:
            _para(doc, f"Trong đó {report.anonymous_attempts} bài của người đã xóa dữ liệu cá "
                       "nhân theo yêu cầu (tính vào số liệu, không ghi tên).", note=True)
        if report.scores.pre_count + report.scores.post_count:
            _chart(doc, session_pdf.band_chart(report, CHART_W))
        _para(doc, "Các câu hỏi theo tỷ lệ trả lời đúng sau tập huấn (câu nhiều người sai nhất "
                   "lên đầu):")
        if report.questions:
            grid_table(doc, [("Câu", 0.8, "center"), ("Nội dung câu hỏi", 5.6, "left"),
                             ("Đúng trước", 1.3, "center"), ("Đúng sau", 1.3, "center"),
                             ("Độ phân biệt", 1.4, "center"), ("Cảnh báo", 2.2, "left")],
                       [[str(q.number), q.text, fmt_share(q.pre_share),
                         fmt_share(q.post_share), fmt_score(q.discrimination, 2),
                         "; ".join(q.flags)]
                        for q in report.questions])
            _para(doc, session_pdf.QUESTIONS_NOTE, note=True)
        else:
            _para(doc, session_pdf.NO_FINAL, note=True)
    _heading(doc, 5, "Danh sách học viên")
    if report.participants:
        grid_table(doc, [("STT", 0.8, "center"), ("Họ và tên", 4, "left"),
                         ("Khu phố", 2, "left"), ("Tình trạng", 1.7, "left"),
                         ("Điểm trước", 1.3, "center"), ("Điểm sau", 1.3, "center"),
                         ("Tăng", 1.1, "center"), ("Kết quả", 1.5, "center")],
                   [[str(p.row), p.full_name, p.neighbourhood, p.status, fmt_score(p.pre),
                     fmt_score(p.post), fmt_score(p.gain), _result(p.passed)]
                    for p in report.participants])
    else:
        _para(doc, "Chưa có học viên nào có mặt hoặc làm bài kiểm tra.")
    if report.erased:
        _para(doc, f"Danh sách không ghi tên {report.erased} người đã xóa dữ liệu cá nhân theo "
                   "yêu cầu.", note=True)
    if report.photos:
        _heading(doc, 6, "Hình ảnh buổi tập huấn")
        _photos(doc, report.photos)
    add_signature_and_recipients(doc, report.header)
    return doc


def build_period_docx(report: PeriodReport) -> DocxDocument:
    doc = new_document()
    doc.core_properties.title = f"Báo cáo kết quả tập huấn — {nfc(report.label)}"
    doc.core_properties.author = nfc(report.header.unit_name)
    add_header_block(doc, report.header)
    add_title(doc, "Báo cáo kết quả tập huấn cộng tác viên", report.label)
    _para(doc, f"Thời gian báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày "
               f"{report.end:%d/%m/%Y}.")
    for number, title, lines in (
            (1, "Các buổi tập huấn", period_pdf.sessions_lines(report)),
            (2, "Người được tập huấn", period_pdf.people_lines(report)),
            (3, "Độ bao phủ các khu phố", period_pdf.coverage_lines(report))):
        _heading(doc, number, title)
        for line in lines:
            _para(doc, line)
    trained = [c for c in report.coverage if c.trained_to_date]
    if trained:
        grid_table(doc, [("Khu phố", 3, "left"), ("Trong kỳ", 1.3, "center"),
                         ("Lũy kế đến hết kỳ", 1.6, "center")],
                   [[c.name, fmt_number(c.trained_in_period), fmt_number(c.trained_to_date)]
                    for c in trained])
    _heading(doc, 4, "Kết quả kiểm tra")
    if not report.sessions_held:
        _para(doc, "Không có buổi tập huấn nào trong kỳ, nên không có kết quả kiểm tra.")
    elif not report.trend:
        _para(doc, "Các buổi tập huấn trong kỳ không có bài kiểm tra nào được nộp.")
    else:
        for line in score_lines(report.scores, pass_mark=False):
            _para(doc, line)
        _chart(doc, period_pdf.pass_chart(report, CHART_W))
        _chart(doc, period_pdf.gain_chart(report, CHART_W))
    if report.sessions_held:
        s = report.scores
        total = ["", f"Cộng: {fmt_number(report.sessions_held)} buổi",
                 fmt_number(report.attendances), fmt_score(s.pre_average, 2),
                 fmt_score(s.post_average, 2), fmt_score(s.gain, 2), fmt_share(s.pass_rate)]
        tail = [("Có mặt", 1.1, "center"), ("Điểm TB trước", 1.3, "center"),
                ("Điểm TB sau", 1.3, "center"), ("Tăng", 1.0, "center"),
                ("Tỷ lệ đạt", 1.3, "center")]
        if report.sessions_listed:
            _heading(doc, 5, "Kết quả từng buổi tập huấn")
            grid_table(doc, [("Ngày", 1.5, "center"), ("Buổi tập huấn", 5, "left"), *tail],
                       [[f"{x.held_on:%d/%m/%Y}", x.title, fmt_number(x.attended),
                         fmt_score(x.pre_average, 2), fmt_score(x.post_average, 2),
                         fmt_score(x.gain, 2), fmt_share(x.pass_rate)]
                        for x in report.sessions], total)
        else:
            _heading(doc, 5, "Kết quả theo tháng")
            _para(doc, f"Kỳ báo cáo có {fmt_number(report.sessions_held)} buổi tập huấn, quá "
                       "nhiều để liệt kê: bảng dưới đây cộng theo tháng; danh sách từng buổi có "
                       "trong bảng tính Excel (XLSX) của cùng kỳ báo cáo.")
            grid_table(doc, [("Tháng", 1.5, "center"), ("Số buổi", 1.3, "center"), *tail],
                       [[m.label, fmt_number(m.sessions), fmt_number(m.attended),
                         fmt_score(m.pre_average, 2), fmt_score(m.post_average, 2),
                         fmt_score(m.gain, 2), fmt_share(m.pass_rate)]
                        for m in report.months],
                       ["Cộng", fmt_number(report.sessions_held), *total[2:]])
    add_signature_and_recipients(doc, report.header)
    return doc


def write_session_report_docx(path: Path, report: SessionReport) -> Path:
    return save_docx(build_session_docx(report), path)


def write_period_report_docx(path: Path, report: PeriodReport) -> Path:
    return save_docx(build_period_docx(report), path)
