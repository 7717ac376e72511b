"""After handing in: the score, passed or not, and the right answers with explanations
(each shown only when the kiosk settings say so); then the next participant."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from trainer_app.services.quizzes.kiosk import KioskResult
from trainer_app.services.quizzes.kiosk_settings import KioskSettings
from trainer_app.ui.models.quiz_table_model import format_mark


class ResultScreen(QWidget):
    next_person = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setProperty("kiosk", "title")
        self.title.setWordWrap(True)
        self.score = QLabel()
        self.verdict = QLabel()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setProperty("kiosk", "hint")
        self.details.setObjectName("kioskPane")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.details)
        self.done = QPushButton("Xong — mời người tiếp theo")
        self.done.setProperty("kiosk", "primary")
        self.done.clicked.connect(self.next_person)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.score)
        layout.addWidget(self.verdict)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.done)

    def show_result(self, name: str, result: KioskResult, settings: KioskSettings) -> None:
        self.title.setText(f"Cảm ơn {name}, bài đã được nộp.")
        self.score.setVisible(settings.show_score)
        self.score.setText(f"Điểm: {format_mark(result.score)}/10 — đúng {result.correct_count}"
                           f"/{result.question_count} câu")
        self.verdict.setVisible(settings.show_pass)
        self.verdict.setText("ĐẠT" if result.passed else "CHƯA ĐẠT")
        self.verdict.setProperty("kiosk", "verdict-pass" if result.passed else "verdict-fail")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.details.parentWidget().parentWidget().setVisible(settings.show_answers)
        parts = []
        for number, outcome in enumerate(result.outcomes, start=1):
            mark = "✓" if outcome.is_correct else "✗"
            chosen = "; ".join(outcome.chosen) or "(bỏ trống)"
            parts.append(
                f"<p><b>{mark} Câu {number}.</b> {escape(outcome.text)}<br>"
                f"Bạn chọn: {escape(chosen)}<br>"
                f"<b>Đáp án đúng: {escape('; '.join(outcome.correct))}</b>"
                + (f"<br><i>{escape(outcome.explanation)}</i>" if outcome.explanation else "")
                + "</p>")
        self.details.setText("".join(parts))
        self.done.setFocus()
