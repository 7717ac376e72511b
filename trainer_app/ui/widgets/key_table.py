"""A read-only, single-row table where Enter and Delete call back into its owner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class KeyTable(QTableView):
    """Enter on a row calls ``on_enter`` (``activated`` would fire on a single click on some
    styles); Delete calls ``on_delete``."""

    def __init__(self, on_enter: Callable[[], Any] | None = None,
                 on_delete: Callable[[], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_enter, self._on_delete = on_enter, on_delete
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        valid = self.currentIndex().isValid()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and valid and self._on_enter:
            self._on_enter()
            return
        if event.key() == Qt.Key.Key_Delete and valid and self._on_delete:
            self._on_delete()
            return
        super().keyPressEvent(event)
