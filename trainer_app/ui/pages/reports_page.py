"""Báo cáo: choose a report (a session's report or results spreadsheet, or the period report),
preview its first page inside the app, save it as PDF, Word or Excel, print it through the
system dialog, open the folder it was saved in. The documents are made off the GUI thread
(``ui.tasks``); the preview is the PDF made in a temporary folder, its first page drawn by
``player.pdf_document`` (pypdfium2)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer_app.player.pdf_document import PdfDocument, PdfError
from trainer_app.services.errors import UserError
from trainer_app.services.reporting import files as report_files
from trainer_app.services.sessions import service as session_service
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.player.document_window import to_pixmap
from trainer_app.ui.tasks import CancelFn, ProgressFn, TaskHandle, run_task
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.report_chooser import (
    DISTRICT,
    PERIOD,
    RESULTS,
    SESSION,
    Choice,
    ReportChooser,
)

FILTERS = {".pdf": "PDF (*.pdf)", ".docx": "Word (*.docx)", ".xlsx": "Excel (*.xlsx)"}
FORMATS = {SESSION: (".pdf", ".docx"), RESULTS: (".xlsx",), PERIOD: (".pdf", ".docx", ".xlsx"),
           DISTRICT: (".pdf", ".docx", ".xlsx")}
NO_PREVIEW = ("Bảng tính Excel không có bản xem trước: bấm \"Lưu thành…\" rồi mở tệp bằng "
              "Excel hoặc LibreOffice.")
PREVIEW_HINT = "Chọn báo cáo rồi bấm \"Xem trước\" để xem trang đầu ở đây."


class PreviewLabel(QLabel):
    """The first page, redrawn to fit when the page is resized."""

    def __init__(self) -> None:
        super().__init__(PREVIEW_HINT)
        self.setObjectName("reportPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(QSize(240, 340))
        # Ignored: the page image never makes the label (and the window) grow.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.pdf: Path | None = None

    def show_pdf(self, pdf: Path | None, text: str = PREVIEW_HINT) -> None:
        self.pdf = pdf
        if pdf is None:
            self.clear()
            self.setText(text)
            return
        self._draw()

    def _draw(self) -> None:
        if self.pdf is None:
            return
        try:
            with PdfDocument(self.pdf) as document:
                self.setPixmap(to_pixmap(document, 0, self.size() - QSize(12, 12)))
        except PdfError as exc:
            self.clear()
            self.setText(exc.message)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._draw()


class ReportsPage(Page):
    watches = ("sessions", "attendance", "attempt", events.PEOPLE, events.ORG, events.EXCHANGE)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "Báo cáo")
        self._tmp = tempfile.TemporaryDirectory(prefix="tap-huan-xem-truoc-")
        self.task: TaskHandle[Any] | None = None
        self.saved: Path | None = None
        self.chooser = ReportChooser()
        self.chooser.changed.connect(self._choice_changed)
        self.preview_button = QPushButton("Xem trước")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setProperty("role", "primary")
        self.preview_button.clicked.connect(self.make_preview)
        self.save_button = QPushButton("Lưu thành…")
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton("In…")
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_report)
        self.folder_button = QPushButton("Mở thư mục")
        self.folder_button.setObjectName("folderButton")
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.result = paragraph("", "ok")
        self.result.setObjectName("reportResult")
        self.result.hide()
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QFrame()
        card.setProperty("role", "card")
        left = QVBoxLayout(card)
        left.setContentsMargins(16, 12, 16, 12)
        left.addWidget(self.chooser)
        buttons = FlowLayout()  # wraps at large text sizes
        for button in (self.preview_button, self.save_button, self.print_button,
                       self.folder_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        left.addWidget(self.result)
        left.addStretch(1)
        self.preview = PreviewLabel()
        self.pages_note = paragraph("", "muted")
        self.pages_note.setObjectName("pagesNote")
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.pages_note)
        self.card = card
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom)  # side by side when wide
        self.row.addWidget(card, 3)
        self.row.addLayout(right, 2)
        holder = QWidget()
        holder.setLayout(self.row)
        self.body_layout.addWidget(holder, 1)
        self.setTabOrder(self.preview_button, self.save_button)
        self.setTabOrder(self.save_button, self.print_button)
        self.setTabOrder(self.print_button, self.folder_button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Preview beside the choices when there is room, under them otherwise (1024×768
        at a large text size), so the page never scrolls sideways."""
        needed = self.card.minimumSizeHint().width() + self.preview.minimumWidth() + 60
        wide = event.size().width() >= needed
        self.row.setDirection(QBoxLayout.Direction.LeftToRight if wide
                              else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    # --- data -----------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        from trainer_app.services.exchange.stations import has_stations

        self.chooser.set_district_available(has_stations(self.ctx.factory))
        self.chooser.set_sessions(session_service.list_sessions(self.ctx.factory))

    def _choice_changed(self) -> None:
        kind = self.chooser.kind()
        self.preview_button.setEnabled(kind != RESULTS)
        self.print_button.setEnabled(kind != RESULTS)
        self.preview.show_pdf(None, NO_PREVIEW if kind == RESULTS else PREVIEW_HINT)
        self.pages_note.setText("")

    def _choice(self) -> Choice | None:
        try:
            return self.chooser.choice()
        except UserError as exc:
            show_error(self, "Chưa chọn được báo cáo", exc.message)
            return None

    def _writer(self, choice: Choice) -> Any:
        factory = self.ctx.factory

        def write(path: Path) -> Any:
            if choice.kind == DISTRICT:
                from trainer_app.services.exchange.district_files import write_district_report

                assert choice.period is not None
                return write_district_report(factory, choice.period, path)
            if choice.kind == PERIOD:
                assert choice.period is not None
                return report_files.write_period_report(factory, choice.period, path)
            assert choice.session_id is not None
            if choice.kind == RESULTS:
                return report_files.export_session_results(factory, choice.session_id, path)
            return report_files.write_session_report(factory, choice.session_id, path,
                                                     photos=choice.photos)

        return write

    def _default_name(self, choice: Choice, suffix: str) -> str:
        if choice.kind == DISTRICT:
            assert choice.period is not None
            stem = (f"tong-hop-cac-tram-{choice.period.start:%Y-%m-%d}-den-"
                    f"{choice.period.end:%Y-%m-%d}")
        elif choice.kind == PERIOD:
            assert choice.period is not None
            stem = (f"bao-cao-tap-huan-{choice.period.start:%Y-%m-%d}-den-"
                    f"{choice.period.end:%Y-%m-%d}")
        elif choice.kind == RESULTS:
            stem = f"ket-qua-buoi-{choice.session_id}"
        else:
            stem = f"bao-cao-buoi-{choice.session_id}"
        return stem + suffix

    # --- actions --------------------------------------------------------------------------

    def make_preview(self, *, then_print: bool = False) -> TaskHandle[Any] | None:
        choice = self._choice()
        if choice is None or choice.kind == RESULTS:
            return None
        target = Path(self._tmp.name) / self._default_name(choice, ".pdf")
        write = self._writer(choice)

        def work(progress: ProgressFn, _cancel: CancelFn) -> report_files.ReportFileResult:
            progress(0, 0, "Đang tính số liệu và dựng trang…")
            return write(target)

        def done(result: report_files.ReportFileResult) -> None:
            self.preview.show_pdf(target)
            try:
                with PdfDocument(target) as document:
                    pages = document.page_count
            except PdfError:
                pages = 0
            self.pages_note.setText(f"Trang 1/{pages} — {result.label}")
            if then_print:
                from trainer_app.ui.printing import print_pdf

                print_pdf(self, target, result.label)

        self.task = run_task(self, "Đang làm báo cáo…", work, on_done=done,
                             error_title="Chưa làm được báo cáo")
        return self.task

    def print_report(self) -> TaskHandle[Any] | None:
        return self.make_preview(then_print=True)

    def save_as(self) -> None:
        choice = self._choice()
        if choice is None:
            return
        formats = FORMATS[choice.kind]
        filters = ";;".join(FILTERS[f] for f in formats)
        start = str((self.saved.parent if self.saved else Path.home())
                    / self._default_name(choice, formats[0]))
        path, chosen = QFileDialog.getSaveFileName(self, "Lưu báo cáo", start, filters)
        if not path:
            return
        self.save_to(choice, self._with_suffix(path, chosen, formats))

    @staticmethod
    def _with_suffix(path: str, chosen: str, formats: tuple[str, ...]) -> Path:
        target = Path(path)
        if target.suffix.lower() in formats:
            return target
        wanted = next((f for f in formats if FILTERS[f] == chosen), formats[0])
        return target.with_name(target.name + wanted)

    def save_to(self, choice: Choice, target: Path) -> TaskHandle[Any]:
        write = self._writer(choice)

        def work(progress: ProgressFn, _cancel: CancelFn) -> report_files.ReportFileResult:
            progress(0, 0, f"Đang ghi {target.name}…")
            return write(target)

        def done(result: report_files.ReportFileResult) -> None:
            self.saved = Path(result.file)
            self.folder_button.setEnabled(True)
            self.result.setText(f"Đã lưu: {result.file}")
            self.result.show()
            self.ctx.events.status_message.emit(f"Đã lưu báo cáo: {result.file}")

        self.task = run_task(self, "Đang lưu báo cáo…", work, on_done=done,
                             error_title="Chưa lưu được báo cáo")
        return self.task

    def open_folder(self) -> None:
        if self.saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved.parent)))
