"""Tệp → Nhận số liệu các trạm…: choose packages, see what each holds before anything is
stored (station, period, counts, the key's fingerprint, what importing would do), then
import. A station seen for the first time: "check this fingerprint with the station". A
package signed by another key than the one recorded: a clear warning, and importing it
needs the box "Chấp nhận khóa mới" ticked (after a phone call to the station)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.exchange.importer import (
    ImportReport,
    PackagePreview,
    import_packages,
    preview_package,
)
from trainer_app.services.exchange.package import PackageRefused
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.tasks import CancelFn, ProgressFn, TaskHandle, run_task

STATUS_TEXTS = {
    "new": "Trạm mới — nhập lần đầu", "newer": "Mới hơn — sẽ thay số liệu cũ cùng kỳ",
    "unchanged": "Đã nhập trước đây — không đổi", "older": "CŨ HƠN gói đã nhập — sẽ bị từ chối",
    "key_changed": "KHÓA KHÁC với khóa đã ghi nhận", "refused": "KHÔNG ĐỌC ĐƯỢC",
}
COLUMNS = ("Tệp", "Trạm", "Kỳ", "Khi nhập", "Buổi", "Người", "Bài KT", "Giấy CN",
           "Dấu vân tay khóa")
STATUS_COLUMN, FINGERPRINT_COLUMN = 3, 8


class ExchangeImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.previews: dict[Path, PackagePreview | str] = {}
        self.report: ImportReport | None = None
        self.task: TaskHandle[ImportReport] | None = None
        self.setWindowTitle("Nhận số liệu các trạm")
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph("Chọn các tệp .ctvpack các trạm gửi về (qua USB, Zalo, "
                                   "thư điện tử). Xem trước nội dung rồi bấm Nhập. Số liệu nhận "
                                   "được giữ riêng, không trộn với số liệu của máy này."))
        self.choose_button = QPushButton("Chọn tệp…")
        self.choose_button.clicked.connect(self.choose_files)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("packagePreview")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.first_time = paragraph("", "warning")
        self.first_time.setObjectName("firstTimeWarning")
        self.key_warning = paragraph("", "error")
        self.key_warning.setObjectName("keyWarning")
        self.accept_key = QCheckBox("Chấp nhận khóa mới (đã gọi điện cho trạm và đọc đúng dấu "
                                    "vân tay mới)")
        self.accept_key.setObjectName("acceptNewKey")
        self.outcome = paragraph("")
        self.outcome.setObjectName("importOutcome")
        for widget in (self.first_time, self.key_warning, self.accept_key, self.outcome):
            widget.hide()
            layout.addWidget(widget)
        self.import_button = QPushButton("Nhập")
        self.import_button.setProperty("role", "primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(1180, 500)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Chọn gói số liệu của các trạm", "", "Gói số liệu (*.ctvpack);;Mọi tệp (*)")
        if paths:
            self.set_files([Path(p) for p in paths])

    def set_files(self, files: list[Path]) -> None:
        """Read and check each file, and show what importing it would do."""
        self.files = files
        self.previews = {}
        for path in files:
            try:
                self.previews[path] = preview_package(self.ctx.factory, path)
            except PackageRefused as exc:
                self.previews[path] = exc.message
        self._show()

    def _show(self) -> None:
        self.table.setRowCount(len(self.files))
        first, changed = [], []
        for row, path in enumerate(self.files):
            item = self.previews[path]
            if isinstance(item, str):
                cells = [path.name, "", "", f"{STATUS_TEXTS['refused']}: {item}", "", "", "",
                         "", ""]
            else:
                counts = item.counts
                cells = [path.name, f"{item.station} — {item.station_name}",
                         item.period.get("label", ""), STATUS_TEXTS.get(item.status, item.status),
                         str(counts.get("sessions", "")), str(counts.get("people", "")),
                         str(counts.get("attempts", "")), str(counts.get("certificates", "")),
                         item.fingerprint]
                if not item.known:
                    first.append(f"{item.station} ({item.station_name}): {item.fingerprint}")
                if item.key_changed:
                    changed.append(f"{item.station}: khóa đã ghi nhận {item.recorded_fingerprint}"
                                   f", khóa trong gói {item.fingerprint}")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(STATUS_COLUMN) > 280:  # a long refusal wraps instead
            self.table.setColumnWidth(STATUS_COLUMN, 280)
        self.table.resizeRowsToContents()
        self.first_time.setText("Lần đầu nhận số liệu của trạm — hãy gọi điện cho trạm và đọc "
                                "để đối chiếu dấu vân tay (trạm xem ở Cài đặt): "
                                + "; ".join(first))
        self.first_time.setVisible(bool(first))
        self.key_warning.setText("CẢNH BÁO: gói được ký bằng khóa KHÁC với khóa đã ghi nhận của "
                                 "trạm (" + "; ".join(changed) + "). Có thể trạm đã cài lại "
                                 "máy — hoặc tệp bị giả mạo. Chỉ chấp nhận sau khi gọi điện "
                                 "cho trạm và đọc đúng dấu vân tay mới; nếu không, gói sẽ bị "
                                 "từ chối.")
        self.key_warning.setVisible(bool(changed))
        self.accept_key.setVisible(bool(changed))
        self.accept_key.setChecked(False)
        self.outcome.hide()
        self.import_button.setEnabled(any(not isinstance(p, str) for p in
                                          self.previews.values()))

    def start_import(self) -> TaskHandle[ImportReport] | None:
        files = [p for p in self.files if not isinstance(self.previews.get(p), str)]
        if not files:
            return None
        accept = self.accept_key.isChecked()
        factory = self.ctx.factory

        def work(progress: ProgressFn, _cancel: CancelFn) -> ImportReport:
            progress(0, 0, f"Đang kiểm tra chữ ký và nhập {len(files)} gói…")
            return import_packages(factory, files, accept_new_key=accept)

        self.import_button.setEnabled(False)
        self.task = run_task(self, "Đang nhập số liệu các trạm…", work, on_done=self._done,
                             error_title="Chưa nhập được", cancellable=False)
        return self.task

    def _done(self, report: ImportReport) -> None:
        self.report = report
        lines = []
        for item in report.imported:
            what = "thay số liệu cũ cùng kỳ" if item.replaced else "mới"
            lines.append(f"Đã nhập ({what}): {item.station} — {item.period['label']}: "
                         f"{item.sessions} buổi, {item.people} người.")
            lines += [w for w in item.warnings if not w.startswith("Lần đầu")]
        lines += [f"Không đổi: {i.station} — {i.period['label']} (đã nhập trước đây)."
                  for i in report.unchanged]
        lines += [f"KHÔNG NHẬP {Path(r.file).name}: {r.reason}" for r in report.refused]
        self.outcome.setText("\n".join(lines))
        style.set_role(self.outcome, "error" if report.refused else "ok")
        self.outcome.show()
        if report.imported:
            self.ctx.events.data_changed.emit(events.EXCHANGE)
            self.ctx.events.status_message.emit(
                f"Đã nhập số liệu {len(report.imported)} gói của các trạm.")
        self.set_files_after_import()

    def set_files_after_import(self) -> None:
        """Refresh the previews (statuses change once imported), keeping the outcome."""
        outcome = self.outcome.text()
        self.set_files(self.files)
        self.outcome.setText(outcome)
        self.outcome.show()
