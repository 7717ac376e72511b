"""`quiz stats` over a real SQLite file: scope (session, period, phase), one block per frozen
version, blanks counted as wrong, the JSON shape, and bad inputs refused in Vietnamese."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.integration.test_quiz_cli import run
from trainer_app.db.models import Answer, Attempt, TrainingSession
from trainer_app.domain.item_statistics import FLAG_EASY, FLAG_HARD, FLAG_UNUSED_OPTION
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.quizzes.item_stats import quiz_stats, sessions_using_quiz
from trainer_app.services.workspace.opening import Workspace

QUIZ = '''format = "trainer-app-quiz"
format_version = 1
id = "thu"
title = "Thử"

[[questions]]
id = "q1"
kind = "single"
text = "{first}"
source = "Thử"
options = [{{ text = "Đúng ý", correct = true }}, {{ text = "Sai ý" }}, {{ text = "Lạc đề" }}]

[[questions]]
id = "q2"
kind = "true_false"
text = "Câu hai."
source = "Thử"
options = [{{ text = "Đúng", correct = true }}, {{ text = "Sai" }}]
'''


def load(ws: Workspace, tmp_path: Path, first: str) -> int:
    path = tmp_path / f"thu-{len(first)}.toml"
    path.write_text(QUIZ.format(first=first), encoding="utf-8")
    assert quiz_files.import_file(ws.session_factory, path).quiz == "thu"
    return quiz_service.freeze(ws.session_factory, "thu").version_id


def add_session(ws: Workspace, held_on: date) -> int:
    with ws.session_factory.begin() as s:
        row = TrainingSession(title=f"Buổi {held_on:%d/%m}", held_on=held_on)
        s.add(row)
        s.flush()
        return row.id


def add_attempts(ws: Workspace, session_id: int, version_id: int, phase: str,
                 sheets: list[list[list[int]]], submitted: bool = True) -> None:
    """Each sheet: per question (q1, q2), the chosen 1-based positions ([] = blank)."""
    keys = {"q1": [1], "q2": [1]}
    now = datetime(2026, 10, 1, 8, 0)
    with ws.session_factory.begin() as s:
        for sheet in sheets:
            attempt = Attempt(session_id=session_id, person_id=None, quiz_version_id=version_id,
                              phase=phase, mode="paper", started_at=now,
                              submitted_at=now if submitted else None)
            s.add(attempt)
            s.flush()
            for key, picks in zip(("q1", "q2"), sheet, strict=True):
                right = picks == keys[key]
                s.add(Answer(attempt_id=attempt.id, question_key=key,
                             chosen_json=json.dumps(picks), is_correct=right,
                             points=1.0 if right else 0.0, answered_at=now))


@pytest.fixture
def world(workspace: Workspace, tmp_path: Path) -> dict[str, int]:
    v1 = load(workspace, tmp_path, "Câu một?")
    early = add_session(workspace, date(2026, 10, 1))
    late = add_session(workspace, date(2026, 11, 5))
    # early session, version 1: pre-test 4 sheets, post-test 4 sheets
    add_attempts(workspace, early, v1, "pre", [[[2], [2]], [[2], [1]], [[1], [2]], [[], [2]]])
    add_attempts(workspace, early, v1, "post", [[[1], [1]], [[1], [1]], [[1], [2]], [[2], [1]]])
    add_attempts(workspace, early, v1, "post", [[[1], [1]]], submitted=False)  # not counted
    v2 = load(workspace, tmp_path, "Câu một, đã sửa?")
    assert v2 != v1
    # late session, version 2: 20 post-test sheets, q1 right for 19, q2 right for 2
    add_attempts(workspace, late, v2, "post",
                 [[[1] if j else [2], [1] if j in (1, 2) else [2]] for j in range(20)])
    return {"early": early, "late": late, "v1": v1, "v2": v2}


def test_session_scope_with_phases_and_blanks(workspace: Workspace,
                                              world: dict[str, int]) -> None:
    result = quiz_stats(workspace.session_factory, "thu", session_id=world["early"])
    assert [v.version_no for v in result.versions] == [1]
    data = result.as_json()
    assert set(data) == {"questions", "test"}
    q1, q2 = data["questions"]
    assert set(q1) == {"question", "n", "facility", "discrimination", "options", "flags",
                       "facility_pre", "facility_post"}
    # q1 right: pre 1 of 4 (the blank counts as wrong), post 3 of 4 -> 4 of 8 overall
    assert (q1["n"], q1["facility"], q1["facility_pre"], q1["facility_post"]) == (
        8, 0.5, 0.25, 0.75)
    assert [o["share"] for o in q1["options"]] == [0.5, 0.375, 0.0]
    assert [o["text"] for o in q1["options"]] == ["Đúng ý", "Sai ý", "Lạc đề"]
    assert q1["flags"] == []  # 8 attempts: too few to flag
    assert (q2["facility_pre"], q2["facility_post"]) == (0.25, 0.75)
    assert data["test"]["n"] == 8 and data["test"]["mean"] == 1.0


def test_phase_filter_drops_the_phase_columns(workspace: Workspace,
                                              world: dict[str, int]) -> None:
    data = quiz_stats(workspace.session_factory, "thu", session_id=world["early"],
                      phase="pre").as_json()
    assert data["test"]["n"] == 4
    assert "facility_pre" not in data["questions"][0]
    assert data["questions"][0]["facility"] == 0.25


def test_several_versions_are_reported_apart_and_flags_need_twenty(
        workspace: Workspace, world: dict[str, int]) -> None:
    data = quiz_stats(workspace.session_factory, "thu").as_json()
    assert [v["version"] for v in data["versions"]] == [1, 2]
    assert [v["test"]["n"] for v in data["versions"]] == [8, 20]
    late_q1, late_q2 = data["versions"][1]["questions"]
    assert late_q1["facility"] == 0.95
    assert FLAG_EASY not in late_q1["flags"]  # a post-test is meant to be easy
    assert FLAG_UNUSED_OPTION in late_q1["flags"]  # nobody chose "Lạc đề"
    assert FLAG_HARD in late_q2["flags"]  # 2 of 20
    period = quiz_stats(workspace.session_factory, "thu", start=date(2026, 11, 1),
                        end=date(2026, 11, 30)).as_json()
    assert period["test"]["n"] == 20
    assert [c.attempts for c in sessions_using_quiz(workspace.session_factory, "thu")] == [20, 8]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_facility_matches_raw_sql(workspace: Workspace, world: dict[str, int]) -> None:
    conn = sqlite3.connect(str(workspace.data_dir.db_path))
    try:
        right = dict(conn.execute(
            "SELECT a.question_key, sum(a.is_correct) FROM answer a JOIN attempt t ON "
            "t.id = a.attempt_id WHERE t.quiz_version_id = ? AND t.submitted_at IS NOT NULL "
            "GROUP BY a.question_key", (world["v2"],)).fetchall())
    finally:
        conn.close()
    data = quiz_stats(workspace.session_factory, "thu", session_id=world["late"]).as_json()
    assert {q["question"]: q["facility"] for q in data["questions"]} == {
        k: v / 20 for k, v in right.items()}


def test_bad_scope_is_refused(workspace: Workspace, world: dict[str, int]) -> None:
    factory = workspace.session_factory
    with pytest.raises(UserError, match="Không có buổi tập huấn số 999"):
        quiz_stats(factory, "thu", session_id=999)
    with pytest.raises(UserError, match="ghi ngược"):
        quiz_stats(factory, "thu", start=date(2026, 12, 1), end=date(2026, 1, 1))
    with pytest.raises(UserError, match="không chọn cả hai"):
        quiz_stats(factory, "thu", session_id=world["early"], start=date(2026, 1, 1))
    with pytest.raises(UserError, match="Không tìm thấy bộ câu hỏi"):
        quiz_stats(factory, "khong-co")
    empty = quiz_stats(factory, "thu", start=date(2020, 1, 1), end=date(2020, 2, 1))
    assert empty.as_json() == {"questions": [], "test": {"n": 0, "mean": None, "sd": None,
                                                         "kr20": None}}


def test_cli_json_and_text(workspace: Workspace, world: dict[str, int]) -> None:
    data_dir = workspace.data_dir.root
    workspace.close()
    result = run("quiz", "stats", "thu", "--session", str(world["late"]), "--json",
                 data=data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["test"]["n"] == 20 and data["questions"][1]["flags"] == [FLAG_HARD]
    text = run("quiz", "stats", "thu", "--from", "01/11/2026", "--to", "30/11/2026",
               "--phase", "post", data=data_dir)
    assert text.returncode == 0 and "Câu 2 (q2): đúng 10%" in text.stdout
    assert "quá khó" in text.stdout
    bad = run("quiz", "stats", "thu", "--from", "31/02/2026", "--to", "01/03/2026",
              data=data_dir)
    assert bad.returncode == 2 and "không có thật trên lịch" in bad.stderr


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_the_fast_path_agrees_with_the_domain_on_raw_rows(workspace: Workspace,
                                                          world: dict[str, int]) -> None:
    """``quiz stats`` takes its sums in SQL; the domain's own per-attempt path over the same
    rows, read here with plain sqlite3, must agree."""
    from trainer_app.domain.item_statistics import item_analysis, whole_test_stats

    conn = sqlite3.connect(str(workspace.data_dir.db_path))
    try:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM attempt WHERE quiz_version_id = ? AND submitted_at IS NOT NULL "
            "ORDER BY id", (world["v1"],))]
        phases = [r[0] for r in conn.execute(
            "SELECT phase FROM attempt WHERE quiz_version_id = ? AND submitted_at IS NOT NULL "
            "ORDER BY id", (world["v1"],))]
        points: dict[int, dict[str, float]] = {a: {} for a in ids}
        chosen: dict[int, dict[str, list[int]]] = {a: {} for a in ids}
        for attempt_id, key, value, text in conn.execute(
                "SELECT attempt_id, question_key, points, chosen_json FROM answer"):
            if attempt_id in points and json.loads(text):
                points[attempt_id][key] = value
                chosen[attempt_id][key] = [i - 1 for i in json.loads(text)]
    finally:
        conn.close()
    doc = quiz_service.version_doc(workspace.session_factory, world["v1"])
    expected = item_analysis(doc, [points[a] for a in ids], chosen=[chosen[a] for a in ids],
                             phases=phases, easy_flag=False)
    got = quiz_stats(workspace.session_factory, "thu").versions[0]
    for q, e in zip(got.questions, expected, strict=True):
        assert (q.facility, q.discrimination, q.upper_lower, q.facility_pre,
                q.facility_post) == (e.facility, e.discrimination, e.upper_lower,
                                     e.facility_pre, e.facility_post)
        assert [o.share for o in q.options] == list(e.option_shares)
    test = whole_test_stats(doc, [points[a] for a in ids])
    assert (got.test.mean, got.test.sd, got.test.kr20) == (test.mean, test.sd, test.kr20)
