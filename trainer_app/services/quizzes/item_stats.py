"""Item analysis ("Phân tích câu hỏi") of one quiz over one session, a period of days or all
its attempts, per frozen version (the figures of two versions are never mixed: a question
edited between them is another question). Figures: ``domain.item_statistics``.

Only submitted attempts count; an answer row with nothing chosen, or a question with no
answer row, is blank and counts as wrong. ``chosen_json`` holds 1-based option positions in
the version's own order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from trainer_app.db.models import Attempt, QuizVersion, TrainingSession
from trainer_app.domain.enums import AttemptPhase
from trainer_app.domain.item_statistics import (
    ItemStats,
    WholeTestStats,
    analyse_columns,
    analyse_sums,
)
from trainer_app.domain.quiz import QuizDoc
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.item_sums import version_sums
from trainer_app.services.quizzes.service import Factory, find_quiz, version_doc_in

__all__ = ["OptionShare", "QuestionStats", "QuizStats", "SessionChoice", "VersionStats",
           "quiz_stats", "session_item_stats", "sessions_using_quiz"]

PHASES = (AttemptPhase.PRE.value, AttemptPhase.POST.value)


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


def session_item_stats(session: Session, doc: QuizDoc, attempt_ids: Sequence[int],
                       *, easy_flag: bool) -> tuple[list[ItemStats], WholeTestStats]:
    """For the session report: the statistics of some submitted attempts at one version
    (ties in the 27 % groups broken by attempt id)."""
    ids = sorted(attempt_ids)
    if not ids:
        return analyse_columns(doc, [[] for _ in doc.questions], easy_flag=easy_flag)
    items, totals = version_sums(session, doc, lambda q: q.where(Attempt.id.in_(ids)))
    return analyse_sums(doc, items, replace(totals, n_pre=0, n_post=0), easy_flag=easy_flag)


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

        version_ids = session.scalars(scoped(
            select(Attempt.quiz_version_id).distinct()).order_by(Attempt.quiz_version_id)).all()
        versions = []
        for version_id in version_ids:
            version = session.get(QuizVersion, version_id)
            assert version is not None
            doc = version_doc_in(session, version_id)
            items, totals = version_sums(
                session, doc,
                lambda q, v=version_id: scoped(q).where(Attempt.quiz_version_id == v))
            pre_n, post_n = totals.n_pre, totals.n_post
            easy = phase == AttemptPhase.PRE or (phase is None and not post_n)
            stats, test = analyse_sums(
                doc, items, totals if phase is None else replace(totals, n_pre=0, n_post=0),
                easy_flag=easy)
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
