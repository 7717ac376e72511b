"""The steps of the roster import wizard, as plain widgets; the wizard moves between them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.text_encodings import TEXT_ENCODINGS
from trainer_app.services.roster.importer import (
    ADD,
    DOUBLE,
    ERROR,
    FIELD_LABELS,
    MERGE,
    SKIP,
    ImportPlan,
    ImportResult,
    SourceFile,
)
from trainer_app.ui.dialogs.roster_import.preview_model import (
    COL_ACTION,
    COL_DETAIL,
    COL_NAME,
    ImportPreviewModel,
    action_text,
    detail_text,
)

LEGACY_CHOICES = (("auto", "Tự nhận biết"), ("unicode", "Unicode (không chuyển)"),
                  ("tcvn3", "TCVN3 (ABC, phông .VnTime)"), ("vni", "VNI (phông VNI-Times)"))
LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime…)", "vni": "VNI (phông VNI-Times…)"}
UNUSED = "(không dùng)"


def _label(text: str, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def set_role(label: QLabel, text: str, role: str) -> None:
    label.setText(text)
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setVisible(bool(text))


class FileStep(QWidget):
    """Step 1: the file, and for CSV its encoding; the sheet once the file was read."""

    browse_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Chưa chọn tệp")
        self.path_edit.setAccessibleName("Đường dẫn tệp")
        self.browse_button = QPushButton("Chọn tệp…")
        self.browse_button.clicked.connect(self.browse_requested)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Trang tính")
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem("Tự nhận biết", None)
        for key, label in TEXT_ENCODINGS.items():
            self.encoding_combo.addItem(label, key)
        self.legacy_combo = QComboBox()
        for key, label in LEGACY_CHOICES:
            self.legacy_combo.addItem(label, key)
        self.error_label = _label("", "error")
        self.error_label.hide()

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for i, (text, widget) in enumerate((
                ("Trang tính:", self.sheet_combo),
                ("Bảng mã chữ (tệp CSV):", self.encoding_combo),
                ("Phông chữ cũ:", self.legacy_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i, 0)
            grid.addWidget(widget, i, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Chọn tệp danh sách cộng tác viên", "h2"))
        layout.addWidget(_label(
            "Tệp Excel (.xlsx) hoặc CSV. Các dòng tiêu đề phía trên, dòng trống và phần ký "
            "tên cuối danh sách được tự bỏ qua. Chưa có gì được lưu cho đến bước cuối."))
        layout.addLayout(row)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def set_sheets(self, names: list[str], current: str) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.setCurrentText(current)
        self.sheet_combo.setEnabled(len(names) > 1)
        self.sheet_combo.blockSignals(False)


class MappingStep(QWidget):
    """Step 2: which column holds what, pre-filled with the detection."""

    header_row_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.info_label = _label("")
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1_000_000)
        self.header_spin.setAccessibleName("Dòng tiêu đề")
        self.header_spin.editingFinished.connect(
            lambda: self.header_row_changed.emit(self.header_spin.value()))
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        header_label = QLabel("Dòng tiêu đề (số dòng trong Excel):")
        header_label.setBuddy(self.header_spin)
        grid.addWidget(header_label, 0, 0)
        grid.addWidget(self.header_spin, 0, 1, Qt.AlignmentFlag.AlignLeft)
        for i, (name, text) in enumerate(FIELD_LABELS.items(), start=1):
            combo = QComboBox()
            combo.setAccessibleName(text)
            combo.setMinimumContentsLength(28)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            label = QLabel(text + (" (*)" if name == "full_name" else "") + ":")
            label.setBuddy(combo)
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            self.combos[name] = combo
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addLayout(grid)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.error_label = _label("", "error")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Ghép cột", "h2"))
        layout.addWidget(self.info_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)

    def show_source(self, source: SourceFile) -> None:
        layout = source.layout
        detected = "tìm thấy tự động" if layout.has_name else "chưa tìm thấy cột họ tên"
        self.info_label.setText(
            f"Tệp {source.name}, trang “{source.sheet_name}”: dòng tiêu đề {detected}. "
            "Kiểm tra từng mục; mục nào tệp không có, chọn “(không dùng)”. Trong ngoặc là "
            "giá trị đầu tiên của cột.")
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(layout.header_row or 1)
        self.header_spin.blockSignals(False)
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItem(UNUSED, None)
            for header in layout.headers:
                sample = f" (vd: {header.sample})" if header.sample else ""
                combo.addItem(header.label + sample, header.column)
            column = layout.column_map.get(name)
            combo.setCurrentIndex(combo.findData(column) if column else 0)
        set_role(self.error_label, "", "error")

    def column_map(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}


class LegacyStep(QWidget):
    """Step 3 (only for files in TCVN3/VNI): the converted names, before anything is stored."""

    legacy_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.info_label = _label("", "warning")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Trong tệp (phông cũ)",
                                              "Sau khi chuyển sang Unicode"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combo = QComboBox()
        for key, label in LEGACY_CHOICES:
            self.combo.addItem(label, key)
        self.combo.activated.connect(lambda _i: self.legacy_changed.emit(self.combo.currentData()))
        row = QHBoxLayout()
        label = QLabel("Nếu tên chưa đúng, chọn bảng mã khác:")
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Kiểm tra chữ tiếng Việt", "h2"))
        layout.addWidget(self.info_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_plan(self, plan: ImportPlan, choice: str) -> None:
        legacy = plan.source.legacy
        name = LEGACY_NAMES.get(legacy.encoding, "Unicode")
        self.info_label.setText(
            f"Tệp này được gõ bằng bảng mã cũ {name}. Ứng dụng đã chuyển "
            f"{legacy.converted_cells} ô sang Unicode. Hãy xem các tên dưới đây đã đúng chưa "
            "trước khi tiếp tục; chưa có gì được lưu.")
        samples = plan.legacy_samples or legacy.samples
        self.table.setRowCount(len(samples))
        for i, (before, after) in enumerate(samples):
            self.table.setItem(i, 0, QTableWidgetItem(before))
            self.table.setItem(i, 1, QTableWidgetItem(after))
        self.combo.setCurrentIndex(max(0, self.combo.findData(choice)))


class PreviewStep(QWidget):
    """Step 4: what will happen to every row; the user settles possible doubles."""

    decision_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.summary_label = _label("")
        self.summary_label.setProperty("role", "h2")
        self.notes_label = _label("", "warning")
        self.notes_label.hide()
        self.model = ImportPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.detail_label = _label("", "muted")
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.double_label = QLabel("Với các dòng “Có thể trùng” đang chọn:")
        self.add_button = QPushButton("Thêm thành người mới")
        self.merge_button = QPushButton("Gộp vào người trùng")
        self.skip_button = QPushButton("Bỏ qua")
        for button, decision in ((self.add_button, ADD), (self.merge_button, MERGE),
                                 (self.skip_button, SKIP)):
            button.clicked.connect(lambda _c=False, d=decision: self.decision_requested.emit(d))
        buttons = QHBoxLayout()
        buttons.addWidget(self.double_label)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)

    def _show_detail(self, current: Any, _previous: Any = None) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is None:
            self.detail_label.setText("")
            return
        text = detail_text(entry)
        self.detail_label.setText(f"Dòng {entry.row}: {action_text(entry)}"
                                  + (f" — {text}" if text else ""))

    def show_plan(self, plan: ImportPlan) -> None:
        selected = self.selected_rows()
        self.model.set_rows(plan.rows, plan.ignored)
        self.view.resizeColumnToContents(COL_NAME)
        self.view.resizeColumnToContents(COL_ACTION)
        adds = sum(1 for r in plan.rows if r.effective == ADD)
        merges = sum(1 for r in plan.rows if r.effective == MERGE)
        undecided = sum(1 for r in plan.rows if r.action == DOUBLE and r.decision is None)
        errors = sum(1 for r in plan.rows if r.action == ERROR)
        parts = [f"{adds} người thêm mới", f"{merges} dòng gộp vào người đã có"]
        if undecided:
            parts.append(f"{undecided} dòng có thể trùng chưa chọn")
        parts.append(f"{errors} dòng lỗi (không nhập)")
        if plan.ignored:
            parts.append(f"{len(plan.ignored)} dòng không phải người (bỏ qua)")
        self.summary_label.setText(" · ".join(parts))
        set_role(self.notes_label, "\n".join(plan.notes), "warning")
        has_doubles = any(r.action == DOUBLE for r in plan.rows)
        for widget in (self.double_label, self.add_button, self.merge_button,
                       self.skip_button):
            widget.setVisible(has_doubles)
        self.select_rows(selected)
        self._show_detail(self.view.currentIndex())

    def selected_rows(self) -> list[int]:
        rows = {self.model.entry(i.row()).row for i in self.view.selectionModel().selectedRows()
                if self.model.entry(i.row()) is not None}
        return sorted(rows)

    def select_rows(self, rows: list[int]) -> None:
        wanted = set(rows)
        selection = self.view.selectionModel()
        selection.clearSelection()
        for i in range(self.model.rowCount()):
            entry = self.model.entry(i)
            if entry is not None and entry.row in wanted:
                selection.select(self.model.index(i, 0),
                                 selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)


class ResultStep(QWidget):
    """Step 5: what was stored, and the undo button."""

    def __init__(self) -> None:
        super().__init__()
        self.summary_label = _label("", "ok")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.undo_button = QPushButton("Hoàn tác lần nhập này")
        self.undo_label = _label("", "ok")
        self.undo_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Kết quả", "h2"))
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        layout.addWidget(self.undo_label)

    def show_result(self, result: ImportResult) -> None:
        self.summary_label.setText(
            f"Đã nhập xong: thêm {result.added} người mới, gộp {result.merged} dòng vào người "
            f"đã có, bỏ qua {len(result.skipped)} dòng lỗi.")
        lines = [f"Dòng {s['row']}: {s['reason']}" for s in result.skipped]
        if lines:
            lines.insert(0, "Các dòng không nhập:")
        if result.warnings:
            lines += ["", "Lưu ý:", *result.warnings]
        self.details.setPlainText("\n".join(lines) or "Không có dòng lỗi nào.")
        self.undo_button.setEnabled(True)
        self.undo_label.hide()
