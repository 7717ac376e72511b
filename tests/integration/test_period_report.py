"""The period report (PDF, DOCX, XLSX) read back and compared with figures computed straight
from the SQLite file for the same period; bad inputs: a period with no sessions, dates
typed backwards, a person erased on request, a year with 2,000 sessions; the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.report_data import fill_year
from tests import report_world
from tests.integration.test_session_report import docx_text, xlsx_text
from tests.pdf_checks import all_text, assert_fonts_embedded_no_base14, page_count
from trainer_app.db.models import Attendance, TrainingSession
from trainer_app.reports.report_dto import fmt_number, fmt_score, fmt_share
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.files import write_period_report
from trainer_app.services.reporting.period_report import (
    build_period_report,
    make_period,
    parse_day,
    quarter_period,
)
from trainer_app.services.roster.reference import ensure_default_neighbourhoods
from trainer_app.services.workspace.opening import Workspace

pytestmark = pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")

Q4 = quarter_period(2026, 4)


def sql_figures(ws: Workspace, start: date, end: date) -> dict[str, float | int | None]:
    """The period's figures with plain SQL on the database file."""
    conn = sqlite3.connect(str(ws.data_dir.db_path))
    held = ("SELECT id FROM training_session WHERE held_on BETWEEN ? AND ? AND status IN "
            "('finished', 'in_progress')")
    args = (start.isoformat(), end.isoformat())
    try:
        q = conn.execute
        came = (f"FROM attendance a WHERE a.status IN ('present','late') AND a.session_id IN "
                f"({held})")
        post = q(f"SELECT count(*), avg(score), sum(passed) FROM attempt WHERE phase='post' AND "
                 f"submitted_at IS NOT NULL AND session_id IN ({held})", args).fetchone()
        pre = q(f"SELECT count(*), avg(score) FROM attempt WHERE phase='pre' AND submitted_at "
                f"IS NOT NULL AND session_id IN ({held})", args).fetchone()
        return {
            "held": q(f"SELECT count(*) FROM ({held})", args).fetchone()[0],
            "attendances": q(f"SELECT count(*) {came}", args).fetchone()[0],
            "people": q(f"SELECT count(DISTINCT a.person_id) {came}", args).fetchone()[0],
            "hoods": q("SELECT count(*) FROM neighbourhood WHERE archived=0").fetchone()[0],
            "covered": q("SELECT count(DISTINCT p.neighbourhood_id) " + came.replace(
                "FROM attendance a", "FROM attendance a JOIN person p ON p.id = a.person_id"),
                args).fetchone()[0],
            "pre_count": pre[0], "pre_avg": pre[1],
            "post_count": post[0], "post_avg": post[1], "passed": post[2],
        }
    finally:
        conn.close()


@pytest.fixture
def quarter(workspace: Workspace) -> Workspace:
    """Two held sessions in Q4 2026 (one person at both), one in Q3, one planned and one
    cancelled in Q4; the 75 khu phố of the ward."""
    with workspace.session_factory.begin() as s:
        ensure_default_neighbourhoods(s)
    first = report_world.build(workspace, held_on=date(2026, 10, 15))
    second = report_world.build(workspace, held_on=date(2026, 11, 20), erase=False)
    report_world.build(workspace, held_on=date(2026, 9, 30), erase=False)
    with workspace.session_factory.begin() as s:
        s.add(Attendance(session_id=second.session_id,
                         person_id=first.person_ids["Nguyễn Thị An"], status="present"))
        s.add_all([TrainingSession(title="Buổi sắp tới", held_on=date(2026, 12, 10)),
                   TrainingSession(title="Buổi đã hủy", held_on=date(2026, 12, 1),
                                   status="cancelled")])
    return workspace


def test_figures_equal_sql_on_the_database(quarter: Workspace) -> None:
    report = build_period_report(quarter.session_factory, Q4)
    sql = sql_figures(quarter, Q4.start, Q4.end)
    assert (report.sessions_held, report.sessions_planned, report.sessions_cancelled) == \
        (sql["held"], 1, 1) == (2, 1, 1)
    assert report.attendances == sql["attendances"] == 13  # 6 + 6 + An at both
    assert report.people == sql["people"] == 12
    assert report.attendances > report.people
    assert report.neighbourhoods_total == sql["hoods"] == 75
    assert report.covered_in_period == sql["covered"] == 4
    assert len(report.not_yet_trained) == 71 and "Khu phố 5" in report.not_yet_trained
    scores = report.scores
    assert (scores.pre_count, scores.post_count, scores.passed) == \
        (sql["pre_count"], sql["post_count"], sql["passed"]) == (10, 10, 8)
    assert scores.post_average == pytest.approx(sql["post_avg"], abs=0.005)
    assert scores.pre_average == pytest.approx(report_world.PRE_AVERAGE)
    assert scores.gain == pytest.approx(report_world.GAIN)
    assert [p.label for p in report.trend] == ["15/10", "20/11"]
    assert [p.pass_rate for p in report.trend] == [0.8, 0.8]


def test_pdf_docx_xlsx_read_back(quarter: Workspace, tmp_path: Path) -> None:
    sql = sql_figures(quarter, Q4.start, Q4.end)
    expected = [
        "Quý IV năm 2026", f"Số buổi tập huấn đã tổ chức: {sql['held']}.",
        f"Số lượt người tham dự (có mặt): {sql['attendances']}.",
        f"Số người được tập huấn (không tính trùng): {sql['people']}",
        f"Số khu phố có người được tập huấn trong kỳ: {sql['covered']}/{sql['hoods']}",
        f"Điểm trung bình sau tập huấn: {fmt_score(round(sql['post_avg'], 2), 2)}/10",
        f"tỷ lệ đạt {fmt_share(sql['passed'] / sql['post_count'])}",
        "Ngoài ra trong kỳ có 1 buổi đã lên kế hoạch nhưng chưa tổ chức; 1 buổi đã hủy.",
    ]
    pdf = tmp_path / "quy4.pdf"
    write_period_report(quarter.session_factory, Q4, pdf)
    assert_fonts_embedded_no_base14(pdf)
    pdf_text = " ".join(all_text(pdf).split())
    docx = tmp_path / "quy4.docx"
    write_period_report(quarter.session_factory, Q4, docx)
    docx_all = docx_text(docx)
    for line in expected:
        assert line in pdf_text, line
        assert line in docx_all, line
    assert "Tỷ lệ đạt sau tập huấn (%) theo buổi" in pdf_text
    for text in (pdf_text, docx_all):
        assert report_world.ERASED_NAME not in text
    xlsx = tmp_path / "quy4.xlsx"
    write_period_report(quarter.session_factory, Q4, xlsx)
    book = load_workbook(xlsx)
    figures = {r[0].value: r[1].value for r in book["Tổng hợp"].iter_rows(min_row=2)}
    assert figures["Số buổi tập huấn đã tổ chức"] == sql["held"]
    assert figures["Số lượt người tham dự (có mặt)"] == sql["attendances"]
    assert figures["Số người được tập huấn (không tính trùng)"] == sql["people"]
    assert figures["Số khu phố có người được tập huấn trong kỳ"] == sql["covered"]
    assert figures["Điểm trung bình sau tập huấn"] == pytest.approx(sql["post_avg"], abs=0.005)
    assert figures["Từ ngày"].date() == Q4.start
    sessions = book["Các buổi"]
    assert sessions.freeze_panes == "A2" and sessions["B1"].value == "Ngày"
    rows = list(sessions.iter_rows(min_row=2))
    assert len(rows) == sql["held"]
    assert rows[0][1].is_date and rows[0][1].value.date() == date(2026, 10, 15)
    assert sum(r[3].value for r in rows) == sql["attendances"]
    assert isinstance(rows[0][4].value, float)
    hoods = list(book["Khu phố"].iter_rows(min_row=2, values_only=True))
    assert len(hoods) == 75 and sum(1 for h in hoods if h[1]) == sql["covered"]
    assert report_world.ERASED_NAME not in xlsx_text(xlsx)


def test_period_with_no_sessions_says_so(quarter: Workspace, tmp_path: Path) -> None:
    empty = quarter_period(2026, 1)
    assert sql_figures(quarter, empty.start, empty.end)["held"] == 0
    for suffix in (".pdf", ".docx", ".xlsx"):
        out = tmp_path / f"quy1{suffix}"
        result = write_period_report(quarter.session_factory, empty, out)
        assert (result.sessions, result.attended, result.people) == (0, 0, 0)
        if suffix == ".xlsx":
            figures = {r[0].value: r[1].value for r in
                       load_workbook(out)["Tổng hợp"].iter_rows(min_row=2)}
            assert figures["Số buổi tập huấn đã tổ chức"] == 0
            continue
        text = " ".join((all_text(out) if suffix == ".pdf" else docx_text(out)).split())
        assert "Trong kỳ báo cáo không có buổi tập huấn nào được tổ chức" in text
        assert "Số khu phố chưa có ai được tập huấn (tính đến hết kỳ): 75/75" in text


def test_dates_backwards_and_bad_dates() -> None:
    with pytest.raises(UserError) as backwards:
        make_period(date(2026, 12, 31), date(2026, 10, 1))
    assert backwards.value.code == "dates_backwards"
    assert "31/12/2026" in backwards.value.message and "ngược" in backwards.value.message
    assert parse_day("01/10/2026") == parse_day("2026-10-01") == date(2026, 10, 1)
    for bad in ("31/02/2026", "hôm qua", ""):
        with pytest.raises(UserError) as error:
            parse_day(bad)
        assert error.value.code == "bad_date"
    assert make_period(date(2026, 10, 1), date(2026, 12, 31)).label == "Quý IV năm 2026"
    assert make_period(date(2026, 1, 1), date(2026, 12, 31)).label == "Năm 2026"
    assert make_period(date(2026, 10, 5), date(2026, 10, 5)).label == \
        "Từ ngày 05/10/2026 đến ngày 05/10/2026"


def test_year_with_2000_sessions(workspace: Workspace, tmp_path: Path) -> None:
    data = fill_year(workspace.session_factory, sessions=2_000, per_session=5, people=600)
    year = make_period(date(2026, 1, 1), date(2026, 12, 31))
    sql = sql_figures(workspace, year.start, year.end)
    assert sql["held"] == data.sessions == 2_000
    pdf = tmp_path / "nam.pdf"
    result = write_period_report(workspace.session_factory, year, pdf)
    assert (result.sessions, result.attended, result.people) == \
        (sql["held"], sql["attendances"], sql["people"])
    text = " ".join(all_text(pdf).split())
    assert "Số buổi tập huấn đã tổ chức: 2.000." in text
    assert f"Số lượt người tham dự (có mặt): {fmt_number(int(sql['attendances']))}." in text
    assert "KẾT QUẢ THEO THÁNG" in text and "quá nhiều để liệt kê" in text
    assert "Tỷ lệ đạt sau tập huấn (%) theo tháng" in text
    assert page_count(pdf) <= 6  # months, not 2,000 rows
    xlsx = tmp_path / "nam.xlsx"
    write_period_report(workspace.session_factory, year, xlsx)
    book = load_workbook(xlsx, read_only=True)
    rows = list(book["Các buổi"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2_000 and sum(r[3] for r in rows) == sql["attendances"]
    months = list(book["Theo tháng"].iter_rows(min_row=2, values_only=True))
    assert sum(m[2] for m in months) == 2_000


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli(quarter: Workspace, tmp_path: Path) -> None:
    data = quarter.data_dir.root
    sql = sql_figures(quarter, Q4.start, Q4.end)
    period = run_cli(data, "report", "period", "--from", "01/10/2026", "--to", "2026-12-31",
                     "--out", str(tmp_path / "q4.xlsx"), "--json")
    assert period.returncode == 0, period.stderr
    payload = json.loads(period.stdout)
    assert (payload["sessions"], payload["attended"], payload["people"]) == \
        (sql["held"], sql["attendances"], sql["people"])
    assert payload["label"] == "Quý IV năm 2026"
    backwards = run_cli(data, "report", "period", "--from", "31/12/2026", "--to",
                        "01/10/2026", "--out", str(tmp_path / "x.pdf"))
    assert backwards.returncode == 2 and "ghi ngược" in backwards.stderr
    assert not (tmp_path / "x.pdf").exists()
    session = run_cli(data, "report", "session", "1", "--out", str(tmp_path / "s.docx"))
    assert session.returncode == 0, session.stderr
    assert "tăng 3,36" in session.stdout and (tmp_path / "s.docx").exists()
    results = run_cli(data, "export", "results", "1", "--out", str(tmp_path / "r.xlsx"),
                      "--json")
    assert results.returncode == 0 and json.loads(results.stdout)["kind"] == "results"
    wrong = run_cli(data, "export", "results", "1", "--out", str(tmp_path / "r.pdf"))
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr
