"""The search box and the list of the Điểm danh page, and the keyboard between them.

Typing filters the list at once (no delay: the list is one session's people) and highlights
the first match not yet arrived; ↓ / ↑ in the box move the highlight without leaving the
box, Enter asks the page to check in (signal ``enter``), Esc empties the box. Enter or a
double click on a row of the table asks to check that row in (signal ``activated``).
The page places the two widgets where it wants them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget

from trainer_app.services.sessions.attendance import AttendanceRow
from trainer_app.ui.models.attendance_table_model import (
    ARCHIVED_FLAG,
    COL_NAME,
    COL_STATUS,
    COLUMNS,
    WALK_IN_FLAG,
    AttendanceFilter,
    AttendanceTableModel,
    arrived,
)

# The widest text each column must show whole (in bold: statuses and titles are bold);
# the name column takes the room left over. "Chưa điểm danh" is not bold.
COLUMN_SAMPLES = ("999", "", "1999", "Khu phố 99", "Vắng có phép", "00:00",
                  max(WALK_IN_FLAG, ARCHIVED_FLAG, key=len))  # both at once: elided
UNKNOWN_SAMPLE = "Chưa điểm danh"
CELL_PADDING = 16
MIN_VISIBLE_ROWS = 6
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CheckinTable(QTableView):
    """Enter on a row asks for it to be checked in (``activated`` is not used: on styles
    that activate on a single click, one click would check someone in)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and self.currentIndex().isValid():
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class CheckinList(QObject):
    enter = Signal()  # Enter in the search box
    activated = Signal()  # Enter or double click on a row: check in the current row
    undo_requested = Signal()  # Ctrl+Z in the search box (not the box's own undo)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.picked = False  # a row was chosen with ↓ / ↑ since the last letter typed
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("checkinSearch")
        self.search_edit.setPlaceholderText("Gõ vài chữ của tên rồi Enter — VD: lan, ng t lan")
        self.search_edit.setToolTip("Không cần dấu. Enter điểm danh khi chỉ còn một người khớp; "
                                    "nhiều người khớp thì dùng ↓ ↑ để chọn rồi Enter. (Ctrl+F)")
        self.search_edit.setAccessibleName("Tìm người để điểm danh")
        self.search_edit.setClearButtonEnabled(True)

        self.model = AttendanceTableModel(self)
        self.proxy = AttendanceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = CheckinTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Danh sách điểm danh")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The name takes the room left, so the list needs no sideways scrolling at 1024 px.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.fit_columns()

        self.table.enter_pressed.connect(self.activated)
        self.table.doubleClicked.connect(lambda _index: self.activated.emit())
        self.search_edit.textChanged.connect(self._on_text_changed)
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)

    def fit_columns(self) -> None:
        plain = QFontMetrics(self.table.font())
        bold_font = self.table.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        self.table.horizontalHeader().setMinimumSectionSize(plain.averageCharWidth() * 6)
        for number, sample in enumerate(COLUMN_SAMPLES):
            if number == COL_NAME:
                continue
            width = max(bold.horizontalAdvance(sample), bold.horizontalAdvance(COLUMNS[number]))
            if number == COL_STATUS:
                width = max(width, plain.horizontalAdvance(UNKNOWN_SAMPLE))
            self.table.setColumnWidth(number, width + CELL_PADDING)
        # Always a few people in sight: at large text sizes the page scrolls instead.
        rows = self.table.verticalHeader().defaultSectionSize() * MIN_VISIBLE_ROWS
        self.table.setMinimumHeight(rows + self.table.horizontalHeader().sizeHint().height()
                                    + 2 * self.table.frameWidth())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table:
            if event.type() == QEvent.Type.FontChange:
                self.fit_columns()
            return False
        if (watched is not self.search_edit or event.type() != QEvent.Type.KeyPress
                or not isinstance(event, QKeyEvent)):
            return False
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_highlight(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in ENTER_KEYS:
            self.enter.emit()
            return True
        if key == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            return True
        return False

    # -- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        """New rows for the list, keeping the selection (or highlighting afresh)."""
        selected = [r.person_id for r in self.selected_rows()]
        self.model.set_rows(rows)
        if selected:
            self.select_people(selected)
        else:
            self.highlight_default()

    def _on_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self.picked = False
        self.highlight_default()

    def visible_rows(self) -> list[AttendanceRow]:
        return self.proxy.visible_rows()

    def _select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def highlight_default(self) -> None:
        """Highlight the first match not yet arrived (or else the first match)."""
        rows = self.visible_rows()
        if not rows:
            self.table.selectionModel().clearSelection()
            return
        waiting = [i for i, r in enumerate(rows) if not arrived(r)]
        self._select_proxy_row(waiting[0] if waiting else 0)

    def move_highlight(self, step: int) -> None:
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        selected = current.isValid() and self.table.selectionModel().isRowSelected(
            current.row())
        row = current.row() + step if selected else 0
        self._select_proxy_row(max(0, min(count - 1, row)))
        self.picked = True

    def selected_rows(self) -> list[AttendanceRow]:
        rows = sorted(self.proxy.mapToSource(i).row()
                      for i in self.table.selectionModel().selectedRows())
        found = [self.model.row_item(r) for r in rows]
        return [r for r in found if r is not None]

    def current_row(self) -> AttendanceRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_item(self.proxy.mapToSource(index).row())

    def select_people(self, person_ids: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flag = QItemSelectionModel.SelectionFlag
        first = True
        for person_id in person_ids:
            source = self.model.row_of(person_id)
            if source is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(source, 0))
            if not index.isValid():
                continue
            selection.setCurrentIndex(
                index, (flag.ClearAndSelect if first else flag.Select) | flag.Rows)
            first = False
        if not first:
            self.table.scrollTo(selection.currentIndex())
