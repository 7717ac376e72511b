"""Tổng quan: figures, empty state with its next step, org reminder, backup reminder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.opening import Workspace
from trainer_app.ui import events
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.overview_page import OverviewPage
from trainer_app.ui.widgets.org_form import date_line

from .conftest import COMPLETE_ORG, WindowFactory


def overview(window: MainWindow) -> OverviewPage:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    return page


def test_empty_workspace_says_what_to_do_next(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    page = overview(window)
    assert page.isVisible()
    assert page.people_card.figure.text() == "0"
    assert page.empty_state.isVisible()
    assert page.org_missing.isVisible()  # first start skipped: the unit is still unknown
    assert "Chưa có buổi nào" in page.next_label.text()
    qtbot.mouseClick(page.people_button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "people"
    window.show_page("overview")
    qtbot.mouseClick(page.org_button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "settings"


def test_saving_the_unit_hides_its_reminder(make_window: WindowFactory) -> None:
    window = make_window()
    page = overview(window)
    assert page.org_missing.isVisible()
    settings_service.save_org(window.ctx.factory, COMPLETE_ORG)
    window.ctx.events.data_changed.emit(events.ORG)
    assert not page.org_missing.isVisible()
    assert page.unit_label.text() == COMPLETE_ORG.unit_name


def test_backup_reminder_until_a_usb_copy_exists(window: MainWindow) -> None:
    page = overview(window)
    assert "USB" in page.backup_label.text()
    assert page.backup_label.property("role") == "warning"


def test_hidden_page_refreshes_when_shown_again(window: MainWindow) -> None:
    page = overview(window)
    window.show_page("settings")
    settings_service.save_org(window.ctx.factory, COMPLETE_ORG.__class__(
        **{**COMPLETE_ORG.__dict__, "unit_name": "TRẠM Y TẾ XÃ MỚI"}))
    window.ctx.events.data_changed.emit(events.ORG)
    assert page.unit_label.text() == COMPLETE_ORG.unit_name  # hidden: not refreshed yet
    window.show_page("overview")
    assert page.unit_label.text() == "TRẠM Y TẾ XÃ MỚI"


def test_demo_figures_and_next_session(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_workspace: Workspace,
) -> None:
    window = make_window()
    page = overview(window)
    ov = page.overview
    assert ov is not None and ov.people > 0
    assert page.people_card.figure.text() == str(ov.people)
    assert page.finished_card.figure.text() == str(ov.sessions_finished)
    assert not page.empty_state.isVisible()
    if ov.next_session_title and ov.next_session_date:
        assert ov.next_session_title in page.next_label.text()
        assert f"{ov.next_session_date:%d/%m/%Y}" in page.next_label.text()


def test_date_line_follows_decree_30() -> None:
    assert date_line("Tân Hưng", date(2026, 3, 5)) == "Tân Hưng, ngày 05 tháng 3 năm 2026"
    assert date_line("Tân Hưng", date(2026, 2, 15)) == "Tân Hưng, ngày 15 tháng 02 năm 2026"
    assert date_line("Tân Hưng", date(2026, 11, 20)) == "Tân Hưng, ngày 20 tháng 11 năm 2026"


def test_dashboard_shows_the_quarter_and_the_khu_pho_gaps(window: MainWindow) -> None:
    from trainer_app.services.roster.reference import list_neighbourhoods
    from trainer_app.services.roster.service import PersonInput, add_person
    from trainer_app.services.sessions import attendance as attendance_service
    from trainer_app.services.sessions import service as session_service
    from trainer_app.ui.widgets.coverage_grid import NONE, colour

    f = window.ctx.factory
    hood = list_neighbourhoods(f)[4]
    pid = add_person(f, PersonInput(full_name="Võ Thị Hạnh", neighbourhood_id=hood.id)).id
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date.today())).session_id
    session_service.invite(f, sid, person_ids=(pid,))
    attendance_service.mark_rows(f, sid, "1")
    session_service.finish_session(f, sid)
    window.ctx.events.data_changed.emit("sessions")
    window.show_page("overview")
    page = window.pages["overview"]
    assert page.quarter_people_card.figure.text() == "1"
    cells = {h.id: h for h in page.coverage.hoods}
    assert len(cells) == 75 and (cells[hood.id].trained, cells[hood.id].collaborators) == (1, 1)
    assert colour(cells[hood.id]) != NONE
    assert page.gaps_card.figure.text() == "74"
