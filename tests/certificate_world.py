"""A session with people, attendance and post-test results, built straight in the database
for the certificate tests (real SQLite, no mocks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from trainer_app.db.models import (
    Attempt,
    Attendance,
    Neighbourhood,
    Person,
    Programme,
    Quiz,
    QuizVersion,
    TrainingSession,
)
from trainer_app.domain.vntext import search_key
from trainer_app.services.workspace.opening import Workspace
from trainer_app.services.workspace.settings import OrgSettings, save_org

SIXTY = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Chi"
assert len(SIXTY) == 60


@dataclass(frozen=True)
class Who:
    """One person of the session: attendance status and post-test score (None: no test)."""

    name: str
    status: str = "present"
    score: float | None = 8.0
    gender: str | None = "female"
    hood: str = "Khu phố 2"


def set_org(ws: Workspace, **changes: object) -> OrgSettings:
    org = OrgSettings(unit_name="Trạm Y tế phường Tân Hưng",
                      parent_body="Trung tâm Y tế khu vực Tân Hưng", place_name="Tân Hưng",
                      signer_name="Nguyễn Thị Hồng Nhung", signer_title="Trưởng trạm")
    for key, value in changes.items():
        setattr(org, key, value)
    return save_org(ws.session_factory, org)


def make_session(ws: Workspace, people: list[Who], *, rule: str = "attended_and_passed",
                 held_on: date = date(2026, 11, 20), title: str = "Bảo vệ trẻ em trên "
                 "môi trường mạng", code: str | None = None) -> int:
    with ws.session_factory.begin() as s:
        code = code or f"p-{rule}-{held_on:%Y%m%d}-{len(people)}-{id(people)}"
        programme = Programme(code=code, title="Bảo vệ trẻ em", certificate_rule=rule)
        quiz = Quiz(code=f"q-{code}", title="Kiểm tra cuối khóa")
        s.add_all([programme, quiz])
        s.flush()
        version = QuizVersion(quiz_id=quiz.id, version_no=1, title="Kiểm tra", pass_mark=5.0,
                              question_count=10, content_json="[]", content_sha256="0" * 64)
        training = TrainingSession(programme_id=programme.id, title=title, held_on=held_on,
                                   start_time=time(8), end_time=time(11),
                                   venue="Hội trường khu phố 2", status="finished")
        s.add_all([version, training])
        s.flush()
        hoods: dict[str, int] = {}
        for i, who in enumerate(people):
            hood_id = None
            if who.hood:
                if who.hood not in hoods:
                    existing = s.query(Neighbourhood).filter_by(name=who.hood).one_or_none()
                    if existing is None:
                        existing = Neighbourhood(name=who.hood)
                        s.add(existing)
                        s.flush()
                    hoods[who.hood] = existing.id
                hood_id = hoods[who.hood]
            person = Person(full_name=who.name, search_key=search_key(who.name),
                            birth_year=1970 + i % 30, gender=who.gender,
                            neighbourhood_id=hood_id)
            s.add(person)
            s.flush()
            s.add(Attendance(session_id=training.id, person_id=person.id, invited=True,
                             status=who.status, sheet_row=i + 1))
            if who.score is not None:
                s.add(Attempt(session_id=training.id, person_id=person.id,
                              quiz_version_id=version.id, phase="post", mode="kiosk",
                              started_at=datetime(2026, 11, 20, 10), score=who.score,
                              passed=who.score >= 5.0,
                              submitted_at=datetime(2026, 11, 20, 10, 10)))
        return training.id
