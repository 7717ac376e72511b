"""The trainer's list of who answers on phones (name, state, answered, where): a
database-free table model fed by ``set_status``. Live updates change only the rows that
changed (no model reset), so a room of 100 phones costs the window next to nothing."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt

from trainer_app.services.quizzes.phone_quiz import LivePerson
from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

STATE_WORDS = {"answering": "đang làm", "submitted": "đã nộp ✓"}


class PhonePeopleModel(RowTableModel[LivePerson]):
    columns: ClassVar[tuple[str, ...]] = ("Họ và tên", "Tình trạng", "Đã trả lời", "Làm trên")

    def __init__(self) -> None:
        super().__init__()
        self.question_count = 0

    def set_status(self, people: list[LivePerson], question_count: int) -> None:
        same_people = [p.person_id for p in people] == [p.person_id for p in self._rows]
        if not same_people or question_count != self.question_count:
            self.question_count = question_count
            self.set_rows(people)
            return
        for row, (old, new) in enumerate(zip(self._rows, people, strict=True)):
            if old != new:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 1), self.index(row, 3))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        person = self.row_item(index.row())
        if person is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (person.full_name, STATE_WORDS.get(person.state, person.state),
                f"{person.answered}/{self.question_count} câu",
                "điện thoại" if person.on_phone else "máy, giấy")[index.column()]
