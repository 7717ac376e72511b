"""Cài đặt: organisation details and preferences round trip; backups list, create, restore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.hotlines import LETTER_HOTLINES, Hotline, load_hotlines
from trainer_app.services.workspace.settings import OrgSettings
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.settings_page import SettingsPage

from .conftest import MessageRecorder, type_text


def open_settings(window: MainWindow) -> SettingsPage:
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def test_org_round_trip_with_recipients_and_hotlines(
    qtbot: QtBot,
    window: MainWindow,
    org_saved: OrgSettings,
) -> None:
    page = open_settings(window)
    form = page.org_form
    assert form.unit_name.text() == org_saved.unit_name
    assert form.recipients.toPlainText() == "UBND phường Tân Hưng;\nLưu: VT."
    form.signer_name.clear()
    type_text(form.signer_name, "Trần Văn Bình")
    form.recipients.setPlainText("UBND phường Tân Hưng;\n\n  TTYT khu vực;  \nLưu: VT.")
    assert form.hotlines.toPlainText().splitlines()[2] == (
        "1900.54.55.59 — Trung tâm Công tác xã hội - Giáo dục dạy nghề Thiếu niên Thành phố")
    form.hotlines.setPlainText("111 — Tổng đài quốc gia bảo vệ trẻ em\n\n"
                               "1900.54.55.59 - Trung tâm Công tác xã hội - Giáo dục dạy nghề")
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    stored = settings_service.load_org(window.ctx.factory)
    assert stored.signer_name == "Trần Văn Bình"
    assert stored.recipients == ["UBND phường Tân Hưng;", "TTYT khu vực;", "Lưu: VT."]
    assert load_hotlines(window.ctx.factory) == [
        Hotline("111", "Tổng đài quốc gia bảo vệ trẻ em"),
        Hotline("1900.54.55.59", "Trung tâm Công tác xã hội - Giáo dục dạy nghề")]
    assert page.org_feedback.text() == "Đã lưu thông tin đơn vị."
    shot = os.environ.get("SETTINGS_SHOT")
    if shot:  # a look at the hotline box: python -m pytest … with SETTINGS_SHOT=x.png
        window.resize(1280, 1000)
        QApplication.processEvents()
        page.org_form.hotlines.setFocus()
        window.grab().save(shot)


def test_a_hotline_without_its_owner_is_refused_and_nothing_saved(
    qtbot: QtBot,
    window: MainWindow,
    org_saved: OrgSettings,
) -> None:
    page = open_settings(window)
    page.org_form.signer_name.setText("Người Khác")
    page.org_form.hotlines.setPlainText("111 — Tổng đài quốc gia bảo vệ trẻ em\nGọi ngay")
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    assert "dòng 2" in page.org_feedback.text()
    page.org_form.hotlines.setPlainText("111 —")
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    assert "chưa có tên cơ quan" in page.org_feedback.text()
    assert settings_service.load_org(window.ctx.factory).signer_name == org_saved.signer_name
    assert load_hotlines(window.ctx.factory) == list(LETTER_HOTLINES)


def test_invalid_org_is_refused_inline(
    qtbot: QtBot,
    window: MainWindow,
    org_saved: OrgSettings,
) -> None:
    page = open_settings(window)
    page.org_form.place_name.clear()
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    assert page.org_feedback.isVisible()
    assert "địa danh" in page.org_feedback.text()
    assert page.org_form.place_name.property("invalid") is True
    assert settings_service.load_org(window.ctx.factory).place_name == org_saved.place_name


def test_preferences_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    page = open_settings(window)
    page.backup_keep.setValue(25)
    page.text_scale.setValue(130)
    page.operator_name.setText("  Lê   Thị Hoa ")
    qtbot.mouseClick(page.save_prefs_button, Qt.MouseButton.LeftButton)
    prefs = settings_service.load_preferences(window.ctx.factory)
    assert (prefs.backup_keep, prefs.text_scale_percent, prefs.operator_name) == (
        25, 130, "Lê Thị Hoa")
    assert page.operator_name.text() == "Lê Thị Hoa"
    assert QApplication.font().pointSizeF() == pytest.approx(15.6)  # 130 % applied at once


def test_backup_button_adds_a_listed_file(qtbot: QtBot, window: MainWindow) -> None:
    page = open_settings(window)
    before = page.backup_model.rowCount()
    names_before = {e.name for e in backup_service.list_entries(window.ctx.data_dir)}
    with qtbot.waitSignal(window.ctx.events.data_changed) as done:  # made on a worker
        qtbot.mouseClick(page.backup_now_button, Qt.MouseButton.LeftButton)
    assert done.args == ["backup"]
    entries = backup_service.list_entries(window.ctx.data_dir)
    new = [e for e in entries if e.name not in names_before]
    assert len(new) == 1 and new[0].reason == "manual"
    assert Path(new[0].path).is_file()
    assert page.backup_model.rowCount() == before + 1
    shown = [page.backup_model.data(page.backup_model.index(r, 3))
             for r in range(page.backup_model.rowCount())]
    assert new[0].name in shown
    assert "Đã sao lưu" in window.statusBar().currentMessage()


def test_usb_backup_writes_to_the_chosen_folder(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: MessageRecorder,
) -> None:
    usb = tmp_path / "usb"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(usb)))
    page = open_settings(window)
    assert page.reminder_label.isVisible()
    with qtbot.waitSignal(window.ctx.events.data_changed):  # copied on a worker
        qtbot.mouseClick(page.external_button, Qt.MouseButton.LeftButton)
    copies = list(usb.glob("TapHuanCTV-saoluu-*.db"))
    assert len(copies) == 1
    assert messages.shown[-1].title == "Đã sao lưu ra USB"
    assert "dữ liệu cá nhân" in messages.shown[-1].text  # the user is told what the copy holds
    assert not page.reminder_label.isVisible()
    assert "USB" not in window.backup_label.text()
    assert settings_service.load_preferences(window.ctx.factory).external_backup_dir == str(usb)


def test_restore_selected_backup_brings_old_data_back(
    qtbot: QtBot,
    window: MainWindow,
    messages: MessageRecorder,
) -> None:
    ctx = window.ctx
    page = open_settings(window)
    with qtbot.waitSignal(ctx.events.data_changed):  # the backup is made on a worker
        qtbot.mouseClick(page.backup_now_button, Qt.MouseButton.LeftButton)
    first_name = backup_service.list_entries(ctx.data_dir)[0].name
    changed = OrgSettings(**{**settings_service.load_org(ctx.factory).__dict__,
                             "unit_name": "ĐƠN VỊ MỚI"})
    settings_service.save_org(ctx.factory, changed)
    old_workspace = ctx.workspace

    row = next(r for r in range(page.backup_model.rowCount())
               if page.backup_model.entry(r).name == first_name)
    page.backup_table.selectRow(row)
    assert page.restore_button.isEnabled()
    messages.answers = ["Khôi phục"]
    with qtbot.waitSignal(ctx.events.data_changed) as blocker:
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["*"]
    assert ctx.workspace is not old_workspace  # the app closed and reopened it
    assert settings_service.load_org(ctx.factory).unit_name == "TRẠM Y TẾ PHƯỜNG TÂN HƯNG"
    assert page.org_form.unit_name.text() == "TRẠM Y TẾ PHƯỜNG TÂN HƯNG"
    assert messages.shown[0].buttons == ["Khôi phục", "Hủy"]
    assert messages.shown[-1].title == "Đã khôi phục"
    reasons = {e.reason for e in backup_service.list_entries(ctx.data_dir)}
    assert "pre-restore" in reasons


def test_restore_cancelled_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    messages: MessageRecorder,
) -> None:
    ctx = window.ctx
    page = open_settings(window)
    page.backup_table.selectRow(0)
    workspace = ctx.workspace
    messages.answers = ["Hủy"]
    assert page.restore_selected() is False
    assert ctx.workspace is workspace
    assert len(messages.shown) == 1


def test_restore_from_a_damaged_file_is_refused(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: MessageRecorder,
) -> None:
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(bad), "")))
    page = open_settings(window)
    messages.answers = ["Khôi phục"]
    assert page.restore_from_file() is False
    assert messages.shown[-1].title == "Không khôi phục được"
    assert "không bị thay đổi" in messages.shown[-1].text
    assert settings_service.load_org(window.ctx.factory).is_complete


def test_station_code_is_kept_and_shown_in_the_number_preview(
        qtbot: QtBot, window: MainWindow, org_saved: OrgSettings) -> None:
    page = open_settings(window)
    form = page.org_form
    form.certificate_pattern.setText("{seq:03d}/{year}/GCN-{station}")
    form.station_code.setText("th 2")
    assert "001/" in form.pattern_preview.text() and "/GCN-TH2" in form.pattern_preview.text()
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    stored = settings_service.load_org(window.ctx.factory)
    assert (stored.certificate_pattern, stored.station_code) == (
        "{seq:03d}/{year}/GCN-{station}", "TH2")
    # Saving the form again (other field changed) keeps the code.
    form.signer_title.setText("PHÓ TRƯỞNG TRẠM")
    qtbot.mouseClick(page.save_org_button, Qt.MouseButton.LeftButton)
    assert settings_service.load_org(window.ctx.factory).station_code == "TH2"
    form.station_code.setText("trạm số 2!")  # folded as it will be printed
    assert "/GCN-TRAMSO2" in form.pattern_preview.text()
    assert form.invalid_fields() == []
