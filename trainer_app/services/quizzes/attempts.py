"""Attempts: paper answers typed as letters, scored with ``domain.scoring`` and stored with
their answers in one transaction; item analysis of a frozen version.

Answers are stored per question of the frozen version: ``chosen_json`` is the JSON list of
the chosen option positions, 1-based, in the version's own option order (A = 1).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_app.db.base import utcnow
from trainer_app.db.models import (
    AgendaItem,
    Answer,
    Attempt,
    Attendance,
    QuizVersion,
    TrainingSession,
)
from trainer_app.domain.enums import AttemptMode, AttemptPhase, AttendanceStatus, values
from trainer_app.domain.item_statistics import analyse_sums
from trainer_app.domain.quiz import QuizDoc, letter
from trainer_app.domain.scoring import ItemStats, score_attempt
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.item_sums import version_sums
from trainer_app.services.quizzes.service import (
    Factory,
    find_quiz,
    freeze_in,
    version_doc,
    version_doc_in,
)
from trainer_app.services.roster.common import audit, load_person, operator_name

__all__ = ["AnswerLine", "AttemptResult", "ensure_present", "item_analysis_for_version",
           "parse_letters",
           "record_attempt_from_letters"]

BLANK_TOKENS = {"", "-", "–", "_", "."}


@dataclass(frozen=True)
class AnswerLine:
    number: int  # 1-based question number on the sheet
    question: str  # question id
    chosen: str  # letters, "" when blank
    correct: str  # the right letters
    points: float
    is_correct: bool


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    session_id: int
    person_id: int
    quiz: str
    version_id: int
    version_no: int
    phase: str
    mode: str
    score: float  # 10-point scale, 1 decimal
    percent: float
    points: float
    max_points: int
    correct_count: int
    pass_mark: float
    passed: bool
    answers: list[AnswerLine]


def parse_letters(answers: str, doc: QuizDoc) -> list[list[int]]:
    """``"B,AC,-,D"`` -> chosen option indexes (0-based) per question, in the quiz's order:
    one token per question, separated by commas (or semicolons); letters A, B… name the
    options (any case, spaces ignored); an empty token or "-" is a blank answer. Raises
    ``UserError`` listing every mistake, numbered as on the answer sheet."""
    tokens = [t.strip() for t in re.split(r"[,;]", answers)]
    count = len(doc.questions)
    if len(tokens) != count:
        raise UserError(f"Có {len(tokens)} câu trả lời nhưng bộ câu hỏi có {count} câu: ghi "
                        "đúng một mục cho mỗi câu, cách nhau bằng dấu phẩy (câu bỏ trống ghi "
                        "-), ví dụ \"B,AC,-,D\".", code="bad_answers")
    chosen: list[list[int]] = []
    mistakes: list[str] = []
    for number, (token, question) in enumerate(zip(tokens, doc.questions, strict=True),
                                               start=1):
        compact = re.sub(r"\s+", "", token)
        if compact in BLANK_TOKENS:
            chosen.append([])
            continue
        if not re.fullmatch(r"[A-Za-z]+", compact):
            mistakes.append(f"câu {number}: \"{token}\" không phải chữ cái phương án")
            chosen.append([])
            continue
        indexes = [ord(c) - ord("A") for c in compact.upper()]
        n_options = len(question.options)
        bad = sorted({letter(i) for i in indexes if i >= n_options})
        if bad:
            mistakes.append(f"câu {number}: không có phương án {', '.join(bad)} (chỉ có A đến "
                            f"{letter(n_options - 1)})")
        elif len(set(indexes)) != len(indexes):
            mistakes.append(f"câu {number}: \"{token}\" ghi một chữ cái hai lần")
        chosen.append(sorted(set(indexes)))
    if mistakes:
        raise UserError("Câu trả lời có lỗi: " + "; ".join(mistakes) + ".", code="bad_answers")
    return chosen


def _pick_version(session: Session, training: TrainingSession, quiz_ref: int | str,
                  phase: str | None) -> tuple[QuizVersion, str]:
    """The quiz version this session uses for ``quiz_ref`` (frozen now if the session has
    not used the quiz yet), and the phase of the attempt."""
    quiz = find_quiz(session, quiz_ref)
    items = session.execute(
        select(AgendaItem.quiz_version_id, AgendaItem.quiz_phase)
        .join(QuizVersion, QuizVersion.id == AgendaItem.quiz_version_id)
        .where(AgendaItem.session_id == training.id, QuizVersion.quiz_id == quiz.id)
    ).all()
    versions = {item.quiz_version_id for item in items}
    phases = {item.quiz_phase or AttemptPhase.OTHER for item in items}
    if phase is None and len(phases) > 1:
        raise UserError(f"Buổi tập huấn dùng bộ câu hỏi \"{quiz.code}\" ở nhiều phần "
                        f"({', '.join(sorted(phases))}); hãy ghi rõ --phase.",
                        code="ambiguous_phase")
    if phase is None:
        phase = phases.pop() if phases else AttemptPhase.OTHER
    else:
        matching = {item.quiz_version_id for item in items
                    if (item.quiz_phase or AttemptPhase.OTHER) == phase}
        versions = matching or versions
    if len(versions) > 1:
        raise UserError(f"Buổi tập huấn dùng nhiều phiên bản của bộ câu hỏi \"{quiz.code}\" "
                        "cho cùng phần kiểm tra; không biết chấm theo phiên bản nào.",
                        code="ambiguous_version")
    if versions:
        version = session.get(QuizVersion, versions.pop())
        assert version is not None
        return version, phase
    version, _created = freeze_in(session, quiz)
    return version, phase


def ensure_present(session: Session, training_id: int, person_id: int, now: datetime) -> None:
    """Someone who handed in an answer (on paper or on the kiosk) was there: marked present
    at ``now`` (local wall clock) when not checked in yet, a walk-in when not invited."""
    row = session.scalar(select(Attendance).where(Attendance.session_id == training_id,
                                                  Attendance.person_id == person_id))
    if row is None:
        session.add(Attendance(session_id=training_id, person_id=person_id, invited=False,
                               walk_in=True, status=AttendanceStatus.PRESENT, checked_in_at=now))
    elif row.status == AttendanceStatus.UNKNOWN:
        row.status = AttendanceStatus.PRESENT
        row.checked_in_at = row.checked_in_at or now


def record_attempt_from_letters(
    factory: Factory, *, session_id: int, quiz: int | str, person_id: int, answers: str,
    phase: str | None = None, mode: str = AttemptMode.PAPER, replace: bool = False,
    now: datetime | None = None,
) -> AttemptResult:
    """Score a paper answer sheet typed as letters ("B,AC,-,D", see ``parse_letters``) and
    store the attempt with every answer in one transaction. The version is the one the
    session uses for this quiz (frozen now when it has none yet). The person is marked
    present (a walk-in if not invited). A second sheet for the same person, version and
    phase is refused unless ``replace``."""
    if phase is not None and phase not in values(AttemptPhase):
        raise UserError(f"Phần kiểm tra \"{phase}\" không hợp lệ: dùng pre, post hoặc other.",
                        code="bad_phase")
    if mode not in values(AttemptMode):
        raise UserError(f"Cách làm bài \"{mode}\" không hợp lệ.", code="bad_mode")
    operator = operator_name(factory)
    now = now or utcnow()
    with factory.begin() as session:
        training = session.get(TrainingSession, session_id)
        if training is None:
            raise UserError(f"Không tìm thấy buổi tập huấn số {session_id}.",
                            code="unknown_session")
        load_person(session, person_id)
        version, used_phase = _pick_version(session, training, quiz, phase)
        doc = version_doc_in(session, version.id)
        chosen = parse_letters(answers, doc)
        existing = session.scalar(select(Attempt).where(
            Attempt.session_id == session_id, Attempt.person_id == person_id,
            Attempt.quiz_version_id == version.id, Attempt.phase == used_phase))
        if existing is not None and not replace:
            raise UserError(f"Người này đã có bài làm \"{doc.title}\" ({used_phase}) trong buổi "
                            f"này (bài số {existing.id}); dùng --replace để thay.",
                            code="attempt_exists")
        if existing is not None:
            session.delete(existing)
            session.flush()
        score = score_attempt(doc, {q.id: c for q, c in zip(doc.questions, chosen, strict=True)})
        # Check-in times are the laptop's wall clock, as on the Điểm danh page.
        ensure_present(session, session_id, person_id, datetime.now())
        attempt = Attempt(session_id=session_id, person_id=person_id,
                          quiz_version_id=version.id, phase=used_phase, mode=mode,
                          started_at=now, submitted_at=now, score=score.score10,
                          passed=score.passed)
        session.add(attempt)
        session.flush()
        lines = []
        for number, (q, qs) in enumerate(zip(doc.questions, score.questions, strict=True),
                                         start=1):
            session.add(Answer(attempt_id=attempt.id, question_key=q.id,
                               chosen_json=json.dumps([i + 1 for i in qs.chosen]),
                               is_correct=qs.correct, points=qs.points, answered_at=now))
            lines.append(AnswerLine(
                number, q.id, "".join(letter(i) for i in qs.chosen),
                "".join(letter(i) for i, o in enumerate(q.options) if o.correct),
                qs.points, qs.correct))
        audit(session, "attempt_record", attempt.id, operator=operator, entity="attempt",
              after={"session_id": session_id, "quiz_version_id": version.id,
                     "phase": used_phase, "mode": mode, "score": score.score10,
                     "replaced": existing.id if existing is not None else None})
        return AttemptResult(
            attempt.id, session_id, person_id, doc.id, version.id, version.version_no,
            used_phase, mode, score.score10, score.percent, score.points, score.max_points,
            score.correct_count, doc.pass_mark, score.passed, lines)


def item_analysis_for_version(factory: Factory, version_id: int) -> list[ItemStats]:
    """Item analysis (facility, point-biserial discrimination, upper-lower index, option
    shares) of every submitted attempt at one frozen version; the sums taken in SQL
    (``item_sums``), as ``quiz stats`` does."""
    doc = version_doc(factory, version_id)
    with factory() as session:
        items, totals = version_sums(session, doc, lambda q: q.where(
            Attempt.quiz_version_id == version_id, Attempt.submitted_at.is_not(None)))
    return analyse_sums(doc, items, replace(totals, n_pre=0, n_post=0))[0]
