"""What the Báo cáo page asks: which report (a session's report, its results spreadsheet, or
the period report), which session (with up to four photos) or which period (a quarter, a
year, or two dates; dates typed backwards are said at once, in red). Emits ``changed``
whenever the choice changes, so the page can drop a preview that no longer matches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.reporting.files import check_photo
from trainer_app.services.reporting.period_report import (
    Period,
    make_period,
    quarter_period,
    year_period,
)
from trainer_app.services.sessions.service import SessionSummary
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.pages.base import paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.form import FormWidget

SESSION, RESULTS, PERIOD, DISTRICT = "session", "results", "period", "district"
KIND_TEXTS = {
    SESSION: "Báo cáo một buổi tập huấn",
    RESULTS: "Bảng kết quả một buổi (Excel)",
    PERIOD: "Báo cáo theo quý, năm, khoảng ngày",
    DISTRICT: "Báo cáo tổng hợp các trạm (từ số liệu các trạm gửi)",
}
WITH_PERIOD = (PERIOD, DISTRICT)
KIND_NOTES = {
    SESSION: "PDF hoặc Word. Thành phần tham dự theo giới tính, khu phố, chức danh; nội "
             "dung đã triển khai; điểm trước và sau tập huấn, tỷ lệ đạt, biểu đồ; các câu "
             "hỏi nhiều người sai; danh sách học viên; tối đa 4 ảnh (đã bỏ thông tin vị trí); "
             "chữ ký.",
    RESULTS: "Các trang: tổng hợp, kết quả từng người, từng câu hỏi, danh sách điểm danh.",
    PERIOD: "PDF, Word hoặc Excel. Số buổi, số người được tập huấn (không trùng và số "
            "lượt), các khu phố chưa có ai được tập huấn, tỷ lệ đạt và điểm tăng theo thời "
            "gian. Bản Excel có từng buổi.",
    DISTRICT: "PDF, Word hoặc Excel. Mỗi trạm một dòng: số buổi, số người được tập huấn, số "
              "khu phố chưa có ai được tập huấn, tỷ lệ đạt, điểm trước/sau và điểm tăng; "
              "biểu đồ so sánh các trạm; dòng cộng. Số liệu từ các gói đã nhận (Tệp → Nhận "
              "số liệu các trạm).",
}
STATUS_WORDS = {"planned": "kế hoạch", "in_progress": "đang diễn ra", "finished": "đã xong",
                "cancelled": "đã hủy"}
MAX_PHOTOS = 4


@dataclass(frozen=True)
class Choice:
    kind: str
    session_id: int | None
    session_title: str
    period: Period | None
    photos: tuple[str, ...]


class ReportChooser(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos: list[str] = []
        self.kinds = QButtonGroup(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(paragraph("Loại báo cáo", "h2"))
        self.kind_buttons: dict[str, QRadioButton] = {}
        for key, text in KIND_TEXTS.items():
            button = QRadioButton(text)
            button.setObjectName(f"kind_{key}")
            self.kinds.addButton(button)
            self.kind_buttons[key] = button
            column.addWidget(button)
            button.toggled.connect(self._kind_toggled)
        self.kind_note = paragraph("", "muted")
        self.kind_note.setObjectName("kindNote")
        column.addWidget(self.kind_note)
        self.form = FormWidget()
        column.addWidget(self.form)
        self.session_box = QComboBox()
        self.session_box.setObjectName("sessionChoice")
        # Long titles must not widen the page (1024×768 at 150%): the list shows them whole.
        self.session_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session_box.setMinimumContentsLength(18)
        self.session_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.session_label = self.form.add_row("Buổi tập huấn:", self.session_box)
        self.photo_text = paragraph("Chưa có ảnh nào.", "muted")
        self.add_photo_button = QPushButton("Thêm ảnh…")
        self.add_photo_button.clicked.connect(self.add_photos)
        self.clear_photos_button = QPushButton("Bỏ các ảnh")
        self.clear_photos_button.clicked.connect(self.clear_photos)
        self.photo_box = QWidget()
        photo_column = QVBoxLayout(self.photo_box)
        photo_column.setContentsMargins(0, 0, 0, 0)
        photo_column.addWidget(self.photo_text)
        photo_row = FlowLayout()
        photo_row.addWidget(self.add_photo_button)
        photo_row.addWidget(self.clear_photos_button)
        photo_column.addLayout(photo_row)
        self.photo_label = self.form.add_row(f"Ảnh đính kèm (tối đa {MAX_PHOTOS}):",
                                             self.photo_box)
        self._build_period()
        self.kind_buttons[DISTRICT].hide()  # shown once stations' packages were imported
        self.kind_buttons[SESSION].setChecked(True)

    def _build_period(self) -> None:
        today = date.today()
        self.period_kind = QComboBox()
        self.period_kind.setObjectName("periodKind")
        self.period_kind.addItem("Một quý", "quarter")
        self.period_kind.addItem("Cả năm", "year")
        self.period_kind.addItem("Khoảng ngày tự chọn", "dates")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        for n, roman in enumerate(("I", "II", "III", "IV"), start=1):
            self.quarter.addItem(f"Quý {roman}", n)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.start = QDateEdit(QDate(today.year, 1, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.start, "periodStart"), (self.end, "periodEnd")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.period_error = paragraph("", "error")
        self.period_error.setObjectName("periodError")
        self.period_error.hide()
        self.period_box = QWidget()
        grid = QVBoxLayout(self.period_box)
        grid.setContentsMargins(0, 0, 0, 0)
        first = FlowLayout()  # rows wrap at large text sizes
        first.addWidget(self.period_kind)
        first.addWidget(self.quarter)
        first.addWidget(self.year)
        grid.addLayout(first)
        self.dates_row = QWidget()
        second = FlowLayout(self.dates_row)
        for widget in (QLabel("Từ ngày"), self.start, QLabel("đến ngày"), self.end):
            second.addWidget(widget)
        grid.addWidget(self.dates_row)
        grid.addWidget(self.period_error)
        self.period_label = self.form.add_row("Kỳ báo cáo:", self.period_box)
        for signal in (self.period_kind.currentIndexChanged, self.quarter.currentIndexChanged,
                       self.year.valueChanged, self.start.dateChanged, self.end.dateChanged):
            signal.connect(self._period_changed)
        self._period_changed()

    # --- state ----------------------------------------------------------------------------

    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def set_district_available(self, available: bool) -> None:
        self.kind_buttons[DISTRICT].setVisible(available)
        if not available and self.kind() == DISTRICT:
            self.kind_buttons[PERIOD].setChecked(True)

    def set_sessions(self, rows: list[SessionSummary]) -> None:
        """Held sessions first (newest first), then the others; keeps the selection."""
        keep = self.session_box.currentData()
        held = [r for r in rows if r.status in ("finished", "in_progress")]
        others = [r for r in rows if r not in held]
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for row in held + others:
            text = (f"{row.held_on:%d/%m/%Y} — {row.title} ({STATUS_WORDS.get(row.status, '')}"
                    f", {row.present} có mặt)")
            self.session_box.addItem(text, row.id)
            self.session_box.setItemData(self.session_box.count() - 1, text,
                                         Qt.ItemDataRole.ToolTipRole)
        index = self.session_box.findData(keep) if keep is not None else -1
        self.session_box.setCurrentIndex(index if index >= 0 else 0)
        self.session_box.blockSignals(False)
        self.changed.emit()

    def select_session(self, session_id: int) -> None:
        index = self.session_box.findData(session_id)
        if index >= 0:
            self.session_box.setCurrentIndex(index)

    def period(self) -> Period:
        """The chosen period; raises ``UserError`` for dates typed backwards."""
        kind = self.period_kind.currentData()
        if kind == "quarter":
            return quarter_period(self.year.value(), self.quarter.currentData())
        if kind == "year":
            return year_period(self.year.value())
        return make_period(self.start.date().toPython(), self.end.date().toPython())

    def choice(self) -> Choice:
        kind = self.kind()
        if kind in WITH_PERIOD:
            return Choice(kind, None, "", self.period(), ())
        session_id = self.session_box.currentData()
        if session_id is None:
            raise UserError("Chưa có buổi tập huấn nào để báo cáo. Hãy tạo buổi tập huấn ở "
                            "trang Buổi tập huấn.", code="no_session")
        title = self.session_box.currentText()
        return Choice(kind, int(session_id), title, None,
                      tuple(self.photos) if kind == SESSION else ())

    # --- reactions ------------------------------------------------------------------------

    def _kind_toggled(self, checked: bool) -> None:
        if not checked:
            return
        kind = self.kind()
        self.kind_note.setText(KIND_NOTES[kind])
        for widget in (self.session_box, self.session_label):
            widget.setVisible(kind not in WITH_PERIOD)
        for widget in (self.photo_box, self.photo_label):
            widget.setVisible(kind == SESSION)
        for widget in (self.period_box, self.period_label):
            widget.setVisible(kind in WITH_PERIOD)
        self.changed.emit()

    def _period_changed(self) -> None:
        kind = self.period_kind.currentData()
        self.quarter.setVisible(kind == "quarter")
        self.year.setVisible(kind in ("quarter", "year"))
        self.dates_row.setVisible(kind == "dates")
        try:
            self.period()
        except UserError as exc:
            self.period_error.setText(exc.message)
            self.period_error.show()
        else:
            self.period_error.hide()
        self.changed.emit()

    def add_photos(self) -> None:
        room = MAX_PHOTOS - len(self.photos)
        if room <= 0:
            show_error(self, "Đã đủ ảnh", f"Báo cáo đính kèm tối đa {MAX_PHOTOS} ảnh. Hãy bỏ "
                       "các ảnh rồi chọn lại.")
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Chọn ảnh buổi tập huấn", "", "Ảnh (*.jpg *.jpeg *.png *.webp *.bmp)")
        self.add_photo_paths(paths)

    def add_photo_paths(self, paths: list[str]) -> None:
        problems = []
        for path in paths:
            if len(self.photos) >= MAX_PHOTOS:
                problems.append(f"Chỉ giữ {MAX_PHOTOS} ảnh đầu tiên.")
                break
            try:
                check_photo(path)
            except UserError as exc:
                problems.append(exc.message)
                continue
            self.photos.append(path)
        self._show_photos()
        if problems:
            show_error(self, "Có ảnh không dùng được", "\n".join(problems))

    def clear_photos(self) -> None:
        self.photos.clear()
        self._show_photos()

    def _show_photos(self) -> None:
        from pathlib import Path

        names = [Path(p).name for p in self.photos]
        self.photo_text.setText(", ".join(names) if names else "Chưa có ảnh nào.")
        self.clear_photos_button.setEnabled(bool(names))
        self.add_photo_button.setEnabled(len(names) < MAX_PHOTOS)
        self.changed.emit()
