"""“Nhập từ Excel”: the roster import wizard.

Steps: file (sheet, CSV encoding) → column mapping (pre-filled, correctable) → legacy-text
check (only for TCVN3/VNI files: converted names shown before anything is stored) → preview
row by row (possible doubles settled here) → “Nhập các dòng hợp lệ” or “Không nhập gì” →
result, with “Hoàn tác lần nhập này”. Everything goes through ``services.roster_import``;
after a commit or an undo the wizard emits ``data_changed("people")``.

Reading the file, planning and storing run on a worker thread (``ui/tasks.py``): the wizard
stays responsive, a progress window with “Hủy” appears when the work is slow, and each step
moves on when the result arrives (``task`` is the running one, if any).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import importer as roster_import
from trainer_app.services.roster.importer import (
    DOUBLE,
    ImportOptions,
    ImportPlan,
    ImportResult,
    SourceFile,
)
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, confirm, show_error
from trainer_app.ui.dialogs.roster_import.pages import (
    FileStep,
    LegacyStep,
    MappingStep,
    PreviewStep,
    ResultStep,
    set_role,
)
from trainer_app.ui.tasks import TaskFn, TaskHandle, run_task

log = logging.getLogger(__name__)

PEOPLE = "people"  # the data_changed kind for collaborators
FILE_FILTER = "Bảng tính (*.xlsx *.xlsm *.csv *.txt *.tsv);;Tất cả các tệp (*)"
STEP_FILE, STEP_MAPPING, STEP_LEGACY, STEP_PREVIEW, STEP_RESULT = range(5)
T = TypeVar("T")


class ImportWizard(QDialog):
    """Modal. ``batch_id`` is set once an import is stored (None again after an undo)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Nhập danh sách cộng tác viên từ Excel")
        self.setModal(True)
        self.source: SourceFile | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.batch_id: int | None = None
        self.task: TaskHandle[Any] | None = None  # the read / plan / commit under way
        self._read_key: tuple[Any, ...] | None = None

        self.file_step = FileStep()
        self.mapping_step = MappingStep()
        self.legacy_step = LegacyStep()
        self.preview_step = PreviewStep()
        self.result_step = ResultStep()
        self.stack = QStackedWidget()
        for step in (self.file_step, self.mapping_step, self.legacy_step, self.preview_step,
                     self.result_step):
            self.stack.addWidget(step)

        self.back_button = QPushButton("Quay lại")
        self.next_button = QPushButton("Tiếp tục")
        self.cancel_button = QPushButton("Hủy")
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.file_step.browse_requested.connect(self.browse)
        self.mapping_step.header_row_changed.connect(self._header_row_changed)
        self.legacy_step.legacy_changed.connect(self._legacy_changed)
        self.preview_step.decision_requested.connect(self.decide_selected)
        self.result_step.undo_button.clicked.connect(self.undo)
        self.resize(1100, 720)
        self._show_step(STEP_FILE)

    # -- navigation --------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.back_button.setVisible(step not in (STEP_FILE, STEP_RESULT))
        self.cancel_button.setVisible(step != STEP_RESULT)
        self.cancel_button.setText("Không nhập gì" if step == STEP_PREVIEW else "Hủy")
        texts = {STEP_PREVIEW: "Nhập các dòng hợp lệ", STEP_RESULT: "Xong"}
        self.next_button.setText(texts.get(step, "Tiếp tục"))
        self.next_button.setProperty("role", "primary" if step == STEP_PREVIEW else "")
        self.next_button.style().unpolish(self.next_button)
        self.next_button.style().polish(self.next_button)
        bold = self.next_button.font()
        bold.setBold(True)  # the stylesheet makes the default button bold
        width = QFontMetrics(bold).horizontalAdvance(self.next_button.text())
        self.next_button.setMinimumWidth(width + 48)
        if step == STEP_PREVIEW and self.plan is not None:
            self.next_button.setEnabled(any(r.effective != "skip" for r in self.plan.rows))
        else:
            self.next_button.setEnabled(True)
        focus = {STEP_FILE: self.file_step.browse_button,
                 STEP_PREVIEW: self.preview_step.view}.get(step, self.next_button)
        focus.setFocus()

    def go_next(self) -> None:
        if self.busy:
            return
        handlers: dict[int, Callable[[], None]] = {
            STEP_FILE: self._after_file, STEP_MAPPING: self._after_mapping,
            STEP_LEGACY: lambda: self._show_step(STEP_PREVIEW),
            STEP_PREVIEW: self.commit, STEP_RESULT: self.accept}
        handlers[self.step]()

    def reject(self) -> None:
        if self.busy:  # the work under way has its own “Hủy” in the progress window
            return
        super().reject()

    def go_back(self) -> None:
        if self.busy:
            return
        previous = {STEP_MAPPING: STEP_FILE, STEP_LEGACY: STEP_MAPPING,
                    STEP_PREVIEW: STEP_LEGACY if self._legacy_used() else STEP_MAPPING}
        self._show_step(previous.get(self.step, STEP_FILE))

    def _legacy_used(self) -> bool:
        converted = self.source is not None and self.source.legacy.converted_cells > 0
        return converted or self.file_step.legacy_combo.currentData() not in ("auto", None)

    # -- step 1: the file ---------------------------------------------------------------------

    def browse(self) -> None:
        start = self.file_step.path_edit.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp danh sách", start, FILE_FILTER)
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path) -> None:
        self.file_step.path_edit.setText(str(path))
        self.file_step.set_sheets([], "")

    def options(self, **extra: Any) -> ImportOptions:
        step = self.file_step
        sheet = step.sheet_combo.currentText() if step.sheet_combo.count() else None
        return ImportOptions(sheet=sheet or None, encoding=step.encoding_combo.currentData(),
                             legacy=step.legacy_combo.currentData() or "auto", **extra)

    def _after_file(self) -> None:
        text = self.file_step.path_edit.text().strip()
        if not text:
            set_role(self.file_step.error_label, "Hãy chọn tệp trước.", "error")
            return
        options = self.options()
        key = (text, options.sheet, options.encoding, options.legacy)
        if key == self._read_key and self.source is not None:
            self._file_ready()
            return

        def read(source: SourceFile) -> None:
            self.source = source
            self.file_step.set_sheets(source.sheet_names, source.sheet_name)
            self._read_key = (text, source.sheet_name, options.encoding, options.legacy)
            self.mapping_step.show_source(source)
            self._file_ready()

        self._run("Đang đọc tệp…", lambda p, c: roster_import.read_source(
            Path(text), options, progress=p, cancel=c), self.file_step.error_label, read)

    def _file_ready(self) -> None:
        set_role(self.file_step.error_label, "", "error")
        self._show_step(STEP_MAPPING)

    # -- step 2: the mapping -----------------------------------------------------------------

    def _header_row_changed(self, row: int) -> None:
        if self.source is not None and row != self.source.layout.header_row:
            self.source = roster_import.relayout(self.source, row)
            self.mapping_step.show_source(self.source)

    def _after_mapping(self) -> None:
        if self.source is None:
            return
        column_map = self.mapping_step.column_map()
        if not column_map.get("full_name"):
            set_role(self.mapping_step.error_label,
                     "Hãy chọn cột chứa họ tên (mục “Họ và tên”).", "error")
            return
        self._make_plan(column_map, self.mapping_step.error_label, lambda: self._show_step(
            STEP_LEGACY if self._legacy_used() else STEP_PREVIEW))

    def _make_plan(self, column_map: dict[str, int | None], error_label: Any,
                   then: Callable[[], None] | None = None) -> None:
        """Plan on a worker; when the plan arrives show it, then call ``then``."""
        assert self.source is not None
        source = self.source
        options = self.options(column_map=column_map)
        factory = self.ctx.factory

        def planned(plan: ImportPlan) -> None:
            if self.plan is not None and self.plan.decisions:
                plan = roster_import.replan(plan, decisions=self.plan.decisions)
            self.plan = plan
            set_role(error_label, "", "error")
            self.legacy_step.show_plan(plan, self.file_step.legacy_combo.currentData())
            self.preview_step.show_plan(plan)
            if then is not None:
                then()

        self._run("Đang kiểm tra từng dòng…", lambda p, c: roster_import.plan_import(
            factory, source, options, progress=p, cancel=c), error_label, planned)

    # -- step 3: legacy text -----------------------------------------------------------------

    def _legacy_changed(self, choice: str) -> None:
        index = self.file_step.legacy_combo.findData(choice)
        self.file_step.legacy_combo.setCurrentIndex(index)
        column_map = self.mapping_step.column_map()
        options = self.options()
        text = self.file_step.path_edit.text().strip()

        def read(source: SourceFile) -> None:
            self.source = source
            self._read_key = (text, source.sheet_name, options.encoding, options.legacy)
            self._make_plan(column_map, self.legacy_step.info_label)

        self._run("Đang đọc lại tệp…", lambda p, c: roster_import.read_source(
            Path(text), options, progress=p, cancel=c), self.legacy_step.info_label, read)

    # -- step 4: preview and decisions -------------------------------------------------------

    def decide_selected(self, decision: str) -> None:
        if self.plan is None:
            return
        doubles = {r.row for r in self.plan.rows if r.action == DOUBLE}
        rows = [r for r in self.preview_step.selected_rows() if r in doubles]
        if not rows:
            set_role(self.preview_step.notes_label,
                     "Hãy chọn (bấm vào) các dòng “Có thể trùng” trong bảng trước.", "warning")
            return
        self.set_decisions({row: decision for row in rows})

    def set_decisions(self, decisions: dict[int, str | None]) -> None:
        assert self.plan is not None
        self.plan = roster_import.replan(self.plan, decisions=decisions)  # type: ignore[arg-type]
        self.preview_step.show_plan(self.plan)
        self._show_step(STEP_PREVIEW)

    def commit(self) -> None:
        if self.plan is None:
            return
        plan = self.plan
        factory = self.ctx.factory

        def stored(result: ImportResult) -> None:
            self.import_result, self.batch_id = result, result.batch_id
            self.ctx.events.data_changed.emit(PEOPLE)
            self.ctx.events.status_message.emit(
                f"Đã nhập {result.added} cộng tác viên từ {plan.source.name}")
            self.result_step.show_result(result)
            self._show_step(STEP_RESULT)

        self._run("Đang lưu…", lambda p, c: roster_import.commit_import(
            factory, plan, progress=p, cancel=c), None, stored, retry=self.commit)

    # -- step 5: result and undo -------------------------------------------------------------

    def undo(self) -> None:
        if self.batch_id is None:
            return
        if not confirm(self, "Hoàn tác lần nhập", "Xóa những người vừa thêm và trả lại thông "
                       "tin cũ của những người vừa gộp?", "Hoàn tác", "Không"):
            return
        try:
            with _busy():
                undone = roster_import.undo_import(self.ctx.factory, self.batch_id)
        except UserError as exc:
            show_error(self, "Không hoàn tác được", exc.message)
            return
        self.batch_id = None
        self.ctx.events.data_changed.emit(PEOPLE)
        self.result_step.undo_button.setEnabled(False)
        text = " ".join([undone.message, *undone.warnings])
        set_role(self.result_step.undo_label, text, "ok")

    # -- running service calls ---------------------------------------------------------------

    def _run(self, label: str, work: TaskFn[T], error_label: Any,
             on_done: Callable[[T], None], retry: Callable[[], None] | None = None) -> None:
        """Run ``work(progress, cancel)`` on a worker with a progress window; its result goes
        to ``on_done`` on the GUI thread. A UserError is shown in ``error_label`` (or a
        message box); “Hủy” leaves the wizard where it was, quietly. While people answer a
        quiz the import waits for the trainer: “Thử lại” calls ``retry``."""
        if self.busy:
            return

        def failed(exc: UserError) -> None:
            if exc.code == "quiz_in_progress" and retry is not None:
                again = choose(self, "Đang có người làm bài", exc.message,
                               [(RETRY, True), ("Để sau", False)], default=True, escape=False,
                               icon=QMessageBox.Icon.Information)
                if again:
                    retry()
                return
            if error_label is None:
                show_error(self, "Không nhập được", exc.message)
            else:
                set_role(error_label, exc.message, "error")

        self.task = run_task(self, label, work, on_done=on_done, on_error=failed)


RETRY = "Thử lại"


class _busy:
    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def run_import_wizard(parent: QWidget | None, ctx: AppContext) -> bool:
    """Show the wizard; True when an import was stored (and not undone)."""
    wizard = ImportWizard(ctx, parent)
    try:
        wizard.exec()
        return wizard.batch_id is not None
    finally:
        wizard.deleteLater()
