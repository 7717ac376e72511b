"""Screenshots of the Điểm danh page mid-session, for review.

    .venv/bin/trainer-app --data-dir /tmp/ci-demo demo
    .venv/bin/trainer-app --data-dir /tmp/ci-demo session create --date $(date +%F) \\
        --start 08:00 --invite-neighbourhood 1,2,…,30
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/shot_checkin.py \\
        /tmp/ci-demo shots/ [150]

Checks most of the invited people in (a few late, one excused, one walk-in), then types
three letters and Enter in the search box as a user would, and grabs the main window at
1366×768 and 1024×768 (checkin-<size>.png) and the same with a name typed (…-search.png)."""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.domain.vntext import search_key
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.sessions import attendance as att
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import open_workspace
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.attendance_page import AttendancePage
from trainer_app.ui.qt_workarounds import protect_bool_singletons


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def main(data: str, out: str, scale: int = 100) -> None:
    protect_bool_singletons()
    app = QApplication(sys.argv[:1])
    style.apply_style(app, scale)
    tag = "" if scale == 100 else f"-{scale}"
    data_dir = DataDir(Path(data), DataDirSource.ARGUMENT)
    ctx = AppContext(data_dir, open_workspace(data_dir), AppEvents())
    factory = ctx.factory
    today = datetime.now().date()
    sid = next(s.id for s in session_service.list_sessions(factory) if s.held_on == today)
    rows = att.list_attendance(factory, sid)
    if not any(r.checked_in_at for r in rows):
        start = datetime.combine(today, datetime.min.time()).replace(hour=7, minute=40)
        for i, row in enumerate(rows[:-6]):
            when = start + timedelta(minutes=i // 2)
            if i in (5, 17):
                when = start + timedelta(minutes=42 + i)  # late
            att.check_in(factory, sid, row.person_id, now=when)
        att.mark(factory, sid, rows[-6].person_id, "excused")
        att.add_walk_in(factory, sid, PersonInput(full_name="Hồ Thị Mới Đến", birth_year=1979),
                        force=True, now=start + timedelta(minutes=20))
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(data_dir, ctx.events, settings)
        window.attach(ctx)
        window.show()
        window.load_data()
        window.show_page("attendance")
        page = window.pages["attendance"]
        assert isinstance(page, AttendancePage)
        settle(app)
        waiting = [r for r in att.list_attendance(factory, sid) if not r.checked_in_at]
        if waiting:  # check one in through the keyboard, as at the door
            words = search_key(waiting[0].full_name).split()
            page.focus_search()
            QTest.keyClicks(page.search_edit, " ".join(w[:2] for w in words))
            QTest.keyClick(page.search_edit, Qt.Key.Key_Return)
        for width, height in ((1366, 768), (1024, 768)):
            window.showNormal()
            window.setGeometry(0, 0, width, height)
            settle(app)
            page.table.scrollTo(page.table.currentIndex())
            settle(app)
            window.grab().save(str(Path(out) / f"checkin-{width}x{height}{tag}.png"))
        for width, height in ((1366, 768), (1024, 768)):
            window.setGeometry(0, 0, width, height)
            page.search_edit.setText("th")
            settle(app)
            window.grab().save(str(Path(out) / f"checkin-{width}x{height}{tag}-search.png"))
            page.search_edit.clear()
        window.close()
    ctx.workspace.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:4]))
