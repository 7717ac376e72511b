"""`trainer-app demo`: a realistic workspace to try the app on (ward Tân Hưng)."""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from trainer_app.db.models import (
    AgendaItem,
    Answer,
    Attempt,
    Attendance,
    Certificate,
    MediaItem,
    Neighbourhood,
    Person,
    Programme,
    Quiz,
    QuizVersion,
    Role,
    Setting,
    TrainingSession,
)
from trainer_app.domain.enums import AttendanceStatus, Gender, SessionStatus
from trainer_app.domain.vntext import search_key
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.roster.reference import (
    ensure_default_neighbourhoods,
    ensure_default_roles,
)
from trainer_app.services.sessions import programme_content
from trainer_app.services.sessions.programmes import ensure_shipped_programme_in
from trainer_app.services.workspace import demo_content as content
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.opening import Workspace

log = logging.getLogger(__name__)

DEMO_MARK_KEY = "demo_workspace"
PEOPLE_COUNT = 40


@dataclass(frozen=True)
class DemoResult:
    created: bool
    message: str
    people: int
    neighbourhoods: int
    media_items: int
    sessions: int


def fill_demo(
    workspace: Workspace, *, reset: bool = False, today: date | None = None
) -> DemoResult:
    """Fill the workspace with demo data. Refuses a folder that holds real data."""
    today = today or date.today()
    factory = workspace.session_factory
    with factory.begin() as session:
        real_people = session.scalar(
            select(func.count()).select_from(Person).where(Person.is_demo.is_(False))
        )
        real_sessions = session.scalar(
            select(func.count()).select_from(TrainingSession).where(
                TrainingSession.is_demo.is_(False)
            )
        )
        if real_people or real_sessions:
            raise UserError(
                f"Thư mục dữ liệu {workspace.data_dir.root} đã có dữ liệu thật "
                f"({real_people} cộng tác viên, {real_sessions} buổi tập huấn). "
                "Không tạo dữ liệu mẫu ở đây; hãy dùng --data-dir với một thư mục trống.",
                code="real_data_present",
            )
        already = session.get(Setting, DEMO_MARK_KEY) is not None
        if already and not reset:
            return _result(session, False, "Dữ liệu mẫu đã có sẵn (dùng --reset để tạo lại).")
        if already:
            _remove_demo(session)
        _build(session, today)
        session.add(Setting(key=DEMO_MARK_KEY, value=json.dumps(today.isoformat())))
    settings_service.save_org(factory, content.DEMO_ORG)
    _install_sample_clip(workspace)
    with factory() as session:
        return _result(session, True, "Đã tạo dữ liệu mẫu phường Tân Hưng.")


def _install_sample_clip(workspace: Workspace) -> None:
    """The app's own test clip (media/samples/) in the library, so the demo plays a video."""
    from trainer_app.services.media.importer import install_samples

    try:
        install_samples(workspace.session_factory, workspace.data_dir.media_dir)
    except UserError as exc:
        log.warning("demo: sample clip not installed: %s", exc.message)


def _result(session: Session, created: bool, message: str) -> DemoResult:
    def count(model: type) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return DemoResult(created, message, count(Person), count(Neighbourhood), count(MediaItem),
                      count(TrainingSession))


def _remove_demo(session: Session) -> None:
    demo_sessions = select(TrainingSession.id).where(TrainingSession.is_demo.is_(True))
    session.execute(delete(Certificate).where(Certificate.session_id.in_(demo_sessions)))
    session.execute(delete(Attempt).where(Attempt.session_id.in_(demo_sessions)))
    session.execute(delete(Attendance).where(Attendance.session_id.in_(demo_sessions)))
    session.execute(delete(AgendaItem).where(AgendaItem.session_id.in_(demo_sessions)))
    session.execute(delete(TrainingSession).where(TrainingSession.is_demo.is_(True)))
    session.execute(delete(Person).where(Person.is_demo.is_(True)))
    demo_quiz = select(Quiz.id).where(Quiz.code == content.DEMO_QUIZ_CODE)
    session.execute(delete(QuizVersion).where(QuizVersion.quiz_id.in_(demo_quiz)))
    for quiz in session.scalars(select(Quiz).where(Quiz.code == content.DEMO_QUIZ_CODE)):
        session.delete(quiz)
    session.execute(delete(Setting).where(Setting.key == DEMO_MARK_KEY))
    session.flush()


def _neighbourhoods(session: Session) -> list[Neighbourhood]:
    ensure_default_neighbourhoods(session)
    return list(session.scalars(
        select(Neighbourhood).where(Neighbourhood.archived.is_(False))
        .order_by(Neighbourhood.number)))


def _roles(session: Session) -> list[Role]:
    ensure_default_roles(session)
    return list(session.scalars(select(Role).where(Role.archived.is_(False)).order_by(Role.id)))


def _make_people(session: Session, rng: random.Random, neighbourhoods: list[Neighbourhood],
                 roles: list[Role], today: date) -> list[Person]:
    people: list[Person] = []
    used_names: set[str] = set()
    while len(people) < PEOPLE_COUNT:
        female = rng.random() < 0.7  # most ward collaborators are women
        middle = rng.choice(content.FEMALE_MIDDLE if female else content.MALE_MIDDLE)
        given = rng.choice(content.FEMALE_GIVEN if female else content.MALE_GIVEN)
        name = f"{rng.choice(content.FAMILY_NAMES)} {middle} {given}"
        if name in used_names:
            continue
        used_names.add(name)
        phone = rng.choice(content.MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        person = Person(
            full_name=name,
            search_key=search_key(name),
            gender=Gender.FEMALE if female else Gender.MALE,
            birth_year=rng.randint(1958, 1995),
            phone=phone if rng.random() < 0.9 else None,
            neighbourhood_id=rng.choice(neighbourhoods[:30]).id,
            role_id=rng.choice(roles).id,
            unit="Phường Tân Hưng",
            is_demo=True,
            consent_date=today - timedelta(days=60),
            consent_method="Ký phiếu đồng ý khi đăng ký CTV",
        )
        session.add(person)
        people.append(person)
    session.flush()
    return people


def _make_quiz(session: Session) -> QuizVersion:
    doc = content.demo_quiz_doc(programme_content.PROGRAMME_TITLE)
    quiz, _created = quiz_service.store_in(session, doc, source_name="demo")
    version, _new = quiz_service.freeze_in(session, quiz)
    return version


def _make_session(session: Session, programme: Programme, held_on: date, status: str,
                  version: QuizVersion) -> TrainingSession:
    training = TrainingSession(
        programme_id=programme.id,
        title=f"Tập huấn {programme.title.lower()}",
        held_on=held_on, start_time=time(8, 0), end_time=time(11, 0),
        venue="Hội trường Trạm Y tế phường Tân Hưng",
        trainers="BS. Nguyễn Thị Hồng Nhung; YS. Trần Văn Bình",
        status=status, is_demo=True,
        finished_at=datetime.combine(held_on, time(11, 5)) if status == "finished" else None,
    )
    for item in programme.agenda:
        training.agenda.append(AgendaItem(
            position=item.position, kind=item.kind, title=item.title,
            media_item_id=item.media_item_id, quiz_phase=item.quiz_phase,
            quiz_version_id=version.id if item.quiz_phase else None,
            duration_min=item.duration_min,
        ))
    session.add(training)
    session.flush()
    return training


def _score_attempt(session: Session, rng: random.Random, attempt: Attempt, skill: float,
                   when: datetime) -> None:
    earned = 0.0
    for spec in content.DEMO_QUESTIONS:
        options = spec["options"]
        assert isinstance(options, list)
        correct_positions = [i for i, (_t, ok) in enumerate(options, start=1) if ok]
        right = rng.random() < skill
        # a wrong answer picks one of the wrong options in turn (no draw from ``rng``, so
        # the rest of the demo stays the same whatever the options)
        wrong_positions = [i for i, (_t, ok) in enumerate(options, start=1) if not ok]
        chosen = correct_positions if right else [
            wrong_positions[((attempt.person_id or attempt.id) + len(str(spec["text"])))
                            % len(wrong_positions)]]
        session.add(Answer(attempt_id=attempt.id, question_key=str(spec["key"]),
                           chosen_json=json.dumps(chosen), is_correct=right,
                           points=1.0 if right else 0.0, answered_at=when))
        earned += 1.0 if right else 0.0
    attempt.submitted_at = when
    attempt.score = round(10 * earned / len(content.DEMO_QUESTIONS), 1)
    attempt.passed = attempt.score >= 5.0


def _build(session: Session, today: date) -> None:
    rng = random.Random(2026)
    neighbourhoods = _neighbourhoods(session)
    roles = _roles(session)
    people = _make_people(session, rng, neighbourhoods, roles, today)
    version = _make_quiz(session)
    quiz_files.load_bank_in(session, shipped_dir("quizzes"))  # broken files are skipped
    programme = ensure_shipped_programme_in(session)

    past = _make_session(session, programme, today - timedelta(days=19),
                         SessionStatus.FINISHED, version)
    statuses = ([AttendanceStatus.PRESENT] * 26 + [AttendanceStatus.LATE] * 2
                + [AttendanceStatus.EXCUSED] * 2 + [AttendanceStatus.ABSENT] * 2)
    start = datetime.combine(past.held_on, time(7, 40))
    certificate_seq = 0
    for row, (person, status) in enumerate(zip(people[:32], statuses, strict=True), start=1):
        came = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        checked = start + timedelta(minutes=row if status == AttendanceStatus.PRESENT else 35)
        session.add(Attendance(session_id=past.id, person_id=person.id, invited=True,
                               status=status, checked_in_at=checked if came else None,
                               sheet_row=row))
        if not came:
            continue
        for phase, skill, minute in (("pre", 0.45, 20), ("post", 0.85, 160)):
            when = datetime.combine(past.held_on, time(8, 0)) + timedelta(minutes=minute)
            attempt = Attempt(session_id=past.id, person_id=person.id,
                              quiz_version_id=version.id, phase=phase, mode="kiosk",
                              started_at=when - timedelta(minutes=8))
            session.add(attempt)
            session.flush()
            _score_attempt(session, rng, attempt, skill, when)
            if phase == "post" and attempt.passed:
                certificate_seq += 1
                session.add(Certificate(
                    number=f"{certificate_seq:03d}/GCN-TYT-DEMO", person_id=person.id,
                    session_id=past.id, attempt_id=attempt.id, issued_on=past.held_on,
                ))
    session.execute(update(AgendaItem).where(AgendaItem.session_id == past.id)
                    .values(done_at=datetime.combine(past.held_on, time(11, 0))))

    planned = _make_session(session, programme, today + timedelta(days=9),
                            SessionStatus.PLANNED, version)
    for person in people[20:]:
        session.add(Attendance(session_id=planned.id, person_id=person.id, invited=True))
    session.flush()
