"""Câu hỏi: the quiz editor. Left, the quizzes (title, number of questions, pass mark,
whether sessions already use them); right, the questions of the selected quiz. Import a
quiz file (GIFT, Aiken, Excel, TOML), export, save the empty Excel template, start a new
quiz; add, edit, delete and move questions; preview as a participant sees it.

Everything goes through ``services.quiz_service``. An edit stores the editable quiz again
(``get_quiz_doc`` → change → ``store_quiz``); the versions frozen for sessions stay as they
were. After a change the page announces ``data_changed("quizzes")``.

Keyboard: Ctrl+N add a question, Enter edits it, Delete deletes it, Alt+↑ / Alt+↓ move it,
Ctrl+P preview.

The page composes its parts: ``QuizListPanel`` (the quizzes), ``QuestionPanel`` (the
questions and their actions) and ``QuizFileActions`` (import, export, template).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.quiz import QuizDoc, slug_id
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.quizzes.service import QuizSummary
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.dialogs.question_dialog import QuestionDialog
from trainer_app.ui.dialogs.quiz_import_report_dialog import (  # noqa: F401 - re-exported
    ImportReportDialog,
    import_report,
)
from trainer_app.ui.pages.base import Page
from trainer_app.ui.pages.questions_actions import (  # noqa: F401 - re-exported
    EXPORT_FILTERS,
    IMPORT_FILTER,
    QUIZZES,
    QuizFileActions,
)
from trainer_app.ui.tasks import TaskHandle
from trainer_app.ui.widgets.empty_state import empty_state_card
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.key_table import KeyTable  # noqa: F401 - re-exported
from trainer_app.ui.widgets.question_panel import (
    FROZEN_NOTE,
    QuestionPanel,
    run_question_dialog,
)
from trainer_app.ui.widgets.quiz_list_panel import QuizListPanel

log = logging.getLogger(__name__)

SIDE_BY_SIDE_LETTERS = 150  # page width (in average letters) for quizzes beside questions
EMPTY_TEXT = "Chưa có bộ câu hỏi nào — Nhập tệp câu hỏi…"


class Splitter(QSplitter):
    """Asks for no more than its minimum, so the page fits without scrolling and the
    splitter takes the room the page has left."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class QuestionsPage(Page):
    watches = (QUIZZES, "sessions")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Câu hỏi", parent)
        self.file_actions = QuizFileActions(self, ctx, lambda code: self.reload(code),
                                            self.current_summary)

        self._build_quiz_buttons()
        self.quiz_panel = QuizListPanel(on_selected=self._quiz_selected,
                                        on_enter=self._focus_questions)
        self.question_panel = QuestionPanel(self.current_summary, self._store)
        # The panels' parts, reachable from the page as before.
        self.quiz_side, self.question_side = self.quiz_panel, self.question_panel
        self.quiz_model, self.quiz_table = self.quiz_panel.model, self.quiz_panel.table
        self.quiz_heading = self.quiz_panel.heading
        panel = self.question_panel
        self.quiz_title, self.frozen_note = panel.quiz_title, panel.frozen_note
        self.add_button, self.edit_button = panel.add_button, panel.edit_button
        self.delete_button, self.preview_button = panel.delete_button, panel.preview_button
        self.up_button, self.down_button = panel.up_button, panel.down_button
        self.question_buttons = panel.buttons
        self.question_buttons.addWidget(self.stats_button)  # about the chosen quiz's answers
        self.question_model, self.question_table = panel.model, panel.table
        self._build_empty_state()
        self.quiz_panel.fit_columns()
        self.question_panel.fit_columns(self.fontMetrics().averageCharWidth())

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

    def _build_quiz_buttons(self) -> None:
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
        self.settings_button = QPushButton("Cài đặt…")
        self.settings_button.setToolTip("Cài đặt bộ câu hỏi: tên, điểm đạt, đảo câu và phương "
                                        "án, cách chấm điểm")
        self.settings_button.clicked.connect(lambda: self.edit_quiz_settings())
        self.stats_button = QPushButton("Phân tích…")
        self.stats_button.setToolTip("Câu nào quá dễ, quá khó hay có thể sai đáp án: theo bài "
                                     "làm của một buổi, một khoảng ngày hoặc mọi buổi")
        self.stats_button.clicked.connect(lambda: self.show_item_stats())
        self.quiz_buttons = FlowLayout()
        for button in (self.import_button, self.export_button, self.template_button,
                       self.new_button, self.settings_button):
            self.quiz_buttons.addWidget(button)

    def _build_empty_state(self) -> None:
        self.empty_import_button = QPushButton("Nhập tệp câu hỏi…")
        self.empty_import_button.setProperty("role", "primary")
        self.empty_import_button.clicked.connect(lambda: self.import_quiz_file())
        self.empty_bank_button = QPushButton("Nạp bộ câu hỏi có sẵn")
        self.empty_bank_button.setToolTip("Kiểm tra đầu vào, cuối khóa và ngân hàng câu hỏi "
                                          "về bảo vệ trẻ em trên môi trường mạng")
        self.empty_bank_button.clicked.connect(lambda: self.load_shipped())
        self.empty_new_button = QPushButton("Bộ câu hỏi mới…")
        self.empty_new_button.clicked.connect(lambda: self.new_quiz())
        self.empty_state, self.empty_title = empty_state_card(
            EMPTY_TEXT,
            "Nhập bộ câu hỏi từ tệp GIFT (Moodle), Aiken, Excel theo mẫu hoặc TOML; nạp các "
            "bộ câu hỏi có sẵn của chương trình; hoặc soạn một bộ mới.",
            [self.empty_import_button, self.empty_bank_button, self.empty_new_button])

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
        self.quiz_panel.set_rows(rows)
        self.content.setCurrentIndex(0 if rows else 1)
        self.export_button.setEnabled(bool(rows))
        row = self.quiz_model.row_of(select_code) if select_code else None
        if row is None:
            question_row = None  # another quiz: start at its top
            row = 0 if rows else None
        if row is not None:
            self.quiz_panel.select_row(row)
            self._quiz_selected()
        else:
            self._show_quiz(None, None)
        if question_row is not None:
            self.select_question(question_row)

    @property
    def doc(self) -> QuizDoc | None:
        """The quiz shown on the right."""
        return self.question_panel.doc

    def current_summary(self) -> QuizSummary | None:
        return self.quiz_panel.current_summary()

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
        self.question_panel.show_quiz(summary, doc)
        self.settings_button.setEnabled(doc is not None)
        self.stats_button.setEnabled(doc is not None)

    def _update_buttons(self) -> None:
        self.question_panel.update_buttons()
        self.settings_button.setEnabled(self.current_code() is not None)
        self.stats_button.setEnabled(self.current_code() is not None)

    # -- selection ------------------------------------------------------------------------

    def select_quiz(self, code: str) -> bool:
        return self.quiz_panel.select_quiz(code)

    def current_question_row(self) -> int | None:
        return self.question_panel.current_question_row()

    def select_question(self, row: int) -> None:
        self.question_panel.select_question(row)

    def _focus_questions(self) -> None:
        self.question_panel.focus_questions()

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

    # -- questions (the question panel does the work) -------------------------------------

    def add_question(self) -> bool:
        return self.question_panel.add_question()

    def edit_question(self) -> bool:
        return self.question_panel.edit_question()

    def delete_question(self) -> bool:
        return self.question_panel.delete_question()

    def move_question(self, step: int) -> bool:
        return self.question_panel.move_question(step)

    def preview(self) -> None:
        self.question_panel.preview()

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
        question = run_question_dialog(QuestionDialog(doc, None, self))
        if question is None:
            return False
        doc.questions.append(question)
        return self._store(doc, 0, f"Đã tạo bộ câu hỏi “{title}”.")

    def edit_quiz_settings(self) -> bool:
        from trainer_app.ui.dialogs.quiz_settings_dialog import QuizSettingsDialog

        doc = self.doc
        if doc is None:
            return False
        summary = self.current_summary()
        note = FROZEN_NOTE if summary is not None and summary.versions else ""
        dialog = QuizSettingsDialog(doc, self, frozen_note=note)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            return self._store(dialog.result_doc(), self.current_question_row(),
                               "Đã lưu cài đặt bộ câu hỏi.")
        finally:
            dialog.deleteLater()

    def show_item_stats(self, *, modal: bool = True) -> QDialog | None:
        """The item analysis of the chosen quiz (``ItemStatsDialog``)."""
        from trainer_app.ui.dialogs.item_stats_dialog import ItemStatsDialog

        summary = self.current_summary()
        if summary is None:
            return None
        dialog = ItemStatsDialog(self.ctx.factory, summary.code, summary.title, self)
        if modal:
            dialog.exec()
            dialog.deleteLater()
        return dialog

    # -- files (``QuizFileActions`` does the work) ----------------------------------------

    @property
    def last_task(self) -> TaskHandle[Any] | None:
        return self.file_actions.last_task

    @property
    def report_dialog(self) -> ImportReportDialog | None:
        return self.file_actions.report_dialog

    def load_shipped(self) -> None:
        self.file_actions.load_shipped()

    def import_quiz_file(self, path: Path | str | None = None) -> TaskHandle[Any] | None:
        return self.file_actions.import_quiz_file(path)

    def export_quiz(self, path: Path | str | None = None) -> Path | None:
        return self.file_actions.export_quiz(path)

    def save_template(self, path: Path | str | None = None) -> Path | None:
        return self.file_actions.save_template(path)
