"""Cài đặt → Cơ sở dữ liệu: which database this window uses, and the PostgreSQL server to use
from the next start (kept by ``services/workspace/database_choice`` in a 0600 file of the data
folder). Checking a connection runs off the GUI thread; the password is never shown."""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.workspace import database_choice
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.pages.base import paragraph


class DatabaseBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Cơ sở dữ liệu", parent)
        self.ctx = ctx
        self.in_use = paragraph("", "")
        self.in_use.setObjectName("databaseInUse")
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(
            "postgresql://người_dùng:mật_khẩu@máy_chủ:5432/tên_cơ_sở_dữ_liệu — để trống: SQLite")
        self.feedback = paragraph("")
        self.feedback.hide()
        self.check_button = QPushButton("Kiểm tra kết nối")
        self.save_button = QPushButton("Lưu (dùng từ lần mở sau)")
        self.check_button.clicked.connect(lambda _checked=False: self.check())
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_use)
        layout.addWidget(paragraph(
            "Trạm y tế dùng SQLite trên máy này (mặc định). Trung tâm Y tế nhiều người cùng nhập "
            "có thể dùng máy chủ PostgreSQL: nhập địa chỉ do cán bộ CNTT cung cấp.", "muted"))
        layout.addWidget(self.url_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        self.refresh()

    def refresh(self) -> None:
        choice = database_choice.describe(self.ctx.data_dir,
                                          os.environ.get(database_choice.URL_ENV_VAR))
        text = f"Đang dùng: {choice.in_use}"
        if choice.saved_url and choice.saved_url != self.ctx.data_dir.database_label:
            text += f"\nLần mở sau: PostgreSQL — {choice.saved_url}"
        if choice.from_environment:
            text += "\n(Địa chỉ từ biến môi trường TRAINER_APP_DATABASE_URL được ưu tiên.)"
        self.in_use.setText(text)

    def _say(self, text: str, ok: bool) -> None:
        self.feedback.setText(text)
        style.set_role(self.feedback, "ok" if ok else "error")
        self.feedback.show()

    def check(self) -> None:
        url = self.url_edit.text().strip()
        if not url:
            self._say("Chưa nhập địa chỉ máy chủ.", False)
            return
        from trainer_app.ui.tasks import run_task

        self._say("Đang kết nối…", True)
        self.check_button.setEnabled(False)

        def done(message: object) -> None:
            self.check_button.setEnabled(True)
            self._say(str(message), True)

        def failed(error: UserError) -> None:
            self.check_button.setEnabled(True)
            self._say(error.message, False)

        self._task = run_task(self, "Đang kết nối máy chủ cơ sở dữ liệu…",
                              lambda _progress, _cancel: database_choice.check_connection(url),
                              on_done=done, on_error=failed, cancellable=False)

    def save(self) -> None:
        try:
            message = database_choice.save_choice(self.ctx.data_dir,
                                                  self.url_edit.text().strip() or None)
        except UserError as exc:
            self._say(exc.message, False)
            return
        self.url_edit.clear()
        self._say(message, True)
        self.refresh()
