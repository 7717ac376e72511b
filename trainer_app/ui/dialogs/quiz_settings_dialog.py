"""A quiz's own settings: title, topic, description, pass mark (10-point scale), shuffling
of questions and options, and scoring (all or nothing, or partial credit from the option
weights). Sessions that already use the quiz keep their frozen version."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.quiz import SCORING_LABELS, QuizDoc
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget


class QuizSettingsDialog(QDialog):
    def __init__(self, doc: QuizDoc, parent: QWidget | None = None, *,
                 frozen_note: str = "") -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("Cài đặt bộ câu hỏi")
        self.title = QLineEdit(doc.title)
        self.topic = QLineEdit(doc.topic)
        self.description = QPlainTextEdit(doc.description)
        self.description.setFixedHeight(70)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0.0, 10.0)
        self.pass_mark.setSingleStep(0.5)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setSuffix(" / 10")
        self.pass_mark.setValue(doc.pass_mark)
        self.shuffle_questions = QCheckBox("Đảo thứ tự câu hỏi cho mỗi người (làm trên máy)")
        self.shuffle_questions.setChecked(doc.shuffle_questions)
        self.shuffle_options = QCheckBox("Đảo thứ tự các phương án (trừ câu Đúng/Sai)")
        self.shuffle_options.setChecked(doc.shuffle_options)
        self.scoring = QComboBox()
        for value, label in SCORING_LABELS.items():
            self.scoring.addItem(label, value)
        self.scoring.setCurrentIndex(max(0, self.scoring.findData(doc.scoring)))
        form = FormWidget()
        form.add_row("Tên bộ câu hỏi", self.title)
        form.add_row("Chủ đề", self.topic)
        form.add_row("Mô tả", self.description)
        form.add_row("Điểm đạt", self.pass_mark)
        form.add_row("Chấm điểm", self.scoring)
        form.add_row("Đảo câu", self.shuffle_questions)
        form.add_row("Đảo phương án", self.shuffle_options)
        self.error = QLabel(frozen_note)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._accept, self.reject)
        layout.addLayout(row)

    def result_doc(self) -> QuizDoc:
        return replace(self.doc, title=self.title.text().strip(), topic=self.topic.text(),
                       description=self.description.toPlainText().strip(),
                       pass_mark=round(self.pass_mark.value(), 1),
                       shuffle_questions=self.shuffle_questions.isChecked(),
                       shuffle_options=self.shuffle_options.isChecked(),
                       scoring=str(self.scoring.currentData()))

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText("Hãy đặt tên cho bộ câu hỏi.")
            return
        self.accept()
