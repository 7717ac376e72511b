"""The check-in table model and its filter, without widgets or a database; the pieces of
the Điểm danh page that need no page (default session, counters, row descriptions)."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from trainer_app.domain.vntext import search_key
from trainer_app.services.sessions.attendance import AttendanceRow, Counts
from trainer_app.services.sessions.service import SessionSummary
from trainer_app.ui.models.attendance_table_model import (
    COL_FLAGS,
    COL_NAME,
    COL_ROW,
    COL_STATUS,
    COL_TIME,
    STATUS_COLOURS,
    AttendanceFilter,
    AttendanceTableModel,
)
from trainer_app.ui.pages.attendance_parts import (
    compress_numbers,
    counter_texts,
    default_session,
    describe_rows,
    session_label,
)

AT = datetime(2026, 11, 20, 7, 52)


def row(pid: int, number: int, name: str, status: str = "unknown", *, walk_in: bool = False,
        archived: bool = False) -> AttendanceRow:
    arrived = status in ("present", "late")
    return AttendanceRow(pid, number, name, 1970 + pid, f"Khu phố {pid}", status,
                         AT if arrived else None, not walk_in, walk_in, archived,
                         search_key(name))


ROWS = [row(1, 1, "Nguyễn Thị Lan", "present"), row(2, 2, "Trần Văn Lân", "late"),
        row(3, 3, "Lê Thị Thuý", "excused"), row(4, 4, "Phạm Văn An", "absent"),
        row(5, 5, "Võ Thị Hoa"), row(6, 6, "Đỗ Minh Lanh", "present", walk_in=True,
                                      archived=True)]


def test_status_is_a_word_and_a_colour() -> None:
    model = AttendanceTableModel()
    model.set_rows(ROWS)
    words = [model.index(i, COL_STATUS).data() for i in range(len(ROWS))]
    assert words == ["Có mặt", "Đến muộn", "Vắng có phép", "Vắng", "Chưa điểm danh", "Có mặt"]
    backgrounds = [model.index(i, COL_STATUS).data(Qt.ItemDataRole.BackgroundRole)
                   for i in range(5)]
    assert backgrounds[:4] == [STATUS_COLOURS[s][0] for s in
                               ("present", "late", "excused", "absent")]
    assert backgrounds[4] is None  # not yet checked in: no colour, the word says it
    # Four different colours, green first (its hue), amber second.
    assert len({c.name() for c in backgrounds[:4]}) == 4
    assert 90 <= QColor(backgrounds[0]).hslHue() <= 150
    assert 30 <= QColor(backgrounds[1]).hslHue() <= 50
    assert 200 <= QColor(backgrounds[2]).hslHue() <= 230
    assert QColor(backgrounds[3]).hslSaturation() < 60  # grey


def test_row_number_time_and_flags() -> None:
    model = AttendanceTableModel()
    model.set_rows(ROWS)
    assert [model.index(i, COL_ROW).data() for i in range(3)] == ["1", "2", "3"]
    assert model.index(0, COL_TIME).data() == "07:52"
    assert model.index(2, COL_TIME).data() == ""  # excused: no time
    assert model.index(5, COL_FLAGS).data() == "Đến thêm, Đã lưu trữ"
    assert model.index(0, COL_FLAGS).data() == ""
    assert model.index(5, COL_NAME).data(Qt.ItemDataRole.UserRole) == 6
    assert model.headerData(COL_ROW, Qt.Orientation.Horizontal) == "STT"


def test_update_rows_replaces_and_appends() -> None:
    model = AttendanceTableModel()
    model.set_rows(ROWS[:2])
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    model.update_rows([row(2, 2, "Trần Văn Lân", "absent"), row(9, 3, "Mai Văn Mới")])
    assert model.rowCount() == 3
    assert model.index(1, COL_STATUS).data() == "Vắng"
    assert model.index(2, COL_NAME).data() == "Mai Văn Mới"
    assert changed == [1]


def test_filter_by_word_starts_or_row_number() -> None:
    model = AttendanceTableModel()
    model.set_rows(ROWS)
    proxy = AttendanceFilter()
    proxy.setSourceModel(model)

    def names(text: str) -> list[str]:
        proxy.set_query(text)
        return [r.full_name for r in proxy.visible_rows()]

    assert names("lan") == ["Nguyễn Thị Lan", "Trần Văn Lân", "Đỗ Minh Lanh"]
    assert names("LÂN") == names("lan")
    assert names("ng t lan") == ["Nguyễn Thị Lan"]
    assert names("thi") == ["Nguyễn Thị Lan", "Lê Thị Thuý", "Võ Thị Hoa"]
    assert names("an") == ["Phạm Văn An"]
    assert names("4") == ["Phạm Văn An"]  # a lone number: the sheet's row number
    assert names("xyz") == []
    assert len(names("")) == len(ROWS)


def summary(sid: int, day: date, status: str = "planned", start: time | None = None,
            title: str = "Tập huấn") -> SessionSummary:
    return SessionSummary(sid, title, day, start, None, "", status, None, 0, 0, 0)


def test_default_session_order_of_preference() -> None:
    today = date(2026, 11, 20)
    past = summary(1, date(2026, 11, 1), "finished")
    later = summary(2, date(2026, 12, 1))
    soon = summary(3, date(2026, 11, 25))
    afternoon = summary(4, today, start=time(14, 0))
    morning = summary(5, today, "finished", start=time(8, 0))
    running = summary(6, date(2026, 11, 19), "in_progress")
    cancelled = summary(7, today, "cancelled")
    assert default_session([later, soon, past, running, afternoon, morning], today) == 6
    assert default_session([later, soon, past, afternoon, morning, cancelled], today) == 4
    assert default_session([later, soon, past, morning], today) == 5
    assert default_session([later, soon, past, cancelled], today) == 3
    assert default_session([past, summary(8, date(2026, 10, 1))], today) == 1
    assert default_session([cancelled], today) is None
    assert default_session([], today) is None
    assert session_label(summary(9, today, "in_progress", time(8, 0), "Bảo vệ trẻ em")) == (
        "20/11/2026 08:00 — Bảo vệ trẻ em (Đang diễn ra)")


def test_counters_and_descriptions() -> None:
    rich, plain, detail = counter_texts(Counts(31, 21, 2, 1, 0, 8, 1))
    assert plain == "Có mặt 23 / 31 mời · Đến muộn 2 · Người đến thêm 1"
    assert "Có mặt 23" in rich and "color:" in rich
    assert detail == "Vắng có phép 1 · Vắng 0 · Chưa điểm danh 8"
    assert compress_numbers([12, 1, 2, 5, 6, 7, 8, 9]) == "1, 2, 5–9, 12"
    assert compress_numbers([3, 4]) == "3, 4"
    assert describe_rows(ROWS[:1]) == "Nguyễn Thị Lan (số 1)"
    assert describe_rows(ROWS[:3]) == "3 người (số 1–3)"
