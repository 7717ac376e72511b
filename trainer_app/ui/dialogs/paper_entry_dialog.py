"""Typing in the paper answer sheets, keyboard only: a row per person, a cell per question.

A letter in a single-answer cell fills it and moves on (one key per answer); in a
multiple-answer cell letters add up ("AC") until Enter, Tab or →. "-" or Space leaves a
cell blank and moves on; Backspace clears it. A letter that is not an option, or two
letters in a single-answer question, turns the cell red and the row is not saved. A row
is scored and saved when the cursor leaves it (and with "Lưu")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from trainer_app.domain.quiz import letter
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import paper_entry
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.quiz_table_model import format_mark
from trainer_app.ui.models.row_table_model import RowTableModel
from trainer_app.ui.widgets.dialog_buttons import confirm_cancel_row

Index = QModelIndex | QPersistentModelIndex
BAD = QColor("#f8d7da")
SAVED = QColor("#e6f4e6")


class EntryRow:
    def __init__(self, row: paper_entry.PaperRow) -> None:
        self.person_id = row.person_id
        self.name = row.full_name
        self.letters = list(row.letters)
        self.score = row.score
        self.dirty = False
        self.message = ""


class PaperModel(RowTableModel[EntryRow]):
    def __init__(self, sheet: paper_entry.PaperSheet) -> None:
        super().__init__()
        self.sheet = sheet
        n = len(sheet.option_counts)
        self.first = 1  # column of question 1
        self.header = ["Họ và tên", *[f"{i + 1}" + ("*" if sheet.multiple[i] else "")
                                      for i in range(n)], "Điểm"]
        self.set_rows([EntryRow(r) for r in sheet.rows])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section]
        return str(section + 1)

    def question_of(self, column: int) -> int | None:
        q = column - self.first
        return q if 0 <= q < len(self.sheet.option_counts) else None

    def problem(self, q: int, text: str) -> str:
        count = self.sheet.option_counts[q]
        bad = sorted({c for c in text if ord(c) - ord("A") >= count})
        if bad:
            return f"Câu {q + 1} chỉ có A–{letter(count - 1)}"
        if len(text) > 1 and not self.sheet.multiple[q]:
            return f"Câu {q + 1} chỉ chọn một ý"
        if len(set(text)) != len(text):
            return f"Câu {q + 1}: một chữ ghi hai lần"
        return ""

    def row_problems(self, row: EntryRow) -> list[str]:
        return [p for q, t in enumerate(row.letters) if t and (p := self.problem(q, t))]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_item(index.row())
        if row is None:
            return None
        q = self.question_of(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row.name
            if q is not None:
                return row.letters[q]
            return "" if row.score is None else format_mark(row.score)
        if role == Qt.ItemDataRole.BackgroundRole:
            if q is not None and row.letters[q] and self.problem(q, row.letters[q]):
                return QBrush(BAD)
            if index.column() == len(self.header) - 1 and row.score is not None \
                    and not row.dirty:
                return QBrush(SAVED)
        if role == Qt.ItemDataRole.ToolTipRole and q is not None:
            return self.problem(q, row.letters[q]) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def set_letters(self, index: QModelIndex, text: str) -> None:
        row = self.row_item(index.row())
        q = self.question_of(index.column())
        if row is None or q is None:
            return
        row.letters[q] = text
        row.dirty = True
        self.dataChanged.emit(index, index)
        last = self.index(index.row(), len(self.header) - 1)
        self.dataChanged.emit(last, last)


class PaperGrid(QTableView):
    """Keyboard entry without editors: keys go straight into the current cell."""

    def __init__(self, model: PaperModel) -> None:
        super().__init__()
        self.paper = model
        self.setModel(model)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, model.columnCount()):
            self.horizontalHeader().setSectionResizeMode(column,
                                                         QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, 56)

    def _advance(self) -> None:
        index = self.currentIndex()
        column, row = index.column() + 1, index.row()
        if self.paper.question_of(column) is None:
            column, row = self.paper.first, row + 1
        if row < self.paper.rowCount():
            self.setCurrentIndex(self.paper.index(row, column))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        q = self.paper.question_of(index.column()) if index.isValid() else None
        text = event.text().upper()
        if q is not None and len(text) == 1 and "A" <= text <= "Z":
            current = self.paper.sheet.multiple[q] and self.paper.rows()[index.row()].letters[q]
            self.paper.set_letters(index, (current or "") + text)
            if not self.paper.sheet.multiple[q]:
                self._advance()
            return
        if q is not None and text in ("-", " "):
            self.paper.set_letters(index, "")
            self._advance()
            return
        if q is not None and event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.paper.set_letters(index, "")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            self._advance()
            return
        super().keyPressEvent(event)


class PaperEntryDialog(QDialog):
    def __init__(self, ctx: AppContext, session_id: int, position: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.position = position
        sheet = paper_entry.paper_sheet(ctx.factory, session_id, position)
        self.setWindowTitle(f"Nhập bài làm trên giấy — {sheet.quiz_title}")
        self.model = PaperModel(sheet)
        self.grid = PaperGrid(self.model)
        self.grid.selectionModel().currentRowChanged.connect(self._row_left)
        hint = QLabel("Gõ chữ cái đáp án: câu một ý tự sang ô sau; câu có dấu * (nhiều ý) gõ "
                      "các chữ rồi Enter. Dấu - hoặc cách: bỏ trống. Dòng được chấm và lưu khi "
                      "chuyển sang dòng khác.")
        hint.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        row, self.save_button, _close = confirm_cancel_row(self.save_all, self.accept, "Lưu")
        _close.setText("Đóng")
        layout.addLayout(row)
        self.resize(1000, 600)
        if self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(0, self.model.first))
        else:
            self.status.setText("Chưa có ai có mặt trong buổi này: hãy điểm danh trước.")

    def _row_left(self, _current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid():
            self.save_row(previous.row())

    def save_row(self, number: int) -> bool:
        row = self.model.row_item(number)
        if row is None or not row.dirty:
            return True
        problems = self.model.row_problems(row)
        if problems:
            self.status.setText(f"Dòng {number + 1} ({row.name}) chưa lưu: "
                                + "; ".join(problems) + ".")
            return False
        try:
            result = paper_entry.save_paper_row(self.ctx.factory, self.session_id,
                                                self.position, row.person_id, row.letters)
        except UserError as exc:
            self.status.setText(f"Dòng {number + 1} ({row.name}) chưa lưu: {exc.message}")
            return False
        row.score, row.dirty = result.score, False
        last = self.model.index(number, self.model.columnCount() - 1)
        self.model.dataChanged.emit(last, last)
        verdict = "đạt" if result.passed else "chưa đạt"
        self.status.setText(f"Đã lưu {row.name}: {format_mark(result.score)}/10 ({verdict}).")
        self.ctx.events.data_changed.emit("attempt")
        return True

    def save_all(self) -> None:
        failed = [n for n in range(self.model.rowCount()) if not self.save_row(n)]
        if failed:
            self.status.setText("Các dòng chưa lưu vì có lỗi (ô đỏ): "
                                + ", ".join(str(n + 1) for n in failed) + ".")
        else:
            self.status.setText("Đã lưu tất cả các dòng.")

    def accept(self) -> None:
        self.save_all()
        if not any(r.dirty for r in self.model.rows()):
            super().accept()
