"""“Điểm danh theo số thứ tự”: attendance taken afterwards from the signed sheet, by typing
the row numbers ("1 2 5-9 12") and the status to give them. Problems are shown right under
the field, in Vietnamese; the page does the storing (signal ``submitted``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import ATTENDANCE_STATUS_LABELS, AttendanceStatus
from trainer_app.ui.widgets.flow_layout import FlowLayout

ROW_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED,
                AttendanceStatus.ABSENT)


class SheetRowsEntry(QWidget):
    #: (text, status) when the user presses Enter or the button.
    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Điểm danh theo &số thứ tự:")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("VD: 1 2 5-9 12")
        self.edit.setToolTip("Số thứ tự trên danh sách ký tên đã in (cột STT), cách nhau bằng "
                             "dấu cách hoặc dấu phẩy; 5-9 là từ số 5 đến số 9.")
        self.edit.setAccessibleName("Số thứ tự trên danh sách ký tên")
        self.edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.label.setBuddy(self.edit)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Trạng thái cho các số thứ tự")
        for status in ROW_STATUSES:
            self.status_combo.addItem(ATTENDANCE_STATUS_LABELS[status], status.value)
        self.button = QPushButton("Ghi")
        self.button.setToolTip("Ghi trạng thái đã chọn cho các số thứ tự (Enter)")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        field = QWidget()
        field_row = QHBoxLayout(field)
        field_row.setContentsMargins(0, 0, 0, 0)
        field_row.setSpacing(6)
        field_row.addWidget(self.label)
        field_row.addWidget(self.edit, 1)
        row = FlowLayout()
        row.addWidget(field)
        row.addWidget(self.status_combo)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self._match_heights()
        self.edit.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.edit.textEdited.connect(lambda _text: self.clear_error())

    def _match_heights(self) -> None:
        """The field and the list as tall as the button beside them (one even row)."""
        height = self.button.sizeHint().height()
        for widget in (self.edit, self.status_combo):
            widget.setMinimumHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._match_heights()

    def status(self) -> str:
        return str(self.status_combo.currentData())

    def _submit(self) -> None:
        self.submitted.emit(self.edit.text(), self.status())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.edit.setProperty("invalid", True)
        self._repolish()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_error(self) -> None:
        if self.error.isHidden():
            return
        self.error.hide()
        self.error.clear()
        self.edit.setProperty("invalid", False)
        self._repolish()

    def done(self) -> None:
        """Stored: empty the field for the next numbers."""
        self.clear_error()
        self.edit.clear()

    def _repolish(self) -> None:
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
