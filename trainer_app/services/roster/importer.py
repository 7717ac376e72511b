"""Importing collaborators from the ward's spreadsheets (XLSX, CSV).

Flow: ``read_source`` reads the file and guesses the layout (no database) →
``plan_import`` cleans every row and decides, against the stored people, what happens to
it (add / merge / possible double / error) → the caller shows ``ImportPlan.rows``, may
correct the mapping (``replan``) and settle doubles (``decisions``) → ``commit_import``
stores everything in one transaction, recorded as an ``ImportBatch`` → ``undo_import``
removes it again. ``preview_result`` tells what a commit would report (the CLI's
``--dry-run``).

Possible doubles that nobody decided are not stored; they are listed in the warnings.
Cleaning rules live in ``roster_import_layout``, matching rules in ``roster_import_match``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.services.errors import UserError
from trainer_app.services.roster.import_layout import (
    FIELD_LABELS,
    FIELDS,
    HeaderInfo,
    Layout,
    apply_column_map,
    check_column_map,
    detect_layout,
)
from trainer_app.services.roster.import_match import (
    ADD,
    DOUBLE,
    ERROR,
    MERGE,
    SKIP,
    PlannedRow,
    Snapshot,
    classify,
)
from trainer_app.services.roster.import_rows import CleanRow, RowNote, extract_rows
from trainer_app.services.roster.import_store import load_snapshot, undo_batch, write_import
from trainer_app.services.roster.quiz_guard import ensure_no_quiz_running
from trainer_app.services.storage_errors import disk_errors
from trainer_app.services.workspace import settings as settings_service
from trainer_app.tabular import LegacyInfo, SpreadsheetError, Table, read_table

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
CancelFlag = Callable[[], bool]
Factory = sessionmaker[Session]

__all__ = [
    "ADD", "DOUBLE", "ERROR", "FIELDS", "FIELD_LABELS", "MERGE", "SKIP", "HeaderInfo",
    "ImportOptions", "ImportPlan", "ImportResult", "PlannedRow", "RowNote", "SourceFile",
    "UndoResult", "commit_import", "plan_import", "preview_result", "read_source", "relayout",
    "replan", "undo_import",
]


@dataclass
class ImportOptions:
    """How to read the file. Everything None/"auto" is detected."""

    sheet: str | None = None
    #: CSV text encoding ("utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252").
    encoding: str | None = None
    #: Legacy font encoding of the text: "auto", "unicode" (no conversion), "tcvn3", "vni".
    legacy: str = "auto"
    #: Excel row number of the header row.
    header_row: int | None = None
    #: field (see FIELD_LABELS) -> 1-based column number; replaces the detected mapping.
    column_map: dict[str, int | None] | None = None
    #: For checking birth years (defaults to today).
    today: date | None = None


@dataclass
class SourceFile:
    """A file read and its layout guessed; no database involved."""

    path: Path
    sha256: str
    table: Table
    layout: Layout

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sheet_names(self) -> list[str]:
        return self.table.sheet_names

    @property
    def sheet_name(self) -> str:
        return self.table.sheet_name

    @property
    def headers(self) -> list[HeaderInfo]:
        return self.layout.headers

    @property
    def legacy(self) -> LegacyInfo:
        return self.table.legacy


@dataclass
class ImportPlan:
    """What an import would do, row by row (``rows``: every data row, in file order)."""

    source: SourceFile
    options: ImportOptions
    layout: Layout
    rows: list[PlannedRow]
    #: Rows that are not people and not errors: footers, titles, column numbers.
    ignored: list[RowNote]
    #: Notes about the whole file (legacy text converted, new roles, default khu phố).
    notes: list[str]
    decisions: dict[int, str] = field(default_factory=dict)
    include_bad_rows: bool = False
    snapshot: Snapshot = field(repr=False, default_factory=lambda: Snapshot([], {}, {}))
    cleaned: list[CleanRow] = field(repr=False, default_factory=list)

    @property
    def column_map(self) -> dict[str, int]:
        return self.layout.column_map

    @property
    def header_row(self) -> int | None:
        return self.layout.header_row

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def legacy_samples(self) -> list[tuple[str, str]]:
        """(as written in the file, after conversion) for names, to show before storing."""
        return [(r.original_name, r.name) for r in self.rows if r.original_name][:10]


@dataclass
class ImportResult:
    added: int
    merged: int
    skipped: list[dict[str, Any]]
    warnings: list[str]
    batch_id: int | None = None
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        """The CLI's output shape."""
        return {"added": self.added, "merged": self.merged, "skipped": self.skipped,
                "warnings": self.warnings}


@dataclass
class UndoResult:
    batch_id: int
    removed: int
    restored: int
    warnings: list[str]

    @property
    def message(self) -> str:
        return (f"Đã hoàn tác lần nhập: xóa {self.removed} người đã thêm, trả lại thông tin cũ "
                f"của {self.restored} người đã gộp.")


def _user_error(exc: SpreadsheetError) -> UserError:
    return UserError(exc.message, code=exc.code)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _scaled(progress: Progress | None, start: int, end: int) -> Progress | None:
    if progress is None:
        return None
    report: Progress = progress

    def scaled(done: int, total: int) -> None:
        fraction = done / total if total else 0.0
        report(start + int((end - start) * min(fraction, 1.0)), 100)

    return scaled


def read_source(path: Path | str, options: ImportOptions | None = None, *,
                progress: Progress | None = None, cancel: CancelFlag | None = None
                ) -> SourceFile:
    """Read the file and guess its layout. Without ``options.sheet`` the first sheet with a
    name column is taken (else the first sheet). Raises ``UserError`` (Vietnamese, naming
    the file) when the file is unusable; a missing name column is *not* an error here
    (``source.layout.has_name`` is False) so a mapping step can still be shown."""
    options = options or ImportOptions()
    path = Path(path)
    try:
        table = read_table(path, sheet=options.sheet, encoding=options.encoding,
                           legacy=options.legacy, progress=progress,  # type: ignore[arg-type]
                           cancel=cancel)
        layout = detect_layout(table, options.header_row)
        if options.sheet is None and not layout.has_name and len(table.sheet_names) > 1:
            for name in table.sheet_names[1:]:
                try:
                    other = read_table(path, sheet=name, encoding=options.encoding,
                                       legacy=options.legacy,  # type: ignore[arg-type]
                                       cancel=cancel)
                except SpreadsheetError as exc:
                    if exc.code == "cancelled":
                        raise
                    continue
                other_layout = detect_layout(other, options.header_row)
                if other_layout.has_name:
                    table, layout = other, other_layout
                    break
    except SpreadsheetError as exc:
        raise _user_error(exc) from exc
    if options.column_map is not None:
        try:
            mapping = check_column_map(options.column_map, table.column_count)
        except ValueError as exc:
            raise UserError(str(exc), code="bad_mapping") from exc
        layout = apply_column_map(layout, mapping)
    return SourceFile(path, _sha256(path), table, layout)


def relayout(source: SourceFile, header_row: int | None) -> SourceFile:
    """The same file read with another header row (None: detect again). No file reading."""
    return replace(source, layout=detect_layout(source.table, header_row))


def _no_name_error(source: SourceFile) -> UserError:
    titles = [h.text for h in source.headers if h.text]
    seen = ", ".join(f"“{t}”" for t in titles[:12]) or "(không có)"
    return UserError(
        f"Không tìm thấy cột họ tên trong trang “{source.sheet_name}” của tệp {source.name}. "
        f"Các tiêu đề đọc được: {seen}. Hãy đặt tiêu đề cột là “Họ và tên” hoặc chọn cột "
        "họ tên ở bước ghép cột.",
        code="no_name_column",
    )


def plan_import(factory: Factory, source: Path | str | SourceFile,
                options: ImportOptions | None = None, *, progress: Progress | None = None,
                cancel: CancelFlag | None = None) -> ImportPlan:
    """Read (unless ``source`` was already read), clean and classify every row. Stores
    nothing. Raises ``UserError`` for an unusable file or when no column holds names."""
    options = options or ImportOptions()
    if not isinstance(source, SourceFile):
        source = read_source(source, options, progress=_scaled(progress, 0, 70), cancel=cancel)
    elif options.column_map is not None:
        try:
            mapping = check_column_map(options.column_map, source.table.column_count)
        except ValueError as exc:
            raise UserError(str(exc), code="bad_mapping") from exc
        source = replace(source, layout=apply_column_map(source.layout, mapping))
    if not source.layout.has_name or source.layout.header_end is None:
        raise _no_name_error(source)
    today = options.today or date.today()
    extraction = extract_rows(source.table, source.layout, today)
    if cancel is not None and cancel():
        raise UserError("Đã hủy nhập; không có gì được lưu.", code="cancelled")
    with factory() as session:
        snapshot = load_snapshot(session)
    plan = ImportPlan(source, options, source.layout, [], extraction.ignored, [],
                      snapshot=snapshot, cleaned=extraction.rows)
    _classify_into(plan)
    if progress is not None:
        progress(100, 100)
    return plan


def _classify_into(plan: ImportPlan) -> None:
    outcome = classify(plan.cleaned, plan.snapshot, plan.decisions, plan.include_bad_rows)
    plan.rows = outcome.rows
    notes = []
    legacy = plan.source.legacy
    if legacy.converted_cells:
        label = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}
        notes.append(f"Tệp dùng bảng mã cũ {label.get(legacy.encoding, legacy.encoding)}: "
                     f"đã chuyển {legacy.converted_cells} ô sang Unicode. Hãy kiểm tra tên.")
    if outcome.default_neighbourhoods:
        notes.append("Danh sách khu phố đang trống: khi nhập sẽ tạo khu phố 1–75 (mặc định).")
    if outcome.new_roles:
        notes.append("Chức danh mới sẽ được tạo: " + ", ".join(
            sorted(outcome.new_roles.values())) + ".")
    plan.notes = notes


def replan(plan: ImportPlan, *, decisions: dict[int, str] | None = None,
           include_bad_rows: bool | None = None) -> ImportPlan:
    """The same plan with other decisions for possible doubles (row -> "add" / "merge" /
    "skip", merged into the existing ones; None as a value clears a row's decision).
    No file reading, no database."""
    merged = dict(plan.decisions)
    for row, decision in (decisions or {}).items():
        if decision is None:
            merged.pop(row, None)
        else:
            merged[row] = decision
    new = replace(plan, decisions=merged,
                  include_bad_rows=plan.include_bad_rows if include_bad_rows is None
                  else include_bad_rows)
    _classify_into(new)
    return new


def preview_result(plan: ImportPlan) -> ImportResult:
    """What ``commit_import`` would report, without storing anything."""
    outcome = classify(plan.cleaned, plan.snapshot, plan.decisions, plan.include_bad_rows)
    notes = [n for n in plan.notes if not n.startswith("Tệp dùng bảng mã")]
    return ImportResult(outcome.added, outcome.merged, outcome.skipped,
                        _legacy_notes(plan) + notes + outcome.warnings, dry_run=True)


def _legacy_notes(plan: ImportPlan) -> list[str]:
    return [n for n in plan.notes if n.startswith("Tệp dùng bảng mã")]


def commit_import(factory: Factory, plan: ImportPlan, decisions: dict[int, str] | None = None,
                  include_bad_rows: bool | None = None, *, progress: Progress | None = None,
                  cancel: CancelFlag | None = None) -> ImportResult:
    """Store the plan in ONE transaction (nothing is stored if anything fails or the cancel
    flag is raised). ``decisions`` settle possible doubles (row -> "add" / "merge" /
    "skip"); undecided doubles are not stored and are listed in the warnings. With
    ``include_bad_rows`` rows with a bad phone, year or khu phố are stored without that
    value (noted in the person's notes); rows without a name never are.

    Raises ``UserError`` (code "stale_plan") when the stored people changed since the plan
    was made: make a new plan; ``QuizInProgress`` (code "quiz_in_progress") while people
    are answering a quiz: retry when they are done."""
    if decisions or include_bad_rows is not None:
        plan = replan(plan, decisions=decisions, include_bad_rows=include_bad_rows)
    operator = settings_service.load_preferences(factory).operator_name
    with disk_errors("nhập danh sách"), factory.begin() as session:
        ensure_no_quiz_running(session)
        snapshot = load_snapshot(session)
        if snapshot.fingerprint != plan.snapshot.fingerprint:
            raise UserError(
                "Danh sách cộng tác viên đã thay đổi từ lúc xem trước. Hãy xem trước lại rồi "
                "nhập.", code="stale_plan")
        outcome = classify(plan.cleaned, snapshot, plan.decisions, plan.include_bad_rows)
        batch_id, created = write_import(
            session, outcome, source_name=plan.source.name, sha256=plan.source.sha256,
            operator=operator, progress=progress, cancel=cancel,
            extra_summary={"sheet": plan.source.sheet_name, "rows": len(plan.rows),
                           "header_row": plan.header_row,
                           "legacy_encoding": plan.source.legacy.encoding})
    log.info("roster import %s: %d added, %d merged, %d skipped", batch_id, outcome.added,
             outcome.merged, len(outcome.skipped))
    return ImportResult(outcome.added, outcome.merged, outcome.skipped,
                        _legacy_notes(plan) + created + outcome.warnings, batch_id=batch_id)


def undo_import(factory: Factory, batch_id: int) -> UndoResult:
    """Remove the people an import added and give merged people their old values back,
    in one transaction. Refuses (``UserError``) when an added person already has
    attendance, answers or a certificate, or when a later import builds on this one."""
    operator = settings_service.load_preferences(factory).operator_name
    with factory.begin() as session:
        removed, restored, warnings = undo_batch(session, batch_id, operator)
    log.info("roster import %s undone: %d removed, %d restored", batch_id, removed, restored)
    return UndoResult(batch_id, removed, restored, warnings)
