"""Programmes: a topic with a default agenda. The shipped one is created on first use;
users add their own and edit agendas (the whole list is saved at once: reorder, add,
remove)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import MediaItem, Programme, ProgrammeAgendaItem, Quiz, TrainingSession
from trainer_app.domain.enums import AgendaKind, AttemptPhase, CertificateRule, values
from trainer_app.domain.vntext import clean_text, search_key
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.media.catalogue import ensure_catalogue_in
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.sessions import programme_content as shipped

__all__ = ["ProgrammeSummary", "StepRow", "add_programme", "ensure_shipped_programme",
           "ensure_shipped_programme_in", "get_agenda", "list_programmes", "set_agenda",
           "set_certificate_rule"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class ProgrammeSummary:
    id: int
    code: str
    title: str
    steps: int
    sessions: int
    certificate_rule: str


@dataclass(frozen=True)
class StepRow:
    kind: str
    title: str
    minutes: int | None = None
    media_item_id: int | None = None
    quiz_id: int | None = None
    phase: str | None = None
    notes: str = ""
    media_title: str = ""
    quiz_code: str = ""


def ensure_shipped_programme_in(session: Session) -> Programme:
    """The shipped programme, created with its agenda when missing (its quizzes come from
    the shipped bank, its videos from the media catalogue)."""
    programme = session.scalar(select(Programme).where(Programme.code == shipped.PROGRAMME_CODE))
    if programme is not None:
        return programme
    media = ensure_catalogue_in(session)
    quiz_files.load_bank_in(session, shipped_dir("quizzes"))
    quizzes = {q.code: q.id for q in session.scalars(select(Quiz))}
    programme = Programme(code=shipped.PROGRAMME_CODE, title=shipped.PROGRAMME_TITLE,
                          topic=shipped.PROGRAMME_TITLE,
                          description=shipped.PROGRAMME_DESCRIPTION,
                          certificate_rule=CertificateRule.ATTENDED_AND_PASSED)
    for position, step in enumerate(shipped.AGENDA, start=1):
        programme.agenda.append(ProgrammeAgendaItem(
            position=position, kind=step.kind, title=step.title, duration_min=step.minutes,
            media_item_id=media[step.media_key].id if step.media_key else None,
            quiz_id=quizzes.get(step.quiz_code) if step.quiz_code else None,
            quiz_phase=step.phase, notes=step.notes))
    session.add(programme)
    session.flush()
    return programme


def ensure_shipped_programme(factory: Factory) -> int:
    with factory.begin() as session:
        return ensure_shipped_programme_in(session).id


def list_programmes(factory: Factory, *, include_archived: bool = False) -> list[ProgrammeSummary]:
    ensure_shipped_programme(factory)
    with factory() as session:
        steps = (select(func.count()).where(ProgrammeAgendaItem.programme_id == Programme.id)
                 .scalar_subquery())
        used = (select(func.count()).where(TrainingSession.programme_id == Programme.id)
                .scalar_subquery())
        query = select(Programme, steps, used).order_by(Programme.id)
        if not include_archived:
            query = query.where(Programme.archived.is_(False))
        return [ProgrammeSummary(p.id, p.code, p.title, n_steps, n_sessions, p.certificate_rule)
                for p, n_steps, n_sessions in session.execute(query)]


def find_programme(session: Session, ref: int | str) -> Programme:
    programme = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        programme = session.get(Programme, int(ref))
    if programme is None and isinstance(ref, str):
        programme = session.scalar(select(Programme).where(Programme.code == ref))
    if programme is None:
        raise UserError(f"Không tìm thấy chương trình \"{ref}\".", code="unknown_programme")
    return programme


def _row(item: ProgrammeAgendaItem, session: Session) -> StepRow:
    media = session.get(MediaItem, item.media_item_id) if item.media_item_id else None
    quiz = session.get(Quiz, item.quiz_id) if item.quiz_id else None
    return StepRow(item.kind, item.title, item.duration_min, item.media_item_id, item.quiz_id,
                   item.quiz_phase, item.notes, media.title if media else "",
                   quiz.code if quiz else "")


def get_agenda(factory: Factory, programme: int | str) -> list[StepRow]:
    with factory() as session:
        return [_row(item, session) for item in find_programme(session, programme).agenda]


def _check_steps(session: Session, steps: list[StepRow]) -> list[str]:
    problems = []
    for number, step in enumerate(steps, start=1):
        where = f"Bước {number}"
        if step.kind not in values(AgendaKind):
            problems.append(f"{where}: loại \"{step.kind}\" không hợp lệ")
        if not clean_text(step.title):
            problems.append(f"{where}: chưa có tên")
        if step.minutes is not None and step.minutes < 0:
            problems.append(f"{where}: thời lượng âm")
        if step.kind == AgendaKind.QUIZ:
            if step.quiz_id is None or session.get(Quiz, step.quiz_id) is None:
                problems.append(f"{where}: chưa chọn bộ câu hỏi")
            if step.phase not in values(AttemptPhase):
                problems.append(f"{where}: chưa chọn kiểm tra đầu vào hay cuối khóa")
        if step.kind in (AgendaKind.VIDEO, AgendaKind.DOCUMENT) and (
                step.media_item_id is None or session.get(MediaItem, step.media_item_id) is None):
            problems.append(f"{where}: chưa chọn video hoặc tài liệu")
    return problems


def set_agenda(factory: Factory, programme: int | str, steps: list[StepRow]) -> list[StepRow]:
    """Replace the programme's agenda with ``steps`` in this order. Sessions already
    created keep their own copy."""
    with factory.begin() as session:
        row = find_programme(session, programme)
        problems = _check_steps(session, steps)
        if problems:
            raise UserError("Chương trình chưa lưu được: " + "; ".join(problems) + ".",
                            code="bad_agenda")
        row.agenda.clear()
        session.flush()
        for position, step in enumerate(steps, start=1):
            row.agenda.append(ProgrammeAgendaItem(
                position=position, kind=step.kind, title=clean_text(step.title),
                duration_min=step.minutes, media_item_id=step.media_item_id,
                quiz_id=step.quiz_id if step.kind == AgendaKind.QUIZ else None,
                quiz_phase=step.phase if step.kind == AgendaKind.QUIZ else None,
                notes=clean_text(step.notes)))
        session.flush()
        return [_row(item, session) for item in row.agenda]


def add_programme(factory: Factory, title: str, *, topic: str = "",
                  certificate_rule: str = CertificateRule.ATTENDED_AND_PASSED) -> int:
    title = clean_text(title)
    if not title:
        raise UserError("Chưa nhập tên chương trình.", code="empty_title")
    if certificate_rule not in values(CertificateRule):
        raise UserError(f"Quy tắc cấp giấy chứng nhận \"{certificate_rule}\" không hợp lệ.",
                        code="bad_rule")
    code = re.sub(r"[^a-z0-9]+", "-", search_key(title)).strip("-")[:80] or "chuong-trinh"
    with factory.begin() as session:
        base, n = code, 1
        while session.scalar(select(Programme.id).where(Programme.code == code)) is not None:
            n += 1
            code = f"{base}-{n}"
        programme = Programme(code=code, title=title, topic=clean_text(topic) or title,
                              certificate_rule=certificate_rule)
        session.add(programme)
        session.flush()
        return programme.id


def set_certificate_rule(factory: Factory, programme: int | str, rule: str) -> None:
    """Who gets a certificate in this programme's sessions (CertificateRule)."""
    if rule not in values(CertificateRule):
        raise UserError(f"Quy tắc cấp giấy chứng nhận \"{rule}\" không hợp lệ.", code="bad_rule")
    with factory.begin() as session:
        find_programme(session, programme).certificate_rule = rule
