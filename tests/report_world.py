"""A small session worked out by hand for the report tests: a 3-question quiz, five people
who sit the pre- and post-test (answers typed as letters and scored by the app), one
walk-in without a test, one absent, one excused; then one of the five is erased on request.

Scores (10-point scale, 1 decimal): one right answer of three = 3,3; two = 6,7; three = 10.

    person  pre answers -> score   post answers -> score   passed (>= 5)
    An      A,A,A  Q1     3,3      A,B,C  all      10,0    yes
    Bình    B,B,B  Q2     3,3      A,B,A  Q1 Q2     6,7    yes
    Chi     A,B,A  Q1 Q2  6,7      A,B,C  all      10,0    yes
    Dũng    C,C,C  Q3     3,3      B,B,C  Q2 Q3     6,7    yes
    Én      A,A,A  Q1     3,3      A,A,A  Q1        3,3    no   (erased afterwards)

    pre average  = (3,3 + 3,3 + 6,7 + 3,3 + 3,3) / 5 = 19,9 / 5 = 3,98
    post average = (10 + 6,7 + 10 + 6,7 + 3,3) / 5   = 36,7 / 5 = 7,34
    gain = 7,34 − 3,98 = 3,36; pass rate = 4/5 = 80%
    post shares right: Q1 4/5 (Dũng missed), Q2 4/5 (Én missed), Q3 3/5 -> Q3 is weakest
    pre shares right:  Q1 3/5, Q2 2/5, Q3 1/5
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from trainer_app.db.models import AgendaItem, Attendance, Neighbourhood, Person, TrainingSession
from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc
from trainer_app.domain.vntext import search_key
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.quizzes.attempts import record_attempt_from_letters
from trainer_app.services.roster.privacy import erase_person
from trainer_app.services.workspace.opening import Workspace

ERASED_NAME = "Lê Thị Én"
WALK_IN = "=Hồ Văn Tám"  # a name that starts like a formula, typed so in an old import
ANSWERS = {  # name: (gender, khu phố, status, pre letters, post letters)
    "Nguyễn Thị An": ("female", "Khu phố 1", "present", "A,A,A", "A,B,C"),
    "Trần Thị Bình": ("female", "Khu phố 1", "present", "B,B,B", "A,B,A"),
    "Phạm Thị Chi": ("female", "Khu phố 2", "present", "A,B,A", "A,B,C"),
    "Võ Văn Dũng": ("male", "Khu phố 2", "present", "C,C,C", "B,B,C"),
    ERASED_NAME: ("female", "Khu phố 3", "late", "A,A,A", "A,A,A"),
}
OTHERS = {  # name: (gender, khu phố, status, invited)
    "Đỗ Văn Phúc": ("male", "Khu phố 3", "absent", True),
    "Bùi Thị Giang": ("female", "Khu phố 4", "excused", True),
    WALK_IN: ("male", "Khu phố 4", "present", False),
}
QUESTIONS = ("Tổng đài quốc gia bảo vệ trẻ em là số nào?",
             "Trẻ bị bắt nạt trên mạng nên làm gì trước tiên?",
             "Ai cần đồng ý khi đăng ảnh trẻ từ đủ 7 tuổi lên mạng?")
PRE_AVERAGE, POST_AVERAGE, GAIN, PASSED, TAKERS = 3.98, 7.34, 3.36, 4, 5


@dataclass(frozen=True)
class World:
    session_id: int
    person_ids: dict[str, int]


def quiz_doc(code: str = "bvte-3-cau") -> QuizDoc:
    answers = ("A", "B", "C")
    return QuizDoc(id=code, title="Kiểm tra 3 câu", pass_mark=5.0, questions=[
        QuestionDoc(id=f"q{n}", kind="single", text=text,
                    options=[OptionDoc(f"Phương án {letter}", letter == answers[n - 1])
                             for letter in answers])
        for n, text in enumerate(QUESTIONS, start=1)])


def build(ws: Workspace, *, held_on: date = date(2026, 11, 20), with_quiz: bool = True,
          erase: bool = True, title: str = "Tập huấn bảo vệ trẻ em trên môi trường mạng",
          ) -> World:
    factory = ws.session_factory
    with factory.begin() as s:
        training = TrainingSession(title=title, held_on=held_on, start_time=time(8),
                                   end_time=time(11), venue="Hội trường khu phố 1",
                                   status="finished")
        s.add(training)
        s.flush()
        if with_quiz:
            quiz, _created = quiz_service.store_in(s, quiz_doc(f"bvte-{training.id}"))
            version, _new = quiz_service.freeze_in(s, quiz)
            for position, phase in ((1, "pre"), (3, "post")):
                s.add(AgendaItem(session_id=training.id, position=position, kind="quiz",
                                 title=f"Kiểm tra {phase}", quiz_version_id=version.id,
                                 quiz_phase=phase))
        s.add(AgendaItem(session_id=training.id, position=2, kind="video",
                         title="Trẻ em và mạng xã hội", duration_min=15,
                         done_at=datetime.combine(held_on, time(9))))
        hoods: dict[str, int] = {}
        ids: dict[str, int] = {}
        everyone = {name: (g, h, st, True) for name, (g, h, st, _a, _b) in ANSWERS.items()}
        everyone.update(OTHERS)
        for name, (gender, hood, status, invited) in everyone.items():
            if hood not in hoods:
                found = s.query(Neighbourhood).filter_by(name=hood).one_or_none()
                if found is None:
                    found = Neighbourhood(name=hood, number=int(hood.split()[-1]))
                    s.add(found)
                    s.flush()
                hoods[hood] = found.id
            person = Person(full_name=name, search_key=search_key(name), gender=gender,
                            neighbourhood_id=hoods[hood], birth_year=1980)
            s.add(person)
            s.flush()
            ids[name] = person.id
            s.add(Attendance(session_id=training.id, person_id=person.id, invited=invited,
                             walk_in=not invited, status=status))
        session_id = training.id
    if with_quiz:
        for name, (_g, _h, _st, pre, post) in ANSWERS.items():
            for phase, letters, hour in (("pre", pre, 8), ("post", post, 10)):
                record_attempt_from_letters(
                    factory, session_id=session_id, quiz=f"bvte-{session_id}",
                    person_id=ids[name], answers=letters, phase=phase,
                    now=datetime.combine(held_on, time(hour, len(name))))
    if erase:
        erase_person(factory, ids[ERASED_NAME])
    return World(session_id, ids)
