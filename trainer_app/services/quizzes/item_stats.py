"""Item analysis ("Phân tích câu hỏi") of one quiz over one session, a period of days or all
its attempts, per frozen version (the figures of two versions are never mixed: a question
edited between them is another question). Figures: ``domain.item_statistics``.

Only submitted attempts count; an answer row with nothing chosen, or a question with no
answer row, is blank and counts as wrong. ``chosen_json`` holds 1-based option positions in
the version's own order.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import add, itemgetter, mul
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from trainer_app.db.models import Answer, Attempt, QuizVersion, TrainingSession
from trainer_app.domain.enums import AttemptPhase
from trainer_app.domain.item_statistics import ItemStats, WholeTestStats, analyse_columns
from trainer_app.domain.quiz import QuizDoc
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.service import Factory, find_quiz, version_doc_in

__all__ = ["OptionShare", "QuestionStats", "QuizStats", "SessionChoice", "VersionStats",
           "quiz_stats", "session_item_stats", "sessions_using_quiz"]

PHASES = (AttemptPhase.PRE.value, AttemptPhase.POST.value)
BLANK = "[]"  # chosen_json of an answer left blank


@dataclass(frozen=True)
class OptionShare:
    text: str
    share: float | None  # share of the attempts that chose it
    correct: bool
    unused: bool  # a wrong option nobody chose


@dataclass(frozen=True)
class QuestionStats:
    number: int  # position in the version
    question_id: str
    text: str
    n: int
    facility: float | None
    discrimination: float | None  # point-biserial against the rest of the test
    upper_lower: float | None
    options: list[OptionShare]
    flags: list[str]
    facility_pre: float | None = None
    facility_post: float | None = None

    @property
    def change(self) -> float | None:
        if self.facility_pre is None or self.facility_post is None:
            return None
        return round(self.facility_post - self.facility_pre, 4)

    def as_json(self, with_phases: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question_id, "n": self.n, "facility": self.facility,
            "discrimination": self.discrimination,
            "options": [{"text": o.text, "share": o.share} for o in self.options],
            "flags": list(self.flags)}
        if with_phases:
            data["facility_pre"] = self.facility_pre
            data["facility_post"] = self.facility_post
        return data


@dataclass(frozen=True)
class VersionStats:
    version_id: int
    version_no: int
    title: str
    questions: list[QuestionStats]
    test: WholeTestStats
    pre_attempts: int = 0
    post_attempts: int = 0

    def as_json(self, with_phases: bool) -> dict[str, Any]:
        return {"questions": [q.as_json(with_phases) for q in self.questions],
                "test": {"n": self.test.n, "mean": self.test.mean, "sd": self.test.sd,
                         "kr20": self.test.kr20}}


@dataclass(frozen=True)
class QuizStats:
    quiz: str  # code
    title: str
    scope: str  # what was counted, in words
    phase: str | None
    versions: list[VersionStats] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """``{"questions", "test"}`` for one version (or none); with several versions
        ``{"versions": [{"version", "questions", "test"}, …]}``, oldest first."""
        with_phases = self.phase is None
        if len(self.versions) > 1:
            return {"versions": [{"version": v.version_no, **v.as_json(with_phases)}
                                 for v in self.versions]}
        if self.versions:
            return self.versions[0].as_json(with_phases)
        return {"questions": [], "test": {"n": 0, "mean": None, "sd": None, "kr20": None}}


@dataclass(frozen=True)
class SessionChoice:
    session_id: int
    label: str  # "12/10/2026 · title"
    attempts: int


def _scope(query: Select[Any], quiz_id: int, session_id: int | None, start: date | None,
           end: date | None, phase: str | None) -> Select[Any]:
    query = query.join(QuizVersion, QuizVersion.id == Attempt.quiz_version_id).where(
        QuizVersion.quiz_id == quiz_id, Attempt.submitted_at.is_not(None))
    if session_id is not None:
        query = query.where(Attempt.session_id == session_id)
    if start is not None or end is not None:
        query = query.join(TrainingSession, TrainingSession.id == Attempt.session_id)
        if start is not None:
            query = query.where(TrainingSession.held_on >= start)
        if end is not None:
            query = query.where(TrainingSession.held_on <= end)
    if phase is not None:
        query = query.where(Attempt.phase == phase)
    return query


def _check_scope(session: Session, session_id: int | None, start: date | None,
                 end: date | None, phase: str | None) -> str:
    """Refuses a bad scope with a Vietnamese message; returns the scope in words."""
    if phase is not None and phase not in PHASES:
        raise UserError(f"Giai đoạn \"{phase}\" không có; hãy chọn \"pre\" (trước tập huấn) "
                        "hoặc \"post\" (sau tập huấn).", code="bad_phase")
    if session_id is not None and (start is not None or end is not None):
        raise UserError("Chọn một buổi (--session) hoặc một khoảng ngày (--from/--to), không "
                        "chọn cả hai.", code="bad_usage")
    if start is not None and end is not None and end < start:
        raise UserError(f"Ngày bắt đầu ({start:%d/%m/%Y}) sau ngày kết thúc "
                        f"({end:%d/%m/%Y}): có lẽ hai ngày bị ghi ngược.",
                        code="dates_backwards")
    if session_id is not None:
        row = session.get(TrainingSession, session_id)
        if row is None:
            raise UserError(f"Không có buổi tập huấn số {session_id}. Xem danh sách: "
                            "trainer-app session list", code="unknown_session")
        return f"buổi {row.held_on:%d/%m/%Y} \"{row.title}\""
    if start is not None or end is not None:
        left = f"{start:%d/%m/%Y}" if start else "…"
        right = f"{end:%d/%m/%Y}" if end else "…"
        return f"từ {left} đến {right}"
    return "mọi buổi tập huấn"


def _tuples(session: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    """All rows as plain DB-API tuples (no Row objects to build: a million answers)."""
    result = session.connection().execute(query)
    cursor = getattr(result, "cursor", None)
    return cursor.fetchall() if cursor is not None else [tuple(r) for r in result.all()]


def _columns(session: Session, doc: QuizDoc, version_id: int, attempt_ids: Sequence[int],
             scoped: Callable[[Select[Any]], Select[Any]] | None,
             ) -> tuple[list[list[float]], list[int], list[list[int]]]:
    """Per question of ``doc``: the points of each attempt (in ``attempt_ids`` order, blank
    0), how many answered, and how many chose each option — in one pass over the answer
    rows of that version in the scope (``scoped``), or of exactly ``attempt_ids``."""
    n, k = len(attempt_ids), len(doc.questions)
    where = {a: j for j, a in enumerate(attempt_ids)}
    position = {q.id: i for i, q in enumerate(doc.questions)}
    query = select(Answer.attempt_id, Answer.question_key, Answer.points, Answer.chosen_json)
    if scoped is None:
        query = query.where(Answer.attempt_id.in_(attempt_ids))
    else:
        query = scoped(query.join(Attempt, Attempt.id == Answer.attempt_id)).where(
            Attempt.quiz_version_id == version_id)
    rows = _tuples(session, query)
    # Scatter the rows into one flat list per figure, cell (question i, attempt j) at
    # i * n + j; a question the version does not hold lands in an extra block that is
    # dropped. Every step runs in C (zip, map, dict and list methods).
    points_flat = [0.0] * ((k + 1) * n)
    picks_flat = [BLANK] * ((k + 1) * n)
    if rows:
        column = [list(map(itemgetter(c), rows)) for c in range(4)]  # (zip(*rows) is slow)
        cells = list(map(add, map(mul, map(position.get, column[1], repeat(k)), repeat(n)),
                         map(where.__getitem__, column[0])))
        deque(map(points_flat.__setitem__, cells, column[2]), maxlen=0)
        deque(map(picks_flat.__setitem__, cells, column[3]), maxlen=0)
    columns = [points_flat[i * n:(i + 1) * n] for i in range(k)]
    picks = [picks_flat[i * n:(i + 1) * n] for i in range(k)]
    answered, counts = [], []
    for q, chosen in zip(doc.questions, picks, strict=True):
        tally = Counter(chosen)
        answered.append(n - tally.pop(BLANK, 0))  # blank rows hold points 0 as well
        row = [0] * len(q.options)
        for text, count in tally.items():
            for position_1 in json.loads(text):
                if 1 <= position_1 <= len(row):
                    row[position_1 - 1] += count
        counts.append(row)
    return columns, answered, counts


def session_item_stats(session: Session, doc: QuizDoc, attempt_ids: Sequence[int],
                       *, easy_flag: bool) -> tuple[list[ItemStats], WholeTestStats]:
    """For the session report: the statistics of some submitted attempts at one version."""
    ids = sorted(attempt_ids)
    if not ids:
        return analyse_columns(doc, [[] for _ in doc.questions], easy_flag=easy_flag)
    columns, answered, counts = _columns(session, doc, 0, ids, None)
    return analyse_columns(doc, columns, answered=answered, option_counts=counts,
                           easy_flag=easy_flag)


def _question_lines(doc: QuizDoc, stats: Sequence[ItemStats], with_phases: bool,
                    ) -> list[QuestionStats]:
    lines = []
    for number, (q, s) in enumerate(zip(doc.questions, stats, strict=True), start=1):
        options = [OptionShare(o.text, s.option_shares[i] if s.option_shares else None,
                               o.correct, i in s.unused_options)
                   for i, o in enumerate(q.options)]
        lines.append(QuestionStats(
            number, q.id, q.text, s.attempts, s.share_correct, s.discrimination,
            s.upper_lower, options, list(s.flags),
            s.facility_pre if with_phases else None, s.facility_post if with_phases else None))
    return lines


def quiz_stats(factory: Factory, quiz: str | int, *, session_id: int | None = None,
               start: date | None = None, end: date | None = None,
               phase: str | None = None) -> QuizStats:
    """The item analysis of quiz ``quiz`` (code or number) over the submitted attempts in
    the scope: one session, the sessions held from ``start`` to ``end`` (inclusive), or all;
    only one ``phase`` ("pre" or "post") when given. One ``VersionStats`` per frozen version
    the scope holds, oldest first. Without ``phase``, each question also carries its
    facility in the pre-test and in the post-test attempts."""
    with factory() as session:
        row = find_quiz(session, quiz)
        scope = _check_scope(session, session_id, start, end, phase)

        def scoped(query: Select[Any]) -> Select[Any]:
            return _scope(query, row.id, session_id, start, end, phase)

        attempts = _tuples(session, scoped(
            select(Attempt.id, Attempt.quiz_version_id, Attempt.phase)).order_by(Attempt.id))
        by_version: dict[int, list[tuple[int, str]]] = {}
        for attempt_id, version_id, attempt_phase in attempts:
            by_version.setdefault(version_id, []).append((attempt_id, attempt_phase))
        versions = []
        for version_id in sorted(by_version):
            version = session.get(QuizVersion, version_id)
            assert version is not None
            doc = version_doc_in(session, version_id)
            group = by_version[version_id]
            ids = [a for a, _p in group]
            phases = [p for _a, p in group]
            pre_n = phases.count(AttemptPhase.PRE.value)
            post_n = phases.count(AttemptPhase.POST.value)
            easy = phase == AttemptPhase.PRE or (phase is None and not post_n)
            columns, answered, counts = _columns(session, doc, version_id, ids, scoped)
            stats, test = analyse_columns(
                doc, columns, answered=answered, option_counts=counts,
                phases=phases if phase is None else None, easy_flag=easy)
            versions.append(VersionStats(version_id, version.version_no, version.title,
                                         _question_lines(doc, stats, phase is None), test,
                                         pre_n, post_n))
        return QuizStats(row.code, row.title, scope, phase, versions)


def sessions_using_quiz(factory: Factory, quiz: str | int) -> list[SessionChoice]:
    """The sessions with submitted attempts at ``quiz``, newest first (for the chooser)."""
    from sqlalchemy import func

    with factory() as session:
        row = find_quiz(session, quiz)
        found = session.execute(
            select(TrainingSession.id, TrainingSession.held_on, TrainingSession.title,
                   func.count(Attempt.id))
            .join(Attempt, Attempt.session_id == TrainingSession.id)
            .join(QuizVersion, QuizVersion.id == Attempt.quiz_version_id)
            .where(QuizVersion.quiz_id == row.id, Attempt.submitted_at.is_not(None))
            .group_by(TrainingSession.id, TrainingSession.held_on, TrainingSession.title)
            .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())).all()
    return [SessionChoice(i, f"{held:%d/%m/%Y} · {title}", count)
            for i, held, title, count in found]
