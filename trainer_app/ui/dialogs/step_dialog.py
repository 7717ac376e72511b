"""One step of a programme's agenda: kind, title, minutes, the video/document or the quiz
it opens, and notes (discussion points shown to the trainer)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.sessions.programmes import StepRow
from trainer_app.ui.models.session_models import STEP_KIND_LABELS
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row
from trainer_app.ui.widgets.form import FormWidget

PHASES = (("pre", "Kiểm tra đầu vào"), ("post", "Kiểm tra cuối khóa"), ("other", "Khác"))


class StepDialog(QDialog):
    def __init__(self, parent: QWidget | None, step: StepRow | None,
                 media: list[tuple[int, str]], quizzes: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sửa bước" if step else "Thêm bước")
        self.kind = QComboBox()
        for value, label in STEP_KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.title = QLineEdit(step.title if step else "")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" phút")
        self.minutes.setValue(step.minutes or 0 if step else 10)
        self.media = QComboBox()
        self.media.addItem("(chưa chọn)", None)
        for item_id, title in media:
            self.media.addItem(title, item_id)
        self.quiz = QComboBox()
        self.quiz.addItem("(chưa chọn)", None)
        for quiz_id, title in quizzes:
            self.quiz.addItem(title, quiz_id)
        self.phase = QComboBox()
        for value, label in PHASES:
            self.phase.addItem(label, value)
        self.notes = QPlainTextEdit(step.notes if step else "")
        self.notes.setFixedHeight(80)
        if step is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(step.kind)))
            self.media.setCurrentIndex(max(0, self.media.findData(step.media_item_id)))
            self.quiz.setCurrentIndex(max(0, self.quiz.findData(step.quiz_id)))
            self.phase.setCurrentIndex(max(0, self.phase.findData(step.phase)))
        form = FormWidget()
        form.add_row("Loại", self.kind)
        form.add_row("Tên bước", self.title)
        form.add_row("Thời lượng", self.minutes)
        self.media_label = form.add_row("Video / tài liệu", self.media)
        self.quiz_label = form.add_row("Bộ câu hỏi", self.quiz)
        self.phase_label = form.add_row("Loại kiểm tra", self.phase)
        form.add_row("Ghi chú, câu hỏi thảo luận", self.notes)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.error)
        row, self.ok, _cancel = confirm_cancel_row(self._accept, self.reject)
        layout.addLayout(row)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for widget in (self.media, self.media_label):
            widget.setVisible(kind in ("video", "document"))
        for widget in (self.quiz, self.quiz_label, self.phase, self.phase_label):
            widget.setVisible(kind == "quiz")

    def step(self) -> StepRow:
        kind = str(self.kind.currentData())
        return StepRow(
            kind=kind, title=self.title.text(), minutes=self.minutes.value() or None,
            media_item_id=self.media.currentData() if kind in ("video", "document") else None,
            quiz_id=self.quiz.currentData() if kind == "quiz" else None,
            phase=self.phase.currentData() if kind == "quiz" else None,
            notes=self.notes.toPlainText(), media_title=self.media.currentText(),
            quiz_code=self.quiz.currentText())

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText("Hãy đặt tên cho bước này.")
            return
        self.accept()
