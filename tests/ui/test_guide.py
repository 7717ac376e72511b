"""F1 opens the guide from any page; its buttons lead to the page that does each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer_app.ui.dialogs import guide_dialog
from trainer_app.ui.main_window import PAGES, MainWindow


def test_f1_opens_the_guide_and_a_step_leads_to_its_page(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[guide_dialog.GuideDialog] = []

    def fake_exec(dialog: guide_dialog.GuideDialog) -> int:
        shown.append(dialog)
        dialog.buttons["attendance"][0].click()  # "Mở trang Điểm danh"
        return 1

    monkeypatch.setattr(guide_dialog.GuideDialog, "exec", fake_exec)
    window.show_page("people")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(shown) == 1
    assert window.current_page_key() == "attendance"


def test_every_guide_step_points_at_a_real_page() -> None:
    keys = {spec.key for spec in PAGES}
    assert {page for _h, _t, page, _b in guide_dialog.STEPS} <= keys
    assert len(guide_dialog.STEPS) >= 8
