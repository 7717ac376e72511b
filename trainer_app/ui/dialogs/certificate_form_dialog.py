"""Vị trí in trên phôi: where each variable field of a certificate goes on the station's
pre-printed forms (phôi), in millimetres, and a shift of the whole sheet.

The way to measure: "In trang thử" on plain paper, lay it on a form against the light, move
the fields that are off (or shift the whole page when everything is off by the same amount),
print again. The test page is drawn from the stored positions, so "Xem trước" and "In trang
thử…" save what was typed first (``services.certificate_form_settings``); the preview is the
test page itself (``widgets.pdf_preview``), printing goes through ``ui.printing``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.certificate_form import FORM_FIELDS, FormLayout
from trainer_app.services.certificates.documents import write_form_test_page
from trainer_app.services.certificates.form_settings import (
    MAX_OFFSET_MM,
    PAGE_MM,
    load_form_layout,
    reset_form_layout,
    update_form_layout,
)
from trainer_app.services.errors import UserError
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, confirm, show_error, show_info
from trainer_app.ui.printing import print_pdf
from trainer_app.ui.tasks import TaskHandle, run_task
from trainer_app.ui.widgets.pdf_preview import PdfPreview

__all__ = ["CertificateFormDialog"]

TITLE = "Vị trí in trên phôi giấy chứng nhận"
HINT = ("Các số tính bằng milimét trên tờ A4 nằm ngang: Ngang là khoảng cách từ mép trái, Dọc "
        "là từ mép trên tới chân dòng chữ. In trang thử lên giấy trắng, đặt chồng lên phôi soi "
        "ra ánh sáng rồi chỉnh. Nếu mọi chữ cùng lệch một khoảng, chỉ cần sửa “Độ lệch cả "
        "trang”.")
ANCHORS = {"left": "đầu dòng", "center": "giữa dòng", "right": "cuối dòng"}
UNSAVED = "Chưa lưu. “Xem trước” và “In trang thử…” sẽ lưu rồi in theo các số mới."


def _spin(low: float, high: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" mm")
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMinimumWidth(96)
    return spin


class CertificateFormDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(TITLE)
        self.saved = False  # something was stored while the window was open
        self.task: TaskHandle | None = None
        self._dirty = False
        self._loading = False
        self._serial = 0
        self._tmp = Path(tempfile.mkdtemp(prefix="trainer-app-phoi-"))
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        self.spins: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        self.anchors: dict[str, QLabel] = {}
        self.offset_x = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        self.offset_y = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        self.preview_button = self._button("&Xem trước", self.refresh_preview)
        self.print_button = self._button("&In trang thử…", self.print_test_page)
        self.reset_button = self._button("&Khôi phục mặc định", self.reset)
        self.save_button = self._button("&Lưu", self.save)
        self.save_button.setProperty("role", "primary")
        self.close_button = self._button("Đóng", self.accept)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addWidget(self._fields_panel())
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1200, 720)
        self.load(load_form_layout(ctx.factory))
        self.refresh_preview()

    # --- building ---------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _fields_panel(self) -> QWidget:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        for column, text in enumerate(("", "Ngang", "Dọc", "")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        # The whole-page shift first: when everything is off by the same amount, it is
        # the only thing to change (and it stays in sight when the list scrolls).
        grid.addWidget(QLabel("<b>Độ lệch cả trang</b>"), 1, 0)
        grid.addWidget(self.offset_x, 1, 1)
        grid.addWidget(self.offset_y, 1, 2)
        shift = QLabel("dương: sang phải,\nxuống dưới")
        shift.setProperty("role", "muted")
        grid.addWidget(shift, 1, 3)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(line, 2, 0, 1, 4)
        for column, text in enumerate(("Trường", "", "", "Mốc ngang")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 3, column)
        for row, (key, label) in enumerate(FORM_FIELDS.items(), start=4):
            x, y = _spin(0, PAGE_MM[0]), _spin(0, PAGE_MM[1])
            x.setObjectName(f"{key}_x")
            y.setObjectName(f"{key}_y")
            anchor = QLabel()
            anchor.setProperty("role", "muted")
            self.spins[key], self.anchors[key] = (x, y), anchor
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(x, row, 1)
            grid.addWidget(y, row, 2)
            grid.addWidget(anchor, row, 3)
        grid.setRowStretch(len(FORM_FIELDS) + 4, 1)
        for spin in (*(s for pair in self.spins.values() for s in pair), self.offset_x,
                     self.offset_y):
            spin.valueChanged.connect(self._edited)
        inner = QWidget()
        inner.setLayout(grid)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(inner.sizeHint().width() + area.verticalScrollBar()
                             .sizeHint().width() + 4)
        return area

    # --- values -----------------------------------------------------------------------------

    def load(self, layout: FormLayout) -> None:
        self._loading = True
        try:
            for key, (x, y) in self.spins.items():
                spot = layout.fields[key]
                x.setValue(spot.x_mm)
                y.setValue(spot.y_mm)
                self.anchors[key].setText("góc trên trái" if key == "qr"
                                          else ANCHORS.get(spot.align, spot.align))
            self.offset_x.setValue(layout.offset_x_mm)
            self.offset_y.setValue(layout.offset_y_mm)
        finally:
            self._loading = False
        self._dirty = False

    def changes(self) -> dict[str, float]:
        values: dict[str, float] = {}
        for key, (x, y) in self.spins.items():
            values[f"{key}.x"], values[f"{key}.y"] = x.value(), y.value()
        return values

    def _edited(self, _value: float) -> None:
        if not self._loading:
            self._dirty = True
            self.status.setText(UNSAVED)

    def save(self) -> bool:
        """Store what is typed; False (and why, in a message) when it cannot be."""
        try:
            layout = update_form_layout(self.ctx.factory, self.changes(),
                                        offset_x_mm=self.offset_x.value(),
                                        offset_y_mm=self.offset_y.value())
        except UserError as exc:
            show_error(self, "Chưa lưu được", exc.message)
            return False
        self.load(layout)
        self.saved = True
        self.status.setText("Đã lưu vị trí in trên phôi.")
        return True

    def reset(self) -> None:
        if not confirm(self, "Khôi phục mặc định", "Đưa mọi vị trí và độ lệch về mặc định? "
                       "Các số đã chỉnh sẽ mất.", "Khôi phục mặc định"):
            return
        try:
            self.load(reset_form_layout(self.ctx.factory))
        except UserError as exc:
            show_error(self, "Không khôi phục được", exc.message)
            return
        self.saved = True
        self.refresh_preview()
        self.status.setText("Đã khôi phục vị trí mặc định.")

    # --- test page --------------------------------------------------------------------------

    def refresh_preview(self, then: Callable[[Path], None] | None = None) -> None:
        """Save if needed, write the test page to a new temporary PDF, show it."""
        if self._dirty and not self.save():
            return
        self._serial += 1
        path = self._tmp / f"trang-thu-{self._serial}.pdf"
        factory = self.ctx.factory
        self.preview.show_message("Đang chuẩn bị trang in thử…")

        def done(file: str) -> None:
            self.preview.show_file(Path(file))
            for old in self._tmp.glob("trang-thu-*.pdf"):
                if old != Path(file):
                    old.unlink(missing_ok=True)
            if then is not None:
                then(Path(file))

        def failed(error: UserError) -> None:
            self.preview.show_message(error.message)

        self.task = run_task(self, "Đang chuẩn bị trang in thử…",
                             lambda _progress, _cancel: write_form_test_page(factory, path),
                             on_done=done, on_error=failed)

    def print_test_page(self) -> None:
        def send(path: Path) -> None:
            try:
                self.task = print_pdf(
                    self, path, "Trang in thử phôi giấy chứng nhận", landscape=True,
                    on_done=lambda r: self.status.setText(
                        f"Đã gửi trang in thử tới máy in {r.printer_name}. Đặt lên phôi, "
                        "soi ra ánh sáng để so."))
            except UserError as exc:
                show_info(self, "Chưa in được", exc.message)

        self.refresh_preview(then=send)

    def done(self, result: int) -> None:
        if self._dirty:
            answer = choose(self, TITLE, "Các vị trí vừa sửa chưa được lưu. Lưu lại?",
                            [("Lưu", "save"), ("Không lưu", "drop"), ("Hủy", None)],
                            default="save", escape=None)
            if answer is None or (answer == "save" and not self.save()):
                return
            self._dirty = False
        self.preview.close_document()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
