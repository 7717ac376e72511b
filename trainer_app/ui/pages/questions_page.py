"""Câu hỏi: the quiz editor. Left, the quizzes (title, number of questions, pass mark,
whether sessions already use them); right, the questions of the selected quiz. Import a
quiz file (GIFT, Aiken, Excel, TOML), export, save the empty Excel template, start a new
quiz; add, edit, delete and move questions; preview as a participant sees it.

Everything goes through ``services.quiz_service``. An edit stores the editable quiz again
(``get_quiz_doc`` → change → ``store_quiz``); the versions frozen for sessions stay as they
were. After a change the page announces ``data_changed("quizzes")``.

Keyboard: Ctrl+N add a question, Enter edits it, Delete deletes it, Alt+↑ / Alt+↓ move it,
Ctrl+P preview.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.quiz import QuestionDoc, QuizDoc, slug_id
from trainer_app.services import quiz_service
from trainer_app.services.errors import UserError
from trainer_app.services.quiz_service import ImportResult, QuizSummary
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import confirm, show_error, show_info
from trainer_app.ui.dialogs.question_dialog import QuestionDialog
from trainer_app.ui.dialogs.quiz_preview_dialog import QuizPreviewDialog
from trainer_app.ui.models.question_table_model import (
    COL_ANSWER,
    COL_KIND,
    COL_NUMBER,
    COL_SOURCE,
    QuestionTableModel,
)
from trainer_app.ui.models.quiz_table_model import (
    COL_PASS,
    COL_QUESTIONS,
    COL_VERSIONS,
    QuizTableModel,
)
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.tasks import TaskHandle, run_task
from trainer_app.ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)

QUIZZES = "quizzes"
SIDE_BY_SIDE_LETTERS = 150  # page width (in average letters) for quizzes beside questions
EMPTY_TEXT = "Chưa có bộ câu hỏi nào — Nhập tệp câu hỏi…"
FROZEN_NOTE = "Các buổi đã dùng phiên bản cũ không bị thay đổi."
IMPORT_FILTER = ("Tệp câu hỏi (*.toml *.gift *.txt *.xlsx);;GIFT (Moodle) (*.gift *.txt);;"
                 "Aiken (*.txt);;Excel (*.xlsx);;TOML (*.toml);;Mọi tệp (*)")
EXPORT_FILTERS = {
    "TOML – định dạng của ứng dụng (*.toml)": ".toml",
    "GIFT – Moodle (*.gift)": ".gift",
    "Aiken (*.txt)": ".txt",
    "Excel (*.xlsx)": ".xlsx",
}


class KeyTable(QTableView):
    """Enter on a row calls ``on_enter`` (``activated`` would fire on a single click on some
    styles); Delete calls ``on_delete``."""

    def __init__(self, on_enter: Callable[[], Any] | None = None,
                 on_delete: Callable[[], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_enter, self._on_delete = on_enter, on_delete
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        valid = self.currentIndex().isValid()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and valid and self._on_enter:
            self._on_enter()
            return
        if event.key() == Qt.Key.Key_Delete and valid and self._on_delete:
            self._on_delete()
            return
        super().keyPressEvent(event)


class Splitter(QSplitter):
    """Asks for no more than its minimum, so the page fits without scrolling and the
    splitter takes the room the page has left."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class ImportReportDialog(QDialog):
    """What an import did, readable: questions stored, questions left out (name and line,
    and why), problems that stopped the import (line and message)."""

    def __init__(self, title: str, summary: str, details: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = paragraph(summary, "h2")
        self.summary.setObjectName("importSummary")
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Chi tiết")
        self.details.setVisible(bool(details))
        self.close_button = QPushButton("Đóng")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90,
                    metrics.lineSpacing() * (18 if details else 6))

    def text(self) -> str:
        return self.summary.text() + "\n" + self.details.toPlainText()


def import_report(result: ImportResult, file_name: str) -> tuple[str, str, str]:
    """(title, summary, details) of an import, in Vietnamese."""
    lines: list[str] = []
    if result.problems:
        title = "Chưa nhập được"
        summary = (f"Tệp {file_name} có {len(result.problems)} lỗi nên chưa nhập câu nào. "
                   "Sửa các dòng dưới đây rồi nhập lại.")
        lines.append("Lỗi:")
        lines += [f"  • Dòng {p.line}: {p.message}" for p in result.problems]
    else:
        title = "Đã nhập tệp câu hỏi"
        action = "Đã tạo" if result.created else "Đã cập nhật"
        summary = (f"{action} bộ câu hỏi “{result.quiz}” với {len(result.questions)} câu "
                   f"từ tệp {file_name}.")
        if result.skipped:
            summary += f" {len(result.skipped)} câu không nhập được (xem dưới đây)."
    if result.skipped:
        if lines:
            lines.append("")
        lines.append("Câu không nhập được (ứng dụng chưa hỗ trợ loại câu này):")
        lines += [f"  • {s.name} (dòng {s.line}): {s.reason}" for s in result.skipped]
    if result.warnings:
        lines.append("")
        lines.append("Lưu ý:")
        lines += [f"  • Dòng {w.line}: {w.message}" for w in result.warnings]
    return title, summary, "\n".join(lines)


class QuestionsPage(Page):
    watches = (QUIZZES, "sessions")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Câu hỏi", parent)
        self.doc: QuizDoc | None = None
        self.last_task: TaskHandle[Any] | None = None
        self.report_dialog: ImportReportDialog | None = None

        self._build_quiz_side()
        self._build_question_side()
        self._build_empty_state()
        self._fit_columns()

        self.splitter = Splitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.quiz_side)
        self.splitter.addWidget(self.question_side)
        self._update_orientation()

        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_state)
        empty_layout.addStretch(1)
        self.content = QStackedWidget()
        self.content.addWidget(self.splitter)
        self.content.addWidget(empty_page)

        self.body_layout.addLayout(self.quiz_buttons)
        self.body_layout.addWidget(self.content, 1)

        for keys, slot in ((QKeySequence("Ctrl+N"), self.add_question),
                           (QKeySequence("Ctrl+P"), self.preview),
                           (QKeySequence("Alt+Up"), lambda: self.move_question(-1)),
                           (QKeySequence("Alt+Down"), lambda: self.move_question(+1))):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    # -- building -------------------------------------------------------------------------

    def _build_quiz_side(self) -> None:
        self.import_button = QPushButton("Nhập tệp câu hỏi…")
        self.import_button.setProperty("role", "primary")
        self.import_button.setToolTip("Nhập bộ câu hỏi từ tệp GIFT (Moodle), Aiken, Excel "
                                      "hoặc TOML")
        self.import_button.clicked.connect(lambda: self.import_quiz_file())
        self.export_button = QPushButton("Xuất…")
        self.export_button.setToolTip("Lưu bộ câu hỏi đang chọn ra tệp: TOML, GIFT, Aiken "
                                      "hoặc Excel (theo đuôi tệp)")
        self.export_button.clicked.connect(lambda: self.export_quiz())
        self.template_button = QPushButton("Lưu mẫu Excel…")
        self.template_button.setToolTip("Tệp Excel trống để soạn câu hỏi rồi nhập vào")
        self.template_button.clicked.connect(lambda: self.save_template())
        self.new_button = QPushButton("Bộ câu hỏi mới…")
        self.new_button.clicked.connect(lambda: self.new_quiz())
        self.quiz_buttons = FlowLayout()
        for button in (self.import_button, self.export_button, self.template_button,
                       self.new_button):
            self.quiz_buttons.addWidget(button)

        self.quiz_model = QuizTableModel(self)
        self.quiz_table = KeyTable(on_enter=self._focus_questions)
        self.quiz_table.setObjectName("quizTable")
        self.quiz_table.setModel(self.quiz_model)
        self.quiz_table.setAccessibleName("Danh sách bộ câu hỏi")
        self.quiz_table.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: self._quiz_selected())

        self.quiz_side = QWidget()
        column = QVBoxLayout(self.quiz_side)
        column.setContentsMargins(0, 0, 6, 0)
        self.quiz_heading = QLabel("&Bộ câu hỏi")
        self.quiz_heading.setProperty("role", "h2")
        self.quiz_heading.setBuddy(self.quiz_table)
        column.addWidget(self.quiz_heading)
        column.addWidget(self.quiz_table, 1)

    def _build_question_side(self) -> None:
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
        self.question_buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                       self.down_button, self.preview_button):
            self.question_buttons.addWidget(button)

        self.question_model = QuestionTableModel(self)
        self.question_table = KeyTable(on_enter=self.edit_question,
                                       on_delete=self.delete_question)
        self.question_table.setObjectName("questionTable")
        self.question_table.setModel(self.question_model)
        self.question_table.setAccessibleName("Các câu hỏi của bộ đang chọn")
        self.question_table.doubleClicked.connect(lambda _index: self.edit_question())
        self.question_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons())

        self.question_side = QWidget()
        column = QVBoxLayout(self.question_side)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.quiz_title)
        column.addWidget(self.frozen_note)
        column.addLayout(self.question_buttons)
        column.addWidget(self.question_table, 1)

    def _build_empty_state(self) -> None:
        self.empty_state = QFrame()
        self.empty_state.setProperty("role", "card")
        layout = QVBoxLayout(self.empty_state)
        layout.setContentsMargins(16, 12, 16, 12)
        self.empty_title = paragraph(EMPTY_TEXT, "h2")
        layout.addWidget(self.empty_title)
        layout.addWidget(paragraph(
            "Nhập bộ câu hỏi từ tệp GIFT (Moodle), Aiken, Excel theo mẫu hoặc TOML; nạp các "
            "bộ câu hỏi có sẵn của chương trình; hoặc soạn một bộ mới."))
        row = FlowLayout()
        self.empty_import_button = QPushButton("Nhập tệp câu hỏi…")
        self.empty_import_button.setProperty("role", "primary")
        self.empty_import_button.clicked.connect(lambda: self.import_quiz_file())
        self.empty_bank_button = QPushButton("Nạp bộ câu hỏi có sẵn")
        self.empty_bank_button.setToolTip("Kiểm tra đầu vào, cuối khóa và ngân hàng câu hỏi "
                                          "về bảo vệ trẻ em trên môi trường mạng")
        self.empty_bank_button.clicked.connect(lambda: self.load_shipped())
        self.empty_new_button = QPushButton("Bộ câu hỏi mới…")
        self.empty_new_button.clicked.connect(lambda: self.new_quiz())
        for button in (self.empty_import_button, self.empty_bank_button,
                       self.empty_new_button):
            row.addWidget(button)
        layout.addLayout(row)

    def _fit_columns(self) -> None:
        """Titles and question texts take the room left (full text in the tooltip); the
        short columns fit their contents, so nothing scrolls sideways at 1024×768."""
        fit = QHeaderView.ResizeMode.ResizeToContents
        quiz_header = self.quiz_table.horizontalHeader()
        quiz_header.setStretchLastSection(False)
        quiz_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_QUESTIONS, COL_PASS, COL_VERSIONS):
            quiz_header.setSectionResizeMode(column, fit)
        question_header = self.question_table.horizontalHeader()
        question_header.setStretchLastSection(False)
        question_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_NUMBER, COL_KIND, COL_ANSWER):
            question_header.setSectionResizeMode(column, fit)
        question_header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        self.question_table.setColumnWidth(COL_SOURCE,
                                           self.fontMetrics().averageCharWidth() * 14)

    def _update_orientation(self) -> None:
        """Quizzes left of the questions when there is room; above them on a small screen
        (1024×768) or with large text, so the question texts stay readable."""
        wide = self.width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_LETTERS
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        if wide:
            self.quiz_side.layout().setContentsMargins(0, 0, 6, 0)
            self.question_side.layout().setContentsMargins(6, 0, 0, 0)
            self.splitter.setStretchFactor(0, 2)
            self.splitter.setStretchFactor(1, 3)
            total = max(self.splitter.width(), 500)
            self.splitter.setSizes([total * 2 // 5, total * 3 // 5])
        else:
            # The quiz list keeps about five rows; the questions take what is left.
            self.quiz_side.layout().setContentsMargins(0, 0, 0, 6)
            self.question_side.layout().setContentsMargins(0, 6, 0, 0)
            self.splitter.setStretchFactor(0, 0)
            self.splitter.setStretchFactor(1, 1)
            rows = self.quiz_table.verticalHeader().defaultSectionSize()
            top = (rows * 5 + self.quiz_table.horizontalHeader().sizeHint().height()
                   + self.fontMetrics().lineSpacing() * 2 + 16)
            self.splitter.setSizes([top, max(self.splitter.height() - top, top * 2)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_orientation()

    # -- loading --------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        """Reload, keeping the selected quiz and question."""
        self.reload(self.current_code(), self.current_question_row())

    def reload(self, select_code: str | None = None, question_row: int | None = None) -> None:
        rows = quiz_service.list_quizzes(self.ctx.factory)
        self.quiz_model.set_rows(rows)
        self.content.setCurrentIndex(0 if rows else 1)
        self.export_button.setEnabled(bool(rows))
        self.quiz_heading.setText(f"&Bộ câu hỏi ({len(rows)})")
        row = self.quiz_model.row_of(select_code) if select_code else None
        if row is None:
            question_row = None  # another quiz: start at its top
            row = 0 if rows else None
        if row is not None:
            self.quiz_table.setCurrentIndex(self.quiz_model.index(row, 0))
            self._quiz_selected()
        else:
            self._show_quiz(None, None)
        if question_row is not None:
            self.select_question(question_row)

    def current_summary(self) -> QuizSummary | None:
        index = self.quiz_table.currentIndex()
        return self.quiz_model.quiz(index.row()) if index.isValid() else None

    def current_code(self) -> str | None:
        summary = self.current_summary()
        return summary.code if summary else None

    def _quiz_selected(self) -> None:
        summary = self.current_summary()
        doc = None
        if summary is not None:
            try:
                doc = quiz_service.get_quiz_doc(self.ctx.factory, summary.code)
            except UserError as exc:
                show_error(self, "Không mở được bộ câu hỏi", exc.message)
        self._show_quiz(summary, doc)

    def _show_quiz(self, summary: QuizSummary | None, doc: QuizDoc | None) -> None:
        self.doc = doc
        self.question_model.set_rows(doc.questions if doc else [])
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
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_quiz = self.doc is not None
        row = self.current_question_row()
        count = self.question_model.rowCount()
        self.add_button.setEnabled(has_quiz)
        self.preview_button.setEnabled(has_quiz and count > 0)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    # -- selection ------------------------------------------------------------------------

    def select_quiz(self, code: str) -> bool:
        row = self.quiz_model.row_of(code)
        if row is None:
            return False
        self.quiz_table.setCurrentIndex(self.quiz_model.index(row, 0))
        return True

    def current_question_row(self) -> int | None:
        rows = self.question_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_question(self, row: int) -> None:
        if 0 <= row < self.question_model.rowCount():
            index = self.question_model.index(row, 0)
            self.question_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.question_table.scrollTo(index)
        self._update_buttons()

    def _focus_questions(self) -> None:
        self.question_table.setFocus(Qt.FocusReason.TabFocusReason)
        if self.current_question_row() is None:
            self.select_question(0)

    # -- storing --------------------------------------------------------------------------

    def _store(self, doc: QuizDoc, question_row: int | None, message: str) -> bool:
        summary = self.current_summary()
        source = summary.source_name if summary and summary.code == doc.id else ""
        try:
            quiz_service.store_quiz(self.ctx.factory, doc, source_name=source)
        except UserError as exc:
            show_error(self, "Chưa lưu được", exc.message)
            return False
        frozen = bool(summary and summary.code == doc.id and summary.versions)
        self.ctx.events.status_message.emit(message + (f" {FROZEN_NOTE}" if frozen else ""))
        self.reload(doc.id, question_row)
        self.ctx.events.data_changed.emit(QUIZZES)
        return True

    def _run_question_dialog(self, dialog: QuestionDialog) -> QuestionDoc | None:
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_question
        finally:
            dialog.deleteLater()

    def _working_copy(self) -> QuizDoc:
        """The shown quiz with its own question list: a refused store changes nothing."""
        assert self.doc is not None
        return replace(self.doc, questions=list(self.doc.questions))

    def _frozen(self) -> bool:
        summary = self.current_summary()
        return bool(summary and summary.versions)

    def add_question(self) -> bool:
        if self.doc is None:
            return False
        doc = self._working_copy()
        question = self._run_question_dialog(
            QuestionDialog(doc, None, self, frozen=self._frozen()))
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
        question = self._run_question_dialog(
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
            self.question_table.setFocus()
        return moved

    def preview(self) -> None:
        if self.doc is None or not self.doc.questions:
            return
        dialog = QuizPreviewDialog(self.doc, self, start=self.current_question_row() or 0)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- quizzes --------------------------------------------------------------------------

    def _ask_title(self) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Bộ câu hỏi mới")
        dialog.setLabelText("Tên bộ câu hỏi:")
        dialog.setOkButtonText("Tiếp tục")
        dialog.setCancelButtonText("Hủy")
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.textValue().strip() or None
        finally:
            dialog.deleteLater()

    def new_quiz(self, title: str | None = None) -> bool:
        """A new quiz needs its first question: the question dialog opens after the title."""
        title = title or self._ask_title()
        if not title:
            return False
        taken = {q.code for q in quiz_service.list_quizzes(self.ctx.factory,
                                                           include_archived=True)}
        base = slug_id(title)
        code, n = base, 2
        while code in taken:
            code, n = f"{base}-{n}", n + 1
        doc = QuizDoc(id=code, title=title)
        question = self._run_question_dialog(QuestionDialog(doc, None, self))
        if question is None:
            return False
        doc.questions.append(question)
        return self._store(doc, 0, f"Đã tạo bộ câu hỏi “{title}”.")

    def load_shipped(self) -> None:
        try:
            result = quiz_service.load_shipped_bank(self.ctx.factory)
        except UserError as exc:
            show_error(self, "Không nạp được", exc.message)
            return
        self.reload()
        self.ctx.events.data_changed.emit(QUIZZES)
        if result.problems:
            show_error(self, "Có tệp không nạp được",
                       f"Đã nạp {len(result.loaded)} bộ câu hỏi.",
                       "\n".join(str(p) for p in result.problems[:10]))
        else:
            self.ctx.events.status_message.emit(f"Đã nạp {len(result.loaded)} bộ câu hỏi.")

    def import_quiz_file(self, path: Path | str | None = None) -> TaskHandle[Any] | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, "Nhập tệp câu hỏi", str(Path.home()), IMPORT_FILTER)
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        factory = self.ctx.factory
        self.last_task = run_task(
            self, f"Đang nhập {path.name}…",
            lambda _progress, _cancel: quiz_service.import_file(factory, path,
                                                                label=path.name),
            on_done=lambda result: self._imported(result, path.name),
            error_title="Không nhập được", cancellable=False)
        return self.last_task

    def _imported(self, result: ImportResult, file_name: str) -> None:
        if result.quiz:
            self.reload(result.quiz)
            self.ctx.events.data_changed.emit(QUIZZES)
        title, summary, details = import_report(result, file_name)
        if self.report_dialog is not None:
            self.report_dialog.deleteLater()
        self.report_dialog = ImportReportDialog(title, summary, details, self)
        self.report_dialog.open()  # window-modal, does not block

    def export_quiz(self, path: Path | str | None = None) -> Path | None:
        summary = self.current_summary()
        if summary is None:
            return None
        if path is None:
            dialog = QFileDialog(self, "Xuất bộ câu hỏi",
                                 str(Path.home() / f"{summary.code}.toml"))
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
            path = chosen
        path = Path(path)
        try:
            result = quiz_service.export_quiz(self.ctx.factory, summary.code, path)
        except UserError as exc:
            show_error(self, "Không xuất được", exc.message)
            return None
        details = "\n".join(f"• {w}" for w in result.warnings)
        show_info(self, "Đã xuất bộ câu hỏi",
                  f"Đã lưu {result.questions} câu vào tệp {path.name}.",
                  (f"Thư mục: {path.parent}" + (f"\n\nLưu ý:\n{details}" if details else "")))
        return path

    def save_template(self, path: Path | str | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Lưu mẫu Excel", str(Path.home() / "MauCauHoi.xlsx"), "Excel (*.xlsx)")
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            saved = quiz_service.save_template(path)
        except UserError as exc:
            show_error(self, "Không lưu được", exc.message)
            return None
        show_info(self, "Đã lưu mẫu Excel", f"Đã lưu tệp mẫu {saved.name}.",
                  f"Thư mục: {saved.parent}\nĐiền câu hỏi vào tệp rồi bấm “Nhập tệp câu "
                  "hỏi…”.")
        return saved
