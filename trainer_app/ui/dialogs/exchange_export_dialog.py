"""Tệp → Gửi số liệu lên Trung tâm Y tế…: choose the quarter (or the year), save the signed
package (.ctvpack), and send that file to the centre (USB, Zalo, e-mail). Says what personal
data the file holds and shows the station key's fingerprint to read out over the phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.exchange.export import ExportResult, export_package
from trainer_app.services.exchange.keys import station_fingerprint
from trainer_app.services.exchange.package import PERSONAL_DATA, SUFFIX
from trainer_app.services.reporting.period_report import Period, quarter_period, year_period
from trainer_app.services.workspace.settings import load_org
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.tasks import CancelFn, ProgressFn, TaskHandle, run_task
from trainer_app.ui.widgets.form import FormWidget


def last_quarter(today: date) -> tuple[int, int]:
    """The quarter whose figures are due: the one that ended last (early in a quarter) —
    the current one otherwise."""
    quarter = (today.month - 1) // 3 + 1
    if today.month in (1, 4, 7, 10) and today.day <= 20:
        return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)
    return today.year, quarter


class ExchangeExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: ExportResult | None = None
        self.task: TaskHandle[ExportResult] | None = None
        self.setWindowTitle("Gửi số liệu lên Trung tâm Y tế")
        org = load_org(ctx.factory)
        year, quarter = last_quarter(today or date.today())
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph("Lưu số liệu tập huấn của một quý (hoặc cả năm) thành một tệp "
                                   "có chữ ký điện tử, rồi gửi tệp đó cho Trung tâm Y tế qua USB, "
                                   "Zalo hoặc thư điện tử. Trung tâm nhập tệp để làm báo cáo "
                                   "tổng hợp và tra cứu giấy chứng nhận của trạm."))
        form = FormWidget()
        station = f"{org.station_code} — {org.unit_name}" if org.station_code else \
            "CHƯA ĐẶT MÃ TRẠM (vào Cài đặt, ô Mã trạm)"
        self.station_label = paragraph(station, "" if org.station_code else "error")
        form.add_row("Trạm:", self.station_label)
        self.kind = QComboBox()
        self.kind.addItem("Một quý", "quarter")
        self.kind.addItem("Cả năm", "year")
        self.quarter = QComboBox()
        for n, roman in enumerate(("I", "II", "III", "IV"), start=1):
            self.quarter.addItem(f"Quý {roman}", n)
        self.quarter.setCurrentIndex(quarter - 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.quarter.setVisible(self.kind.currentData() == "quarter"))
        period_row = QWidget()
        row = QHBoxLayout(period_row)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.quarter, self.year):
            row.addWidget(widget)
        row.addStretch(1)
        form.add_row("Kỳ:", period_row)
        fingerprint = station_fingerprint(ctx.data_dir, ctx.factory)
        self.fingerprint = paragraph(fingerprint or "(tạo khi gửi lần đầu)")
        self.fingerprint.setObjectName("fingerprint")
        form.add_row("Dấu vân tay khóa:", self.fingerprint)
        layout.addWidget(form)
        layout.addWidget(paragraph(PERSONAL_DATA, "muted"))
        self.outcome = paragraph("")
        self.outcome.setObjectName("exportOutcome")
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.save_button = QPushButton("Lưu gói số liệu…")
        self.save_button.setProperty("role", "primary")
        self.save_button.setEnabled(bool(org.station_code))
        self.save_button.clicked.connect(self.choose_and_save)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.org_code = org.station_code
        self.resize(760, 560)

    def period(self) -> Period:
        if self.kind.currentData() == "year":
            return year_period(self.year.value())
        return quarter_period(self.year.value(), self.quarter.currentData())

    def default_name(self) -> str:
        p = self.period()
        return f"so-lieu-{self.org_code or 'tram'}-{p.start:%Y-%m-%d}-den-{p.end:%Y-%m-%d}{SUFFIX}"

    def choose_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Lưu gói số liệu", str(Path.home() / self.default_name()),
            f"Gói số liệu (*{SUFFIX})")
        if path:
            target = Path(path)
            self.save_to(target if target.suffix == SUFFIX else
                         target.with_name(target.name + SUFFIX))

    def save_to(self, target: Path) -> TaskHandle[ExportResult]:
        period, factory, data_dir = self.period(), self.ctx.factory, self.ctx.data_dir

        def work(progress: ProgressFn, _cancel: CancelFn) -> ExportResult:
            progress(0, 0, f"Đang ghi {target.name}…")
            return export_package(factory, data_dir, period, target)

        self.task = run_task(self, "Đang tạo gói số liệu…", work, on_done=self._done,
                             on_error=self._failed, cancellable=False)
        return self.task

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.fingerprint.setText(result.fingerprint)
        self.outcome.setText(f"Đã ghi gói số liệu {result.period['label']} (số {result.sequence}):"
                             f" {result.sessions} buổi, {result.people} người, {result.attempts} "
                             f"bài kiểm tra, {result.certificates} giấy chứng nhận.\nTệp: "
                             f"{result.file}\nHãy gửi tệp này cho Trung tâm Y tế.")
        style.set_role(self.outcome, "ok")
        self.outcome.show()
        self.ctx.events.status_message.emit(f"Đã ghi gói số liệu: {result.file}")

    def _failed(self, exc: UserError) -> None:
        self.outcome.setText(exc.message)
        style.set_role(self.outcome, "error")
        self.outcome.show()
