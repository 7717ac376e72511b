"""First kiosk screen: the participant finds their name (accent-insensitive, any part of
the name) or says they are not on the list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.vntext import search_key
from trainer_app.services.quizzes.kiosk import KioskPerson

Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.people: list[KioskPerson] = []

    def set_people(self, people: list[KioskPerson]) -> None:
        self.beginResetModel()
        self.people = people
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            extra = ", ".join(x for x in (
                f"sinh {person.birth_year}" if person.birth_year else "",
                person.neighbourhood) if x)
            done = "   ✓ đã nộp bài" if person.submitted else ""
            return f"{person.full_name}" + (f"  ({extra})" if extra else "") + done
        if role == Qt.ItemDataRole.UserRole:
            return person.person_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.people[index.row()].submitted:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class NameScreen(QWidget):
    person_chosen = Signal(int)
    walk_in_requested = Signal(str)  # what was typed, to start the form with

    def __init__(self, quiz_title: str) -> None:
        super().__init__()
        self.all_people: list[KioskPerson] = []
        title = QLabel(quiz_title)
        title.setProperty("kiosk", "title")
        title.setWordWrap(True)
        prompt = QLabel("Gõ vài chữ trong tên của bạn (không cần dấu), rồi chọn tên:")
        prompt.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("kioskSearch")
        self.search.setPlaceholderText("Ví dụ: lan")
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose_single)
        self.model = PeopleModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.walk_in = QPushButton("Tôi không có trong danh sách")
        self.walk_in.clicked.connect(lambda: self.walk_in_requested.emit(self.search.text()))
        self.count = QLabel("")
        self.count.setProperty("kiosk", "hint")
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.walk_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)

    def set_people(self, people: list[KioskPerson]) -> None:
        self.all_people = people
        self.search.clear()
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = search_key(text).split()
        shown = [p for p in self.all_people
                 if all(any(part.startswith(w) for part in p.search_key.split())
                        for w in words)]
        self.model.set_people(shown)
        waiting = sum(not p.submitted for p in shown)
        self.count.setText(f"{waiting} người chưa làm bài" if shown else
                           "Không thấy tên này. Gõ lại, hoặc bấm nút bên phải.")
        if shown:
            self.list.setCurrentIndex(self.model.index(0))

    def _choose_single(self) -> None:
        available = [p for p in self.model.people if not p.submitted]
        if len(available) == 1:
            self.person_chosen.emit(available[0].person_id)
        else:
            self.list.setFocus()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and not self.model.people[index.row()].submitted:
            self.person_chosen.emit(self.model.people[index.row()].person_id)
