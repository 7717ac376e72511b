"""First start: ask for the unit's details that every document carries."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.settings import OrgSettings
from trainer_app.ui.widgets.org_form import OrgForm

log = logging.getLogger(__name__)


class OrgSetupDialog(QDialog):
    """Modal. Saves through ``save_org``; refuses (with the reason shown inline) until the
    details are complete. ``saved`` holds what was stored."""

    def __init__(self, factory: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.saved: OrgSettings | None = None
        self.setWindowTitle("Thông tin đơn vị")
        self.setModal(True)

        title = QLabel("Chào mừng! Hãy nhập thông tin đơn vị")
        title.setProperty("role", "h2")
        title.setWordWrap(True)
        intro = QLabel(
            "Những thông tin này được in trên danh sách điểm danh, giấy chứng nhận và báo cáo. "
            "Có thể sửa lại bất cứ lúc nào ở trang Cài đặt. Mục có dấu (*) là bắt buộc."
        )
        intro.setWordWrap(True)
        self.form = OrgForm(self)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "Lưu và bắt đầu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(
            "Để sau", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        current = settings_service.load_org(factory)
        self.form.set_org(current)
        self.resize(720, self.sizeHint().height())

    def try_save(self) -> bool:
        org = self.form.org(settings_service.load_org(self._factory))
        try:
            self.saved = settings_service.save_org(self._factory, org)
        except UserError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            self.form.mark_invalid(self.form.invalid_fields())
            return False
        log.info("organisation details saved at first start")
        self.accept()
        return True
