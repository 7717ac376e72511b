"""The item analysis's SQL path (``services.quizzes.item_sums``: sums taken by the database)
against the pure-Python path (``domain.item_statistics.analyse_columns`` over the answer rows
read one by one), on generated data with ties, blanks, missing answer rows, partial credit, an
answer to a question the version does not hold, an attempt with no answer row, unsubmitted
attempts, two versions and both phases. Runs on SQLite and, with --db-engine=postgres, on
PostgreSQL."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from trainer_app.db.models import Answer, Attempt, TrainingSession
from trainer_app.domain.item_statistics import ItemStats, WholeTestStats, analyse_columns
from trainer_app.domain.quiz import QuizDoc
from trainer_app.services.quizzes import item_sums, quiz_files
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.quizzes.item_stats import quiz_stats, session_item_stats
from trainer_app.services.workspace.opening import Workspace

QUIZ = '''format = "trainer-app-quiz"
format_version = 1
id = "tron"
title = "Trộn"

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

[[questions]]
id = "q3"
kind = "multiple"
text = "Câu ba, chọn nhiều."
source = "Thử"
options = [{{ text = "Một", correct = true }}, {{ text = "Hai", correct = true }},
           {{ text = "Ba" }}, {{ text = "Bốn" }}]
'''

# chosen options (1-based) -> points; partial credit on q3, thirds whose sums tie only
# when rounded
ANSWERS = {
    "q1": [([1], 1.0), ([2], 0.0), ([3], 0.0), ([], 0.0)],
    "q2": [([1], 1.0), ([2], 0.0), ([], 0.0)],
    "q3": [([1, 2], 1.0), ([1], 0.5), ([2], 0.5), ([1, 3], 0.333333), ([2, 3], 0.666667),
           ([3, 4], 0.0), ([], 0.0)],
}


def load(ws: Workspace, tmp_path: Path, first: str) -> int:
    path = tmp_path / f"tron-{len(first)}.toml"
    path.write_text(QUIZ.format(first=first), encoding="utf-8")
    assert quiz_files.import_file(ws.session_factory, path).quiz == "tron"
    return quiz_service.freeze(ws.session_factory, "tron").version_id


def fill(ws: Workspace, rng: random.Random, sessions: Sequence[int], version_id: int,
         attempts: int) -> None:
    now = datetime(2026, 10, 1, 8, 0)
    with ws.session_factory.begin() as s:
        for j in range(attempts):
            submitted = j % 13 != 5
            attempt = Attempt(session_id=sessions[j % len(sessions)], person_id=None,
                              quiz_version_id=version_id, phase=rng.choice(("pre", "post")),
                              mode="paper", started_at=now,
                              submitted_at=now if submitted else None)
            s.add(attempt)
            s.flush()
            if j % 17 == 3:
                continue  # handed in with no answer at all
            for key, choices in ANSWERS.items():
                if rng.random() < 0.1:
                    continue  # no answer row: blank
                picks, points = rng.choice(choices)
                s.add(Answer(attempt_id=attempt.id, question_key=key,
                             chosen_json=json.dumps(picks), is_correct=points == 1.0,
                             points=points, answered_at=now))
            if j % 7 == 0:  # a question this version does not hold: left out
                s.add(Answer(attempt_id=attempt.id, question_key="q9", chosen_json="[1]",
                             is_correct=True, points=1.0, answered_at=now))


@pytest.fixture(params=["large", "small"], autouse=True)
def statement_form(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both forms of the grouped statement: from the answers' question index (large scopes)
    and from the scope's attempts (small ones)."""
    monkeypatch.setattr(item_sums, "SMALL_SCOPE", 0 if request.param == "large" else 10**9)
    return str(request.param)


@pytest.fixture(params=[1, 2, 3], ids=lambda seed: f"seed{seed}")
def world(workspace: Workspace, tmp_path: Path, request: pytest.FixtureRequest
          ) -> dict[str, int]:
    rng = random.Random(request.param)
    with workspace.session_factory.begin() as s:
        rows = [TrainingSession(title=f"Buổi {d}", held_on=date(2026, 10, d)) for d in (1, 2)]
        s.add_all(rows)
        s.flush()
        sessions = [r.id for r in rows]
    v1 = load(workspace, tmp_path, "Câu một?")
    fill(workspace, rng, sessions, v1, 70)
    v2 = load(workspace, tmp_path, "Câu một, đã sửa?")
    fill(workspace, rng, sessions, v2, 45)
    return {"v1": v1, "v2": v2, "s1": sessions[0], "s2": sessions[1]}


def python_path(ws: Workspace, doc: QuizDoc, version_id: int, *, session_id: int | None = None,
                phases: bool = True, easy_flag: bool = True,
                ) -> tuple[list[ItemStats], WholeTestStats]:
    """Every answer row read into Python, then the domain's columns path."""
    with ws.session_factory() as s:
        query = select(Attempt.id, Attempt.phase).where(
            Attempt.quiz_version_id == version_id, Attempt.submitted_at.is_not(None))
        if session_id is not None:
            query = query.where(Attempt.session_id == session_id)
        attempts = s.execute(query.order_by(Attempt.id)).all()
        rows = s.execute(select(Answer.attempt_id, Answer.question_key, Answer.points,
                                Answer.chosen_json)).all()
    where = {a: j for j, (a, _p) in enumerate(attempts)}
    columns = [[0.0] * len(attempts) for _ in doc.questions]
    answered = [0] * len(doc.questions)
    counts = [[0] * len(q.options) for q in doc.questions]
    index = {q.id: i for i, q in enumerate(doc.questions)}
    for attempt_id, key, points, chosen in rows:
        if attempt_id not in where or key not in index:
            continue
        i = index[key]
        columns[i][where[attempt_id]] = points
        picks = json.loads(chosen)
        answered[i] += bool(picks)
        for p in picks:
            counts[i][p - 1] += 1
    return analyse_columns(doc, columns, answered=answered, option_counts=counts,
                           phases=[p for _a, p in attempts] if phases else None,
                           easy_flag=easy_flag)


def assert_same(got: Sequence[ItemStats], expected: Sequence[ItemStats]) -> None:
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        for name in ItemStats.__dataclass_fields__:
            a, b = getattr(g, name), getattr(e, name)
            if isinstance(b, float):
                assert a == pytest.approx(b, abs=1e-9), (g.question_id, name)
            elif isinstance(b, tuple) and b and isinstance(b[0], float):
                assert a == pytest.approx(b, abs=1e-9), (g.question_id, name)
            else:
                assert a == b, (g.question_id, name)


def assert_same_test(got: WholeTestStats, expected: WholeTestStats) -> None:
    assert (got.n, got.items) == (expected.n, expected.items)
    for name in ("mean", "sd", "kr20"):
        assert getattr(got, name) == pytest.approx(getattr(expected, name), abs=1e-9), name


def test_quiz_stats_equals_the_python_path(workspace: Workspace,
                                           world: dict[str, int]) -> None:
    result = quiz_stats(workspace.session_factory, "tron")
    assert [v.version_id for v in result.versions] == [world["v1"], world["v2"]]
    for version in result.versions:
        doc = quiz_service.version_doc(workspace.session_factory, version.version_id)
        expected, test = python_path(workspace, doc, version.version_id,
                                     easy_flag=not version.post_attempts)
        assert version.test.n == test.n > 20  # flags apply
        assert_same_test(version.test, test)
        for q, e in zip(version.questions, expected, strict=True):
            assert (q.question_id, q.n, q.flags) == (e.question_id, e.attempts, list(e.flags))
            for a, b in ((q.facility, e.facility), (q.discrimination, e.discrimination),
                         (q.upper_lower, e.upper_lower), (q.facility_pre, e.facility_pre),
                         (q.facility_post, e.facility_post)):
                assert a == pytest.approx(b, abs=1e-9)
            assert [o.share for o in q.options] == pytest.approx(list(e.option_shares),
                                                                 abs=1e-9)
            assert [i for i, o in enumerate(q.options) if o.unused] == list(e.unused_options)
    # the generated data holds what the test is about
    first = result.versions[0]
    assert first.pre_attempts and first.post_attempts
    assert any(q.discrimination is not None for q in first.questions)


def test_one_session_and_one_phase_equal_the_python_path(workspace: Workspace,
                                                         world: dict[str, int]) -> None:
    result = quiz_stats(workspace.session_factory, "tron", session_id=world["s2"])
    for version in result.versions:
        doc = quiz_service.version_doc(workspace.session_factory, version.version_id)
        expected, test = python_path(workspace, doc, version.version_id,
                                     session_id=world["s2"],
                                     easy_flag=not version.post_attempts)
        assert_same_test(version.test, test)
        assert [q.upper_lower for q in version.questions] == pytest.approx(
            [e.upper_lower for e in expected], abs=1e-9)
        assert [q.facility_pre for q in version.questions] == pytest.approx(
            [e.facility_pre for e in expected], abs=1e-9)
    post = quiz_stats(workspace.session_factory, "tron", phase="post").versions[0]
    assert post.test.n == post.post_attempts and post.pre_attempts == 0
    assert all(q.facility_pre is None for q in post.questions)


def test_session_item_stats_equals_the_python_path(workspace: Workspace,
                                                   world: dict[str, int]) -> None:
    doc = quiz_service.version_doc(workspace.session_factory, world["v1"])
    with workspace.session_factory() as s:
        ids = s.scalars(select(Attempt.id).where(
            Attempt.quiz_version_id == world["v1"], Attempt.submitted_at.is_not(None),
            Attempt.session_id == world["s1"])).all()
        got, test = session_item_stats(s, doc, list(reversed(ids)), easy_flag=False)
    expected, expected_test = python_path(workspace, doc, world["v1"], session_id=world["s1"],
                                          phases=False, easy_flag=False)
    assert_same(got, expected)
    assert_same_test(test, expected_test)
