"""One collaborator's record: details, consent, sessions with pre/post scores, certificates;
and the personal-data requests (export everything stored, erase)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as roster_service
from trainer_app.services.roster.service import PersonHistory
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import confirm, show_error, show_info
from trainer_app.ui.models.people_table_model import format_phone
from trainer_app.ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)

SESSION_COLUMNS = ("Ngày", "Buổi tập huấn", "Điểm danh", "Điểm trước", "Điểm sau", "Kết quả")
CERTIFICATE_COLUMNS = ("Số giấy chứng nhận", "Ngày cấp", "Buổi tập huấn", "Tình trạng")


def format_day(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def format_score(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}".replace(".", ",")


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


def summary_line(history: PersonHistory) -> str:
    p = history.person
    parts = [p.gender_label, f"sinh năm {p.birth_year}" if p.birth_year else "",
             format_phone(p.phone), p.neighbourhood_name, p.role_name, p.unit]
    return " · ".join(part for part in parts if part)


class PersonHistoryDialog(QDialog):
    """``changed`` is True after an edit or an erasure (the page refreshes)."""

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.changed = False
        self.erased = False
        self.history: PersonHistory | None = None
        self.setWindowTitle("Hồ sơ cộng tác viên")
        self.setModal(True)

        self.name_label = QLabel()
        self.name_label.setProperty("role", "h2")
        self.name_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setProperty("role", "muted")
        self.source_label.setWordWrap(True)
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)

        self.sessions_heading = QLabel("Các buổi tập huấn")
        self.sessions_heading.setProperty("role", "h2")
        self.sessions_table = _table(SESSION_COLUMNS)
        self.sessions_empty = QLabel("Chưa có tên trong buổi tập huấn nào.")
        self.sessions_empty.setProperty("role", "muted")
        self.certificates_heading = QLabel("Giấy chứng nhận")
        self.certificates_heading.setProperty("role", "h2")
        self.certificates_table = _table(CERTIFICATE_COLUMNS)
        self.certificates_empty = QLabel("Chưa có giấy chứng nhận.")
        self.certificates_empty.setProperty("role", "muted")

        self.edit_button = QPushButton("Sửa thông tin…")
        self.edit_button.clicked.connect(self.edit)
        self.export_button = QPushButton("Xuất dữ liệu cá nhân (Excel)…")
        self.export_button.setToolTip("Mọi thông tin ứng dụng lưu về người này, khi họ yêu cầu")
        self.export_button.clicked.connect(self.export_data)
        self.erase_button = QPushButton("Xóa dữ liệu cá nhân…")
        self.erase_button.setToolTip("Khi người này yêu cầu xóa: kết quả chỉ còn là số liệu "
                                     "không tên")
        self.erase_button.clicked.connect(self.erase)
        self.close_button = QPushButton("Đóng")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = FlowLayout()
        for button in (self.edit_button, self.export_button, self.erase_button,
                       self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        for widget in (self.name_label, self.details_label, self.source_label,
                       self.consent_label, self.notes_label, self.sessions_heading):
            layout.addWidget(widget)
        layout.addWidget(self.sessions_table, 2)
        layout.addWidget(self.sessions_empty)
        layout.addWidget(self.certificates_heading)
        layout.addWidget(self.certificates_table, 1)
        layout.addWidget(self.certificates_empty)
        layout.addLayout(buttons)
        self.load()
        metrics = self.fontMetrics()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = metrics.averageCharWidth() * 100, metrics.lineSpacing() * 30
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def load(self) -> None:
        history = roster_service.person_history(self.ctx.factory, self.person_id)
        self.history = history
        person = history.person
        archived = " (đã lưu trữ)" if person.archived else ""
        self.name_label.setText(person.full_name + archived)
        self.details_label.setText(summary_line(history) or "Chưa có thông tin thêm.")
        self.source_label.setText(f"Mã {person.id}. {history.source}")
        if person.consent_date:
            self.consent_label.setText(
                f"Đồng ý xử lý dữ liệu cá nhân: ngày {format_day(person.consent_date)} — "
                f"{person.consent_method}.")
            style.set_role(self.consent_label, "")
        else:
            self.consent_label.setText("Chưa ghi nhận sự đồng ý xử lý dữ liệu cá nhân. Hãy ghi "
                                       "lại trong “Sửa thông tin…”.")
            style.set_role(self.consent_label, "warning")
        self.notes_label.setText(f"Ghi chú: {person.notes}" if person.notes else "")
        self.notes_label.setVisible(bool(person.notes))
        sessions = [
            (format_day(s.held_on), s.title, s.attendance or "Không có tên",
             format_score(s.pre_score), format_score(s.post_score),
             "" if s.passed is None else ("Đạt" if s.passed else "Chưa đạt"))
            for s in history.sessions]
        _fill(self.sessions_table, sessions)
        self.sessions_table.setVisible(bool(sessions))
        self.sessions_empty.setVisible(not sessions)
        certificates = [
            (c.number, format_day(c.issued_on), c.session_title,
             f"Đã thu hồi: {c.revoked_reason}" if c.revoked else "Còn hiệu lực")
            for c in history.certificates]
        _fill(self.certificates_table, certificates)
        self.certificates_table.setVisible(bool(certificates))
        self.certificates_empty.setVisible(not certificates)

    # -- actions --------------------------------------------------------------------------

    def edit(self) -> bool:
        from trainer_app.ui.dialogs.person_dialog import PersonDialog

        if self.history is None:
            return False
        dialog = PersonDialog(self.ctx, self.history.person, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        self.changed = True
        self.ctx.events.data_changed.emit(events.PEOPLE)
        self.load()
        return True

    def export_data(self) -> Path | None:
        today = date.today()
        suggested = Path.home() / f"DuLieuCaNhan-ma{self.person_id}-{today:%Y%m%d}.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Xuất dữ liệu cá nhân", str(suggested), "Bảng tính Excel (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            roster_service.export_person_data(self.ctx.factory, self.person_id, path)
        except UserError as exc:
            show_error(self, "Không xuất được", exc.message)
            return None
        show_info(self, "Đã xuất dữ liệu cá nhân",
                  f"Đã lưu mọi thông tin về người này vào tệp {path.name}.",
                  f"Thư mục: {path.parent}. Hãy giao tệp cho người yêu cầu và không để lại "
                  "bản sao trên máy dùng chung.")
        return path

    def erase(self) -> bool:
        """Ask, then erase on a worker thread (scrubbing every backup in the data folder takes
        a while with many): True when the erasure was started."""
        if self.history is None:
            return False
        name = self.history.person.full_name
        if not confirm(
            self, "Xóa dữ liệu cá nhân",
            f"Xóa vĩnh viễn họ tên, năm sinh, số điện thoại, khu phố, ghi chú… của {name}?",
            "Xóa dữ liệu", "Không xóa",
            details="Chỉ làm khi chính người này yêu cầu. Kết quả kiểm tra và số lần có mặt "
                    "được giữ lại dưới dạng số liệu không tên cho báo cáo. Không hoàn tác "
                    "được. Dữ liệu cũng được xóa trong mọi bản sao lưu trong thư mục dữ liệu "
                    "(không trong các bản đã chép ra USB). Nên xuất dữ liệu cho người đó "
                    "trước khi xóa."):
            return False
        from trainer_app.ui.tasks import run_task

        factory, data_dir, person_id = self.ctx.factory, self.ctx.data_dir, self.person_id
        # Not cancellable: the database is erased first, then every backup; stopping half-way
        # would leave the name in the backups not yet scrubbed.
        self.erase_task = run_task(
            self, "Đang xóa dữ liệu cá nhân…",
            lambda _progress, _cancel: roster_service.erase_person_everywhere(
                factory, data_dir, person_id),
            on_done=self._erased, on_error=self._erase_failed, cancellable=False)
        return True

    def _erased(self, result: roster_service.EraseResult) -> None:
        self.changed = self.erased = True
        self.ctx.events.data_changed.emit(events.PEOPLE)
        show_info(self, "Đã xóa dữ liệu cá nhân", result.message)
        self.accept()

    def _erase_failed(self, exc: UserError) -> None:
        if exc.code == "backup_scrub_failed":  # the database itself was erased
            self.changed = self.erased = True
            self.ctx.events.data_changed.emit(events.PEOPLE)
        show_error(self, "Không xóa được", exc.message)
