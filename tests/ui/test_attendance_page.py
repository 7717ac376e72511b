"""The Điểm danh page driven as a user would (offscreen), on a real workspace: the session
chooser, check-in by a few letters and Enter (keystrokes counted), arrows when several
match, statuses, row numbers from the signed sheet, walk-ins, undo, a locked session."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from trainer_app.domain.vntext import search_key
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.sessions import attendance as att
from trainer_app.services.sessions import service as ss
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.walk_in_dialog import ADD_NEW, WalkInDialog, check_in_label
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.attendance_page import AttendancePage
from trainer_app.ui.pages.attendance_parts import EMPTY_TEXT, LOCKED_TEXT

from .conftest import MessageRecorder, type_text

PageFactory = Callable[[], AttendancePage]
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Đỗ", "Bùi"]
# 30 given names whose first three letters (no accents) start no other word of any name.
GIVEN = ["Bích", "Cúc", "Dung", "Giang", "Hạnh", "Hiền", "Hương", "Khánh", "Kim", "Liên",
         "Linh", "Loan", "Mai", "Minh", "Nga", "Ngọc", "Nhung", "Oanh", "Phúc", "Quế",
         "Quỳnh", "Sơn", "Tâm", "Thảo", "Thủy", "Tuấn", "Uyên", "Xuân", "Yến", "Lan"]


def add(ctx: AppContext, name: str, year: int | None = None) -> int:
    return rs.add_person(ctx.factory, PersonInput(full_name=name, birth_year=year)).id


def make_session(ctx: AppContext, people: list[int], *, day: date | None = None,
                 start: time | None = None, title: str = "Bảo vệ trẻ em trên mạng") -> int:
    sid = ss.create_session(ctx.factory, ss.SessionDraft(
        held_on=day or date.today(), title=title, start_time=start)).session_id
    if people:
        ss.invite(ctx.factory, sid, person_ids=tuple(people))
    return sid


def status_of(ctx: AppContext, sid: int, pid: int) -> str:
    return next(r.status for r in att.list_attendance(ctx.factory, sid) if r.person_id == pid)


@pytest.fixture
def make_page(qtbot: QtBot, ctx: AppContext) -> PageFactory:
    def make() -> AttendancePage:
        page = AttendancePage(ctx)
        qtbot.addWidget(page)
        page.resize(1000, 740)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        page.set_ready()
        page.focus_search()
        return page
    return make


@pytest.fixture
def lans(ctx: AppContext) -> dict[str, int]:
    """Two Lans, a Lân and someone else, invited to today's session."""
    names = ["Nguyễn Thị Lan", "Trần Thị Lan", "Phạm Văn Lân", "Võ Thị Hoa"]
    people = {name: add(ctx, name, 1970 + i) for i, name in enumerate(names)}
    people["session"] = make_session(ctx, list(people.values()))
    return people


class KeyCounter(QObject):
    """Counts the key presses that reach a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.presses += 1
        return False


def test_empty_state_points_to_the_sessions_page(qtbot: QtBot, make_page: PageFactory,
                                                 ctx: AppContext) -> None:
    page = make_page()
    assert page.content.currentIndex() == 1 and page.empty_state.isVisible()
    assert page.empty_title.text() == EMPTY_TEXT
    with qtbot.waitSignal(ctx.events.navigate_requested) as signal:
        qtbot.mouseClick(page.go_sessions_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["sessions"]


def test_thirty_people_at_most_five_keystrokes_each(qtbot: QtBot, make_page: PageFactory,
                                                   ctx: AppContext) -> None:
    names = [f"{FAMILIES[i % len(FAMILIES)]} {'Thị' if i % 2 else 'Văn'} {given}"
             for i, given in enumerate(GIVEN)]
    ids = {name: add(ctx, name) for name in names}
    sid = make_session(ctx, list(ids.values()))
    # The premise: each given name's first three letters start one word among everyone.
    words = [w for n in names for w in search_key(n).split()]
    for given in GIVEN:
        prefix = search_key(given)[:3]
        assert sum(w.startswith(prefix) for w in words) == 1, given
    page = make_page()
    assert page.session_id == sid
    counter = KeyCounter()
    page.search_edit.installEventFilter(counter)
    order = list(zip(GIVEN, names, strict=True))
    random.Random(6).shuffle(order)
    for done, (given, name) in enumerate(order, start=1):
        before = counter.presses
        qtbot.keyClicks(page.search_edit, search_key(given)[:3])
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
        assert counter.presses - before <= 5, name
        assert status_of(ctx, sid, ids[name]) == "present", name
        assert page.search_edit.text() == "" and page.search_edit.hasFocus()
        assert page.counter_text().startswith(f"Có mặt {done} / 30 mời"), name
        assert page.status_text().startswith(f"Đã điểm danh {name}: có mặt lúc"), name
    assert counter.presses == 4 * 30
    assert att.counts(ctx.factory, sid).arrived == 30


def test_several_matches_arrows_choose(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                                       lans: dict[str, int]) -> None:
    page = make_page()
    qtbot.keyClicks(page.search_edit, "lan")
    assert [r.full_name for r in page.visible_rows()] == [
        "Nguyễn Thị Lan", "Trần Thị Lan", "Phạm Văn Lân"]  # sheet order: Vietnamese
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert att.counts(ctx.factory, lans["session"]).arrived == 0  # three match: nobody
    assert "Có 3 người chưa điểm danh khớp với “lan”" in page.status_text()
    assert page.search_edit.text() == "lan"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Up)
    assert page.current_row().full_name == "Trần Thị Lan"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert status_of(ctx, lans["session"], lans["Trần Thị Lan"]) == "present"
    assert status_of(ctx, lans["session"], lans["Nguyễn Thị Lan"]) == "unknown"
    assert page.search_edit.text() == ""
    # "ng t lan": one word start per typed word, accents aside.
    type_text(page.search_edit, "ng t lan")
    assert [r.full_name for r in page.visible_rows()] == ["Nguyễn Thị Lan"]


def test_enter_takes_the_only_match_not_yet_arrived(qtbot: QtBot, make_page: PageFactory,
                                                    ctx: AppContext,
                                                    lans: dict[str, int]) -> None:
    sid = lans["session"]
    att.check_in(ctx.factory, sid, lans["Nguyễn Thị Lan"])
    att.check_in(ctx.factory, sid, lans["Phạm Văn Lân"])
    page = make_page()
    type_text(page.search_edit, "Lân")
    assert len(page.visible_rows()) == 3
    assert page.current_row().full_name == "Trần Thị Lan"  # highlighted: not yet here
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert status_of(ctx, sid, lans["Trần Thị Lan"]) == "present"
    assert page.counter_text() == "Có mặt 3 / 4 mời · Đến muộn 0 · Người đến thêm 0"


def test_checked_in_twice_says_when_on_the_status_line(
        qtbot: QtBot, make_page: PageFactory, ctx: AppContext, lans: dict[str, int],
        messages: MessageRecorder) -> None:
    page = make_page()
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    first = next(r for r in att.list_attendance(ctx.factory, lans["session"])
                 if r.full_name == "Võ Thị Hoa").checked_in_at
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.status_text() == f"Võ Thị Hoa đã điểm danh lúc {first:%H:%M}."
    assert page.status_line.property("role") == "warning"
    assert messages.shown == []  # a line on the page, not a message box
    assert page.search_edit.text() == "" and page.search_edit.hasFocus()
    assert att.counts(ctx.factory, lans["session"]).arrived == 1


def test_status_buttons_and_their_keys(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                                       lans: dict[str, int]) -> None:
    sid, hoa = lans["session"], lans["Võ Thị Hoa"]
    page = make_page()
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.mouseClick(page.status_buttons["excused"], Qt.MouseButton.LeftButton)
    assert status_of(ctx, sid, hoa) == "excused"
    assert page.status_text() == "Đã ghi “Vắng có phép” cho Võ Thị Hoa."
    assert changes == ["attendance"]
    assert page.search_edit.hasFocus()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert status_of(ctx, sid, hoa) == "late"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert status_of(ctx, sid, hoa) == "absent"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert status_of(ctx, sid, hoa) == "present"
    status = page.model.index(page.model.row_of(hoa), 4)
    assert status.data() == "Có mặt"
    assert status.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_rows_from_the_signed_sheet(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                                    lans: dict[str, int]) -> None:
    sid = lans["session"]
    page = make_page()
    entry = page.rows_entry
    entry.edit.setFocus()
    qtbot.keyClicks(entry.edit, "1 x 3-9")
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    assert entry.error.isVisible()
    assert entry.error.text() == ("Số thứ tự có lỗi: \"x\" không phải số thứ tự; \"3-9\": "
                                  "danh sách chỉ có số 1 đến 4.")
    assert entry.edit.property("invalid") is True
    assert att.counts(ctx.factory, sid).arrived == 0
    qtbot.keyClick(entry.edit, Qt.Key.Key_Backspace)
    assert not entry.error.isVisible()  # editing clears the message
    entry.edit.clear()
    qtbot.keyClicks(entry.edit, "1, 3-4")
    entry.status_combo.setCurrentIndex(entry.status_combo.findData("excused"))
    qtbot.mouseClick(entry.button, Qt.MouseButton.LeftButton)
    by_row = {r.row: r.status for r in att.list_attendance(ctx.factory, sid)}
    assert by_row == {1: "excused", 2: "unknown", 3: "excused", 4: "excused"}
    assert page.status_text() == "Đã ghi “Vắng có phép” cho 3 người (số 1, 3, 4)."
    assert entry.edit.text() == "" and not entry.error.isVisible()
    assert len(page.selected_rows()) == 3


def walk_in(ctx: AppContext, name: str, monkeypatch: pytest.MonkeyPatch,
            seen: list[WalkInDialog]) -> None:
    def fill(dialog: WalkInDialog) -> int:
        seen.append(dialog)
        type_text(dialog.name_edit, name)
        dialog.year_edit.setText("1980")
        dialog.neighbourhood_combo.setCurrentIndex(3)
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(WalkInDialog, "exec", fill)


def test_walk_ins_new_or_known(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                               lans: dict[str, int], messages: MessageRecorder,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    sid = lans["session"]
    outsider = add(ctx, "Đặng Thị Ngoài", 1966)  # stored, not invited
    page = make_page()
    seen: list[WalkInDialog] = []
    walk_in(ctx, "hồ   văn MỚI", monkeypatch, seen)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    rows = att.list_attendance(ctx.factory, sid)
    new = next(r for r in rows if r.full_name == "Hồ Văn Mới")
    assert new.walk_in and new.status == "present" and new.birth_year == 1980
    assert new.neighbourhood == "Khu phố 3" and new.row == 5
    assert page.counter_text() == "Có mặt 1 / 4 mời · Đến muộn 0 · Người đến thêm 1"
    assert page.status_text().startswith("Đã thêm và điểm danh Hồ Văn Mới lúc")
    assert messages.shown == []

    # Looks like someone stored: the user checks in that person.
    walk_in(ctx, "dang thi ngoai", monkeypatch, seen)
    messages.answers.append(check_in_label(outsider, "Đặng Thị Ngoài"))
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    assert messages.shown[-1].title == "Người này có thể đã có trong danh sách"
    assert "Đặng Thị Ngoài (mã" in messages.shown[-1].text
    assert messages.shown[-1].buttons == [check_in_label(outsider, "Đặng Thị Ngoài"), ADD_NEW,
                                          "Quay lại"]
    assert status_of(ctx, sid, outsider) == "present"
    assert len(rs.list_people(ctx.factory, search="ngoai")) == 1

    # Or says it is somebody else with the same name.
    walk_in(ctx, "Đặng Thị Ngoài", monkeypatch, seen)
    messages.answers.append(ADD_NEW)
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    assert len(rs.list_people(ctx.factory, search="ngoai")) == 2
    assert att.counts(ctx.factory, sid).walk_ins == 3
    assert page.counter_text() == "Có mặt 3 / 4 mời · Đến muộn 0 · Người đến thêm 3"
    assert [d.save_button.text() for d in seen[:1]] == ["Thêm và điểm danh"]


def test_undo_by_key_and_button(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                                lans: dict[str, int]) -> None:
    sid, hoa = lans["session"], lans["Võ Thị Hoa"]
    page = make_page()
    assert not page.undo_button.isEnabled()
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.mouseClick(page.status_buttons["late"], Qt.MouseButton.LeftButton)
    assert status_of(ctx, sid, hoa) == "late"
    assert page.undo_button.isEnabled()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(ctx, sid, hoa) == "present"
    assert page.status_text() == "Đã hoàn tác: ghi “Đến muộn” cho Võ Thị Hoa."
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert status_of(ctx, sid, hoa) == "unknown"
    assert next(r for r in att.list_attendance(ctx.factory, sid)
                if r.person_id == hoa).checked_in_at is None
    assert page.counter_text().startswith("Có mặt 0 / 4")
    assert not page.undo_button.isEnabled()


def test_warnings_go_to_the_status_line(qtbot: QtBot, make_page: PageFactory,
                                        ctx: AppContext, lans: dict[str, int]) -> None:
    sid = lans["session"]
    rs.archive_person(ctx.factory, lans["Võ Thị Hoa"])  # archived after being invited
    # Someone was checked in "two hours from now": the clock has gone back since.
    att.mark(ctx.factory, sid, lans["Phạm Văn Lân"], "present",
             now=datetime.now() + timedelta(hours=2))
    page = make_page()
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    text = page.status_text()
    assert text.startswith("Đã điểm danh Võ Thị Hoa: có mặt lúc")
    assert "Đồng hồ máy tính" in text and "đã được lưu trữ" in text
    assert page.status_line.property("role") == "warning"
    hoa = page.model.row_of(lans["Võ Thị Hoa"])
    assert "Đã lưu trữ" in page.model.index(hoa, 6).data()


def test_late_after_the_grace_period(qtbot: QtBot, make_page: PageFactory,
                                     ctx: AppContext) -> None:
    pid = add(ctx, "Lý Thị Trễ")
    sid = make_session(ctx, [pid], day=date.today() - timedelta(days=1), start=time(8, 0))
    page = make_page()
    qtbot.keyClicks(page.search_edit, "tre")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert status_of(ctx, sid, pid) == "late"
    assert page.status_text().startswith("Đã điểm danh Lý Thị Trễ: đến muộn lúc")
    assert page.counter_text() == "Có mặt 1 / 1 mời · Đến muộn 1 · Người đến thêm 0"


def test_finished_session_is_read_only(qtbot: QtBot, make_page: PageFactory, ctx: AppContext,
                                       lans: dict[str, int]) -> None:
    sid = lans["session"]
    ss.start_session(ctx.factory, sid)
    att.check_in(ctx.factory, sid, lans["Võ Thị Hoa"])
    ss.finish_session(ctx.factory, sid)
    page = make_page()
    assert page.locked and page.locked_label.isVisible()
    assert page.locked_label.text() == LOCKED_TEXT
    for button in [*page.status_buttons.values(), page.walk_in_button, page.undo_button]:
        assert not button.isEnabled(), button.text()
    assert not page.rows_entry.isEnabled()
    type_text(page.search_edit, "Lan")
    assert len(page.visible_rows()) == 3  # looking still works
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.status_text() == LOCKED_TEXT
    assert att.counts(ctx.factory, sid).arrived == 1 and att.counts(ctx.factory, sid).absent == 3


def test_session_chooser(qtbot: QtBot, make_page: PageFactory, ctx: AppContext) -> None:
    pid = add(ctx, "Nguyễn Thị Lan")
    today = date.today()
    past = make_session(ctx, [pid], day=today - timedelta(days=7), title="Buổi cũ")
    upcoming = make_session(ctx, [], day=today + timedelta(days=3), title="Buổi sắp tới")
    page = make_page()
    assert page.session_id == upcoming  # nothing today: the next one
    assert page.bar.combo.currentText().startswith(f"{today + timedelta(days=3):%d/%m/%Y}")
    assert "Buổi sắp tới" in page.bar.combo.currentText()
    assert "chưa mời ai" in page.status_text()
    todays = make_session(ctx, [pid], title="Buổi hôm nay")
    ctx.events.data_changed.emit("sessions")
    assert page.session_id == upcoming  # a choice already made is kept
    page.bar.combo.setCurrentIndex(page.bar.combo.findData(past))
    assert page.session_id == past and page.model.rowCount() == 1
    assert page.search_edit.hasFocus()
    fresh = make_page()
    assert fresh.session_id == todays
    ss.start_session(ctx.factory, past)
    assert make_page().session_id == past  # in progress wins


def test_enter_on_the_navigation_lands_in_the_search_box(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, lans: dict[str, int]) -> None:
    window.show_page("attendance")
    page = window.pages["attendance"]
    assert isinstance(page, AttendancePage)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert status_of(ctx, lans["session"], lans["Võ Thị Hoa"]) == "present"


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_fits_the_screen(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                         lans: dict[str, int], size: tuple[int, int]) -> None:
    window.resize(*size)
    window.show_page("attendance")
    page = window.pages["attendance"]
    assert isinstance(page, AttendancePage)
    QApplication.processEvents()
    for button in page.findChildren(QPushButton):
        if not button.isVisibleTo(page):
            continue
        top_left = button.mapTo(page, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + button.width() <= page.width(), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert page.table.viewport().height() >= page.table.verticalHeader().defaultSectionSize() * 5
    assert page.scroll.verticalScrollBar().maximum() == 0
    assert page.counters.isVisible() and page.counters.width() >= page.counters.sizeHint().width()


def test_walk_in_dialog_shows_problems_in_itself(qtbot: QtBot, ctx: AppContext,
                                                 lans: dict[str, int]) -> None:
    dialog = WalkInDialog(ctx, lans["session"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= 768 - 60 and dialog.width() <= 1024
    assert (dialog.save_button.text(), dialog.cancel_button.text()) == (
        "Thêm và điểm danh", "Hủy")
    dialog.accept()
    assert dialog.feedback.isVisible() and dialog.feedback.text() == "Hãy nhập họ và tên."
    type_text(dialog.name_edit, "Mai Văn Sai")
    dialog.year_edit.setText("1800")
    dialog.accept()
    assert dialog.outcome is None and dialog.isVisible()
    assert "Năm sinh" in dialog.feedback.text()
    assert dialog.year_edit.property("invalid") is True
    assert dialog.name_edit.property("invalid") is False
    assert rs.list_people(ctx.factory, search="sai") == []
