"""Điểm danh: checking people in at the door, built for speed.

Type a few letters of any part of the name (no accents needed) and press Enter: when one
person not yet arrived matches, they are checked in, the box empties and keeps the focus
for the next one. Otherwise ↓ / ↑ choose among the matches and Enter checks in the one
highlighted. Statuses by hand (Alt+C có mặt, Alt+M đến muộn, Alt+P vắng có phép, Alt+V
vắng), attendance from the signed sheet by row numbers, walk-ins (Ctrl+N), undo (Ctrl+Z).
Everything goes through ``services.attendance_service``; after a change the page announces
``data_changed("attendance")`` and refreshes with every other view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import SessionStatus
from trainer_app.services.errors import UserError
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.attendance import AttendanceRow, MarkResult
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.walk_in_dialog import WalkInDialog
from trainer_app.ui.models.attendance_table_model import arrived, status_label
from trainer_app.ui.pages.attendance_parts import (
    EMPTY_TEXT,
    HINT,
    LOCKED_TEXT,
    STATUS_BUTTONS,
    SessionBar,
    counter_texts,
    default_session,
    describe_rows,
)
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.widgets.checkin_list import CheckinList
from trainer_app.ui.widgets.empty_state import empty_state_card
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.sheet_rows_entry import SheetRowsEntry
from trainer_app.ui.widgets.wrap_row import WrapRow

ATTENDANCE = "attendance"


class AttendancePage(Page):
    watches = (ATTENDANCE, "sessions", events.PEOPLE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Điểm danh", parent)
        self.sessions: list[session_service.SessionSummary] = []
        self.session_id: int | None = None
        self.locked = False
        self._undo: list[tuple[str, list[attendance_service.PreviousState]]] = []

        # The search box is placed first, so that Enter on the navigation (which focuses
        # the page's first focusable widget) lands in it; the session bar goes above it
        # afterwards.
        self.list = CheckinList(self)
        self.search_edit = self.list.search_edit
        self.table = self.list.table
        self.model = self.list.model
        self.walk_in_button = QPushButton("Thêm người đến không có tên…")
        self.walk_in_button.setToolTip("Người đến dự mà không có trong danh sách mời (Ctrl+N)")
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.search_row = WrapRow(self.search_edit, self.walk_in_button)

        self.bar = SessionBar()
        self.bar.combo.currentIndexChanged.connect(self._on_session_chosen)
        self.counters = paragraph("", "counter")
        self.counters.setObjectName("attendanceCounters")
        self.counters.setTextFormat(Qt.TextFormat.RichText)
        self.counters.setToolTip("Có mặt: mọi người đã đến, kể cả đến muộn và người đến thêm.")
        self.counters_detail = paragraph("", "muted")
        self.locked_label = paragraph(LOCKED_TEXT, "warning")
        self.locked_label.hide()
        self.status_line = paragraph(HINT, "muted")
        self.status_line.setObjectName("attendanceStatusLine")
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.list.enter.connect(self.enter_pressed)
        self.list.activated.connect(self.check_in_current)
        self.list.undo_requested.connect(self.undo)

        self.status_buttons: dict[str, QPushButton] = {}
        actions = FlowLayout()
        for status, text, keys in STATUS_BUTTONS:
            button = QPushButton(text)
            button.setToolTip(f"Ghi “{text}” cho người đang chọn ({keys})")
            self._shortcut(keys, lambda s=status: self.set_status(s))
            button.setProperty("status", str(status))  # its colour, in style.qss
            button.clicked.connect(lambda _checked=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            actions.addWidget(button)
        self.undo_button = QPushButton("Hoàn tác")
        self.undo_button.clicked.connect(self.undo)
        actions.addWidget(self.undo_button)
        self.rows_entry = SheetRowsEntry()
        self.rows_entry.submitted.connect(self.mark_rows)

        self.go_sessions_button = QPushButton("Mở trang Buổi tập huấn")
        self.go_sessions_button.setProperty("role", "primary")
        self.go_sessions_button.clicked.connect(
            lambda: self.ctx.events.navigate_requested.emit("sessions"))
        self.empty_state, self.empty_title = empty_state_card(
            EMPTY_TEXT, "Mỗi buổi có danh sách người được mời; trang này dùng để điểm danh "
            "họ khi đến.", [self.go_sessions_button])

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.search_row)
        column.insertWidget(0, self.locked_label)
        column.insertWidget(0, self.counters_detail)
        column.insertWidget(0, self.counters)
        column.insertWidget(0, self.bar)
        column.addWidget(self.status_line)
        column.addWidget(self.table, 1)
        column.addLayout(actions)
        column.addWidget(self.rows_entry)
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_state)
        empty_layout.addStretch(1)
        self.content = QStackedWidget()
        self.content.addWidget(content)
        self.content.addWidget(empty_page)
        self.body_layout.addWidget(self.content, 1)

        QWidget.setTabOrder(self.bar.combo, self.search_edit)
        QWidget.setTabOrder(self.search_edit, self.walk_in_button)
        QWidget.setTabOrder(self.walk_in_button, self.table)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut(QKeySequence.StandardKey.Undo, self.undo)
        self._shortcut("Ctrl+N", self.add_walk_in)
        self.rows_entry.edit.installEventFilter(self)
        self._update_enabled()

    def _shortcut(self, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.rows_entry.edit and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Undo)):
            self.undo()  # the last change, not the field's own typing
            return True
        return super().eventFilter(watched, event)

    # -- loading --------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        self.sessions = session_service.list_sessions(self.ctx.factory)
        usable = [s for s in self.sessions if s.status != SessionStatus.CANCELLED]
        ids = [s.id for s in usable]
        if self.session_id not in ids:
            self._set_session(default_session(usable, date.today()))
        self.bar.fill(usable, self.session_id)
        self.content.setCurrentIndex(0 if usable else 1)
        self.reload()

    def _set_session(self, session_id: int | None) -> None:
        if session_id != self.session_id:
            self._undo.clear()
            self.session_id = session_id

    def _on_session_chosen(self, _index: int) -> None:
        chosen = self.bar.combo.currentData()
        if chosen is None or chosen == self.session_id:
            return
        self._set_session(int(chosen))
        self.search_edit.clear()
        self._say(HINT, "muted")
        self.reload()
        self.focus_search()

    def current_session(self) -> session_service.SessionSummary | None:
        return next((s for s in self.sessions if s.id == self.session_id), None)

    def reload(self) -> None:
        """The list and counters of the chosen session, keeping the selection."""
        summary = self.current_session()
        self.locked = summary is not None and summary.status == SessionStatus.FINISHED
        self.locked_label.setVisible(self.locked)
        if summary is None:
            self.list.set_rows([])
            self.counters.clear()
            self.counters_detail.clear()
            self._update_enabled()
            return
        self.list.set_rows(attendance_service.list_attendance(self.ctx.factory, summary.id))
        rich, plain, detail = counter_texts(attendance_service.counts(self.ctx.factory,
                                                                      summary.id))
        self.counters.setText(rich)
        self.counters.setAccessibleName(plain)
        self.counters_detail.setText(detail)
        if not self.model.rowCount() and not self.locked:
            self._say("Buổi này chưa mời ai. Mời ở trang Buổi tập huấn, hoặc bấm “Thêm người "
                      "đến không có tên”.", "muted")
        self._update_enabled()

    def counter_text(self) -> str:
        return self.counters.accessibleName()

    def _update_enabled(self) -> None:
        editable = self.session_id is not None and not self.locked
        for button in self.status_buttons.values():
            button.setEnabled(editable)
        self.walk_in_button.setEnabled(editable)
        self.rows_entry.setEnabled(editable)
        self.undo_button.setEnabled(editable and bool(self._undo))
        tip = f"Hoàn tác: {self._undo[-1][0]} (Ctrl+Z)" if self._undo else "Hoàn tác (Ctrl+Z)"
        self.undo_button.setToolTip(tip)

    # -- the search box and the highlighted row -----------------------------------------

    def visible_rows(self) -> list[AttendanceRow]:
        return self.list.visible_rows()

    def selected_rows(self) -> list[AttendanceRow]:
        return self.list.selected_rows()

    def current_row(self) -> AttendanceRow | None:
        return self.list.current_row()

    def select_people(self, person_ids: list[int]) -> None:
        self.list.select_people(person_ids)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def enter_pressed(self) -> None:
        """Enter in the search box: check in the one person meant, or say what to do."""
        rows = self.visible_rows()
        typed = self.search_edit.text().strip()
        if self.list.picked:
            target = self.current_row()
        else:
            waiting = [r for r in rows if not arrived(r)]
            target = waiting[0] if len(waiting) == 1 else None
            if target is None and len(rows) == 1:
                target = rows[0]  # already here: says when they checked in
            if target is None:
                self._explain_no_target(typed, rows, waiting)
                return
        if target is None:
            self._say(HINT, "muted")
            return
        self.check_in(target)

    def _explain_no_target(self, typed: str, rows: list[AttendanceRow],
                           waiting: list[AttendanceRow]) -> None:
        if not typed:
            self._say(HINT, "muted")
        elif not rows:
            self._say(f"Không tìm thấy ai khớp với “{typed}”. Gõ ít chữ hơn, hoặc bấm “Thêm "
                      "người đến không có tên”.", "warning")
        elif not waiting:
            self._say(f"Cả {len(rows)} người khớp với “{typed}” đã điểm danh.", "warning")
        else:
            self._say(f"Có {len(waiting)} người chưa điểm danh khớp với “{typed}”: gõ thêm "
                      "chữ, hoặc dùng phím ↓ ↑ để chọn rồi bấm Enter.", "warning")

    # -- actions --------------------------------------------------------------------------

    def _say(self, text: str, role: str) -> None:
        self.status_line.setText(text)
        style.set_role(self.status_line, role)

    def status_text(self) -> str:
        return self.status_line.text()

    def _refuse_locked(self) -> bool:
        if self.session_id is None:
            self._say(EMPTY_TEXT, "warning")
            return True
        if self.locked:
            self._say(LOCKED_TEXT, "warning")
            return True
        return False

    def _changed(self, description: str, result: MarkResult, message: str,
                 select: list[int]) -> None:
        """Remember the change for undo, announce it, show it."""
        if result.previous:
            self._undo.append((description, list(result.previous)))
        self.ctx.events.data_changed.emit(ATTENDANCE)
        if not (self._ready and self.isVisible()):
            self.reload()
        self.model.update_rows(result.rows)
        warnings = list(result.warnings)
        self._say(" ".join([message, *warnings]), "warning" if warnings else "ok")
        self.select_people(select)
        self._update_enabled()

    def check_in_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.check_in(row)

    def check_in(self, row: AttendanceRow) -> None:
        if self._refuse_locked() or self.session_id is None:
            return
        try:
            result = attendance_service.check_in(self.ctx.factory, self.session_id,
                                                 row.person_id)
        except UserError as exc:
            self.search_edit.clear()
            self._say(exc.message, "warning" if exc.code == "already_checked_in" else "error")
            self.select_people([row.person_id])
            self.focus_search()
            return
        self.search_edit.clear()
        done = result.rows[0] if result.rows else row
        when = f" lúc {done.checked_in_at:%H:%M}" if done.checked_in_at else ""
        self._changed(f"điểm danh {done.full_name}", result,
                      f"Đã điểm danh {done.full_name}: {status_label(done.status).lower()}"
                      f"{when}.", [row.person_id])
        self.focus_search()

    def set_status(self, status: str) -> None:
        if self._refuse_locked() or self.session_id is None:
            return
        rows = self.selected_rows()
        if not rows:
            self._say("Chọn một người trong danh sách trước (gõ tên, hoặc dùng ↓ ↑).",
                      "warning")
            self.focus_search()
            return
        changed: list[AttendanceRow] = []
        previous: list[attendance_service.PreviousState] = []
        try:
            for row in rows:
                result = attendance_service.mark(self.ctx.factory, self.session_id,
                                                 row.person_id, status)
                changed += result.rows
                previous += result.previous
        except UserError as exc:
            if previous:  # stopped half-way: what was stored can still be undone
                self._undo.append((f"ghi trạng thái cho {len(previous)} người", previous))
                self.ctx.events.data_changed.emit(ATTENDANCE)
            self._say(exc.message, "error")
            self._update_enabled()
            return
        names = rows[0].full_name if len(rows) == 1 else f"{len(rows)} người"
        label = status_label(status)
        self._changed(f"ghi “{label}” cho {names}", MarkResult(changed, previous, []),
                      f"Đã ghi “{label}” cho {names}.", [r.person_id for r in rows])
        self.focus_search()

    def mark_rows(self, text: str, status: str) -> None:
        if self._refuse_locked() or self.session_id is None:
            return
        try:
            result = attendance_service.mark_rows(self.ctx.factory, self.session_id, text,
                                                  status)
        except UserError as exc:
            self.rows_entry.show_error(exc.message)
            return
        self.rows_entry.done()
        label = status_label(status)
        what = describe_rows(result.rows)
        self._changed(f"ghi “{label}” cho {what}", result, f"Đã ghi “{label}” cho {what}.",
                      [r.person_id for r in result.rows])

    def add_walk_in(self) -> None:
        if self._refuse_locked() or self.session_id is None:
            return
        dialog = WalkInDialog(self.ctx, self.session_id, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
                self.focus_search()
                return
            outcome = dialog.outcome
        finally:
            dialog.deleteLater()
        if outcome.result is None:
            self._say(outcome.message, "warning" if outcome.warning else "ok")
        else:
            people = [r.person_id for r in outcome.result.rows]
            names = ", ".join(r.full_name for r in outcome.result.rows)
            self._changed(f"thêm {names}", outcome.result, outcome.message, people)
            if outcome.warning:
                style.set_role(self.status_line, "warning")
        self.focus_search()

    def undo(self) -> None:
        if self._refuse_locked():
            return
        if not self._undo:
            self._say("Không có gì để hoàn tác.", "muted")
            return
        description, previous = self._undo.pop()
        try:
            attendance_service.restore(self.ctx.factory, previous)
        except UserError as exc:
            self._say(exc.message, "error")
            return
        self.ctx.events.data_changed.emit(ATTENDANCE)
        if not (self._ready and self.isVisible()):
            self.reload()
        self._say(f"Đã hoàn tác: {description}.", "ok")
        self.select_people([p.person_id for p in previous])
        self._update_enabled()
        self.focus_search()

