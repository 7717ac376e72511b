"""The trainer's window while phones answer (on the laptop): the address and room code,
the self-check, who joined, who is still answering, who has handed in; walk-ins to accept
or merge; a second phone claiming a person, to approve; the projector view; Dừng."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.ui.phone_quiz.people_model import PhonePeopleModel

__all__ = ["PhoneWindow"]



class PhoneWindow(QWidget):
    stop_requested = Signal()
    projector_requested = Signal()
    distribution_requested = Signal(bool)
    firewall_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 firewall_button: bool | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Làm bài trên điện thoại — {title}")
        self.setObjectName("phoneWindow")
        self.heading = QLabel(title)
        self.heading.setProperty("role", "h2")
        self.heading.setWordWrap(True)
        self.link = QLabel("Đang mở máy chủ…")
        self.link.setWordWrap(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check = QLabel("")
        self.check.setWordWrap(True)
        self.awake = QLabel("")
        self.awake.setWordWrap(True)
        self.counts = QLabel("")
        self.counts.setProperty("role", "h2")
        self.people_model = PhonePeopleModel()
        self.people = QTableView()
        self.people.setObjectName("phonePeople")
        self.people.setModel(self.people_model)
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no re-measuring per update
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance("điện thoại") + 28
        for column in (1, 2, 3):
            header.resizeSection(column, width)
        self.people.setMinimumHeight(220)
        self.people.verticalHeader().hide()
        self.people.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.requests = QListWidget()
        self.requests.setObjectName("phoneRequests")
        self.requests.setWordWrap(True)
        self.requests.setMaximumHeight(96)
        self.accept = QPushButton("Nhận / Đồng ý")
        self.refuse = QPushButton("Không nhận")
        self.accept.clicked.connect(lambda: self._decide(True))
        self.refuse.clicked.connect(lambda: self._decide(False))
        self.project = QPushButton("Chiếu mã QR lên màn hình")
        self.project.clicked.connect(self.projector_requested)
        self.spread = QPushButton("Xem phân bố đáp án")
        self.spread.setCheckable(True)
        self.spread.toggled.connect(self.distribution_requested)
        self.help = QPushButton("Trợ giúp mạng Wi-Fi…")
        self.help.clicked.connect(self._help)
        # Windows only (winfirewall): the UAC prompt, then a rule for the app's programs.
        self.firewall = QPushButton("Cho phép điện thoại kết nối…")
        self.firewall.setToolTip("Mở tường lửa Windows cho điện thoại trong cùng mạng (Windows "
                                 "hỏi quyền quản trị).")
        self.firewall.clicked.connect(self.firewall_requested)
        self.firewall.setVisible(sys.platform.startswith("win") if firewall_button is None
                                 else firewall_button)
        self.stop = QPushButton("Dừng")
        self.stop.setProperty("role", "primary")
        self.stop.clicked.connect(self.stop_requested)
        decisions = QHBoxLayout()
        decisions.addWidget(self.accept)
        decisions.addWidget(self.refuse)
        decisions.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.project)
        buttons.addWidget(self.spread)
        buttons.addWidget(self.help)
        buttons.addStretch(1)
        buttons.addWidget(self.stop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.link)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check, 1)
        check_row.addWidget(self.firewall, 0)
        layout.addLayout(check_row)
        layout.addWidget(self.awake)
        layout.addWidget(self.counts)
        layout.addWidget(QLabel("Người đến thêm và điện thoại thứ hai cần cán bộ xác nhận:"))
        layout.addWidget(self.requests)
        layout.addLayout(decisions)
        layout.addWidget(QLabel("Ai đang làm bài trên điện thoại hoặc trên máy:"))
        layout.addWidget(self.people, 1)
        layout.addLayout(buttons)
        self.on_walk_in: Callable[[Any, bool], None] = lambda _r, _ok: None
        self.on_claim: Callable[[Any, bool], None] = lambda _r, _ok: None
        self._claims: list[Any] = []
        self._walk_ins: list[Any] = []
        self.closing_asks: Callable[[], bool] = lambda: True
        self._refresh_requests()

    def set_link(self, url: str, address: str, code: str, changed: bool = False) -> None:
        note = "  (địa chỉ mới: mạng của máy đã đổi)" if changed else ""
        self.link.setText(f"Địa chỉ: {url}{note}\nGõ tay: {address} — mã phòng {code}")

    def set_check(self, ok: bool, message: str) -> None:
        self.check.setText(("✓ " if ok else "⚠ ") + message)
        if not self.firewall.isHidden():
            self.firewall.setProperty("role", "" if ok else "primary")  # the way out, when it fails
            self.firewall.style().unpolish(self.firewall)
            self.firewall.style().polish(self.firewall)

    def set_firewall_busy(self, busy: bool) -> None:
        self.firewall.setEnabled(not busy)
        if busy:
            self.check.setText("Đang chờ Windows hỏi quyền quản trị để mở tường lửa…")

    def set_awake(self, active: bool, reason: str) -> None:
        self.awake.setText("✓ Máy tính được giữ thức trong lúc làm bài." if active
                           else f"⚠ {reason}")

    def set_status(self, status: Any) -> None:
        self.counts.setText(f"{status.submitted}/{status.expected} đã nộp bài · "
                            f"{status.joined - status.submitted} đang làm")
        self.people_model.set_status(status.people, status.question_count)

    def set_claims(self, claims: list[Any]) -> None:
        self._claims = list(claims)
        self._refresh_requests()

    def set_walk_ins(self, walk_ins: list[Any]) -> None:
        self._walk_ins = list(walk_ins)
        self._refresh_requests()

    def _refresh_requests(self) -> None:
        self.requests.clear()
        for request in self._walk_ins:
            item = QListWidgetItem(f"Người đến thêm: \"{request.name}\" — nhận vào buổi?")
            item.setData(Qt.ItemDataRole.UserRole, ("walk_in", request))
            self.requests.addItem(item)
        for claim in self._claims:
            item = QListWidgetItem(f"Điện thoại thứ hai muốn làm bài của {claim.full_name} "
                                   "(điện thoại đầu vẫn đang dùng) — đồng ý chuyển?")
            item.setData(Qt.ItemDataRole.UserRole, ("claim", claim))
            self.requests.addItem(item)
        if self.requests.count():
            self.requests.setCurrentRow(0)
        has = self.requests.count() > 0
        self.accept.setEnabled(has)
        self.refuse.setEnabled(has)

    def _decide(self, ok: bool) -> None:
        item = self.requests.currentItem()
        if item is None:
            return
        kind, request = item.data(Qt.ItemDataRole.UserRole)
        (self.on_walk_in if kind == "walk_in" else self.on_claim)(request, ok)

    def forget(self, request: Any) -> None:
        """A request the trainer has just decided leaves the list at once."""
        self._walk_ins = [r for r in self._walk_ins if r is not request]
        self._claims = [r for r in self._claims if r is not request]
        self._refresh_requests()

    def _help(self) -> None:
        from trainer_app.ui.dialogs.messages import show_info
        from trainer_app.ui.phone_quiz.network_help import NETWORK_HELP

        show_info(self, "Mạng Wi-Fi cho điện thoại", NETWORK_HELP)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closing_asks():
            event.accept()
        else:
            event.ignore()
