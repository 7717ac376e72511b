"""Cài đặt: the unit's details, preferences, and backups (list, back up, restore)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.hotlines import load_hotlines, save_hotlines, validate_hotlines
from trainer_app.ui import commands, events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.backup_table_model import BackupTableModel
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.form import FormWidget
from trainer_app.ui.widgets.kiosk_settings_box import KioskSettingsBox
from trainer_app.ui.widgets.neighbourhood_editor import NeighbourhoodEditor
from trainer_app.ui.widgets.org_form import OrgForm

log = logging.getLogger(__name__)


def _feedback_label() -> QLabel:
    label = paragraph("")
    label.hide()
    return label


def _show(label: QLabel, text: str, role: str) -> None:
    label.setText(text)
    style.set_role(label, role)
    label.show()


class SettingsPage(Page):
    watches = (events.ORG, events.PREFERENCES, events.BACKUP)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Cài đặt", parent)
        self.body_layout.addWidget(self._build_org_group())
        self.body_layout.addWidget(self._build_prefs_group())
        self.body_layout.addWidget(self._build_backup_group())
        from trainer_app.ui.widgets.database_box import DatabaseBox

        self.database_box = DatabaseBox(ctx)
        self.body_layout.addWidget(self.database_box)
        self.kiosk_box = KioskSettingsBox(ctx)
        self.body_layout.addWidget(self.kiosk_box)
        self.neighbourhood_editor = NeighbourhoodEditor(ctx)
        self.body_layout.addWidget(self.neighbourhood_editor)
        self.body_layout.addStretch(1)

    # -- building -------------------------------------------------------------------------

    def _build_org_group(self) -> QGroupBox:
        group = QGroupBox("Thông tin đơn vị (in trên giấy tờ)")
        layout = QVBoxLayout(group)
        self.org_form = OrgForm(with_lists=True)
        layout.addWidget(self.org_form)
        # Read out over the phone when the centre imports this station's first package.
        self.fingerprint_label = paragraph("", "muted")
        self.fingerprint_label.setObjectName("stationFingerprint")
        layout.addWidget(self.fingerprint_label)
        self.org_feedback = _feedback_label()
        layout.addWidget(self.org_feedback)
        self.save_org_button = QPushButton("Lưu thông tin đơn vị")
        self.save_org_button.setProperty("role", "primary")
        self.save_org_button.clicked.connect(self.save_org)
        row = QHBoxLayout()
        row.addWidget(self.save_org_button)
        row.addStretch(1)
        layout.addLayout(row)
        return group

    def _build_prefs_group(self) -> QGroupBox:
        group = QGroupBox("Tùy chọn")
        layout = QVBoxLayout(group)
        form = FormWidget()
        self.text_scale = QSpinBox()
        self.text_scale.setRange(style.MIN_SCALE, style.MAX_SCALE)
        self.text_scale.setSingleStep(style.SCALE_STEP)
        self.text_scale.setSuffix(" %")
        self.text_scale.setToolTip("Cũng đổi được bằng Ctrl + và Ctrl −")
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setSuffix(" bản")
        self.operator_name = QLineEdit(placeholderText="Người đang dùng máy, VD: Lê Thị Hoa")
        form.add_row("Cỡ chữ (Ctrl + / Ctrl −)", self.text_scale)
        form.add_row("Số bản sao lưu tự động giữ lại", self.backup_keep)
        form.add_row("Người sử dụng", self.operator_name)
        self.no_hw_decoding = QCheckBox("Tắt giải mã phần cứng")
        self.no_hw_decoding.setToolTip(
            "Bật khi video bị xanh, giật hoặc đứng hình: VLC sẽ giải mã bằng bộ xử lý (chậm "
            "hơn một chút). Áp dụng cho video mở sau khi lưu.")
        form.add_row("Video", self.no_hw_decoding)
        layout.addWidget(form)
        self.prefs_feedback = _feedback_label()
        layout.addWidget(self.prefs_feedback)
        self.save_prefs_button = QPushButton("Lưu tùy chọn")
        self.save_prefs_button.clicked.connect(self.save_preferences)
        row = QHBoxLayout()
        row.addWidget(self.save_prefs_button)
        row.addStretch(1)
        layout.addLayout(row)
        return group

    def _build_backup_group(self) -> QGroupBox:
        group = QGroupBox("Sao lưu dữ liệu")
        layout = QVBoxLayout(group)
        self.backup_info = paragraph("", "muted")
        layout.addWidget(self.backup_info)
        self.reminder_label = paragraph("", "warning")
        self.reminder_label.hide()
        layout.addWidget(self.reminder_label)

        self.backup_model = BackupTableModel(self)
        self.backup_table = QTableView()
        self.backup_table.setModel(self.backup_model)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.setAlternatingRowColors(True)
        self.backup_table.verticalHeader().hide()
        self.backup_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.backup_table.horizontalHeader().setStretchLastSection(True)
        self.backup_table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.backup_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.backup_table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.backup_table)

        self.backup_now_button = QPushButton("Sao lưu ngay")
        self.backup_now_button.setProperty("role", "primary")
        self.backup_now_button.clicked.connect(lambda: commands.backup_now(self, self.ctx))
        self.external_button = QPushButton("Sao lưu ra USB/thư mục…")
        self.external_button.clicked.connect(
            lambda: commands.backup_to_external(self, self.ctx))
        self.restore_button = QPushButton("Khôi phục bản đã chọn…")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("Khôi phục từ tệp khác…")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        buttons = FlowLayout()
        for button in (self.backup_now_button, self.external_button, self.restore_button,
                       self.restore_file_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return group

    # -- refresh --------------------------------------------------------------------------

    def refresh(self, kind: str = events.ALL) -> None:
        if events.concerns(kind, events.ORG):
            from trainer_app.services.exchange.keys import station_fingerprint

            self.org_form.set_org(settings_service.load_org(self.ctx.factory))
            self.org_form.set_hotlines(load_hotlines(self.ctx.factory))
            fingerprint = station_fingerprint(self.ctx.data_dir, self.ctx.factory)
            self.fingerprint_label.setText(
                "Dấu vân tay khóa gửi số liệu lên Trung tâm: " + (fingerprint or "chưa có (tạo "
                "khi gửi số liệu lần đầu: Tệp → Gửi số liệu lên Trung tâm Y tế)."))
        if events.concerns(kind, events.PREFERENCES):
            prefs = settings_service.load_preferences(self.ctx.factory)
            self.text_scale.setValue(prefs.text_scale_percent)
            self.backup_keep.setValue(prefs.backup_keep)
            self.operator_name.setText(prefs.operator_name)
            self.no_hw_decoding.setChecked(not prefs.hardware_decoding)
            self.kiosk_box.refresh()
        if events.concerns(kind, events.BACKUP, events.PREFERENCES):
            self._refresh_backups()

    def _refresh_backups(self) -> None:
        entries = backup_service.list_entries(self.ctx.data_dir)
        self.backup_model.set_rows(entries)
        self.backup_info.setText(
            f"Sao lưu tự động mỗi ngày khi mở ứng dụng. Thư mục sao lưu: "
            f"{self.ctx.data_dir.backups_dir} ({len(entries)} bản)."
        )
        reminder = backup_service.external_reminder(self.ctx.workspace)
        self.reminder_label.setText(reminder or "")
        self.reminder_label.setVisible(bool(reminder))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # -- actions --------------------------------------------------------------------------

    def save_org(self) -> bool:
        current = settings_service.load_org(self.ctx.factory)
        try:
            hotlines = validate_hotlines(self.org_form.hotline_items())
            saved = settings_service.save_org(self.ctx.factory, self.org_form.org(current))
            hotlines = save_hotlines(self.ctx.factory, hotlines)
        except UserError as exc:
            self.org_form.mark_invalid(self.org_form.invalid_fields())
            _show(self.org_feedback, exc.message, "error")
            return False
        log.info("organisation details and hotlines saved")
        self.org_form.set_org(saved)
        self.org_form.set_hotlines(hotlines)
        _show(self.org_feedback, "Đã lưu thông tin đơn vị.", "ok")
        self.ctx.events.data_changed.emit(events.ORG)
        return True

    def save_preferences(self) -> bool:
        prefs = settings_service.load_preferences(self.ctx.factory)
        prefs.text_scale_percent = self.text_scale.value()
        prefs.backup_keep = self.backup_keep.value()
        prefs.operator_name = self.operator_name.text()
        prefs.hardware_decoding = not self.no_hw_decoding.isChecked()
        try:
            settings_service.save_preferences(self.ctx.factory, prefs)
        except UserError as exc:
            _show(self.prefs_feedback, exc.message, "error")
            return False
        log.info("preferences saved")
        _show(self.prefs_feedback, "Đã lưu tùy chọn.", "ok")
        # Applies the text size app-wide and announces the change (once).
        commands.set_text_scale(self, self.ctx, prefs.text_scale_percent)
        return True

    def selected_backup(self) -> Path | None:
        rows = self.backup_table.selectionModel().selectedRows()
        entry = self.backup_model.entry(rows[0].row()) if rows else None
        return Path(entry.path) if entry else None

    def restore_selected(self) -> bool:
        path = self.selected_backup()
        return commands.restore_backup(self, self.ctx, path) if path else False

    def restore_from_file(self) -> bool:
        path = commands.choose_backup_file(self, self.ctx)
        return commands.restore_backup(self, self.ctx, path) if path else False
