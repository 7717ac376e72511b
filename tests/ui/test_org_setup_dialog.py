"""First start: the unit's details dialog refuses incomplete input and saves good input."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer_app.app import after_show
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.org_setup_dialog import OrgSetupDialog

from .conftest import COMPLETE_ORG, WindowFactory, type_text


def fill(qtbot: QtBot, dialog: OrgSetupDialog, **values: str) -> None:
    for name, text in values.items():
        edit = getattr(dialog.form, name)
        edit.clear()
        type_text(edit, text)


def test_refuses_an_empty_unit_name_and_says_why(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = OrgSetupDialog(ctx.factory)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, parent_body="TTYT khu vực", place_name="Tân Hưng",
         signer_name="Nguyễn Thị Lan")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.result() != OrgSetupDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "Chưa nhập tên đơn vị" in dialog.error_label.text()
    assert dialog.form.unit_name.property("invalid") is True
    assert dialog.form.place_name.property("invalid") is False
    assert settings_service.load_org(ctx.factory).unit_name == ""


def test_spaces_only_count_as_empty(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = OrgSetupDialog(ctx.factory)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, unit_name="   ", parent_body="TTYT", place_name="Tân Hưng",
         signer_name="Lan")
    assert dialog.try_save() is False
    assert "tên đơn vị" in dialog.error_label.text()


def test_bad_certificate_pattern_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = OrgSetupDialog(ctx.factory)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, unit_name="TRẠM Y TẾ", parent_body="TTYT", place_name="Tân Hưng",
         signer_name="Lan", certificate_pattern="GCN-001")
    assert dialog.try_save() is False
    assert "{seq}" in dialog.error_label.text()
    assert dialog.form.certificate_pattern.property("invalid") is True


def test_saves_valid_input(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = OrgSetupDialog(ctx.factory)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, unit_name="TRẠM Y TẾ PHƯỜNG  TÂN HƯNG", parent_body="TTYT KHU VỰC 7",
         place_name="Tân Hưng", signer_name="Nguyễn Thị Lan", signer_title="TRƯỞNG TRẠM",
         certificate_pattern="{seq:03d}/GCN-{year}")
    assert "Tân Hưng, ngày" in dialog.form.date_preview.text()
    assert f"001/GCN-{dialog.form._today.year}" in dialog.form.pattern_preview.text()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = settings_service.load_org(ctx.factory)
    assert stored.unit_name == "TRẠM Y TẾ PHƯỜNG TÂN HƯNG"  # spaces collapsed by the service
    assert stored.place_name == "Tân Hưng"
    assert stored.signer_title == "TRƯỞNG TRẠM"
    assert stored.certificate_pattern == "{seq:03d}/GCN-{year}"
    assert stored.is_complete
    assert dialog.saved == stored


def test_first_start_opens_the_dialog_and_not_again(
    qtbot: QtBot,
    make_window: WindowFactory,
    ctx: AppContext,
) -> None:
    window = make_window()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, OrgSetupDialog)
        dialog.form.set_org(COMPLETE_ORG)
        dialog.try_save()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(ctx.events.data_changed) as blocker:
        after_show(window, ctx, first_start_dialog=True)
    assert seen == ["OrgSetupDialog"]
    assert blocker.args == ["org"]
    assert settings_service.load_org(ctx.factory).unit_name == COMPLETE_ORG.unit_name
    assert window.windowTitle().endswith(COMPLETE_ORG.unit_name)
    # Complete now: the next start shows no dialog (it would block this test if it did).
    after_show(window, ctx, first_start_dialog=True)
    assert QApplication.activeModalWidget() is None
