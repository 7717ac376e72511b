"""The questions of the selected quiz on the Câu hỏi page: title, note about frozen
versions, the question table and its actions (add, edit, delete, move, preview).

The panel changes a working copy of the shown quiz and hands it to ``store`` (the page
stores it, reloads and announces the change)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer_app.domain.quiz import QuestionDoc, QuizDoc
from trainer_app.services.quizzes.service import QuizSummary
from trainer_app.ui.dialogs.messages import confirm, show_error
from trainer_app.ui.dialogs.question_dialog import QuestionDialog
from trainer_app.ui.dialogs.quiz_preview_dialog import QuizPreviewDialog
from trainer_app.ui.models.question_table_model import (
    COL_ANSWER,
    COL_KIND,
    COL_NUMBER,
    COL_SOURCE,
    QuestionTableModel,
)
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.key_table import KeyTable

FROZEN_NOTE = "Các buổi đã dùng phiên bản cũ không bị thay đổi."

#: Stores a quiz, selects ``question_row`` after reloading, shows ``message``.
StoreQuiz = Callable[[QuizDoc, "int | None", str], bool]


def run_question_dialog(dialog: QuestionDialog) -> QuestionDoc | None:
    """The question the dialog produced, or None when cancelled."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_question
    finally:
        dialog.deleteLater()


class QuestionPanel(QWidget):
    def __init__(self, current_summary: Callable[[], QuizSummary | None], store: StoreQuiz,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current_summary = current_summary
        self._store = store
        self.doc: QuizDoc | None = None

        self.quiz_title = QLabel("Câu hỏi")
        self.quiz_title.setProperty("role", "h2")
        self.quiz_title.setWordWrap(True)
        self.frozen_note = paragraph("", "muted")
        self.frozen_note.setObjectName("frozenNote")
        self.frozen_note.hide()

        self.add_button = QPushButton("Thêm câu…")
        self.add_button.setToolTip("Thêm một câu hỏi vào bộ đang chọn (Ctrl+N)")
        self.add_button.clicked.connect(lambda: self.add_question())
        self.edit_button = QPushButton("Sửa câu…")
        self.edit_button.setToolTip("Sửa câu đang chọn (Enter)")
        self.edit_button.clicked.connect(lambda: self.edit_question())
        self.delete_button = QPushButton("Xóa câu")
        self.delete_button.setToolTip("Xóa câu đang chọn (Delete)")
        self.delete_button.clicked.connect(lambda: self.delete_question())
        self.up_button = QPushButton("Lên ↑")
        self.up_button.setToolTip("Đưa câu lên trên (Alt+↑)")
        self.up_button.setAccessibleName("Đưa câu lên")
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button = QPushButton("Xuống ↓")
        self.down_button.setToolTip("Đưa câu xuống dưới (Alt+↓)")
        self.down_button.setAccessibleName("Đưa câu xuống")
        self.down_button.clicked.connect(lambda: self.move_question(+1))
        self.preview_button = QPushButton("Xem trước…")
        self.preview_button.setToolTip("Xem như người làm bài: chữ to, mỗi màn hình một câu "
                                       "(Ctrl+P)")
        self.preview_button.clicked.connect(lambda: self.preview())
        self.buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                       self.down_button, self.preview_button):
            self.buttons.addWidget(button)

        self.model = QuestionTableModel(self)
        self.table = KeyTable(on_enter=self.edit_question, on_delete=self.delete_question)
        self.table.setObjectName("questionTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Các câu hỏi của bộ đang chọn")
        self.table.doubleClicked.connect(lambda _index: self.edit_question())
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: self.update_buttons())

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.quiz_title)
        column.addWidget(self.frozen_note)
        column.addLayout(self.buttons)
        column.addWidget(self.table, 1)

    def fit_columns(self, char_width: int) -> None:
        """Question texts take the room left (full text in the tooltip); the short columns
        fit their contents; the source column starts ``char_width`` × 14 wide."""
        fit = QHeaderView.ResizeMode.ResizeToContents
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_NUMBER, COL_KIND, COL_ANSWER):
            header.setSectionResizeMode(column, fit)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(COL_SOURCE, char_width * 14)

    # -- showing --------------------------------------------------------------------------

    def show_quiz(self, summary: QuizSummary | None, doc: QuizDoc | None) -> None:
        self.doc = doc
        self.model.set_rows(doc.questions if doc else [])
        if summary is None or doc is None:
            self.quiz_title.setText("Câu hỏi")
            self.frozen_note.hide()
        else:
            self.quiz_title.setText(f"{doc.title} — {len(doc.questions)} câu")
            if summary.versions:
                self.frozen_note.setText(
                    f"Bộ này đã được dùng trong buổi tập huấn ({summary.versions} phiên bản đã "
                    f"khóa). Sửa câu hỏi sẽ áp dụng cho các buổi sau. {FROZEN_NOTE}")
                self.frozen_note.show()
            else:
                self.frozen_note.hide()
        self.update_buttons()

    def update_buttons(self) -> None:
        has_quiz = self.doc is not None
        row = self.current_question_row()
        count = self.model.rowCount()
        self.add_button.setEnabled(has_quiz)
        self.preview_button.setEnabled(has_quiz and count > 0)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    # -- selection ------------------------------------------------------------------------

    def current_question_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_question(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        self.update_buttons()

    def focus_questions(self) -> None:
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        if self.current_question_row() is None:
            self.select_question(0)

    # -- actions --------------------------------------------------------------------------

    def _working_copy(self) -> QuizDoc:
        """The shown quiz with its own question list: a refused store changes nothing."""
        assert self.doc is not None
        return replace(self.doc, questions=list(self.doc.questions))

    def _frozen(self) -> bool:
        summary = self._current_summary()
        return bool(summary and summary.versions)

    def add_question(self) -> bool:
        if self.doc is None:
            return False
        doc = self._working_copy()
        question = run_question_dialog(QuestionDialog(doc, None, self, frozen=self._frozen()))
        if question is None:
            return False
        doc.questions.append(question)
        return self._store(doc, len(doc.questions) - 1,
                           f"Đã thêm câu {len(doc.questions)} vào “{doc.title}”.")

    def edit_question(self) -> bool:
        row = self.current_question_row()
        if self.doc is None or row is None:
            return False
        doc = self._working_copy()
        question = run_question_dialog(
            QuestionDialog(doc, doc.questions[row], self, frozen=self._frozen()))
        if question is None:
            return False
        doc.questions[row] = question
        return self._store(doc, row, f"Đã lưu câu {row + 1} của “{doc.title}”.")

    def delete_question(self) -> bool:
        row = self.current_question_row()
        if self.doc is None or row is None:
            return False
        doc = self._working_copy()
        if len(doc.questions) <= 1:
            show_error(self, "Không xóa được",
                       "Đây là câu hỏi duy nhất của bộ: một bộ câu hỏi cần ít nhất một câu. "
                       "Thêm câu khác trước rồi xóa câu này.")
            return False
        text = " ".join(doc.questions[row].text.split())
        shown = text if len(text) <= 120 else text[:117] + "…"
        details = FROZEN_NOTE if self._frozen() else ""
        if not confirm(self, "Xóa câu hỏi", f"Xóa câu {row + 1}: “{shown}”?", "Xóa câu",
                       details=details):
            return False
        del doc.questions[row]
        return self._store(doc, min(row, len(doc.questions) - 1),
                           f"Đã xóa câu {row + 1} của “{doc.title}”.")

    def move_question(self, step: int) -> bool:
        row = self.current_question_row()
        if self.doc is None or row is None:
            return False
        target = row + step
        doc = self._working_copy()
        if not 0 <= target < len(doc.questions):
            return False
        doc.questions[row], doc.questions[target] = doc.questions[target], doc.questions[row]
        moved = self._store(doc, target, f"Đã chuyển câu {row + 1} thành câu {target + 1}.")
        if moved:
            self.table.setFocus()
        return moved

    def preview(self) -> None:
        if self.doc is None or not self.doc.questions:
            return
        dialog = QuizPreviewDialog(self.doc, self, start=self.current_question_row() or 0)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
