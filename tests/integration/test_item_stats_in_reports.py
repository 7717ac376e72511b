"""The item analysis in the session report's section on the questions most got wrong and in
the results spreadsheet: the same figures as ``quiz stats`` for the session's post-test, and
no question-by-question comparison between two different quizzes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from tests import report_world
from trainer_app.reports.report_dto import fmt_score
from trainer_app.services.quizzes.item_stats import quiz_stats
from trainer_app.services.reporting.files import export_session_results, write_session_report
from trainer_app.services.reporting.session_report import build_session_report
from trainer_app.services.workspace.opening import Workspace

DEMO_QUIZ = "demo-kiem-tra-nhanh"


def test_report_questions_carry_the_post_test_item_analysis(demo_workspace: Workspace,
                                                            tmp_path: Path) -> None:
    factory = demo_workspace.session_factory
    report = build_session_report(factory, 1)
    post = quiz_stats(factory, DEMO_QUIZ, session_id=1, phase="post").versions[-1]
    expected = {q.number: q for q in post.questions}
    assert len(report.questions) == 5
    for line in report.questions:
        q = expected[line.number]
        assert (line.post_share, line.discrimination, line.upper_lower, list(line.flags)) == (
            q.facility, q.discrimination, q.upper_lower, q.flags)
        assert line.options.count("%") == len(q.options) and "*" in line.options
    assert [q.post_share for q in report.questions] == sorted(
        q.post_share for q in report.questions)  # weakest first
    out = export_session_results(factory, 1, tmp_path / "ket-qua.xlsx")
    sheet = load_workbook(out.file)["Theo câu hỏi"]
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    assert "Độ phân biệt (câu so với phần còn lại)" in header
    assert "Nhóm giỏi − nhóm yếu (27%)" in header and "Cảnh báo" in header
    col = header.index("Độ phân biệt (câu so với phần còn lại)")
    values = [row[col] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert values == [line.discrimination for line in report.questions]
    pdf = write_session_report(factory, 1, tmp_path / "bao-cao.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf.file).pages).split())
    assert "Độ phân biệt" in text and "Cảnh báo" in text
    assert fmt_score(report.questions[0].discrimination, 2) in text


def test_two_different_quizzes_are_not_compared_question_by_question(
        workspace: Workspace) -> None:
    session_id = report_world.build(workspace, held_on=date(2026, 11, 20)).session_id
    same = build_session_report(workspace.session_factory, session_id)
    assert any(q.pre_share is not None for q in same.questions)  # one quiz before and after
    # the pre-test answered on another quiz whose questions have the same ids
    from sqlalchemy import select, update

    from trainer_app.db.models import Attempt, QuizVersion
    from trainer_app.services.quizzes import service as quiz_service

    with workspace.session_factory.begin() as s:
        other, _created = quiz_service.store_in(s, report_world.quiz_doc("khac-3-cau"))
        version, _new = quiz_service.freeze_in(s, other)
        ids = s.scalars(select(Attempt.id).where(Attempt.session_id == session_id,
                                                 Attempt.phase == "pre")).all()
        s.execute(update(Attempt).where(Attempt.id.in_(ids)).values(
            quiz_version_id=version.id))
        assert s.get(QuizVersion, version.id) is not None
    apart = build_session_report(workspace.session_factory, session_id)
    assert all(q.pre_share is None for q in apart.questions)
    assert [q.post_share for q in apart.questions] == [q.post_share for q in same.questions]
