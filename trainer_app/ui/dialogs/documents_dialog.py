"""Giấy tờ của buổi tập huấn: every printed document of one session in one window.

On the left the documents (plan, invitation, attendance sheets, allowance sheet, answer
sheets, pocket cards, certificates); on the right what the chosen one is, its options, and
its preview, drawn when it is chosen and again on "Xem trước". Under it: "Lưu thành…"
(PDF, or Word for the plan and the invitation), "In…" (the system's print dialog, see
``ui.printing``) and "Mở thư mục" (the folder of the file saved last). The files are
written by ``services.session_documents`` on a worker (``ui.tasks``); the preview is a PDF in
a temporary folder, removed when the window closes.

A save that fails says why in Vietnamese (``services.report_output``): a read-only folder or
a full disk offers another place; a file that is open in another program (Word or a PDF
viewer on Windows locks it) offers a free name beside it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.sessions.documents import (
    SPECS,
    DocumentKind,
    DocumentOptions,
    DocumentSpec,
    WrittenDocument,
    alternative_name,
    certificates_to_issue,
    default_name,
    write_document,
)
from trainer_app.services.sessions.results import SessionDetail
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_info
from trainer_app.ui.printing import print_pdf
from trainer_app.ui.tasks import TaskHandle, run_task
from trainer_app.ui.widgets.certificate_options import CertificateOptions
from trainer_app.ui.widgets.pdf_preview import PdfPreview

__all__ = ["DocumentsDialog"]

FILTERS = {".pdf": "PDF (*.pdf)", ".docx": "Word (*.docx)"}
FOLDER_KEY = "documents/last_folder"
STALE = "Đã đổi tùy chọn: bấm “Xem trước” để xem lại."
OPTION_ROWS: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.ATTENDANCE_BLANK: ("group",), DocumentKind.ATTENDANCE_FILLED: ("group",),
    DocumentKind.ALLOWANCE: ("amount",), DocumentKind.PLAN: ("plan_amount", "amount"),
    DocumentKind.INVITATION: ("addressees",), DocumentKind.ANSWER_SHEETS: ("quiz", "blank"),
    DocumentKind.POCKET_CARDS: ("sheets",), DocumentKind.CERTIFICATES: ("certificate",)}


def _writable(folder: Path) -> bool:
    """Whether a new file can be created in ``folder`` (tried, not guessed)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".thu-ghi-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


class DocumentsDialog(QDialog):
    def __init__(self, ctx: AppContext, detail: SessionDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setWindowTitle(f"Giấy tờ: {detail.title} ({detail.held_on:%d/%m/%Y})")
        self._tmp = Path(tempfile.mkdtemp(prefix="trainer-app-xem-truoc-"))
        self._serial = 0
        self._preview_key: tuple[DocumentKind, DocumentOptions] | None = None
        self.last_saved: Path | None = None
        self.task: TaskHandle | None = None
        self._settings = QSettings(str(ctx.data_dir.ui_settings_path),
                                   QSettings.Format.IniFormat)

        self.list = QListWidget()
        self.list.setObjectName("documentList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumWidth(240)
        self.list.setMaximumWidth(300)
        for spec in SPECS:
            item = QListWidgetItem(spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.kind.value)
            item.setToolTip(spec.hint)
            self.list.addItem(item)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form = QFormLayout()
        self._build_options()
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setObjectName("documentsStatus")
        self.status.setWordWrap(True)
        self.preview_button = self._button("&Xem trước", self.refresh_preview)
        self.save_button = self._button("&Lưu thành…", self.save_as)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)  # Enter saves
        self.print_button = self._button("&In…", self.print_document)
        self.folder_button = self._button("Mở &thư mục", self.open_folder)
        self.folder_button.setEnabled(False)
        self.close_button = self._button("Đóng", self.accept)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.save_button, self.print_button,
                       self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        right = QVBoxLayout()
        right.addWidget(self.hint)
        right.addLayout(self.form)
        right.addWidget(self.preview, 1)
        right.addWidget(self.status)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        self.resize(980, 700)
        self.list.currentRowChanged.connect(self._chosen)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    # --- building ---------------------------------------------------------------------------

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    def _build_options(self) -> None:
        self.group = QCheckBox("Nhóm theo khu phố")
        self.amount = QSpinBox()
        self.amount.setRange(1_000, 10_000_000)
        self.amount.setSingleStep(10_000)
        self.amount.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(" đồng")
        self.amount.setValue(
            max(1_000, settings_service.load_org(self.ctx.factory).allowance_amount))
        self.plan_amount = QCheckBox("Ghi mức hỗ trợ người tham dự vào phần kinh phí")
        self.to_hoods = QRadioButton("Gửi Ban điều hành các khu phố (kèm danh sách mời)")
        self.to_people = QRadioButton("Mỗi người được mời một giấy mời")
        self.to_hoods.setChecked(True)
        addressees = QWidget()
        column = QVBoxLayout(addressees)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.to_hoods)
        column.addWidget(self.to_people)
        self.quiz = QComboBox()
        for step in self.detail.steps:
            if step.kind == "quiz" and step.quiz_code:
                self.quiz.addItem(step.title, (step.quiz_code, step.phase))
        self.blank = QSpinBox()
        self.blank.setRange(0, 200)
        self.blank.setValue(5)
        self.sheets = QSpinBox()
        self.sheets.setRange(1, 50)
        self.sheets.setSuffix(" tờ A4")
        self.certificate = CertificateOptions(self.ctx, self.detail.id, self._settings)
        self.certificate.changed.connect(self._options_changed)
        self.certificate.outdated.connect(lambda: self.refresh_preview())
        self.rows = {
            "group": ("", self.group), "plan_amount": ("", self.plan_amount),
            "amount": ("Mức hỗ trợ mỗi người:", self.amount),
            "addressees": ("Gửi:", addressees), "quiz": ("Bài kiểm tra:", self.quiz),
            "blank": ("Phiếu trống thêm:", self.blank), "sheets": ("Số tờ:", self.sheets),
            "certificate": ("", self.certificate)}
        for label, widget in self.rows.values():
            self.form.addRow(label, widget)
        for signal in (self.group.toggled, self.plan_amount.toggled, self.to_people.toggled,
                       self.amount.valueChanged, self.quiz.currentIndexChanged,
                       self.blank.valueChanged, self.sheets.valueChanged):
            signal.connect(self._options_changed)

    # --- state ------------------------------------------------------------------------------

    @property
    def spec(self) -> DocumentSpec:
        return SPECS[max(0, self.list.currentRow())]

    def options(self, *, issue: bool = False) -> DocumentOptions:
        quiz = self.quiz.currentData() or ("", None)
        return DocumentOptions(
            group_by_neighbourhood=self.group.isChecked(), amount=self.amount.value(),
            plan_amount=self.plan_amount.isChecked(), per_person=self.to_people.isChecked(),
            quiz_code=quiz[0], quiz_phase=quiz[1], blank_sheets=self.blank.value(),
            card_sheets=self.sheets.value(), issue=issue,
            on_forms=self.certificate.on_forms.isChecked(),
            show_score=self.certificate.show_score.isChecked())

    def choose_document(self, kind: DocumentKind) -> None:
        self.list.setCurrentRow([s.kind for s in SPECS].index(kind))

    def _chosen(self, _row: int) -> None:
        spec = self.spec
        self.hint.setText(spec.hint)
        visible = OPTION_ROWS.get(spec.kind, ())
        for key, (_label, widget) in self.rows.items():
            self.form.setRowVisible(widget, key in visible)
        self.amount.setEnabled(spec.kind != DocumentKind.PLAN or self.plan_amount.isChecked())
        self.refresh_preview()

    def _options_changed(self) -> None:
        self.amount.setEnabled(self.spec.kind != DocumentKind.PLAN
                               or self.plan_amount.isChecked())
        if self._preview_key is not None and self._preview_key != (self.spec.kind,
                                                                   self.options()):
            self.status.setText(STALE)

    def _fresh_preview(self) -> Path | None:
        if self.preview.path is not None and self._preview_key == (self.spec.kind,
                                                                   self.options()):
            return self.preview.path
        return None

    # --- work -------------------------------------------------------------------------------

    def _run(self, title: str, kind: DocumentKind, path: Path, options: DocumentOptions,
             on_done: object, on_error: object = None) -> None:
        factory, data_dir, session_id = self.ctx.factory, self.ctx.data_dir, self.detail.id
        self.task = run_task(
            self, title,
            lambda _progress, _cancel: write_document(factory, data_dir, session_id, kind,
                                                      path, options),
            on_done=on_done, on_error=on_error)  # type: ignore[arg-type]

    def refresh_preview(self, then: object = None) -> None:
        """Write the chosen document to a new temporary PDF and show it; ``then(path)``
        after."""
        kind, options = self.spec.kind, self.options()
        self._serial += 1
        path = self._tmp / f"xem-truoc-{self._serial}.pdf"
        self.preview.show_message("Đang chuẩn bị bản xem trước…")

        def done(result: WrittenDocument) -> None:
            self._preview_key = (kind, options)
            self.preview.show_file(Path(result.file))
            self.status.setText(f"Xem trước: {result.summary}")
            self._drop_old_previews(Path(result.file))
            if then is not None:
                then(Path(result.file))  # type: ignore[operator]

        def failed(error: UserError) -> None:
            self._preview_key = None
            self.preview.show_message(error.message)
            self.status.setText("Chưa xem trước được.")

        self._run("Đang chuẩn bị bản xem trước…", kind, path, options, done, failed)

    def _drop_old_previews(self, keep: Path) -> None:
        for old in self._tmp.glob("xem-truoc-*.pdf"):
            if old != keep:
                old.unlink(missing_ok=True)

    def _confirm_issue(self) -> bool | None:
        """Certificates: True to issue (asked first), False when nobody is waiting, None
        when the user said no."""
        if self.spec.kind != DocumentKind.CERTIFICATES:
            return False
        try:
            waiting = certificates_to_issue(self.ctx.factory, self.detail.id)
        except UserError as exc:
            show_info(self, "Giấy chứng nhận", exc.message)
            return None
        if not waiting:
            return False
        answer = choose(self, "Cấp giấy chứng nhận",
                        f"{waiting} người đủ điều kiện chưa có giấy chứng nhận. Cấp số cho họ "
                        "rồi in cùng các giấy đã cấp?",
                        [("Cấp số và tiếp tục", True), ("Hủy", None)], default=True,
                        escape=None)
        return answer

    def save_as(self) -> None:
        issue = self._confirm_issue()
        if issue is None:
            return
        spec = self.spec
        folder = Path(str(self._settings.value(FOLDER_KEY, "") or Path.home()))
        start = folder / default_name(spec.kind, self.detail.held_on.isoformat())
        filters = ";;".join(FILTERS[f] for f in spec.formats)
        chosen, selected = QFileDialog.getSaveFileName(self, f"Lưu {spec.label.lower()}",
                                                       str(start), filters)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in spec.formats:
            suffix = next((f for f, text in FILTERS.items() if text == selected), ".pdf")
            path = path.with_name(path.name + suffix)
        folder = None
        if spec.kind == DocumentKind.CERTIFICATES and self.certificate.per_person.isChecked():
            folder = QFileDialog.getExistingDirectory(
                self, "Thư mục lưu mỗi người một tệp giấy chứng nhận", str(path.parent))
            if not folder:
                return
        self.save_to(path, issue=bool(issue), folder=folder)

    def save_to(self, path: Path, *, issue: bool = False, folder: str | None = None) -> None:
        kind, options = self.spec.kind, replace(self.options(issue=issue),
                                                certificate_folder=folder)

        def done(result: WrittenDocument) -> None:
            self.last_saved = Path(result.file)
            self._settings.setValue(FOLDER_KEY, str(self.last_saved.parent))
            self.folder_button.setEnabled(True)
            self.status.setText(f"Đã lưu {self.last_saved}. {result.summary}")
            self.ctx.events.status_message.emit(f"Đã lưu {self.last_saved}")
            if issue:
                self.ctx.events.data_changed.emit("certificates")

        self._run("Đang lưu…", kind, path, options, done,
                  lambda error: self._save_failed(error, path, issue, folder))

    def _save_failed(self, error: UserError, path: Path, issue: bool,
                     folder: str | None = None) -> None:
        """Say why; offer a free name beside a locked file, or another place."""
        text, choices = error.message, []
        locked = (error.code in ("target_read_only", "write_failed") and path.exists()
                  and _writable(path.parent))
        if locked:
            other = alternative_name(path)
            text = (f"Không ghi đè được tệp {path.name}: tệp đang mở trong chương trình khác "
                    "(Word, trình xem PDF…). Hãy đóng tệp đó rồi lưu lại, hoặc lưu với tên "
                    "khác.")
            choices.append((f"Lưu với tên {other.name}", ("other_name", other)))
        choices += [("Chọn chỗ lưu khác…", ("elsewhere", None)), ("Hủy", None)]
        answer = choose(self, "Chưa lưu được", text, choices, default=choices[0][1],
                        escape=None)
        if answer is None:
            return
        if answer[0] == "other_name":
            self.save_to(answer[1], issue=issue, folder=folder)
        else:
            self.save_as()

    def print_document(self) -> None:
        issue = self._confirm_issue()
        if issue is None:
            return
        spec = self.spec

        def send(path: Path) -> None:
            try:
                self.task = print_pdf(
                    self, path, spec.label, landscape=spec.landscape,
                    on_done=lambda r: self.status.setText(
                        f"Đã gửi {r.pages} trang tới máy in {r.printer_name}."))
            except UserError as exc:
                show_info(self, "Chưa in được", exc.message)

        fresh = self._fresh_preview()
        if fresh is not None and not issue:
            send(fresh)
            return
        if issue:  # numbers first, then the preview shows what is printed
            self._run("Đang cấp giấy chứng nhận…", spec.kind, self._tmp / "cap-so.pdf",
                      replace(self.options(), issue=True),
                      lambda _r: self._issued_then_print(send))
            return
        self.refresh_preview(then=send)

    def _issued_then_print(self, send: object) -> None:
        self.ctx.events.data_changed.emit("certificates")
        self.refresh_preview(then=send)

    def open_folder(self) -> None:
        if self.last_saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_saved.parent)))

    def done(self, result: int) -> None:
        self.preview.close_document()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
