"""The Cộng tác viên page driven as a user would (offscreen), on a real workspace: search as
you type, filters, order, add / edit / archive, empty state, export, keyboard, 1024×768."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import PersonInput
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.person_dialog import PersonDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.models.people_table_model import COL_NAME, COL_YEAR
from trainer_app.ui.pages.people_page import EMPTY_TEXT, PeoplePage

from .conftest import MessageRecorder, type_text

NAMES = [("Nguyễn Thị Lan", "0912345678", 1975), ("Trần Văn Lân", "0987654321", 1980),
         ("Lê Thị Thuý", None, None), ("Phạm Thúy Hằng", "0933111222", 1969),
         ("Nguyễn Văn An", None, 1990)]


def add(ctx: AppContext, name: str, phone: str | None = None, year: int | None = None,
        **fields: object) -> int:
    return rs.add_person(ctx.factory, PersonInput(full_name=name, phone=phone,
                                                  birth_year=year, **fields)).id  # type: ignore[arg-type]


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> PeoplePage:
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_ready()
    return widget


@pytest.fixture
def people(ctx: AppContext) -> dict[str, int]:
    return {name: add(ctx, name, phone, year) for name, phone, year in NAMES}


def shown(page: PeoplePage) -> list[str]:
    return [p.full_name for p in page.model.people()]


def search(qtbot: QtBot, page: PeoplePage, text: str) -> None:
    page.search_edit.clear()
    type_text(page.search_edit, text)
    assert page._search_timer.isActive()  # debounced, not one query per key
    qtbot.waitUntil(lambda: not page._search_timer.isActive(), timeout=2000)


def test_empty_state_offers_the_import(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert page.empty_state.isVisible() and not page.table.isVisible()
    assert page.empty_title.text() == EMPTY_TEXT
    assert page.empty_import_button.text() == "Nhập từ Excel…"
    assert page.empty_import_button.isVisible() and page.empty_add_button.isVisible()

    calls: list[object] = []

    def fake_wizard(parent: object, context: AppContext) -> bool:
        calls.append(parent)
        add(context, "Võ Thị Nhập", "0909123123")
        return True

    monkeypatch.setattr("trainer_app.ui.dialogs.roster_import_wizard.run_import_wizard",
                        fake_wizard)
    qtbot.mouseClick(page.empty_import_button, Qt.MouseButton.LeftButton)
    assert calls == [page]
    assert shown(page) == ["Võ Thị Nhập"]
    assert not page.empty_state.isVisible() and page.table.isVisible()
    assert page.count_label.text() == "1 người."


def test_lists_people_in_vietnamese_order_with_a_count(page: PeoplePage, ctx: AppContext,
                                                       people: dict[str, int]) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)  # the page refreshes itself
    names = shown(page)
    assert names == sorted([n for n, _p, _y in NAMES], key=name_sort_key)
    assert names[0] == "Nguyễn Văn An" and names[-1] == "Lê Thị Thuý"
    assert page.count_label.text() == "5 người."
    assert page.model.index(0, 3).data() == ""  # no phone
    lan = page.model.row_of(people["Nguyễn Thị Lan"])
    assert page.model.index(lan, 3).data() == "0912 345 678"


def test_search_as_you_type(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                            people: dict[str, int]) -> None:
    ctx.events.data_changed.emit(events.ALL)
    search(qtbot, page, "nguyen")
    assert shown(page) == ["Nguyễn Văn An", "Nguyễn Thị Lan"]
    assert page.count_label.text() == "Tìm thấy 2 người (trong tổng số 5 người)."
    search(qtbot, page, unicodedata.normalize("NFD", "THỊ LAN"))
    assert shown(page) == ["Nguyễn Thị Lan"]
    search(qtbot, page, "Thúy")
    assert shown(page) == ["Phạm Thúy Hằng", "Lê Thị Thuý"]
    search(qtbot, page, "912 345")
    assert shown(page) == ["Nguyễn Thị Lan"]
    search(qtbot, page, "zzz")
    assert shown(page) == [] and page.no_results.isVisible()
    assert "“zzz”" in page.no_results.text()
    page.search_edit.clear()
    qtbot.waitUntil(lambda: len(shown(page)) == 5, timeout=2000)
    assert not page.no_results.isVisible()


def test_filters_by_khu_pho_and_role(page: PeoplePage, ctx: AppContext,
                                     people: dict[str, int]) -> None:
    nb = rs.list_neighbourhoods(ctx.factory)[9]
    role = rs.list_roles(ctx.factory)[1]
    add(ctx, "Đinh Thị Mười", None, None, neighbourhood_id=nb.id, role_id=role.id)
    add(ctx, "Đinh Văn Mười Một", None, None, neighbourhood_id=nb.id)
    ctx.events.data_changed.emit(events.PEOPLE)
    page.neighbourhood_filter.setCurrentIndex(page.neighbourhood_filter.findData(nb.id))
    assert page.neighbourhood_filter.currentText() == "Khu phố 10"
    assert shown(page) == ["Đinh Văn Mười Một", "Đinh Thị Mười"]  # Một < Mười
    page.role_filter.setCurrentIndex(page.role_filter.findData(role.id))
    assert shown(page) == ["Đinh Thị Mười"]
    page.neighbourhood_filter.setCurrentIndex(0)
    assert page.neighbourhood_filter.currentText() == "Tất cả khu phố"
    assert shown(page) == ["Đinh Thị Mười"]
    page.role_filter.setCurrentIndex(0)
    assert len(shown(page)) == 7


def test_header_sort_uses_vietnamese_order(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                           people: dict[str, int]) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)
    base = shown(page)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(COL_YEAR) + 5, 5))
    years = [p.birth_year for p in page.model.people()]
    assert years == [1969, 1975, 1980, 1990, None]  # numbers as numbers, blanks last
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown(page) == list(reversed(base))
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert shown(page) == base


def fill_and_save(qtbot: QtBot, dialog: PersonDialog, seen: list[tuple[object, ...]]) -> int:
    """Stands in for PersonDialog.exec: a bad phone first, then a good one."""
    dialog.show()
    type_text(dialog.name_edit, "  nguyễn   THỊ mới ")
    type_text(dialog.year_edit, "1972")
    type_text(dialog.phone_edit, "0912 34")
    assert dialog.phone_hint.text() == "Chưa đúng: thiếu số."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    seen.append((dialog.result(), dialog.feedback.isVisible(), dialog.feedback.text(),
                 dialog.phone_edit.property("invalid")))
    dialog.phone_edit.clear()
    type_text(dialog.phone_edit, "+84 912 345 999")
    assert dialog.phone_hint.text() == "Sẽ lưu: 0912 345 999"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog.result()


def test_add_refuses_a_bad_phone_then_saves(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[object, ...]] = []
    monkeypatch.setattr(PersonDialog, "exec",
                        lambda dialog: fill_and_save(qtbot, dialog, seen))
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen == [(0, True, "Số điện thoại không hợp lệ: thiếu số.", True)]
    stored = rs.list_people(ctx.factory)
    assert [(p.full_name, p.phone, p.birth_year) for p in stored] == [
        ("Nguyễn Thị Mới", "0912345999", 1972)]
    assert changes == [events.PEOPLE]
    assert shown(page) == ["Nguyễn Thị Mới"]
    assert [p.id for p in page.selected_people()] == [stored[0].id]


def test_enter_edits_the_selected_person(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                         people: dict[str, int],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)
    opened: list[str] = []

    def edit(dialog: PersonDialog) -> int:
        opened.append(dialog.name_edit.text())
        dialog.unit_edit.setText("Tổ 7")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", edit)
    page.select_ids([people["Trần Văn Lân"]])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == ["Trần Văn Lân"]
    assert rs.get_person(ctx.factory, people["Trần Văn Lân"]).unit == "Tổ 7"
    row = page.model.row_of(people["Trần Văn Lân"])
    assert page.model.index(row, 6).data() == "Tổ 7"


def test_archive_hides_the_row_and_can_be_undone(qtbot: QtBot, page: PeoplePage,
                                                 ctx: AppContext,
                                                 people: dict[str, int]) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)
    target = people["Phạm Thúy Hằng"]
    page.select_ids([target])
    assert page.archive_button.text() == "Lưu trữ"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert "Phạm Thúy Hằng" not in shown(page)
    assert page.count_label.text() == "4 người."
    page.archived_check.setChecked(True)
    row = page.model.row_of(target)
    assert row is not None
    assert page.model.index(row, COL_NAME).data() == "Phạm Thúy Hằng (đã lưu trữ)"
    assert page.count_label.text() == "4 người, thêm 1 người đã lưu trữ."
    page.select_ids([target])
    assert page.archive_button.text() == "Bỏ lưu trữ"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert rs.get_person(ctx.factory, target).archived is False
    page.archived_check.setChecked(False)
    assert "Phạm Thúy Hằng" in shown(page)


def test_export_all_or_what_is_shown(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                     people: dict[str, int], messages: MessageRecorder,
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)
    target = tmp_path / "ds"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(target), ""))
    messages.answers = ["Đóng"]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "ds.xlsx"
    rows = list(load_workbook(saved).active.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == shown(page)
    assert messages.shown[-1].text == f"Đã lưu 5 người vào tệp {saved.name}."

    search(qtbot, page, "lan")
    messages.answers = ["Chỉ 2 người đang hiện", "Đóng"]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert messages.shown[-2].buttons == ["Tất cả (5 người)", "Chỉ 2 người đang hiện", "Hủy"]
    rows = list(load_workbook(saved).active.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["Nguyễn Thị Lan", "Trần Văn Lân"]


def test_keyboard(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                  people: dict[str, int]) -> None:
    ctx.events.data_changed.emit(events.PEOPLE)
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_edit
    type_text(page.search_edit, "lan")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert [p.full_name for p in page.selected_people()] == ["Nguyễn Thị Lan"]
    page.search_edit.setFocus()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == ""


def test_fits_1024_by_768(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    for name, phone, year in NAMES:
        add(ctx, name, phone, year)
    window.resize(1024, 768)
    window.show_page("people")
    page = window.pages["people"]
    assert isinstance(page, PeoplePage)
    ctx.events.data_changed.emit(events.PEOPLE)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=2000)
    QApplication.processEvents()
    for button in page.findChildren(QPushButton):
        if not button.isVisibleTo(page):
            continue
        top_left = button.mapTo(page, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + button.width() <= page.width(), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()  # text not cut
    assert page.table.viewport().height() >= page.table.verticalHeader().defaultSectionSize() * 8
    assert page.scroll.verticalScrollBar().maximum() == 0  # the page itself needs no scrolling


def test_person_dialog_fits_a_small_screen(qtbot: QtBot, ctx: AppContext,
                                           people: dict[str, int]) -> None:
    person = rs.get_person(ctx.factory, people["Nguyễn Thị Lan"])
    dialog = PersonDialog(ctx, person)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sửa thông tin cộng tác viên"
    assert (dialog.name_edit.text(), dialog.phone_edit.text(), dialog.year_edit.text()) == (
        "Nguyễn Thị Lan", "0912345678", "1975")
    assert dialog.height() <= 768 - 60 and dialog.width() <= 1024
    assert dialog.save_button.text() == "Lưu" and dialog.cancel_button.text() == "Hủy"
    assert dialog.save_button.isDefault()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
