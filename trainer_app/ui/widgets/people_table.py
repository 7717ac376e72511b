"""The table of the Cộng tác viên page: one person per row, sortable, several rows may be
selected. It knows its selection (``selected_people``, ``current_person``, ``select_ids``)
and sizes its columns to the font; Enter on a row calls ``on_enter`` (``activated`` is not
used: on styles that activate on a single click, one click would open the dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from trainer_app.services.roster.service import PersonRow
from trainer_app.ui.models.people_table_model import COLUMNS, PeopleTableModel

__all__ = ["COLUMN_LETTERS", "PeopleTable"]

# Column widths in average characters (the header text is the minimum).
COLUMN_LETTERS = (26, 8, 8, 13, 12, 26, 20, 8, 7, 24)


class PeopleTable(QTableView):
    def __init__(self, model: PeopleTableModel, on_enter: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_enter = on_enter
        self.people_model = model
        self.setModel(model)
        self.setAccessibleName("Danh sách cộng tác viên")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.doubleClicked.connect(lambda _index: on_enter())
        self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_enter()
            return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        metrics = self.fontMetrics()
        bold = self.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = type(metrics)(bold)
        for column, letters in enumerate(COLUMN_LETTERS):
            width = max(metrics.averageCharWidth() * letters,
                        header_metrics.horizontalAdvance(COLUMNS[column]) + 28)
            self.setColumnWidth(column, width)

    # -- selection ------------------------------------------------------------------------

    def selected_people(self) -> list[PersonRow]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        people = [self.people_model.person(row) for row in rows]
        return [p for p in people if p is not None]

    def current_person(self) -> PersonRow | None:
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isRowSelected(index.row()):
            return self.people_model.person(index.row())
        people = self.selected_people()
        return people[0] if people else None

    def select_ids(self, ids: list[int]) -> None:
        selection = self.selectionModel()
        selection.clearSelection()
        first = True
        for person_id in ids:
            row = self.people_model.row_of(person_id)
            if row is None:
                continue
            index = self.people_model.index(row, 0)
            flag = QItemSelectionModel.SelectionFlag
            flags = (flag.ClearAndSelect if first else flag.Select) | flag.Rows
            selection.setCurrentIndex(index, flags)
            first = False
        if not first:
            self.scrollTo(selection.currentIndex())
