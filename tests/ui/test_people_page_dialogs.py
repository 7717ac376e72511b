"""The dialogs of the Cộng tác viên page (merge, record with erase and export), the khu phố
editor in Settings, and the table model on its own (no widgets)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import PersonInput, PersonRow
from trainer_app.services.workspace.demo import fill_demo
from trainer_app.ui import events, tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.merge_people_dialog import MergePeopleDialog
from trainer_app.ui.dialogs.person_history_dialog import PersonHistoryDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.models.people_table_model import (
    COL_NAME,
    COL_NEIGHBOURHOOD,
    COL_PHONE,
    COL_SESSIONS,
    COL_YEAR,
    PeopleTableModel,
)
from trainer_app.ui.pages.people_page import PeoplePage
from trainer_app.ui.pages.settings_page import SettingsPage
from trainer_app.ui.widgets.neighbourhood_editor import NeighbourhoodDialog

from .conftest import MessageRecorder, type_text


@pytest.fixture
def demo(ctx: AppContext) -> AppContext:
    fill_demo(ctx.workspace, today=date(2026, 11, 20))
    return ctx


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> PeoplePage:
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_ready()
    return widget


def add(ctx: AppContext, name: str, phone: str | None = None, **fields: object) -> int:
    return rs.add_person(ctx.factory, PersonInput(full_name=name, phone=phone,
                                                  **fields)).id  # type: ignore[arg-type]


def test_merge_dialog_from_two_selected_rows(qtbot: QtBot, page: PeoplePage, ctx: AppContext,
                                             messages: MessageRecorder,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = add(ctx, "Nguyễn Thị Hoa", "0912000222")
    second = add(ctx, "Nguyễn Thi Hoa", None, birth_year=1966)
    add(ctx, "Trần Văn Khác")
    ctx.events.data_changed.emit(events.PEOPLE)
    page.select_ids([first, second])
    seen: list[str] = []

    def run(dialog: MergePeopleDialog) -> int:
        seen.append(dialog.preview_label.text())
        assert dialog.keep_picker.person_id() is not None
        assert dialog.merge_button.isEnabled()
        messages.answers = ["Gộp"]
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MergePeopleDialog, "exec", run)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    keep_id = [p.id for p in page.model.people() if p.full_name.startswith("Nguyễn")]
    assert len(keep_id) == 1
    kept = rs.get_person(ctx.factory, keep_id[0])
    assert (kept.phone, kept.birth_year) == ("0912000222", 1966)
    assert "Giữ lại:" in seen[0] and "Người bị gộp sẽ bị xóa" in seen[0]
    assert messages.shown[0].buttons == ["Gộp", "Hủy"]
    assert len(page.model.people()) == 2
    assert [p.id for p in page.selected_people()] == keep_id


def test_merge_dialog_search_swap_and_refusal(qtbot: QtBot, ctx: AppContext) -> None:
    a = add(ctx, "Lý Thị Hạnh", "0909000111")
    b = add(ctx, "Lý Thị Hanh", None)
    dialog = MergePeopleDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled()
    assert "Chọn người giữ lại" in dialog.preview_label.text()
    type_text(dialog.keep_picker.search, "0909")
    qtbot.keyClick(dialog.keep_picker.search, Qt.Key.Key_Return)
    assert dialog.keep_picker.person_id() == a
    type_text(dialog.drop_picker.search, "hanh")
    qtbot.waitUntil(lambda: dialog.drop_picker.results.count() == 2, timeout=2000)
    dialog.drop_picker.results.setCurrentRow(
        next(i for i in range(2)
             if dialog.drop_picker.results.item(i).data(Qt.ItemDataRole.UserRole) == a))
    assert "hai người khác nhau" in dialog.preview_label.text()
    assert not dialog.merge_button.isEnabled()
    dialog.drop_picker.results.setCurrentRow(
        next(i for i in range(2)
             if dialog.drop_picker.results.item(i).data(Qt.ItemDataRole.UserRole) == b))
    assert dialog.merge_button.isEnabled()
    dialog.swap()
    assert (dialog.keep_picker.person_id(), dialog.drop_picker.person_id()) == (b, a)
    assert "Giữ lại: Lý Thị Hanh" in dialog.preview_label.text()


def test_record_dialog_shows_history_and_erases(qtbot: QtBot, demo: AppContext,
                                                messages: MessageRecorder) -> None:
    people = rs.list_people(demo.factory)
    person = max(people, key=lambda p: (p.certificates, p.sessions_attended))
    history = rs.person_history(demo.factory, person.id)
    dialog = PersonHistoryDialog(demo, person.id)
    qtbot.addWidget(dialog)
    assert dialog.name_label.text() == person.full_name
    assert dialog.sessions_table.rowCount() == len(history.sessions) >= 1
    assert dialog.certificates_table.rowCount() == len(history.certificates) == 1
    assert "Đồng ý xử lý dữ liệu cá nhân: ngày" in dialog.consent_label.text()
    post = next(s for s in history.sessions if s.post_score is not None)
    row = [s.session_id for s in history.sessions].index(post.session_id)
    assert dialog.sessions_table.item(row, 4).text() == f"{post.post_score:.1f}".replace(".",
                                                                                          ",")
    changes: list[str] = []
    demo.events.data_changed.connect(changes.append)
    messages.answers = ["Xóa dữ liệu", "Đóng"]
    assert dialog.erase() is True  # started on a worker thread
    assert tasks.wait_all()
    assert dialog.erase_task.outcome == tasks.Outcome.DONE
    assert messages.shown[0].buttons == ["Xóa dữ liệu", "Không xóa"]
    assert "Không hoàn tác" in messages.shown[0].details
    assert messages.shown[1].title == "Đã xóa dữ liệu cá nhân"
    assert changes == [events.PEOPLE] and dialog.erased
    assert person.id not in [p.id for p in rs.list_people(demo.factory,
                                                           include_archived=True)]
    conn = sqlite3.connect(demo.data_dir.db_path)
    try:
        dump = repr(conn.execute("SELECT * FROM person").fetchall())
    finally:
        conn.close()
    assert person.full_name not in dump


def test_record_dialog_exports_the_persons_data(qtbot: QtBot, demo: AppContext,
                                                messages: MessageRecorder,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    person = rs.list_people(demo.factory)[0]
    dialog = PersonHistoryDialog(demo, person.id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(tmp_path / "du-lieu"), ""))
    messages.answers = ["Đóng"]
    path = dialog.export_data()
    assert path == tmp_path / "du-lieu.xlsx"
    details = dict(list(load_workbook(path)["Thông tin cá nhân"].iter_rows(
        min_row=2, values_only=True)))
    assert details["Họ và tên"] == person.full_name


def test_record_opens_from_the_page_with_ctrl_i(qtbot: QtBot, page: PeoplePage,
                                                ctx: AppContext,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = add(ctx, "Hồ Thị Sen", "0909555666")
    ctx.events.data_changed.emit(events.PEOPLE)
    page.select_ids([target])
    opened: list[str] = []

    def run(dialog: PersonHistoryDialog) -> int:
        opened.append(dialog.name_label.text())
        assert "Chưa ghi nhận sự đồng ý" in dialog.consent_label.text()
        assert dialog.sessions_empty.isVisibleTo(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PersonHistoryDialog, "exec", run)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Hồ Thị Sen"]


def test_khu_pho_editor_in_settings(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_page("settings")
    settings = window.pages["settings"]
    assert isinstance(settings, SettingsPage)
    editor = settings.neighbourhood_editor
    qtbot.waitUntil(lambda: editor.table.rowCount() == 75, timeout=2000)
    assert editor.table.item(0, 1).text() == "Khu phố 1"
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)

    def fill(dialog: NeighbourhoodDialog) -> int:
        dialog.number.setValue(76)
        type_text(dialog.name, "Ấp Mới")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NeighbourhoodDialog, "exec", fill)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 76 and editor.table.item(75, 1).text() == "Ấp Mới"
    assert editor.selected() is not None and editor.selected().name == "Ấp Mới"
    assert changes == [events.PEOPLE]
    assert editor.add(name="", number=5) is False
    assert editor.feedback.text() == "Đã có khu phố số 5 (Khu phố 5)."
    editor.table.selectRow(1)
    assert editor.edit_selected(name="Khu phố 2 (Bến đò)", number=2) is True
    assert editor.table.item(1, 1).text() == "Khu phố 2 (Bến đò)"
    qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 75
    editor.show_archived.setChecked(True)
    assert editor.table.rowCount() == 76 and editor.table.item(1, 3).text() == "Đã lưu trữ"
    names = [n.name for n in rs.list_neighbourhoods(ctx.factory)]
    assert "Khu phố 2 (Bến đò)" not in names and "Ấp Mới" in names
    window.show_page("people")  # pages are built when first shown
    people_page = window.pages["people"]
    assert isinstance(people_page, PeoplePage)
    filters = [people_page.neighbourhood_filter.itemText(i)
               for i in range(people_page.neighbourhood_filter.count())]
    assert "Ấp Mới" in filters and "Khu phố 2 (Bến đò)" not in filters


# --- the model alone ------------------------------------------------------------------------


def row(person_id: int, name: str, year: int | None = None, phone: str | None = None,
        nb: int | None = None, sessions: int = 0, archived: bool = False) -> PersonRow:
    return PersonRow(person_id, name, None, "", year, phone, nb, nb,
                     f"Khu phố {nb}" if nb else "", None, "", "", "", archived, None, "",
                     sessions, 0)


def test_model_without_widgets() -> None:
    names = ["Nguyễn Văn An", "Trần Thị Ánh", "Đỗ Thị Ân", "Lê Văn Bình", "Lê Thị Ơn"]
    ordered = sorted(names, key=name_sort_key)
    rows = [row(i, n, year=1990 - i if i % 2 else None, nb=(i * 7) % 12 or None,
                phone="0912345678" if i == 2 else None, sessions=i % 3)
            for i, n in enumerate(ordered, start=1)]
    model = PeopleTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 5 and model.columnCount() == 10
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Họ và tên"
    assert [model.index(r, COL_NAME).data() for r in range(5)] == ordered
    assert model.index(1, COL_PHONE).data() == "0912 345 678"
    assert model.index(1, COL_PHONE).data(Qt.ItemDataRole.ToolTipRole) == "0912345678"
    assert model.index(0, COL_YEAR).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    model.sort(COL_YEAR, Qt.SortOrder.AscendingOrder)
    years = [model.person(r).birth_year for r in range(5)]  # type: ignore[union-attr]
    assert years == [1985, 1987, 1989, None, None]
    model.sort(COL_NEIGHBOURHOOD, Qt.SortOrder.AscendingOrder)
    numbers = [model.person(r).neighbourhood_number for r in range(5)]  # type: ignore[union-attr]
    assert numbers == sorted(n for n in numbers if n) + [None] * numbers.count(None)
    model.sort(COL_SESSIONS, Qt.SortOrder.DescendingOrder)
    assert [model.person(r).sessions_attended for r in range(5)] == [2, 2, 1, 1, 0]  # type: ignore[union-attr]
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, COL_NAME).data() for r in range(5)] == list(reversed(ordered))
    model.set_rows(rows[:2])  # the header sort is kept for new rows
    assert [model.index(r, COL_NAME).data() for r in range(2)] == list(reversed(ordered[:2]))
    assert model.row_of(rows[0].id) == 1 and model.row_of(999) is None
    model.set_rows([row(9, "Phan Văn Cũ", archived=True)])
    assert model.index(0, COL_NAME).data() == "Phan Văn Cũ (đã lưu trữ)"
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.UserRole) == 9


def test_erasure_reports_a_backup_it_could_not_scrub(qtbot: QtBot, demo: AppContext,
                                                     messages: MessageRecorder) -> None:
    """The database is erased even when a backup cannot be rewritten (a damaged file): the
    dialog says which file is left and the people list is told to refresh."""
    person = rs.list_people(demo.factory)[0]
    demo.data_dir.backups_dir.mkdir(parents=True, exist_ok=True)
    damaged = demo.data_dir.backups_dir / "trainer-20261201-080000-manual.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    dialog = PersonHistoryDialog(demo, person.id)
    qtbot.addWidget(dialog)
    changes: list[str] = []
    demo.events.data_changed.connect(changes.append)
    messages.answers = ["Xóa dữ liệu", "Đóng"]
    assert dialog.erase() is True
    assert tasks.wait_all()
    assert messages.shown[1].title == "Không xóa được"
    assert damaged.name in messages.shown[1].text
    assert changes == [events.PEOPLE] and dialog.erased
    assert person.id not in [p.id for p in rs.list_people(demo.factory, include_archived=True)]
