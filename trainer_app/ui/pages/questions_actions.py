"""File actions of the Câu hỏi page: import a quiz file (in the background, then a report
window), export the selected quiz, save the empty Excel template, load the shipped bank.

After a change the actions reload the page through ``reload`` and announce
``data_changed("quizzes")``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.quizzes.quiz_files import ImportResult
from trainer_app.services.quizzes.service import QuizSummary
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_error, show_info
from trainer_app.ui.dialogs.quiz_import_report_dialog import ImportReportDialog, import_report
from trainer_app.ui.tasks import TaskHandle, run_task

QUIZZES = "quizzes"
IMPORT_FILTER = ("Tệp câu hỏi (*.toml *.gift *.txt *.xlsx);;GIFT (Moodle) (*.gift *.txt);;"
                 "Aiken (*.txt);;Excel (*.xlsx);;TOML (*.toml);;Mọi tệp (*)")
EXPORT_FILTERS = {
    "TOML – định dạng của ứng dụng (*.toml)": ".toml",
    "GIFT – Moodle (*.gift)": ".gift",
    "Aiken (*.txt)": ".txt",
    "Excel (*.xlsx)": ".xlsx",
}


class QuizFileActions:
    """``parent`` owns the dialogs; ``reload(code)`` shows the quizzes again, selecting
    ``code`` when given; ``current_summary()`` is the selected quiz."""

    def __init__(self, parent: QWidget, ctx: AppContext,
                 reload: Callable[[str | None], None],
                 current_summary: Callable[[], QuizSummary | None]) -> None:
        self.parent = parent
        self.ctx = ctx
        self._reload = reload
        self._current_summary = current_summary
        self.last_task: TaskHandle[Any] | None = None
        self.report_dialog: ImportReportDialog | None = None

    def load_shipped(self) -> None:
        try:
            result = quiz_files.load_shipped_bank(self.ctx.factory)
        except UserError as exc:
            show_error(self.parent, "Không nạp được", exc.message)
            return
        self._reload(None)
        self.ctx.events.data_changed.emit(QUIZZES)
        if result.problems:
            show_error(self.parent, "Có tệp không nạp được",
                       f"Đã nạp {len(result.loaded)} bộ câu hỏi.",
                       "\n".join(str(p) for p in result.problems[:10]))
        else:
            self.ctx.events.status_message.emit(f"Đã nạp {len(result.loaded)} bộ câu hỏi.")

    def import_quiz_file(self, path: Path | str | None = None) -> TaskHandle[Any] | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.parent, "Nhập tệp câu hỏi", str(Path.home()), IMPORT_FILTER)
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        factory = self.ctx.factory
        self.last_task = run_task(
            self.parent, f"Đang nhập {path.name}…",
            lambda _progress, _cancel: quiz_files.import_file(factory, path,
                                                                label=path.name),
            on_done=lambda result: self._imported(result, path.name),
            error_title="Không nhập được", cancellable=False)
        return self.last_task

    def _imported(self, result: ImportResult, file_name: str) -> None:
        if result.quiz:
            self._reload(result.quiz)
            self.ctx.events.data_changed.emit(QUIZZES)
        title, summary, details = import_report(result, file_name)
        if self.report_dialog is not None:
            self.report_dialog.deleteLater()
        self.report_dialog = ImportReportDialog(title, summary, details, self.parent)
        self.report_dialog.open()  # window-modal, does not block

    def _ask_export_path(self, code: str) -> Path | None:
        dialog = QFileDialog(self.parent, "Xuất bộ câu hỏi", str(Path.home() / f"{code}.toml"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(EXPORT_FILTERS))
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Lưu")
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Hủy")
        dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Tên tệp:")
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Định dạng:")
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            chosen = Path(dialog.selectedFiles()[0])
            suffix = EXPORT_FILTERS.get(dialog.selectedNameFilter(), ".toml")
        finally:
            dialog.deleteLater()
        if chosen.suffix.lower() not in EXPORT_FILTERS.values():
            chosen = chosen.with_name(chosen.name + suffix)
        return chosen

    def export_quiz(self, path: Path | str | None = None) -> Path | None:
        summary = self._current_summary()
        if summary is None:
            return None
        if path is None:
            path = self._ask_export_path(summary.code)
            if path is None:
                return None
        path = Path(path)
        try:
            result = quiz_files.export_quiz(self.ctx.factory, summary.code, path)
        except UserError as exc:
            show_error(self.parent, "Không xuất được", exc.message)
            return None
        details = "\n".join(f"• {w}" for w in result.warnings)
        show_info(self.parent, "Đã xuất bộ câu hỏi",
                  f"Đã lưu {result.questions} câu vào tệp {path.name}.",
                  (f"Thư mục: {path.parent}" + (f"\n\nLưu ý:\n{details}" if details else "")))
        return path

    def save_template(self, path: Path | str | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self.parent, "Lưu mẫu Excel", str(Path.home() / "MauCauHoi.xlsx"),
                "Excel (*.xlsx)")
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            saved = quiz_files.save_template(path)
        except UserError as exc:
            show_error(self.parent, "Không lưu được", exc.message)
            return None
        show_info(self.parent, "Đã lưu mẫu Excel", f"Đã lưu tệp mẫu {saved.name}.",
                  f"Thư mục: {saved.parent}\nĐiền câu hỏi vào tệp rồi bấm “Nhập tệp câu "
                  "hỏi…”.")
        return saved
