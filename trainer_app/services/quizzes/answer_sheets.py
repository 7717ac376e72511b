"""Paper answer sheets for a session and a quiz (issue #4, paper mode).

The sheets follow the quiz version the session uses for that quiz (frozen now if the
session has none yet), picked exactly as ``attempt record`` picks it, so the boxes on paper
are the options that typing the letters in will be scored against. One sheet per person
invited, checked in or walked in (erased people left out), in the Vietnamese name order;
then ``blank`` sheets for walk-ins.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Attendance, Neighbourhood, Person, TrainingSession
from trainer_app.domain.enums import AttendanceStatus, QuestionKind
from trainer_app.domain.quiz import QuizDoc, letter
from trainer_app.domain.vntext import name_sort_key
from trainer_app.reports.answer_sheet import AnswerSheetSet, SheetPerson, SheetQuestion
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.attempts import _pick_version
from trainer_app.services.quizzes.service import version_doc_in
from trainer_app.services.reporting.output import save_document
from trainer_app.services.workspace.settings import load_org

__all__ = [
    "MAX_BLANK",
    "AnswerSheetsResult",
    "build_sheet_set",
    "sheet_questions",
    "write_answer_sheets",
]

Factory = sessionmaker[Session]
MAX_BLANK = 500
EMPTY_NOTE = ("Buổi tập huấn này chưa có ai trong danh sách mời hoặc điểm danh, nên không có "
              "phiếu in sẵn tên. Hãy mời người tham dự trong trang Buổi tập huấn, hoặc dùng "
              "các phiếu trống (ghi tên bằng tay).")


@dataclass(frozen=True)
class AnswerSheetsResult:
    file: str
    session: int
    quiz: str
    version_no: int
    questions: int
    named: int
    blank: int
    sheets: int
    pages: int
    per_page: int


def sheet_questions(doc: QuizDoc) -> list[SheetQuestion]:
    """The boxes of each question, in the version's order: letters A, B… (the letters
    ``attempt record`` reads), "Đúng"/"Sai" for true/false."""
    questions = []
    for number, q in enumerate(doc.questions, start=1):
        if q.kind == QuestionKind.TRUE_FALSE:
            choices = tuple(o.text for o in q.options)
        else:
            choices = tuple(letter(i) for i in range(len(q.options)))
        questions.append(SheetQuestion(number, choices, q.kind == QuestionKind.MULTIPLE))
    return questions


def _people(session: Session, session_id: int) -> list[SheetPerson]:
    rows = session.execute(
        select(Person.id, Person.full_name, Person.birth_year, Neighbourhood.name)
        .join(Attendance, Attendance.person_id == Person.id)
        .outerjoin(Neighbourhood, Neighbourhood.id == Person.neighbourhood_id)
        .where(Attendance.session_id == session_id, Person.erased.is_(False),
               or_(Attendance.invited.is_(True), Attendance.walk_in.is_(True),
                   Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.LATE])))
    ).all()
    people = [SheetPerson(name, year, hood or "", pid) for pid, name, year, hood in rows]
    return sorted(people, key=lambda p: name_sort_key(p.full_name))


def build_sheet_set(factory: Factory, *, session_id: int, quiz: int | str, blank: int = 0,
                    phase: str | None = None) -> AnswerSheetSet:
    """Everything the sheets print, in one transaction (it may freeze the quiz)."""
    if not 0 <= blank <= MAX_BLANK:
        raise UserError(f"Số phiếu trống phải từ 0 đến {MAX_BLANK} (đã nhận {blank}).",
                        code="bad_blank")
    unit = load_org(factory).unit_name
    with factory.begin() as session:
        training = session.get(TrainingSession, session_id)
        if training is None:
            raise UserError(f"Không tìm thấy buổi tập huấn số {session_id}. Xem danh sách "
                            "trong trang Buổi tập huấn.", code="unknown_session")
        version, _phase = _pick_version(session, training, quiz, phase)
        doc = version_doc_in(session, version.id)
        if not doc.questions:
            raise UserError(f"Bộ câu hỏi \"{doc.id}\" chưa có câu hỏi nào.", code="empty_quiz")
        return AnswerSheetSet(
            unit_name=unit, session_title=training.title, session_date=training.held_on,
            quiz_title=doc.title, quiz_code=doc.id, version_no=version.version_no,
            questions=tuple(sheet_questions(doc)), people=tuple(_people(session, session_id)),
            blank=blank, empty_note=EMPTY_NOTE)


def write_answer_sheets(factory: Factory, *, session_id: int, quiz: int | str,
                        path: str | Path, blank: int = 0,
                        phase: str | None = None) -> AnswerSheetsResult:
    """Write the sheets to ``path`` (a .pdf); see the module doc."""
    from trainer_app.reports.answer_sheet import write_answer_sheets as write_pdf

    data = build_sheet_set(factory, session_id=session_id, quiz=quiz, blank=blank,
                           phase=phase)
    target = Path(path)
    written = save_document(target, lambda p: write_pdf(p, data))
    return AnswerSheetsResult(
        file=str(target), session=session_id, quiz=data.quiz_code,
        version_no=data.version_no, questions=len(data.questions), named=len(data.people),
        blank=blank, sheets=written.sheets, pages=written.pages, per_page=written.per_page)
