"""The session report (Báo cáo kết quả tập huấn) from the database, in one transaction:
who was invited and came (by gender, khu phố, role), the agenda delivered, pre- and
post-test figures (rules in ``report_figures``), the questions by share answered right
(weakest first), and the participants with their scores.

People erased on request are counted (their attendance rows stay, their attempts are
anonymous) but their name is nowhere: they are left out of the participant list, and
the report says how many were counted without a name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import (
    AgendaItem,
    Attendance,
    Neighbourhood,
    Person,
    Programme,
    Quiz,
    QuizVersion,
    Role,
)
from trainer_app.domain.enums import (
    ATTENDANCE_STATUS_LABELS,
    GENDER_LABELS,
    SESSION_STATUS_LABELS,
    AttemptPhase,
    AttendanceStatus,
    Gender,
    SessionStatus,
)
from trainer_app.domain.item_statistics import ItemStats
from trainer_app.domain.quiz import QuizDoc
from trainer_app.domain.vntext import name_sort_key
from trainer_app.reports.report_dto import (
    AgendaLine,
    BandCount,
    CountRow,
    ParticipantLine,
    Photo,
    QuestionShare,
    SessionReport,
    fmt_share,
)
from trainer_app.services.document_header import header_from_org
from trainer_app.services.quizzes.item_stats import session_item_stats
from trainer_app.services.quizzes.service import version_doc_in
from trainer_app.services.reporting.figures import (
    ARRIVED,
    PhaseTotals,
    final_phase,
    latest_attempts,
    summarise,
)
from trainer_app.services.sessions.service import load_session
from trainer_app.services.workspace.settings import load_org

__all__ = ["BANDS", "STEP_KIND_LABELS", "build_session_report"]

Factory = sessionmaker[Session]
STEP_KIND_LABELS = {
    "slide": "Trình chiếu", "video": "Video", "document": "Tài liệu", "quiz": "Kiểm tra",
    "discussion": "Thảo luận", "hotline": "Số điện thoại", "closing": "Bế mạc",
    "break": "Nghỉ giải lao",
}
# Bands of the usual Vietnamese grading: kém/yếu, trung bình, khá, giỏi.
BANDS = (("Dưới 5", 0.0, 5.0), ("5 – 6,4", 5.0, 6.5), ("6,5 – 7,9", 6.5, 8.0),
         ("8 – 10", 8.0, 10.01))
UNKNOWN_GENDER = "Không rõ"
NO_HOOD = "Chưa ghi khu phố"
NO_ROLE = "Chưa ghi chức danh"


def _clock(value: time | None) -> str:
    return f"{value:%H:%M}" if value else ""


def _hood_label(number: int | None, name: str | None) -> tuple[tuple[int, int, str], str]:
    if name is None:
        return (2, 0, ""), NO_HOOD
    return (0 if number is not None else 1, number or 0, name), name


def _breakdowns(session: Session, session_id: int) -> tuple[
        list[CountRow], list[CountRow], list[CountRow], dict[str, int], int, int]:
    rows = session.execute(
        select(Attendance.status, Attendance.invited, Attendance.walk_in, Person.gender,
               Person.erased, Neighbourhood.number, Neighbourhood.name, Role.name)
        .join(Person, Person.id == Attendance.person_id)
        .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
        .outerjoin(Role, Role.id == Person.role_id)
        .where(Attendance.session_id == session_id)).all()
    genders: dict[str, list[int]] = {GENDER_LABELS[g]: [0, 0] for g in Gender}
    hoods: dict[tuple[int, int, str], tuple[str, list[int]]] = {}
    roles: dict[str, list[int]] = {}
    statuses: Counter[str] = Counter()
    walk_ins = erased = 0
    for status, invited, walk_in, gender, was_erased, number, hood, role in rows:
        came = status in ARRIVED
        statuses[status] += 1
        walk_ins += 1 if walk_in else 0
        erased += 1 if was_erased else 0
        label = GENDER_LABELS.get(Gender(gender), UNKNOWN_GENDER) if gender else UNKNOWN_GENDER
        key, hood_name = _hood_label(number, hood)
        for counts in (genders.setdefault(label, [0, 0]),
                       hoods.setdefault(key, (hood_name, [0, 0]))[1],
                       roles.setdefault(role or NO_ROLE, [0, 0])):
            counts[0] += 1 if invited else 0
            counts[1] += 1 if came else 0
    always = (GENDER_LABELS[Gender.MALE], GENDER_LABELS[Gender.FEMALE])
    by_gender = [CountRow(label, *c) for label, c in genders.items() if any(c)
                 or label in always]
    by_hood = [CountRow(name, *c) for _key, (name, c) in sorted(hoods.items())]
    by_role = [CountRow(name, *c) for name, c in sorted(
        roles.items(), key=lambda kv: (kv[0] == NO_ROLE, name_sort_key(kv[0])))]
    return by_gender, by_hood, by_role, dict(statuses), walk_ins, erased


def _agenda(session: Session, session_id: int) -> list[AgendaLine]:
    items = session.scalars(select(AgendaItem).where(AgendaItem.session_id == session_id)
                            .order_by(AgendaItem.position))
    return [AgendaLine(i.position, i.title, STEP_KIND_LABELS.get(i.kind, i.kind),
                       i.duration_min, i.done_at is not None) for i in items]


def _band_counts(scores: dict[str, list[float]]) -> list[BandCount]:
    def count(values: list[float], low: float, high: float) -> int:
        return sum(1 for v in values if low <= v < high)

    return [BandCount(label, count(scores.get("pre", []), low, high),
                      count(scores.get("final", []), low, high))
            for label, low, high in BANDS]


def _option_text(doc: QuizDoc, stats: ItemStats) -> str:
    question = next(q for q in doc.questions if q.id == stats.question_id)
    return "  ".join(f"{chr(65 + i)}{'*' if o.correct else ''} {fmt_share(share)}"
                     for i, (o, share) in enumerate(zip(question.options, stats.option_shares,
                                                        strict=False)))


def _questions(session: Session, attempts: list[tuple[int, int, str]], final: str,
               ) -> tuple[str, float | None, list[QuestionShare]]:
    """(quiz title, pass mark, questions weakest first) of the final test's version."""
    finals = [(a, v) for a, v, phase in attempts if phase == final]
    pres = [(a, v) for a, v, phase in attempts if phase == AttemptPhase.PRE]
    if not finals:
        return "", None, []
    version_id = Counter(v for _a, v in finals).most_common(1)[0][0]
    doc = version_doc_in(session, version_id)
    post_stats, _test = session_item_stats(
        session, doc, [a for a, v in finals if v == version_id],
        easy_flag=final == AttemptPhase.PRE)
    post = {s.question_id: s for s in post_stats}
    pre_versions = Counter(v for _a, v in pres)
    pre: dict[str, float | None] = {}
    if pre_versions:
        pre_version = pre_versions.most_common(1)[0][0]
        # only the same quiz compares question by question (the shipped programme uses two
        # different tests before and after; their question ids mean different questions)
        if _quiz_of(session, pre_version) == _quiz_of(session, version_id):
            pre_stats, _t = session_item_stats(
                session, version_doc_in(session, pre_version),
                [a for a, v in pres if v == pre_version], easy_flag=True)
            pre = {s.question_id: s.share_correct for s in pre_stats}
    lines = [QuestionShare(n, q.text, post[q.id].share_correct, pre.get(q.id),
                           post[q.id].upper_lower, post[q.id].attempts,
                           post[q.id].discrimination, post[q.id].flags,
                           _option_text(doc, post[q.id]))
             for n, q in enumerate(doc.questions, start=1)]
    lines.sort(key=lambda q: (q.post_share if q.post_share is not None else 2.0, q.number))
    return doc.title, doc.pass_mark, lines


def _quiz_of(session: Session, version_id: int) -> int | None:
    return session.scalar(select(QuizVersion.quiz_id).where(QuizVersion.id == version_id))


def _agenda_quiz_title(session: Session, session_id: int) -> str:
    title = session.scalar(
        select(QuizVersion.title).join(AgendaItem, AgendaItem.quiz_version_id == QuizVersion.id)
        .where(AgendaItem.session_id == session_id).order_by(AgendaItem.position).limit(1))
    if title:
        return title
    return session.scalar(
        select(Quiz.title).join(QuizVersion, QuizVersion.quiz_id == Quiz.id)
        .join(AgendaItem, AgendaItem.quiz_version_id == QuizVersion.id)
        .where(AgendaItem.session_id == session_id).limit(1)) or ""


def _participants(session: Session, session_id: int,
                  named: dict[int, dict[str, tuple[float | None, bool | None]]],
                  final: str) -> list[ParticipantLine]:
    rows = session.execute(
        select(Person.id, Person.full_name, Attendance.status, Neighbourhood.name)
        .join(Attendance, Attendance.person_id == Person.id)
        .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
        .where(Attendance.session_id == session_id, Person.erased.is_(False))).all()
    lines = []
    for person_id, name, status, hood in rows:
        mine = named.get(person_id, {})
        if status not in ARRIVED and not mine:
            continue  # invited, did not come: counted above, not a participant
        pre = mine.get(AttemptPhase.PRE.value, (None, None))
        post = mine.get(final, (None, None))
        label = ATTENDANCE_STATUS_LABELS.get(AttendanceStatus(status), status)
        lines.append(ParticipantLine(0, name, hood or "", label, pre[0], post[0], post[1]))
    lines.sort(key=lambda line: name_sort_key(line.full_name))
    return [replace(line, row=i) for i, line in enumerate(lines, start=1)]


def build_session_report(factory: Factory, session_id: int,
                         photos: Sequence[Photo] = ()) -> SessionReport:
    """Every figure of the report of one session, read in one transaction."""
    org = load_org(factory)
    with factory() as session:
        training = load_session(session, session_id)
        programme = (session.get(Programme, training.programme_id)
                     if training.programme_id else None)
        by_gender, by_hood, by_role, statuses, walk_ins, erased = _breakdowns(
            session, session_id)
        latest = session.execute(latest_attempts([session_id])).all()
        totals: dict[str, PhaseTotals] = {}
        for row in latest:
            if row.score is None:
                continue
            t = totals.setdefault(row.phase, PhaseTotals())
            t.count += 1
            t.score_sum += row.score
            t.passed += 1 if row.passed else 0
        final = final_phase(totals)
        named: dict[int, dict[str, tuple[float | None, bool | None]]] = {}
        scores: dict[str, list[float]] = {}
        for row in latest:
            if row.person_id is not None:
                named.setdefault(row.person_id, {})[row.phase] = (row.score, row.passed)
            if row.score is not None and row.phase in (AttemptPhase.PRE.value, final):
                scores.setdefault("pre" if row.phase == AttemptPhase.PRE else "final",
                                  []).append(row.score)
        quiz_title, pass_mark, questions = _questions(
            session, [(r.id, r.quiz_version_id, r.phase) for r in latest], final)
        quiz_title = quiz_title or _agenda_quiz_title(session, session_id)
        hours = " – ".join(t for t in (_clock(training.start_time),
                                       _clock(training.end_time)) if t)
        day = f"ngày {training.held_on:%d/%m/%Y}"
        return SessionReport(
            header=header_from_org(org), session_id=training.id, title=training.title,
            programme=programme.title if programme else "", held_on=training.held_on,
            when=f"{hours}, {day}" if hours else day, venue=training.venue,
            trainers=training.trainers,
            status=SESSION_STATUS_LABELS.get(SessionStatus(training.status), training.status),
            invited=sum(r.invited for r in by_gender),
            attended=sum(statuses.get(s, 0) for s in ARRIVED),
            late=statuses.get(AttendanceStatus.LATE.value, 0),
            excused=statuses.get(AttendanceStatus.EXCUSED.value, 0),
            absent=statuses.get(AttendanceStatus.ABSENT.value, 0),
            unknown=statuses.get(AttendanceStatus.UNKNOWN.value, 0),
            walk_ins=walk_ins, erased=erased, by_gender=by_gender, by_neighbourhood=by_hood,
            by_role=by_role, agenda=_agenda(session, session_id), quiz_title=quiz_title,
            scores=summarise([totals], pass_mark), bands=_band_counts(scores),
            questions=questions,
            participants=_participants(session, session_id, named, final),
            anonymous_attempts=sum(1 for r in latest if r.person_id is None),
            photos=list(photos))
