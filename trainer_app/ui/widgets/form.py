"""Forms that fit any width: label beside field when there is room, label above field when
the window is narrow or the text large (projector, older eyes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

FIELD_LETTERS = 22  # a field narrower than this many letters moves under its label


class FieldLabel(QLabel):
    """A field's label; focuses the field (buddy). Asks for one line per text line."""

    def __init__(self, text: str, buddy: QWidget) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setBuddy(buddy)

    def sizeHint(self) -> QSize:
        """As wide as the text needs to keep its own lines (it wraps only when squeezed)."""
        lines = self.text().count("\n") + 1
        unbounded = self.heightForWidth(100_000)
        width = max(self.fontMetrics().horizontalAdvance(line)
                    for line in self.text().split("\n"))
        for _ in range(64):  # QLabel's wrapping width differs a little from the text's
            if self.heightForWidth(width) <= unbounded:
                break
            width += 2
        return QSize(width, max(unbounded, super().sizeHint().height() if lines > 1 else 0))


class FormWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._labels: list[FieldLabel] = []
        self._text_boxes: list[tuple[QPlainTextEdit, int]] = []

    def add_row(self, text: str, field: QWidget, hint: QLabel | None = None) -> FieldLabel:
        """A labelled field; ``hint`` (a live preview or a tip) goes right under the field."""
        label = FieldLabel(text, field)
        if hint is None:
            self.form.addRow(label, field)
        else:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(hint)
            self.form.addRow(label, box)
        self._labels.append(label)
        if isinstance(field, QPlainTextEdit):
            field.setTabChangesFocus(True)
        self.fit_fields()
        return label

    def set_text_box_lines(self, box: QPlainTextEdit, lines: int) -> None:
        self._text_boxes.append((box, lines))
        self.fit_fields()

    def fit_fields(self) -> None:
        """Sizes that follow the text size (Ctrl + / Ctrl -)."""
        metrics = self.fontMetrics()
        width = metrics.averageCharWidth() * FIELD_LETTERS
        for edit in self.findChildren(QLineEdit):
            edit.setMinimumWidth(width)
        for box, lines in self._text_boxes:
            box.setFixedHeight(metrics.lineSpacing() * lines + 16)
        self._choose_wrap(self.width())

    def _choose_wrap(self, width: int) -> None:
        label_width = max((label.sizeHint().width() for label in self._labels), default=0)
        field_width = self.fontMetrics().averageCharWidth() * FIELD_LETTERS
        margins = self.form.contentsMargins()
        needed = (label_width + self.form.horizontalSpacing() + field_width
                  + margins.left() + margins.right())
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if width < needed
                  else QFormLayout.RowWrapPolicy.DontWrapRows)
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose_wrap(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_fields()
