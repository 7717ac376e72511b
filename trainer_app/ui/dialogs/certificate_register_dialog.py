"""Sổ cấp giấy chứng nhận: every certificate issued on this computer, by year and by
session, revoked ones included (in words and in red). From here a certificate is revoked
(a reason is required; its QR code then checks as ĐÃ THU HỒI) or re-issued (same number, a
new PDF with the name as it is now in the roster), and the register is saved as PDF or
Excel. Everything goes through ``certificate_service`` / ``certificate_documents``, which
log the revocations and re-issues; after a change the window emits
``data_changed("certificates")``.

Opened from Tệp ▸ Sổ cấp giấy chứng nhận… (all sessions) and from a session's "Giấy tờ…"
window (that session chosen).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.certificate_code import safe_file_stem
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates.documents import (
    RegisterResult,
    ReissueResult,
    reissue,
    write_register,
)
from trainer_app.services.errors import UserError
from trainer_app.services.sessions.results import session_detail
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_error
from trainer_app.ui.models.certificate_table_model import (
    COL_SESSION,
    COLUMNS,
    CertificateTableModel,
)
from trainer_app.ui.printing import print_pdf
from trainer_app.ui.tasks import TaskHandle, run_task
from trainer_app.ui.widgets.certificate_print_choices import print_choices, store_print_choices
from trainer_app.ui.widgets.key_table import KeyTable

__all__ = ["CertificateRegisterDialog", "RevokeDialog"]

TITLE = "Sổ cấp giấy chứng nhận"
FOLDER_KEY = "documents/last_folder"  # shared with the "Giấy tờ…" window
FILTERS = {".pdf": "PDF (*.pdf)", ".xlsx": "Excel (*.xlsx)"}


class RevokeDialog(QDialog):
    """Asks for the reason of a revocation ("Thu hồi" stays disabled until there is one)."""

    def __init__(self, row: certs.CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thu hồi giấy chứng nhận")
        text = QLabel(f"Thu hồi giấy chứng nhận số <b>{row.number}</b> cấp cho "
                      f"<b>{row.full_name}</b> ngày {row.issued_on:%d/%m/%Y}?<br>Giấy vẫn "
                      "ghi trong sổ; quét mã QR trên giấy sẽ báo ĐÃ THU HỒI. Không hoàn tác "
                      "được.")
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("revokeReason")
        self.reason.setMaxLength(certs.MAX_REASON)
        self.reason.setPlaceholderText("Ví dụ: cấp nhầm người, người nhận không dự đủ buổi")
        self.ok_button = QPushButton("Thu hồi")
        self.ok_button.setEnabled(False)
        self.ok_button.clicked.connect(self.accept)
        cancel = QPushButton("Hủy")
        cancel.clicked.connect(self.reject)
        cancel.setDefault(True)
        self.reason.textChanged.connect(
            lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel("Lý do thu hồi (bắt buộc):"))
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self.resize(560, 200)


class CertificateRegisterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 session_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(TITLE)
        self.changed_anything = False
        self.last_saved: Path | None = None
        self.task: TaskHandle | None = None
        self._settings = QSettings(str(ctx.data_dir.ui_settings_path),
                                   QSettings.Format.IniFormat)
        self.year = QComboBox()
        self.session = QComboBox()
        self.session.setMinimumContentsLength(30)
        self.session.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.model = CertificateTableModel(self)
        self.table = KeyTable()
        self.table.setObjectName("certificateTable")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._buttons())
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):  # the session's title takes what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column == COL_SESSION
                                        else QHeaderView.ResizeMode.ResizeToContents)
        on_forms, show_score = print_choices(self._settings)
        self.on_forms = QCheckBox("In lên phôi có sẵn")
        self.on_forms.setChecked(on_forms)
        self.show_score = QCheckBox("In điểm")
        self.show_score.setChecked(show_score)
        for box in (self.on_forms, self.show_score):
            box.toggled.connect(lambda _on: store_print_choices(
                self._settings, self.on_forms.isChecked(), self.show_score.isChecked()))
        self.revoke_button = self._button("&Thu hồi…", self.revoke)
        self.reissue_button = self._button("&Cấp lại…", self.reissue)
        self.pdf_button = self._button("Lưu sổ thành &PDF…", lambda: self.save_register(".pdf"))
        self.xlsx_button = self._button("Lưu sổ thành &Excel…",
                                        lambda: self.save_register(".xlsx"))
        self.folder_button = self._button("Mở thư mục", self.open_folder)
        self.folder_button.setEnabled(False)
        close = self._button("Đóng", self.accept)
        self.status = QLabel()
        self.status.setObjectName("registerStatus")
        self.status.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Năm:"))
        filters.addWidget(self.year)
        filters.addSpacing(12)
        filters.addWidget(QLabel("Buổi tập huấn:"))
        filters.addWidget(self.session, 1)
        filters.addWidget(self.count)
        again = QHBoxLayout()
        again.addWidget(self.revoke_button)
        again.addWidget(self.reissue_button)
        again.addWidget(QLabel("Khi cấp lại:"))
        again.addWidget(self.on_forms)
        again.addWidget(self.show_score)
        again.addStretch(1)
        files = QHBoxLayout()
        for button in (self.pdf_button, self.xlsx_button, self.folder_button):
            files.addWidget(button)
        files.addStretch(1)
        files.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(again)
        layout.addWidget(self.status)
        layout.addLayout(files)
        self.resize(1040, 640)
        self.reload(session_id=session_id)
        self.year.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.session.currentIndexChanged.connect(lambda _i: self.apply_filter())

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    # --- the list ---------------------------------------------------------------------------

    def reload(self, *, session_id: int | None = None) -> None:
        """Fill the filters from the whole register (keeping what was chosen), then the
        table."""
        everything = certs.list_certificates(self.ctx.factory)
        year = self.year.currentData()
        session_id = session_id if session_id is not None else self.session.currentData()
        sessions = {r.session_id: (r.held_on, r.session_title) for r in everything}
        if session_id is not None and session_id not in sessions:
            detail = session_detail(self.ctx.factory, session_id)
            sessions[session_id] = (detail.held_on, detail.title)
        for combo in (self.year, self.session):
            combo.blockSignals(True)
            combo.clear()
        self.year.addItem("Tất cả các năm", None)
        for value in sorted({r.serial_year or r.issued_on.year for r in everything},
                            reverse=True):
            self.year.addItem(str(value), value)
        self.session.addItem("Tất cả các buổi", None)
        for sid, (held_on, title) in sorted(sessions.items(), key=lambda i: (i[1][0], i[0]),
                                            reverse=True):
            self.session.addItem(f"{held_on:%d/%m/%Y} – {title}", sid)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.session.setCurrentIndex(max(0, self.session.findData(session_id)))
        for combo in (self.year, self.session):
            combo.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        chosen = self.selected()
        rows = certs.list_certificates(self.ctx.factory, session_id=self.session.currentData(),
                                       year=self.year.currentData())
        self.model.set_rows(rows)
        revoked = sum(1 for r in rows if r.revoked_on is not None)
        self.count.setText(f"{len(rows)} giấy, {revoked} đã thu hồi" if rows
                           else "Chưa có giấy nào")
        if chosen is not None:
            self.select(chosen.id)
        self._buttons()

    def select(self, certificate_id: int) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.id == certificate_id:
                self.table.selectRow(n)
                return

    def selected(self) -> certs.CertificateRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _buttons(self) -> None:
        row = self.selected()
        valid = row is not None and row.revoked_on is None
        self.revoke_button.setEnabled(valid)
        self.reissue_button.setEnabled(valid and row is not None and row.person_id is not None)
        has_rows = self.model.rowCount() > 0
        self.pdf_button.setEnabled(has_rows)
        self.xlsx_button.setEnabled(has_rows)

    def _changed(self, certificate_id: int, message: str) -> None:
        self.changed_anything = True
        self.ctx.events.data_changed.emit("certificates")
        self.apply_filter()
        self.select(certificate_id)
        self.status.setText(message)

    # --- actions ----------------------------------------------------------------------------

    def revoke(self) -> None:
        row = self.selected()
        if row is None or row.revoked_on is not None:
            return
        dialog = RevokeDialog(row, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        reason = dialog.reason.text()
        dialog.deleteLater()
        if not accepted:
            return
        try:
            done = certs.revoke(self.ctx.factory, row.id, reason)
        except UserError as exc:
            show_error(self, "Chưa thu hồi được", exc.message)
            return
        self._changed(done.id, f"Đã thu hồi giấy chứng nhận số {done.number} "
                               f"({done.full_name}). Quét mã QR trên giấy này sẽ báo ĐÃ THU "
                               "HỒI.")

    def _ask_path(self, title: str, name: str, suffix: str) -> Path | None:
        folder = Path(str(self._settings.value(FOLDER_KEY, "") or Path.home()))
        chosen, _selected = QFileDialog.getSaveFileName(self, title, str(folder / name),
                                                        FILTERS[suffix])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _saved(self, file: str) -> Path:
        self.last_saved = Path(file)
        self._settings.setValue(FOLDER_KEY, str(self.last_saved.parent))
        self.folder_button.setEnabled(True)
        self.ctx.events.status_message.emit(f"Đã lưu {self.last_saved}")
        return self.last_saved

    def reissue(self) -> None:
        row = self.selected()
        if row is None or row.revoked_on is not None or row.person_id is None:
            return
        path = self._ask_path(f"Cấp lại giấy chứng nhận số {row.number}",
                              f"{safe_file_stem(row.number, row.full_name)}-cap-lai.pdf", ".pdf")
        if path is None:
            return
        factory, data_dir = self.ctx.factory, self.ctx.data_dir
        on_form, show_score = self.on_forms.isChecked(), self.show_score.isChecked()

        def done(result: ReissueResult) -> None:
            saved = self._saved(result.file)
            self._changed(result.certificate_id, f"Đã cấp lại giấy chứng nhận số "
                                                 f"{result.number} (giữ nguyên số): {saved}")
            answer = choose(self, "Đã cấp lại", f"Đã cấp lại giấy chứng nhận số "
                            f"{result.number} cho {row.full_name}, giữ nguyên số. Tệp: "
                            f"{saved.name}", [("In…", "print"), ("Mở thư mục", "folder"),
                                              ("Đóng", None)], default="print", escape=None)
            if answer == "print":
                self._print(saved)
            elif answer == "folder":
                self.open_folder()

        self.task = run_task(
            self, "Đang cấp lại…",
            lambda _p, _c: reissue(factory, data_dir, row.id, path, show_score=show_score,
                                   on_form=on_form),
            on_done=done, error_title="Chưa cấp lại được")

    def _print(self, path: Path) -> None:
        try:
            self.task = print_pdf(self, path, "Giấy chứng nhận", landscape=True)
        except UserError as exc:
            show_error(self, "Chưa in được", exc.message)

    def save_register(self, suffix: str) -> None:
        year, session_id = self.year.currentData(), self.session.currentData()
        tail = f"-{year}" if year else ""
        if session_id is not None:
            tail = f"-buoi-{session_id}{tail}"
        path = self._ask_path("Lưu sổ cấp giấy chứng nhận",
                              f"so-cap-giay-chung-nhan{tail}{suffix}", suffix)
        if path is None:
            return
        factory = self.ctx.factory

        def done(result: RegisterResult) -> None:
            saved = self._saved(result.file)
            self.status.setText(f"Đã lưu sổ ({result.entries} giấy, {result.revoked} đã thu "
                                f"hồi): {saved}")

        self.task = run_task(
            self, "Đang lưu sổ…",
            lambda _p, _c: write_register(factory, path, year=year, session_id=session_id),
            on_done=done, error_title="Chưa lưu được")

    def open_folder(self) -> None:
        if self.last_saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_saved.parent)))
