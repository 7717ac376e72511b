"""Add or edit one question of a quiz: its text, kind, options (each with a “đúng” box),
explanation and source. The whole quiz, with this question in place, is checked with
``validate_quiz`` (the same rules as ``trainer-app quiz check``); the problems are shown
in the dialog, in Vietnamese, and nothing is returned until there are none.

The dialog stores nothing: after Accepted, ``result_question`` holds the question and the
page stores the quiz."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    KIND_LABELS,
    MAX_OPTIONS,
    TRUE_TEXT,
    OptionDoc,
    QuestionDoc,
    QuizDoc,
    letter,
    normalize_quiz,
)
from trainer_app.domain.quiz_rules import validate_quiz
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget

MIN_OPTIONS = 2
NEW_OPTIONS = 4


def new_question_id(doc: QuizDoc) -> str:
    """"c12" for the twelfth question, or the next free number."""
    taken = {q.id for q in doc.questions}
    number = len(doc.questions) + 1
    while f"c{number:02d}" in taken:
        number += 1
    return f"c{number:02d}"


class OptionRow:
    """One option line: its letter, its text, the “đúng” box and a remove button."""

    def __init__(self, dialog: QuestionDialog, option: OptionDoc | None) -> None:
        self.source = option  # keeps weight and feedback of an edited option
        self.letter = QLabel()
        self.edit = QLineEdit(option.text if option else "")
        self.edit.setCursorPosition(0)  # show the start of a long option
        self.correct = QCheckBox("đúng")
        self.correct.setChecked(bool(option and option.correct))
        self.remove = QPushButton("Bỏ")
        self.remove.setToolTip("Bỏ phương án này")
        self.remove.clicked.connect(lambda: dialog.remove_option(self))
        self.letter.setBuddy(self.edit)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.letter, self.edit, self.correct, self.remove)

    def option(self) -> OptionDoc:
        base = self.source or OptionDoc(text="")
        return replace(base, text=self.edit.text(), correct=self.correct.isChecked())


class QuestionDialog(QDialog):
    """``question`` None: a new question appended to ``quiz``; otherwise that question
    (by id) is edited in place."""

    def __init__(self, quiz: QuizDoc, question: QuestionDoc | None = None,
                 parent: QWidget | None = None, *, frozen: bool = False) -> None:
        super().__init__(parent)
        self.quiz = quiz
        self.original = question
        self.result_question: QuestionDoc | None = None
        self.problems: list[str] = []
        number = (quiz.questions.index(question) + 1 if question in quiz.questions
                  else len(quiz.questions) + 1)
        self.setWindowTitle(f"Sửa câu {number}" if question else f"Thêm câu {number}")
        self.setModal(True)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Nội dung câu hỏi")
        self.kind_combo = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, str(kind))
        self.kind_combo.setAccessibleName("Loại câu hỏi")

        self.options_box = QWidget()
        self.options_grid = QGridLayout(self.options_box)
        self.options_grid.setContentsMargins(0, 0, 0, 0)
        self.options_grid.setColumnStretch(1, 1)
        self.add_option_button = QPushButton("Thêm phương án")
        self.add_option_button.clicked.connect(lambda: self.add_option(None, focus=True))
        options_column = QWidget()
        column = QVBoxLayout(options_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.options_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_option_button)
        add_row.addStretch(1)
        column.addLayout(add_row)
        self.rows: list[OptionRow] = []

        self.explanation_edit = QPlainTextEdit()
        self.explanation_edit.setAccessibleName("Giải thích")
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText("VD: Luật Trẻ em 2016, Điều 54")

        self.form = FormWidget()
        self.form.add_row("&Nội dung câu hỏi (*)", self.text_edit)
        self.form.set_text_box_lines(self.text_edit, 3)
        self.form.add_row("&Loại câu", self.kind_combo)
        self.form.add_row("Phương án\n(đánh dấu “đúng”)", options_column)
        self.form.add_row("&Giải thích", self.explanation_edit)
        self.form.set_text_box_lines(self.explanation_edit, 2)
        self.form.add_row("Ng&uồn", self.source_edit)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        self.note = QLabel("Các buổi đã dùng phiên bản cũ không bị thay đổi.")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        self.note.setVisible(frozen)
        self.feedback = QLabel()
        self.feedback.setObjectName("questionProblems")
        self.feedback.setWordWrap(True)
        self.feedback.setProperty("role", "error")
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback.hide()

        buttons, self.save_button, self.cancel_button = confirm_cancel_row(
            self.try_accept, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)

        self._fill(question)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._fit_to_screen()
        self.text_edit.setFocus()

    # -- building -------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        metrics = self.fontMetrics()
        width = metrics.averageCharWidth() * 90
        height = self.form.sizeHint().height() + metrics.lineSpacing() * 6 + 60
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(width, height)

    def _fill(self, question: QuestionDoc | None) -> None:
        if question is None:
            for _ in range(NEW_OPTIONS):
                self.add_option(None)
            self._update_rows()
            return
        self.text_edit.setPlainText(question.text)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(str(question.kind)), 0))
        for option in question.options:
            self.add_option(option)
        self.explanation_edit.setPlainText(question.explanation)
        self.source_edit.setText(question.source)
        self._update_rows()

    # -- options --------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def add_option(self, option: OptionDoc | None, *, focus: bool = False) -> OptionRow | None:
        if len(self.rows) >= MAX_OPTIONS:
            return None
        row = OptionRow(self, option)
        self.rows.append(row)
        self._layout_rows()
        self._update_rows()
        if focus:
            row.edit.setFocus()
        return row

    def remove_option(self, row: OptionRow) -> None:
        if row not in self.rows or len(self.rows) <= MIN_OPTIONS:
            return
        self.rows.remove(row)
        for widget in row.widgets():
            self.options_grid.removeWidget(widget)
            widget.deleteLater()
        self._layout_rows()
        self._update_rows()

    def _layout_rows(self) -> None:
        previous: QWidget = self.kind_combo
        for index, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets()):
                self.options_grid.addWidget(widget, index, column)
            # Tab order: text, đúng, remove, then the next option.
            QWidget.setTabOrder(previous, row.edit)
            QWidget.setTabOrder(row.edit, row.correct)
            QWidget.setTabOrder(row.correct, row.remove)
            previous = row.remove
        QWidget.setTabOrder(previous, self.add_option_button)
        QWidget.setTabOrder(self.add_option_button, self.explanation_edit)

    def _update_rows(self) -> None:
        true_false = self.kind() == QuestionKind.TRUE_FALSE
        for index, row in enumerate(self.rows):
            row.letter.setText(f"&{letter(index)}." if index < 26 else f"{index + 1}.")
            row.edit.setAccessibleName(f"Phương án {letter(index)}")
            row.correct.setAccessibleName(f"Phương án {letter(index)} đúng")
            row.edit.setReadOnly(true_false)
            row.remove.setEnabled(not true_false and len(self.rows) > MIN_OPTIONS)
            row.remove.setVisible(not true_false)
        self.add_option_button.setVisible(not true_false)
        self.add_option_button.setEnabled(len(self.rows) < MAX_OPTIONS)

    def _kind_changed(self) -> None:
        if self.kind() == QuestionKind.TRUE_FALSE:
            texts = [r.edit.text().strip() for r in self.rows]
            if texts != [TRUE_TEXT, FALSE_TEXT]:
                correct_true = bool(self.rows and self.rows[0].correct.isChecked())
                while len(self.rows) > MIN_OPTIONS:
                    self.remove_option(self.rows[-1])
                while len(self.rows) < MIN_OPTIONS:
                    self.add_option(None)
                self.rows[0].edit.setText(TRUE_TEXT)
                self.rows[1].edit.setText(FALSE_TEXT)
                self.rows[0].correct.setChecked(correct_true)
                self.rows[1].correct.setChecked(False)
        self._update_rows()

    # -- result ---------------------------------------------------------------------------

    def question(self) -> QuestionDoc:
        base = self.original or QuestionDoc(id=new_question_id(self.quiz), kind="", text="")
        return replace(base, kind=self.kind(), text=self.text_edit.toPlainText(),
                       options=[r.option() for r in self.rows],
                       explanation=self.explanation_edit.toPlainText(),
                       source=self.source_edit.text())

    def quiz_with(self, question: QuestionDoc) -> QuizDoc:
        """The quiz as it would be stored with this question."""
        questions = list(self.quiz.questions)
        if self.original is not None and self.original in questions:
            questions[questions.index(self.original)] = question
        else:
            questions.append(question)
        return replace(self.quiz, questions=questions)

    def check(self) -> list[str]:
        """The problems of the quiz with this question, in Vietnamese (empty: good)."""
        doc = normalize_quiz(self.quiz_with(self.question()))
        return [p.message for p in validate_quiz(doc, doc.id)]

    def try_accept(self) -> bool:
        self.problems = self.check()
        if self.problems:
            shown = self.problems[:8]
            more = (f"\n… và {len(self.problems) - 8} lỗi khác." if len(self.problems) > 8
                    else "")
            self.feedback.setText("Chưa lưu được:\n• " + "\n• ".join(shown) + more)
            self.feedback.show()
            return False
        self.feedback.hide()
        self.result_question = self.question()
        self.accept()
        return True
