"""What the phone quiz needs beyond the kiosk: the session's lasting link token, the quiz
step a CLI code names, name search limited to the session's people, who holds an attempt,
and the live figures for the projector (counts per question, answer distribution).

Attempts, answers and scoring are the kiosk's (``services.quizzes.kiosk``): nothing of the
quiz logic is repeated here."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import (
    AgendaItem,
    Answer,
    Attempt,
    Attendance,
    Neighbourhood,
    Person,
    Quiz,
    QuizVersion,
    Setting,
    TrainingSession,
)
from trainer_app.domain.enums import AttemptPhase, AttendanceStatus, SessionStatus
from trainer_app.domain.quiz import letter
from trainer_app.domain.vntext import name_sort_key, search_key
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.kiosk import frozen_doc, quiz_step
from trainer_app.services.sessions.service import load_session

__all__ = ["AttemptHolder", "AttemptOwner", "LivePerson", "LiveStatus", "OptionSpread",
           "PhoneMatch", "PhoneStep", "QuestionSpread", "answer_distribution", "attempt_holder",
           "attempt_owner", "attempt_owner_in", "find_step", "link_token", "live_status",
           "remember_interface", "remembered_interface", "search_people",
           "session_person_name", "step_info"]

Factory = sessionmaker[Session]
LINK_KEY = "phone_link:{session_id}"
INTERFACE_KEY = "phone_interface"
MAX_MATCHES = 5
MIN_LETTERS = 2


@dataclass(frozen=True)
class PhoneStep:
    session_id: int
    session_title: str
    position: int
    title: str
    phase: str
    quiz_code: str
    quiz_title: str
    question_count: int
    finished: bool  # the session is finished: "Bài kiểm tra đã kết thúc"


@dataclass(frozen=True)
class PhoneMatch:
    person_id: int
    full_name: str
    neighbourhood: str


@dataclass(frozen=True)
class AttemptHolder:
    attempt_id: int
    device_id: str | None
    submitted: bool


@dataclass(frozen=True)
class AttemptOwner:
    session_id: int
    person_id: int
    device_id: str | None
    submitted: bool
    session_open: bool  # the session is neither finished nor cancelled


@dataclass(frozen=True)
class LivePerson:
    person_id: int
    full_name: str
    state: str  # "answering" or "submitted"
    answered: int
    on_phone: bool


@dataclass(frozen=True)
class LiveStatus:
    expected: int  # checked in, or invited and not marked absent
    joined: int
    submitted: int
    question_count: int
    answered: list[int]  # per question, in the quiz's order: people who answered it
    people: list[LivePerson]


@dataclass(frozen=True)
class OptionSpread:
    letter: str
    text: str
    correct: bool
    count: int


@dataclass(frozen=True)
class QuestionSpread:
    number: int
    key: str
    text: str
    answered: int
    right: int
    options: list[OptionSpread]


def _step(session: Session, session_id: int, item: AgendaItem) -> PhoneStep:
    training = load_session(session, session_id)
    version = session.get(QuizVersion, item.quiz_version_id)
    assert version is not None
    quiz = session.get(Quiz, version.quiz_id)
    return PhoneStep(session_id, training.title, item.position, item.title,
                     item.quiz_phase or AttemptPhase.OTHER, quiz.code if quiz else "",
                     version.title, version.question_count,
                     training.status in (SessionStatus.FINISHED, SessionStatus.CANCELLED))


def find_step(factory: Factory, session_id: int, quiz_code: str,
              phase: str | None = None) -> PhoneStep:
    """The quiz step of the session's agenda using quiz ``quiz_code`` (and ``phase`` when
    the quiz serves as both pre- and post-test)."""
    with factory() as session:
        load_session(session, session_id)
        items = [item for item, code in session.execute(
            select(AgendaItem, Quiz.code)
            .join(QuizVersion, QuizVersion.id == AgendaItem.quiz_version_id)
            .join(Quiz, Quiz.id == QuizVersion.quiz_id)
            .where(AgendaItem.session_id == session_id).order_by(AgendaItem.position))
            if code == quiz_code]
        if not items:
            raise UserError(f"Buổi số {session_id} không có bài kiểm tra dùng bộ câu hỏi "
                            f"\"{quiz_code}\" (xem mã trong chương trình buổi: session show "
                            f"{session_id}).", code="unknown_quiz_step")
        if phase is not None:
            items = [i for i in items if (i.quiz_phase or AttemptPhase.OTHER) == phase]
            if not items:
                raise UserError(f"Bộ câu hỏi \"{quiz_code}\" không dùng cho phần \"{phase}\" "
                                "trong buổi này.", code="unknown_quiz_step")
        if len(items) > 1:
            phases = ", ".join(i.quiz_phase or AttemptPhase.OTHER for i in items)
            raise UserError(f"Bộ câu hỏi \"{quiz_code}\" dùng ở nhiều phần ({phases}); hãy "
                            "ghi rõ --phase pre hoặc --phase post.", code="ambiguous_phase")
        return _step(session, session_id, items[0])


def step_info(factory: Factory, session_id: int, position: int) -> PhoneStep:
    with factory() as session:
        return _step(session, session_id, quiz_step(session, session_id, position))


def link_token(factory: Factory, session_id: int) -> str:
    """The session's random link token (192 bits), made once and kept: starting the server
    again (after Dừng, or a crash) gives the same link, so phones need not scan again."""
    key = LINK_KEY.format(session_id=session_id)
    with factory.begin() as session:
        load_session(session, session_id)
        row = session.get(Setting, key)
        if row is not None:
            token = json.loads(row.value).get("token", "")
            if isinstance(token, str) and len(token) >= 22:
                return token
        token = secrets.token_urlsafe(24)
        if row is None:
            session.add(Setting(key=key, value=json.dumps({"token": token})))
        else:
            row.value = json.dumps({"token": token})
        return token


def remembered_interface(factory: Factory) -> str | None:
    with factory() as session:
        row = session.get(Setting, INTERFACE_KEY)
        try:
            name = json.loads(row.value).get("name") if row is not None else None
        except (ValueError, AttributeError):
            return None
        return name if isinstance(name, str) else None


def remember_interface(factory: Factory, name: str) -> None:
    with factory.begin() as session:
        row = session.get(Setting, INTERFACE_KEY)
        value = json.dumps({"name": name})
        if row is None:
            session.add(Setting(key=INTERFACE_KEY, value=value))
        else:
            row.value = value


def search_people(factory: Factory, session_id: int, text: str) -> list[PhoneMatch]:
    """At most 5 of the session's people (invited or checked in) whose name, without
    accents, contains ``text`` without accents; nothing under 2 letters. Names starting
    with the text come first."""
    query = search_key(text)
    if sum(ch.isalnum() for ch in query) < MIN_LETTERS:
        return []
    with factory() as session:
        rows = session.execute(
            select(Person.id, Person.full_name, Person.search_key, Neighbourhood.name)
            .join(Attendance, Attendance.person_id == Person.id)
            .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
            .where(Attendance.session_id == session_id, Person.erased.is_(False))).all()
    found = []
    for pid, name, key, hood in rows:
        key = key or search_key(name)
        if query in key:
            word_start = key.startswith(query) or f" {query}" in key
            found.append((0 if key.startswith(query) else 1 if word_start else 2,
                          name_sort_key(name), PhoneMatch(pid, name, hood or "")))
    found.sort(key=lambda t: (t[0], t[1]))
    return [m for _a, _b, m in found[:MAX_MATCHES]]


def attempt_holder(factory: Factory, session_id: int, position: int,
                   person_id: int) -> AttemptHolder | None:
    """This person's attempt at the step (the open one, else a handed-in one), if any."""
    with factory() as session:
        item = quiz_step(session, session_id, position)
        rows = list(session.scalars(select(Attempt).where(
            Attempt.session_id == session_id, Attempt.person_id == person_id,
            Attempt.quiz_version_id == item.quiz_version_id,
            Attempt.phase == (item.quiz_phase or AttemptPhase.OTHER))))
    rows.sort(key=lambda a: a.submitted_at is not None)
    if not rows:
        return None
    return AttemptHolder(rows[0].id, rows[0].device_id, rows[0].submitted_at is not None)


def attempt_owner(factory: Factory, attempt_id: int) -> AttemptOwner:
    """Whose an attempt is, on which phone, and whether it is handed in."""
    with factory() as session:
        return attempt_owner_in(session, attempt_id)


def attempt_owner_in(session: Session, attempt_id: int) -> AttemptOwner:
    row = session.execute(
        select(Attempt.session_id, Attempt.person_id, Attempt.device_id,
               Attempt.submitted_at, TrainingSession.status)
        .join(TrainingSession, TrainingSession.id == Attempt.session_id)
        .where(Attempt.id == attempt_id)).first()
    if row is None or row.person_id is None:
        raise UserError("Không tìm thấy bài làm này.", code="unknown_attempt")
    return AttemptOwner(row.session_id, row.person_id, row.device_id,
                        row.submitted_at is not None,
                        row.status not in (SessionStatus.FINISHED, SessionStatus.CANCELLED))


def session_person_name(factory: Factory, session_id: int, person_id: int) -> str:
    """The name of one of the session's people (invited or checked in)."""
    with factory() as session:
        name = session.scalar(select(Person.full_name).join(
            Attendance, Attendance.person_id == Person.id).where(
            Attendance.session_id == session_id, Person.id == person_id,
            Person.erased.is_(False)))
    if name is None:
        raise UserError("Người này không có trong danh sách của buổi tập huấn.",
                        code="unknown_person")
    return name


def _step_attempts(session: Session, session_id: int, position: int
                   ) -> tuple[AgendaItem, list[Attempt]]:
    item = quiz_step(session, session_id, position)
    attempts = list(session.scalars(select(Attempt).where(
        Attempt.session_id == session_id, Attempt.quiz_version_id == item.quiz_version_id,
        Attempt.phase == (item.quiz_phase or AttemptPhase.OTHER))))
    return item, attempts


def live_status(factory: Factory, session_id: int, position: int) -> LiveStatus:
    """Who joined, who is answering, who handed in; per question, how many answered.
    Counted by the database (a few aggregate queries), as it runs every second."""
    with factory() as session:
        item = quiz_step(session, session_id, position)
        assert item.quiz_version_id is not None
        doc = frozen_doc(session, item.quiz_version_id)
        in_step = (Attempt.session_id == session_id,
                   Attempt.quiz_version_id == item.quiz_version_id,
                   Attempt.phase == (item.quiz_phase or AttemptPhase.OTHER))
        given = Answer.chosen_json != "[]"
        counts = (select(Answer.attempt_id, func.count().label("n")).where(given)
                  .group_by(Answer.attempt_id).subquery())
        rows = session.execute(
            select(Attempt.person_id, Person.full_name, Attempt.submitted_at,
                   Attempt.device_id, func.coalesce(counts.c.n, 0))
            .outerjoin(Person, Person.id == Attempt.person_id)
            .outerjoin(counts, counts.c.attempt_id == Attempt.id).where(*in_step)).all()
        per_question = dict(session.execute(
            select(Answer.question_key, func.count())
            .join(Attempt, Attempt.id == Answer.attempt_id).where(*in_step, given)
            .group_by(Answer.question_key)).all())
        statuses = session.execute(
            select(Attendance.status, func.count()).where(Attendance.session_id == session_id)
            .group_by(Attendance.status)).all()
    # Expected: everyone who may be in the room — checked in, or invited and not (yet)
    # marked absent. Joining on a phone checks people in, so a trainer who skipped the
    # check-in still sees "3/20", not "3/5"; marking the no-shows absent lowers it.
    expected = sum(n for status, n in statuses
                   if status not in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED))
    people = [LivePerson(person_id or 0, name or "(đã xóa)",
                         "submitted" if submitted_at is not None else "answering",
                         int(answered), device_id is not None)
              for person_id, name, submitted_at, device_id, answered in rows]
    people.sort(key=lambda p: name_sort_key(p.full_name))
    return LiveStatus(expected, len(rows), sum(p.state == "submitted" for p in people),
                      len(doc.questions), [per_question.get(q.id, 0) for q in doc.questions],
                      people)


def answer_distribution(factory: Factory, session_id: int,
                        position: int) -> list[QuestionSpread]:
    """For each question (the quiz's order), how many handed-in attempts chose each option;
    the right options marked. For discussing the questions most people got wrong."""
    with factory() as session:
        item, attempts = _step_attempts(session, session_id, position)
        assert item.quiz_version_id is not None
        doc = frozen_doc(session, item.quiz_version_id)
        done = [a.id for a in attempts if a.submitted_at is not None]
        rows = session.execute(select(Answer.question_key, Answer.chosen_json, Answer.is_correct)
                               .where(Answer.attempt_id.in_(done))).all() if done else []
    counts: dict[str, list[int]] = {q.id: [0] * len(q.options) for q in doc.questions}
    answered: dict[str, int] = {}
    right: dict[str, int] = {}
    for key, chosen, correct in rows:
        picked = json.loads(chosen)
        if key not in counts or not picked:
            continue
        answered[key] = answered.get(key, 0) + 1
        right[key] = right.get(key, 0) + bool(correct)
        for position_1 in picked:
            if 1 <= position_1 <= len(counts[key]):
                counts[key][position_1 - 1] += 1
    return [QuestionSpread(number, q.id, q.text, answered.get(q.id, 0), right.get(q.id, 0),
                           [OptionSpread(letter(i), o.text, o.correct, counts[q.id][i])
                            for i, o in enumerate(q.options)])
            for number, q in enumerate(doc.questions, start=1)]
