"""Child processes the crash campaign kills: each does real work through the app's own code
and prints one line for every write only after it is committed ("reported done").

    python bench/crash_children.py certificates DATA_DIR RUN
    python bench/crash_children.py checkin DATA_DIR RUN
    python bench/crash_children.py kiosk DATA_DIR SESSION POSITION PERSON_ID,…
"""

from __future__ import annotations

import os
import sys
from datetime import date, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.workspace.opening import open_workspace


def _workspace(root: str):  # type: ignore[no-untyped-def]
    return open_workspace(DataDir(Path(root), DataDirSource.ARGUMENT), daily_backup=False)


def certificates(root: str, run: int) -> None:
    """Sessions of three people who passed, one after another; every number issued is
    printed after the issue's commit."""
    from tests.certificate_world import Who, make_session
    from trainer_app.services.certificates import service as certs

    ws = _workspace(root)
    n = 0
    while True:
        n += 1
        people = [Who(name) for name in ("Lê Thị Ánh", "Trần Văn Bình", "Phạm Thị Cúc")]
        sid = make_session(ws, people, code=f"crash-{run}-{n}-{os.getpid()}")
        result = certs.issue(ws.session_factory, ws.data_dir, sid, issued_on=date(2026, 11, 20))
        for cert in result.issued:
            print(f"issued {cert.number} {sid}", flush=True)


def checkin(root: str, run: int) -> None:
    """A session with 40 invited people, checked in one by one on the Điểm danh page (real
    Qt widgets, offscreen); a line is printed once the page says the check-in is saved."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from trainer_app.services.roster.service import PersonInput, add_person
    from trainer_app.services.sessions import service as sessions
    from trainer_app.ui.context import AppContext
    from trainer_app.ui.events import AppEvents
    from trainer_app.ui.pages.attendance_page import AttendancePage
    from trainer_app.ui.qt_workarounds import protect_bool_singletons

    protect_bool_singletons()
    app = QApplication([])

    ws = _workspace(root)
    f = ws.session_factory
    sid = sessions.create_session(f, sessions.SessionDraft(
        held_on=date(2026, 12, 5), start_time=time(8, 0),
        title=f"Buổi điểm danh {run}")).session_id
    families = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng")
    givens = ("An", "Bình", "Cúc", "Dung", "Hoa", "Lan", "Mai", "Nga")
    ids = [add_person(f, PersonInput(full_name=f"{families[i % 5]} Thị {givens[i % 8]} "
                                               f"{'Hồng Thu Xuân Đông Hạ'.split()[i // 8]}",
                                     phone=f"08{run:04d}{i:04d}", birth_year=1960 + i)).id
           for i in range(40)]
    sessions.invite(f, sid, person_ids=tuple(ids))
    print(f"session {sid}", flush=True)
    page = AttendancePage(AppContext(ws.data_dir, ws, AppEvents()))
    page.resize(1000, 740)
    page.show()
    page.refresh()
    page._set_session(sid)
    page.reload()
    for row in list(page.visible_rows()):
        page.check_in(row)
        app.processEvents()
        if page.status_text().startswith("Đã điểm danh"):
            print(f"checked {sid} {row.person_id}", flush=True)


def kiosk(root: str, session_id: str, position: str, people: str) -> None:
    """The kiosk window (real Qt widgets, offscreen): each person answers every question by
    clicking; a line is printed after each answer is saved."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from trainer_app.ui.context import AppContext
    from trainer_app.ui.events import AppEvents
    from trainer_app.ui.kiosk.kiosk_window import KioskWindow
    from trainer_app.ui.qt_workarounds import protect_bool_singletons

    protect_bool_singletons()
    app = QApplication([])
    ws = _workspace(root)
    ctx = AppContext(ws.data_dir, ws, AppEvents())
    for person in (int(p) for p in people.split(",")):
        window = KioskWindow(ctx, int(session_id), int(position), "Kiểm tra")
        window.show()
        window.begin(person)
        for _number in range(len(window._questions())):
            question = window.question.question
            assert question is not None
            button = window.question.buttons[-1]
            button.click()
            app.processEvents()
            print(f"saved {person} {question.key} {button.property('option_index')}",
                  flush=True)
            window.question.next.click()
            app.processEvents()
        window.close()
        window.deleteLater()
        app.processEvents()
    print("all answered", flush=True)


def main(argv: list[str]) -> None:
    kind, rest = argv[0], argv[1:]
    if kind == "certificates":
        certificates(rest[0], int(rest[1]))
    elif kind == "checkin":
        checkin(rest[0], int(rest[1]))
    elif kind == "kiosk":
        kiosk(*rest)
    else:
        raise SystemExit(f"unknown child {kind}")


if __name__ == "__main__":
    main(sys.argv[1:])
