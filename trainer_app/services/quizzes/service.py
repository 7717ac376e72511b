"""Quizzes: store and read the editable quiz, freeze versions, read a frozen version.
Quiz files (check, import, the shipped bank, export) are in ``quiz_files``; attempts and
their scores in ``attempts``.

One transaction per use case; plain DTOs out (``QuizDoc`` for a whole quiz); ``UserError``
with a Vietnamese message for anything the user can fix.

Storage: a quiz is a ``Quiz`` row with its ``Question`` and ``QuestionOption`` rows (the
option weight column holds the effective weight, 100 for a plain correct option); question
tags are a JSON list in ``Question.tags_json``. A ``QuizVersion`` holds the canonical JSON
of the ``QuizDoc`` (``domain.quiz_canonical.canonical_json``) and its SHA-256; a new version
is made only when that content changed since the last one, and versions are never edited.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.base import utcnow
from trainer_app.db.models import Question, QuestionOption, Quiz, QuizVersion
from trainer_app.domain.quiz import (
    OptionDoc,
    Problem,
    QuestionDoc,
    QuizDoc,
    effective_weights,
    normalize_quiz,
)
from trainer_app.domain.quiz_canonical import canonical_json, content_sha256, from_canonical_dict
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.services.errors import UserError

__all__ = [
    "FreezeResult", "QuizSummary", "StoreResult", "doc_in", "find_quiz", "freeze", "freeze_in",
    "freeze_version", "get_quiz_doc", "list_quizzes", "store_in", "store_quiz", "version_doc",
    "version_doc_in",
]

log = logging.getLogger(__name__)

Factory = sessionmaker[Session]


# --- DTOs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizSummary:
    id: int
    code: str
    title: str
    topic: str
    pass_mark: float
    questions: int
    versions: int
    latest_version_no: int | None
    source_name: str
    archived: bool


@dataclass(frozen=True)
class StoreResult:
    quiz_db_id: int
    code: str
    questions: int
    created: bool


@dataclass(frozen=True)
class FreezeResult:
    version_id: int
    version_no: int
    created: bool  # False when the content had not changed since the last version


# --- storing ---------------------------------------------------------------------------------


def _refuse(problems: list[Problem], what: str) -> UserError:
    shown = "\n".join(str(p) for p in problems[:10])
    more = f"\n… và {len(problems) - 10} lỗi khác." if len(problems) > 10 else ""
    return UserError(f"{what} có {len(problems)} lỗi, chưa lưu gì:\n{shown}{more}",
                     code="quiz_invalid")


def _tags_of(question: Question) -> list[str]:
    try:
        tags = json.loads(question.tags_json or "[]")
    except json.JSONDecodeError:
        log.warning("unreadable tags of question %s", question.key)
        return []
    return [str(t) for t in tags] if isinstance(tags, list) else []


def store_in(session: Session, doc: QuizDoc, *, source_name: str = "") -> tuple[Quiz, bool]:
    """Create the quiz ``doc.id``, or replace the questions and settings of the editable quiz
    with that code (its frozen versions stay as they are). Returns (quiz, created). Raises
    ``UserError`` when the quiz breaks a rule (``validate_quiz``)."""
    doc = normalize_quiz(doc)
    problems = validate_quiz(doc, doc.source_file or doc.id)
    if problems:
        raise _refuse(problems, f"Bộ câu hỏi \"{doc.id or doc.title}\"")
    quiz = session.scalar(select(Quiz).where(Quiz.code == doc.id))
    created = quiz is None
    if quiz is None:
        quiz = Quiz(code=doc.id, title=doc.title)
        session.add(quiz)
    else:
        quiz.questions.clear()
        session.flush()  # old rows go before new ones take their (quiz, key)
    quiz.title = doc.title
    quiz.topic = doc.topic
    quiz.description = doc.description
    quiz.scoring = doc.scoring
    quiz.pass_mark = float(doc.pass_mark)
    quiz.shuffle_questions = doc.shuffle_questions
    quiz.shuffle_options = doc.shuffle_options
    quiz.source_name = source_name[:500]
    quiz.updated_at = utcnow()
    for position, q in enumerate(doc.questions, start=1):
        question = Question(key=q.id, position=position, kind=q.kind, text=q.text,
                            explanation=q.explanation, source=q.source, name=q.name[:300],
                            tags_json=json.dumps(list(q.tags), ensure_ascii=False))
        for opt_position, (option, weight) in enumerate(
            zip(q.options, effective_weights(q), strict=True), start=1
        ):
            question.options.append(QuestionOption(
                position=opt_position, text=option.text, is_correct=option.correct,
                weight=round(weight, 5), feedback=option.feedback))
        quiz.questions.append(question)
    session.flush()
    return quiz, created


def store_quiz(factory: Factory, doc: QuizDoc, *, source_name: str = "") -> StoreResult:
    with factory.begin() as session:
        quiz, created = store_in(session, doc, source_name=source_name)
        return StoreResult(quiz.id, quiz.code, len(quiz.questions), created)


def doc_in(session: Session, quiz: Quiz) -> QuizDoc:
    """The editable quiz as a QuizDoc."""
    questions = []
    for q in quiz.questions:
        questions.append(QuestionDoc(
            id=q.key, kind=q.kind, text=q.text, explanation=q.explanation, source=q.source,
            name=q.name, tags=_tags_of(q),
            options=[OptionDoc(text=o.text, correct=o.is_correct, weight=o.weight,
                               feedback=o.feedback) for o in q.options]))
    return normalize_quiz(QuizDoc(
        id=quiz.code, title=quiz.title, topic=quiz.topic, pass_mark=quiz.pass_mark,
        shuffle_questions=quiz.shuffle_questions, shuffle_options=quiz.shuffle_options,
        scoring=quiz.scoring, description=quiz.description, questions=questions))


def find_quiz(session: Session, quiz: int | str) -> Quiz:
    """A quiz by its code, or by its number (database id)."""
    row = None
    if isinstance(quiz, str):
        row = session.scalar(select(Quiz).where(Quiz.code == quiz))
        if row is None and quiz.isdigit():
            row = session.get(Quiz, int(quiz))
    else:
        row = session.get(Quiz, quiz)
    if row is None:
        raise UserError(f"Không tìm thấy bộ câu hỏi \"{quiz}\". Xem danh sách: trainer-app "
                        "quiz list", code="unknown_quiz")
    return row


def get_quiz_doc(factory: Factory, quiz: int | str) -> QuizDoc:
    with factory() as session:
        return doc_in(session, find_quiz(session, quiz))


def list_quizzes(factory: Factory, *, include_archived: bool = False) -> list[QuizSummary]:
    with factory() as session:
        counts = dict(session.execute(
            select(Question.quiz_id, func.count()).group_by(Question.quiz_id)).all())
        versions = {
            quiz_id: (count, latest) for quiz_id, count, latest in session.execute(
                select(QuizVersion.quiz_id, func.count(), func.max(QuizVersion.version_no))
                .group_by(QuizVersion.quiz_id)).all()
        }
        query = select(Quiz).order_by(Quiz.title, Quiz.code)
        if not include_archived:
            query = query.where(Quiz.archived.is_(False))
        return [
            QuizSummary(q.id, q.code, q.title, q.topic, q.pass_mark, counts.get(q.id, 0),
                        versions.get(q.id, (0, None))[0], versions.get(q.id, (0, None))[1],
                        q.source_name, q.archived)
            for q in session.scalars(query)
        ]


# --- versions --------------------------------------------------------------------------------


def freeze_in(session: Session, quiz: Quiz) -> tuple[QuizVersion, bool]:
    """The version to use now: the latest one when the quiz has not changed since, else a
    new one. Returns (version, created)."""
    doc = doc_in(session, quiz)
    problems = validate_quiz(doc, quiz.code)
    if problems:
        raise _refuse(problems, f"Bộ câu hỏi \"{quiz.code}\"")
    sha = content_sha256(doc)
    latest = session.scalar(select(QuizVersion).where(QuizVersion.quiz_id == quiz.id)
                            .order_by(QuizVersion.version_no.desc()).limit(1))
    if latest is not None and latest.content_sha256 == sha:
        return latest, False
    version = QuizVersion(quiz_id=quiz.id, version_no=(latest.version_no + 1) if latest else 1,
                          title=doc.title, pass_mark=float(doc.pass_mark),
                          question_count=len(doc.questions), content_json=canonical_json(doc),
                          content_sha256=sha)
    session.add(version)
    session.flush()
    return version, True


def freeze(factory: Factory, quiz: int | str) -> FreezeResult:
    with factory.begin() as session:
        version, created = freeze_in(session, find_quiz(session, quiz))
        return FreezeResult(version.id, version.version_no, created)


def freeze_version(factory: Factory, quiz: int | str) -> int:
    """Freeze the quiz (by code or database id) and return the version's id: a new
    version only when its content changed since the last one."""
    return freeze(factory, quiz).version_id


def _legacy_doc(data: dict[str, Any]) -> QuizDoc:
    """Snapshots written before the canonical form (the first demo): code/key fields."""
    return from_canonical_dict({
        "id": data.get("code", ""), "title": data.get("title", ""),
        "pass_mark": data.get("pass_mark", 5.0),
        "questions": [
            {"id": q["key"], "kind": q["kind"], "text": q["text"],
             "explanation": q.get("explanation", ""), "source": q.get("source", ""),
             "options": [{"text": o["text"], "correct": o["correct"]} for o in q["options"]]}
            for q in data.get("questions", [])
        ],
    })


def version_doc_in(session: Session, version_id: int) -> QuizDoc:
    version = session.get(QuizVersion, version_id)
    if version is None:
        raise UserError(f"Không tìm thấy phiên bản bộ câu hỏi số {version_id}.",
                        code="unknown_version")
    data = json.loads(version.content_json)
    return from_canonical_dict(data) if "format" in data else _legacy_doc(data)


def version_doc(factory: Factory, version_id: int) -> QuizDoc:
    """The quiz exactly as a frozen version holds it."""
    with factory() as session:
        return version_doc_in(session, version_id)
