"""Kiosk mode: participants take a quiz one after another on the laptop. Each answer is
committed the moment it is given (a crash or power cut loses nothing shown as saved); an
attempt left unfinished is resumed with the same shuffle when the person comes back.

Chosen options are stored as 1-based positions in the frozen version's own order (as
``quiz_attempts`` does for paper), whatever order the kiosk showed them in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.base import utcnow
from trainer_app.db.models import (
    AgendaItem,
    Answer,
    Attempt,
    Attendance,
    Neighbourhood,
    Person,
    QuizVersion,
    TrainingSession,
)
from trainer_app.domain.enums import AttemptMode, AttemptPhase, AttendanceStatus
from trainer_app.domain.quiz import QuizDoc
from trainer_app.domain.scoring import new_seed, presentation, score_attempt, score_question
from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.attempts import ensure_present
from trainer_app.services.quizzes.service import version_doc_in
from trainer_app.services.sessions.service import load_session

__all__ = ["KioskAttempt", "KioskPerson", "KioskQuestion", "KioskResult", "QuestionOutcome",
           "SavedAnswer", "attempt_result", "frozen_doc", "kiosk_people", "quiz_step", "quiz_steps",
           "save_answer", "save_answer_in", "start_attempt", "submit"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class KioskPerson:
    person_id: int
    full_name: str
    birth_year: int | None
    neighbourhood: str
    search_key: str
    submitted: bool  # has already handed in this quiz in this session


@dataclass(frozen=True)
class KioskQuestion:
    key: str
    kind: str
    text: str
    options: list[tuple[int, str]]  # (option index in the quiz's order, text), shown order
    multiple: bool


@dataclass(frozen=True)
class KioskAttempt:
    attempt_id: int
    person_id: int
    full_name: str
    quiz_title: str
    questions: list[KioskQuestion]  # in the order shown
    answers: dict[str, list[int]]  # already given (resumed attempt): option indexes
    resumed: bool
    last_counter: int = 0  # the highest phone tap counter stored (0: none)


@dataclass(frozen=True)
class SavedAnswer:
    """What is stored for one question after a save: the tap that won."""

    question_key: str
    chosen: list[int]  # option indexes in the quiz's own order
    counter: int | None
    applied: bool  # False: an older or repeated tap, the stored answer was kept


@dataclass(frozen=True)
class QuestionOutcome:
    key: str
    text: str
    chosen: list[str]
    correct: list[str]
    is_correct: bool
    explanation: str


@dataclass(frozen=True)
class KioskResult:
    attempt_id: int
    score: float  # 10-point scale
    percent: float
    correct_count: int
    question_count: int
    pass_mark: float
    passed: bool
    outcomes: list[QuestionOutcome]  # in the order shown


_DOCS: dict[tuple[int, str], QuizDoc] = {}


def frozen_doc(session: Session, version_id: int) -> QuizDoc:
    """The frozen version's quiz, parsed once: a version is never edited, so the parsed
    document is kept, keyed by id and content hash (a restored database with other content
    under the same id parses afresh). Saves ~10 ms per answer on a busy laptop."""
    digest = session.scalar(select(QuizVersion.content_sha256).where(
        QuizVersion.id == version_id))
    key = (version_id, digest or "")
    doc = _DOCS.get(key)
    if doc is None or digest is None:
        doc = version_doc_in(session, version_id)
        if len(_DOCS) >= 64:
            _DOCS.clear()
        _DOCS[key] = doc
    return doc


def quiz_steps(factory: Factory, session_id: int) -> list[tuple[int, str, str]]:
    """The session's quiz steps: (agenda position, title, phase)."""
    with factory() as session:
        return [(item.position, item.title, item.quiz_phase or AttemptPhase.OTHER)
                for item in session.scalars(select(AgendaItem).where(
                    AgendaItem.session_id == session_id,
                    AgendaItem.quiz_version_id.is_not(None)).order_by(AgendaItem.position))]


def quiz_step(session: Session, session_id: int, position: int) -> AgendaItem:
    """The agenda item at ``position``, which must be a quiz step with a frozen version."""
    item = session.scalar(select(AgendaItem).where(AgendaItem.session_id == session_id,
                                                   AgendaItem.position == position))
    if item is None or item.quiz_version_id is None:
        raise UserError(f"Bước {position} của buổi này không phải bài kiểm tra.",
                        code="not_a_quiz_step")
    return item


def kiosk_people(factory: Factory, session_id: int, position: int) -> list[KioskPerson]:
    """The session's people (invited or checked in, not erased) in the Vietnamese order."""
    with factory() as session:
        item = quiz_step(session, session_id, position)
        done = set(session.scalars(select(Attempt.person_id).where(
            Attempt.session_id == session_id, Attempt.quiz_version_id == item.quiz_version_id,
            Attempt.phase == (item.quiz_phase or AttemptPhase.OTHER),
            Attempt.submitted_at.is_not(None))))
        rows = session.execute(
            select(Person, Neighbourhood.name).join(Attendance, Attendance.person_id == Person.id)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .where(Attendance.session_id == session_id, Person.erased.is_(False),
                   Attendance.status.not_in([AttendanceStatus.ABSENT,
                                             AttendanceStatus.EXCUSED])))
        people = [KioskPerson(p.id, p.full_name, p.birth_year, hood or "", p.search_key,
                              p.id in done) for p, hood in rows]
    people.sort(key=lambda p: name_sort_key(p.full_name))
    return people


def _shown(doc: QuizDoc, seed: int | None) -> list[KioskQuestion]:
    order = presentation(doc, seed) if seed is not None else None
    questions = []
    for index in (order.question_order if order else range(len(doc.questions))):
        q = doc.questions[index]
        option_order = order.option_orders[q.id] if order else range(len(q.options))
        questions.append(KioskQuestion(
            q.id, q.kind, q.text, [(i, q.options[i].text) for i in option_order],
            sum(o.correct for o in q.options) > 1))
    return questions


def start_attempt(factory: Factory, session_id: int, position: int, person_id: int, *,
                  now: datetime | None = None, mode: str = AttemptMode.KIOSK,
                  device_id: str | None = None) -> KioskAttempt:
    """Begin (or resume) this person's attempt at the quiz of agenda step ``position``.
    The person is marked present (a walk-in if they were not invited). ``device_id``: the
    phone that answers it from now on. The database holds one open attempt per session,
    person, version and phase: when another front door created it a moment before, that
    one is resumed."""
    try:
        return _start_attempt(factory, session_id, position, person_id, now or utcnow(),
                              mode, device_id)
    except IntegrityError:
        return _start_attempt(factory, session_id, position, person_id, now or utcnow(),
                              mode, device_id)


def _start_attempt(factory: Factory, session_id: int, position: int, person_id: int,
                   now: datetime, mode: str, device_id: str | None) -> KioskAttempt:
    with factory.begin() as session:
        training: TrainingSession = load_session(session, session_id)
        if training.status == "finished":
            raise UserError(f"Buổi \"{training.title}\" đã kết thúc; không làm bài thêm được.",
                            code="session_locked")
        item = quiz_step(session, session_id, position)
        assert item.quiz_version_id is not None
        person = session.get(Person, person_id)
        if person is None or person.erased:
            raise UserError(f"Không tìm thấy cộng tác viên mã {person_id}.",
                            code="unknown_person")
        phase = item.quiz_phase or AttemptPhase.OTHER
        doc = frozen_doc(session, item.quiz_version_id)
        attempts = list(session.scalars(select(Attempt).where(
            Attempt.session_id == session_id, Attempt.person_id == person_id,
            Attempt.quiz_version_id == item.quiz_version_id, Attempt.phase == phase)))
        if any(a.submitted_at is not None for a in attempts):
            raise UserError(f"{person.full_name} đã nộp bài \"{item.title}\" rồi.",
                            code="already_submitted")
        attempt = attempts[0] if attempts else None
        resumed = attempt is not None
        if attempt is None:
            shuffles = doc.shuffle_questions or doc.shuffle_options
            attempt = Attempt(session_id=session_id, person_id=person_id,
                              quiz_version_id=item.quiz_version_id, phase=phase,
                              mode=mode, started_at=now,
                              shuffle_seed=new_seed() if shuffles else None)
            session.add(attempt)
        if device_id is not None:
            attempt.device_id = device_id
        session.flush()
        ensure_present(session, session_id, person_id, datetime.now())
        answers = {a.question_key: [i - 1 for i in json.loads(a.chosen_json)]
                   for a in session.scalars(select(Answer).where(
                       Answer.attempt_id == attempt.id))}
        last = session.scalar(select(func.max(Answer.counter)).where(
            Answer.attempt_id == attempt.id)) or 0
        return KioskAttempt(attempt.id, person_id, person.full_name, doc.title,
                            _shown(doc, attempt.shuffle_seed), answers, resumed, last)


def _open_attempt(session: Session, attempt_id: int) -> tuple[Attempt, QuizDoc]:
    attempt = session.get(Attempt, attempt_id)
    if attempt is None:
        raise UserError(f"Không tìm thấy bài làm số {attempt_id}.", code="unknown_attempt")
    if attempt.submitted_at is not None:
        raise UserError("Bài này đã nộp; không sửa được câu trả lời.", code="already_submitted")
    return attempt, frozen_doc(session, attempt.quiz_version_id)


def save_answer(factory: Factory, attempt_id: int, question_key: str, chosen: list[int], *,
                now: datetime | None = None, client_id: str | None = None,
                counter: int | None = None) -> SavedAnswer:
    """Store one answer now, in its own transaction (replacing an earlier answer to the
    same question). ``chosen``: option indexes in the quiz's own order; empty = blank.
    A phone's tap carries ``client_id`` and its per-attempt ``counter``: the highest counter
    wins, so a retried tap (same counter) or a late one (lower) changes nothing."""
    with factory.begin() as session:
        return save_answer_in(session, attempt_id, question_key, chosen, now=now,
                              client_id=client_id, counter=counter)


def save_answer_in(session: Session, attempt_id: int, question_key: str, chosen: list[int], *,
                   now: datetime | None = None, client_id: str | None = None,
                   counter: int | None = None) -> SavedAnswer:
    """``save_answer`` inside the caller's transaction (the phone server commits the taps
    that arrived together at once). Every check comes before any change: a ``UserError``
    leaves the transaction as it was."""
    attempt, doc = _open_attempt(session, attempt_id)
    question = next((q for q in doc.questions if q.id == question_key), None)
    if question is None:
        raise UserError(f"Bộ câu hỏi không có câu \"{question_key}\".",
                        code="unknown_question")
    if any(i < 0 or i >= len(question.options) for i in chosen):
        raise UserError(f"Câu \"{question_key}\" không có phương án đã chọn.",
                        code="bad_option")
    answer = session.scalar(select(Answer).where(Answer.attempt_id == attempt.id,
                                                 Answer.question_key == question_key))
    if (answer is not None and counter is not None and answer.counter is not None
            and counter <= answer.counter):
        return SavedAnswer(question_key, [i - 1 for i in json.loads(answer.chosen_json)],
                           answer.counter, False)
    scored = score_question(question, chosen, doc.scoring)
    if answer is None:
        answer = Answer(attempt_id=attempt.id, question_key=question_key)
        session.add(answer)
    answer.chosen_json = json.dumps([i + 1 for i in sorted(set(chosen))])
    answer.is_correct = scored.correct
    answer.points = scored.points
    answer.answered_at = now or utcnow()
    answer.client_id = client_id
    answer.counter = counter
    return SavedAnswer(question_key, sorted(set(chosen)), counter, True)


def submit(factory: Factory, attempt_id: int, *, now: datetime | None = None) -> KioskResult:
    """Hand in: score every question (blank ones count as wrong) and close the attempt."""
    with factory.begin() as session:
        attempt, doc = _open_attempt(session, attempt_id)
        given = {a.question_key: [i - 1 for i in json.loads(a.chosen_json)]
                 for a in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))}
        score = score_attempt(doc, given)
        for q in doc.questions:
            if q.id not in given:
                session.add(Answer(attempt_id=attempt.id, question_key=q.id, chosen_json="[]",
                                   is_correct=False, points=0.0, answered_at=now or utcnow()))
        attempt.submitted_at = now or utcnow()
        attempt.score = score.score10
        attempt.passed = score.passed
        return _result(attempt, doc, given)


def attempt_result(factory: Factory, attempt_id: int) -> KioskResult:
    """The result of an attempt already handed in (a phone asking again after a retry)."""
    with factory() as session:
        attempt = session.get(Attempt, attempt_id)
        if attempt is None or attempt.submitted_at is None:
            raise UserError(f"Bài làm số {attempt_id} chưa nộp.", code="not_submitted")
        given = {a.question_key: [i - 1 for i in json.loads(a.chosen_json)]
                 for a in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))}
        return _result(attempt, version_doc_in(session, attempt.quiz_version_id), given)


def _result(attempt: Attempt, doc: QuizDoc, given: dict[str, list[int]]) -> KioskResult:
    score = score_attempt(doc, given)
    by_id = {q.id: (q, qs) for q, qs in zip(doc.questions, score.questions, strict=True)}
    outcomes = []
    for shown in _shown(doc, attempt.shuffle_seed):
        q, qs = by_id[shown.key]
        outcomes.append(QuestionOutcome(
            q.id, q.text, [q.options[i].text for i in qs.chosen],
            [o.text for o in q.options if o.correct], qs.correct, q.explanation))
    return KioskResult(attempt.id, score.score10, score.percent, score.correct_count,
                       len(doc.questions), doc.pass_mark, score.passed, outcomes)
