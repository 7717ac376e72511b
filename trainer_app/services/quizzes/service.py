"""Quizzes: check and import quiz files, store and read the editable quiz, freeze versions,
load the shipped bank, export. Attempts and their scores live in ``quiz_attempts``.

One transaction per use case; plain DTOs out (``QuizDoc`` for a whole quiz); ``UserError``
with a Vietnamese message for anything the user can fix.

Storage: a quiz is a ``Quiz`` row with its ``Question`` and ``QuestionOption`` rows (the
option weight column holds the effective weight, 100 for a plain correct option); question
tags are a JSON list in ``Question.tags_json``. A ``QuizVersion`` holds the canonical JSON
of the ``QuizDoc`` (``domain.quiz.canonical_json``) and its SHA-256; a new version is made
only when that content changed since the last one, and versions are never edited.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.base import utcnow
from trainer_app.db.models import Question, QuestionOption, Quiz, QuizVersion
from trainer_app.domain.quiz import (
    SCORING_ALL_OR_NOTHING,
    OptionDoc,
    ParseResult,
    Problem,
    QuestionDoc,
    QuizDoc,
    Skipped,
    canonical_json,
    content_sha256,
    effective_weights,
    from_canonical_dict,
    normalize_quiz,
    validate_quiz,
)
from trainer_app.quizbank import (
    UnreadableFile,
    check_file,
    export_file,
    read_quiz_file,
    xlsx_template,
)
from trainer_app.quizbank import native as native_format
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError

__all__ = [
    "BankLoadResult", "CheckReport", "ExportSummary", "FreezeResult", "ImportResult",
    "QuizSummary", "StoreResult", "check_files", "doc_in", "export_quiz", "find_quiz",
    "freeze", "freeze_in", "freeze_version", "get_quiz_doc", "import_file", "list_quizzes",
    "load_bank_in", "load_shipped_bank", "save_template", "store_in", "store_quiz",
    "version_doc", "version_doc_in",
]

log = logging.getLogger(__name__)

Factory = sessionmaker[Session]
SHIPPED_LABEL = "quizzes"


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


@dataclass
class ImportResult:
    """``quiz`` is the stored quiz's id (its code), None when problems stopped the import."""

    quiz: str | None
    questions: list[QuestionDoc] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    created: bool = False
    scoring: str = SCORING_ALL_OR_NOTHING

    def as_json(self) -> dict[str, Any]:
        """{"quiz", "questions": [{"name", "text", "kind", "options": [{"text", "correct",
        "weight"}]}], "skipped": [{"name", "line", "reason"}]} and, when the import was
        refused, "problems": [{"file", "line", "message"}]. Weights are effective ones."""
        data: dict[str, Any] = {
            "quiz": self.quiz,
            "questions": [
                {"name": q.name or q.id, "text": q.text, "kind": q.kind,
                 "options": [{"text": o.text, "correct": o.correct, "weight": w}
                             for o, w in zip(q.options, effective_weights(q), strict=True)]}
                for q in self.questions
            ],
            "skipped": [s.as_json() for s in self.skipped],
        }
        if self.problems:
            data["problems"] = [p.as_json() for p in self.problems]
        return data


@dataclass
class BankLoadResult:
    files: int = 0
    loaded: list[str] = field(default_factory=list)  # quiz codes created or replaced
    kept: list[str] = field(default_factory=list)  # already in the database, left alone
    problems: list[Problem] = field(default_factory=list)  # broken files, not loaded


@dataclass
class CheckReport:
    files: int
    problems: list[Problem]
    unreadable: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unreadable


@dataclass(frozen=True)
class ExportSummary:
    file: str
    quiz: str
    questions: int
    warnings: list[str]


# --- checking files --------------------------------------------------------------------------


def check_files(paths: list[str]) -> CheckReport:
    """Problems of each quiz file (any supported format) with file and line, as given."""
    problems: list[Problem] = []
    unreadable: list[Problem] = []
    for path in paths:
        try:
            problems += check_file(path, label=path)
        except UnreadableFile as exc:
            unreadable.append(Problem(path, 0, exc.message))
    return CheckReport(len(paths), problems, unreadable)


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


# --- files -----------------------------------------------------------------------------------


def _read(path: str | Path, label: str | None = None, **kwargs: str) -> ParseResult:
    try:
        return read_quiz_file(path, label, **kwargs)
    except UnreadableFile as exc:
        raise UserError(exc.message, code="unreadable") from None


def import_file(factory: Factory, path: str | Path, *, quiz_id: str = "", title: str = "",
                label: str | None = None) -> ImportResult:
    """Read a quiz file (TOML, GIFT, Aiken or XLSX) and store it (create, or replace the
    editable quiz of the same id). A file with problems stores nothing: the result lists
    them. Questions the app cannot represent are left out and listed in ``skipped``."""
    label = label if label is not None else str(path)
    result = _read(path, label, quiz_id=quiz_id, title=title)
    if result.quiz is None or result.problems:
        return ImportResult(None, skipped=result.skipped, problems=result.problems)
    doc = result.quiz
    with factory.begin() as session:
        _quiz, created = store_in(session, doc, source_name=Path(label).name)
    log.info("imported quiz %s (%d questions, %d skipped)", doc.id, len(doc.questions),
             len(result.skipped))
    return ImportResult(doc.id, doc.questions, result.skipped, [], result.warnings, created,
                        doc.scoring)


def load_bank_in(session: Session, folder: Path, *, replace: bool = False,
                 label: str = SHIPPED_LABEL) -> BankLoadResult:
    """Store every valid ``*.toml`` quiz of ``folder``; broken files are reported with file
    and line and skipped. Quizzes already in the database are kept unless ``replace``."""
    result = BankLoadResult()
    if not folder.is_dir():
        return result
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        result.files += 1
        name = f"{label}/{path.name}"
        try:
            parsed = native_format.read_native(path, name)
        except UnreadableFile as exc:
            result.problems.append(Problem(name, 0, exc.message))
            continue
        if parsed.quiz is None or parsed.problems:
            result.problems += parsed.problems
            continue
        doc = parsed.quiz
        if doc.id in seen:
            result.problems.append(Problem(name, doc.line_of("id"),
                                           f"Mã bộ câu hỏi \"{doc.id}\" trùng với tệp "
                                           f"{seen[doc.id]}; tệp này không được nạp."))
            continue
        seen[doc.id] = name
        exists = session.scalar(select(Quiz.id).where(Quiz.code == doc.id)) is not None
        if exists and not replace:
            result.kept.append(doc.id)
            continue
        store_in(session, doc, source_name=name)
        result.loaded.append(doc.id)
    for problem in result.problems:
        log.warning("shipped quiz not loaded: %s", problem)
    return result


def load_shipped_bank(factory: Factory, folder: Path | None = None, *,
                      replace: bool = False) -> BankLoadResult:
    """Load the quiz bank shipped with the app (``quizzes/``)."""
    with factory.begin() as session:
        return load_bank_in(session, folder or shipped_dir("quizzes"), replace=replace)


def export_quiz(factory: Factory, quiz: int | str, path: str | Path) -> ExportSummary:
    """Write the editable quiz to ``path``; the extension picks the format (.toml, .gift,
    .txt for Aiken, .xlsx). ``warnings`` say what the format could not hold."""
    doc = get_quiz_doc(factory, quiz)
    try:
        result = export_file(doc, path)
    except UnreadableFile as exc:
        raise UserError(exc.message, code="bad_target") from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {path}: {exc.strerror or exc}.",
                        code="write_failed") from None
    return ExportSummary(str(path), doc.id, result.questions, result.warnings)


def save_template(path: str | Path) -> Path:
    """An empty XLSX template (header, one example row, settings sheet, guide)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp mẫu phải có đuôi .xlsx, không phải \"{path.name}\".",
                        code="bad_target")
    try:
        return xlsx_template.save_template(path)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {path}: {exc.strerror or exc}.",
                        code="write_failed") from None
