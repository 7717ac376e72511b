"""Quiz files: check them, import one (create or replace the editable quiz), load the bank
shipped with the app, export a quiz, save the empty XLSX template. The quiz itself is stored
and read by ``service``; the formats are ``quizbank``'s.

One transaction per use case; ``UserError`` with a Vietnamese message for anything the user
can fix; a file with problems stores nothing and the result lists them with file and line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Quiz
from trainer_app.domain.quiz import (
    SCORING_ALL_OR_NOTHING,
    ParseResult,
    Problem,
    QuestionDoc,
    Skipped,
    effective_weights,
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
from trainer_app.services.quizzes.service import get_quiz_doc, store_in

__all__ = [
    "BankLoadResult", "CheckReport", "ExportSummary", "ImportResult", "check_files",
    "export_quiz", "import_file", "load_bank_in", "load_shipped_bank", "save_template",
]

log = logging.getLogger(__name__)

Factory = sessionmaker[Session]
SHIPPED_LABEL = "quizzes"


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
