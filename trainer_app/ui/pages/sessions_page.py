"""Buổi tập huấn: the sessions (upcoming and past, newest first) on the left; the chosen
one on the right with its agenda, the actions of the day (check-in, start, a quiz on the
laptop or typed in from paper, finish) and its results, live while people answer."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.sessions import results as session_results
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.preflight import preflight
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_error, show_info, show_warning
from trainer_app.ui.dialogs.paper_entry_dialog import PaperEntryDialog
from trainer_app.ui.dialogs.session_dialog import SessionDialog
from trainer_app.ui.kiosk.kiosk_window import KioskWindow, open_kiosk
from trainer_app.ui.models.session_models import SessionTableModel
from trainer_app.ui.pages.attendance_parts import default_session
from trainer_app.ui.pages.base import Page
from trainer_app.ui.presenter.run_window import RunWindow
from trainer_app.ui.widgets.empty_state import empty_state_card
from trainer_app.ui.widgets.session_detail_panel import SessionDetailPanel

SESSIONS = "sessions"


class SessionsPage(Page):
    watches = (SESSIONS, "attendance", "attempt", events.PEOPLE, "quizzes")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "Buổi tập huấn")
        self.kiosk: KioskWindow | None = None
        self.runner: RunWindow | None = None
        self.new_button = QPushButton("Tạo buổi tập huấn…")
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.create_session)
        self.model = SessionTableModel()
        self.table = QTableView()
        self.table.setObjectName("sessionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.programmes_button = QPushButton("Chương trình tập huấn…")
        self.programmes_button.clicked.connect(self.edit_programmes)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.new_button)
        column.addWidget(self.programmes_button)
        column.addWidget(self.table, 1)
        self.panel = SessionDetailPanel()
        self.panel.setObjectName("sessionDetail")
        self.panel.edit_requested.connect(self.edit_session)
        self.panel.duplicate_requested.connect(self.duplicate_session)
        self.panel.start_requested.connect(self.start_session)
        self.panel.finish_requested.connect(self.finish_session)
        self.panel.checkin_requested.connect(
            lambda: ctx.events.navigate_requested.emit("attendance"))
        self.panel.kiosk_requested.connect(self.open_kiosk)
        self.panel.phone_requested.connect(lambda position, _title: self.open_phone(position))
        self.panel.run_requested.connect(self.run_session)
        self.panel.invite_requested.connect(self.invite_people)
        self.panel.check_requested.connect(lambda: self.check_before(ask=False))
        self.panel.sheets_requested.connect(self.print_answer_sheets)
        self.panel.documents_requested.connect(self.open_documents)
        self.panel.paper_requested.connect(self.open_paper_entry)
        # The list stays narrow (two lines per session) so the session itself gets the room.
        left.setMaximumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        # Its own scroll area: on a small screen the session's actions and tables scroll
        # instead of squeezing (the action rows wrap, so their height depends on the width).
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setWidget(self.panel)
        self.splitter.addWidget(panel_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        first = QPushButton("Tạo buổi tập huấn…")
        first.setProperty("role", "primary")
        first.clicked.connect(self.create_session)
        self.empty, _title = empty_state_card(
            "Chưa có buổi tập huấn nào",
            "Tạo buổi đầu tiên từ chương trình \"Bảo vệ trẻ em trên môi trường mạng\": "
            "chọn ngày giờ, địa điểm và những khu phố được mời.", [first])
        self.empty.hide()  # until the first refresh says which of the two to show
        self.splitter.hide()
        self.body_layout.addWidget(self.empty)
        self.body_layout.addWidget(self.splitter, 1)

    # --- data -----------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        row = self.model.row_item(self.table.currentIndex().row())
        return row.id if row else None

    def refresh(self, kind: str = events.ALL) -> None:
        keep = self.selected_id()
        rows = session_service.list_sessions(self.ctx.factory)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.splitter.setVisible(bool(rows))
        ids = [r.id for r in rows]
        if not ids:
            return
        # The same default as the Điểm danh page: in progress, today's, next, latest.
        target = keep if keep in ids else (default_session(rows, date.today()) or rows[0].id)
        row = ids.index(target)
        if self.table.currentIndex().row() == row:
            self._show(target)  # same row: no selection signal, show the fresh figures
        else:
            self.table.selectRow(row)  # _selected shows it

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_item(current.row())
        if row is not None:
            self._show(row.id)

    def _show(self, session_id: int) -> None:
        self.panel.show_detail(session_results.session_detail(self.ctx.factory, session_id))

    def select(self, session_id: int) -> None:
        ids = [r.id for r in self.model.rows()]
        if session_id in ids:
            self.table.selectRow(ids.index(session_id))

    # --- actions --------------------------------------------------------------------------

    def create_session(self) -> None:
        dialog = SessionDialog(self.ctx, self)
        if dialog.exec() and dialog.session_id is not None:
            self._after_save(dialog)

    def invite_people(self) -> None:
        from trainer_app.ui.dialogs.invite_dialog import InviteDialog

        session_id = self.selected_id()
        if session_id is None:
            return
        dialog = InviteDialog(self.ctx, session_id, self)
        if dialog.exec():
            self.refresh()
        dialog.deleteLater()

    def edit_programmes(self) -> None:
        from trainer_app.ui.dialogs.programme_dialog import ProgrammeDialog

        dialog = ProgrammeDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def edit_session(self) -> None:
        if self.panel.detail is None:
            return
        dialog = SessionDialog(self.ctx, self, self.panel.detail)
        if dialog.exec():
            self._after_save(dialog)

    def _after_save(self, dialog: SessionDialog) -> None:
        self.refresh()
        if dialog.session_id is not None:
            self.select(dialog.session_id)
        if dialog.warnings:
            show_warning(self, "Lưu ý", "\n".join(dialog.warnings))

    def duplicate_session(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        day = max(date.today(), detail.held_on) + timedelta(days=7)
        result = session_service.duplicate_session(self.ctx.factory, detail.id, day)
        self.ctx.events.data_changed.emit(SESSIONS)
        self.refresh()
        self.select(result.session_id)
        self.ctx.events.status_message.emit(
            f"Đã nhân bản thành buổi ngày {day:%d/%m/%Y}; hãy sửa ngày giờ nếu cần.")

    def start_session(self) -> None:
        if self.check_before(ask=True):
            self._call(lambda sid: session_service.start_session(self.ctx.factory, sid))

    def check_before(self, *, ask: bool) -> bool:
        """Show the pre-flight findings; with ``ask``, whether to go on anyway."""
        session_id = self.selected_id()
        if session_id is None:
            return False
        findings = preflight(self.ctx.factory, self.ctx.data_dir.media_dir, session_id)
        if not findings:
            if not ask:
                show_info(self, "Kiểm tra trước buổi", "Mọi thứ đã sẵn sàng: các video, tài "
                          "liệu và bộ câu hỏi của chương trình đều có.")
            return True
        text = "\n".join(("✗ " if f.severity == "error" else "• ") + f.message
                         for f in findings)
        if not ask:
            show_warning(self, "Kiểm tra trước buổi", text)
            return False
        return choose(self, "Kiểm tra trước buổi", "Cần xem lại trước khi bắt đầu:",
                      [("Vẫn bắt đầu", True), ("Để sau", False)], default=False,
                      escape=False, details=text) is True

    def finish_session(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        waiting = detail.counts.unknown
        text = ("Kết thúc và khóa buổi này?" + (
            f" {waiting} người chưa điểm danh sẽ được ghi là vắng." if waiting else ""))
        if choose(self, "Kết thúc buổi", text, [("Kết thúc buổi", True), ("Hủy", False)],
                  default=False, escape=False) is True:
            self._call(lambda sid: session_service.finish_session(self.ctx.factory, sid))

    def _call(self, action: object) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        try:
            action(session_id)  # type: ignore[operator]
        except UserError as exc:
            show_error(self, "Không thực hiện được", exc.message)
            return
        self.ctx.events.data_changed.emit(SESSIONS)
        self.refresh()

    def open_kiosk(self, position: int, title: str) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        window = open_kiosk(self.ctx, self, session_id, position, title)
        if window is not None:
            self.kiosk = window
            window.closed.connect(self.refresh)

    def open_phone(self, position: int, parent: QWidget | None = None) -> None:
        """Làm bài trên điện thoại: serve the quiz of step ``position`` to the room's phones."""
        from trainer_app.ui.phone_quiz.phone_quiz import PhoneQuiz

        session_id = self.selected_id() if self.runner is None else self.runner.session_id
        if session_id is None:
            return
        if self.ctx.phone_quiz is None:
            self.ctx.phone_quiz = PhoneQuiz(self.ctx, self)
        self.ctx.phone_quiz.open(parent or self, session_id, position)

    def open_paper_entry(self, position: int) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        try:
            dialog = PaperEntryDialog(self.ctx, session_id, position, self)
        except UserError as exc:
            show_error(self, "Không mở được", exc.message)
            return
        dialog.exec()
        self.refresh()

    def run_session(self) -> None:
        """Run mode: the presenter on the projector (or full screen), controls here."""
        session_id = self.selected_id()
        if session_id is None:
            return
        if self.runner is not None:
            self.runner.close()
        status = self.panel.detail.status if self.panel.detail else ""
        if status == "planned" and not self.check_before(ask=True):
            return
        try:
            self.runner = RunWindow(
                self.ctx, session_id, open_media=self._play_media,
                open_kiosk=lambda position, title: self.open_kiosk(position, title),
                open_phone=lambda position: self.open_phone(position, self.runner))
        except UserError as exc:
            show_error(self, "Không trình chiếu được", exc.message)
            return
        self.runner.finished.connect(self._run_finished)
        self.runner.start(self.window())
        self.refresh()

    def print_answer_sheets(self, position: int) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog

        from trainer_app.services.quizzes.answer_sheets import write_answer_sheets

        detail = self.panel.detail
        step = next((s for s in detail.steps if s.position == position), None) \
            if detail else None
        if detail is None or step is None or not step.quiz_code:
            return
        blank, ok = QInputDialog.getInt(self, "In phiếu trả lời", "Thêm bao nhiêu phiếu trống "
                                        "(cho người đến không có tên)?", 5, 0, 200)
        if not ok:
            return
        name = f"phieu-tra-loi-{detail.held_on:%Y-%m-%d}-{step.phase or 'kiem-tra'}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Lưu phiếu trả lời", str(Path.home() / name), "PDF (*.pdf)")
        if not path:
            return
        try:
            result = write_answer_sheets(self.ctx.factory, session_id=detail.id,
                                         quiz=step.quiz_code, path=path, blank=blank,
                                         phase=step.phase)
        except UserError as exc:
            show_error(self, "Chưa lưu được", exc.message)
            return
        self.ctx.events.status_message.emit(
            f"Đã lưu {result.sheets} phiếu ({result.pages} trang): {result.file}")
        QDesktopServices.openUrl(QUrl.fromLocalFile(result.file))

    def open_documents(self) -> None:
        """The session's documents: preview, save, print (ui/dialogs/documents_dialog.py)."""
        from trainer_app.ui.dialogs.documents_dialog import DocumentsDialog

        if self.panel.detail is None:
            return
        dialog = DocumentsDialog(self.ctx, self.panel.detail, self)
        dialog.exec()
        dialog.deleteLater()

    def _run_finished(self) -> None:
        self.runner = None  # dropped: the closed window goes with it
        self.refresh()

    def _play_media(self, parent: QWidget, media_item_id: int) -> None:
        from trainer_app.services.media import service as media_service
        from trainer_app.ui.player import launcher

        try:
            item = media_service.get_item(self.ctx.factory, self.ctx.data_dir.media_dir,
                                          media_item_id)
        except UserError as exc:
            show_error(parent, "Không mở được", exc.message)
            return
        launcher.open_media(parent, self.ctx, item)
