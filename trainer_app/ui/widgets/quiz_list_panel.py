"""The list of quizzes on the Câu hỏi page: a heading and the table with its model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from trainer_app.services.quizzes.service import QuizSummary
from trainer_app.ui.models.quiz_table_model import (
    COL_PASS,
    COL_QUESTIONS,
    COL_VERSIONS,
    QuizTableModel,
)
from trainer_app.ui.widgets.key_table import KeyTable


class QuizListPanel(QWidget):
    """Quizzes (title, number of questions, pass mark, versions used by sessions).
    ``on_selected`` runs when the current quiz changes, ``on_enter`` on Enter."""

    def __init__(self, on_selected: Callable[[], Any], on_enter: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QuizTableModel(self)
        self.table = KeyTable(on_enter=on_enter)
        self.table.setObjectName("quizTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Danh sách bộ câu hỏi")
        self.table.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: on_selected())

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 6, 0)
        self.heading = QLabel("&Bộ câu hỏi")
        self.heading.setProperty("role", "h2")
        self.heading.setBuddy(self.table)
        column.addWidget(self.heading)
        column.addWidget(self.table, 1)

    def fit_columns(self) -> None:
        """Titles take the room left; the short columns fit their contents."""
        fit = QHeaderView.ResizeMode.ResizeToContents
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_QUESTIONS, COL_PASS, COL_VERSIONS):
            header.setSectionResizeMode(column, fit)

    def set_rows(self, rows: Sequence[QuizSummary]) -> None:
        self.model.set_rows(rows)
        self.heading.setText(f"&Bộ câu hỏi ({len(rows)})")

    def current_summary(self) -> QuizSummary | None:
        index = self.table.currentIndex()
        return self.model.quiz(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def select_quiz(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        self.select_row(row)
        return True
