"""Screenshots of the Báo cáo page, for review.

    .venv/bin/trainer-app --data-dir /tmp/rep-demo demo
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/shot_reports.py \\
        /tmp/rep-demo shots/

Chooses the demo's finished session and makes the preview (reports-session-<size>.png),
then the period report of that session's quarter with dates typed backwards first (the red
message, reports-backwards.png) and then right (reports-period-<size>.png)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QApplication

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import open_workspace
from trainer_app.ui import style, tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.reports_page import ReportsPage
from trainer_app.ui.qt_workarounds import protect_bool_singletons
from trainer_app.ui.widgets.report_chooser import PERIOD


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main(data: str, out: str) -> None:
    protect_bool_singletons()
    app = QApplication(sys.argv[:1])
    style.apply_style(app, 100)
    data_dir = DataDir(Path(data), DataDirSource.ARGUMENT)
    ctx = AppContext(data_dir, open_workspace(data_dir), AppEvents())
    finished = next(s for s in session_service.list_sessions(ctx.factory)
                    if s.status == "finished")
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(data_dir, ctx.events, settings)
        window.attach(ctx)
        window.setGeometry(0, 0, 1366, 768)
        window.show()
        window.load_data()
        window.show_page("reports")
        page = window.pages["reports"]
        assert isinstance(page, ReportsPage)
        page.refresh()
        page.chooser.select_session(finished.id)
        page.make_preview()
        tasks.wait_all()
        for width, height in ((1366, 768), (1024, 768)):
            window.setGeometry(0, 0, width, height)
            settle(app, 0.5)
            window.grab().save(str(Path(out) / f"reports-session-{width}x{height}.png"))
        page.chooser.set_kind(PERIOD)
        page.chooser.period_kind.setCurrentIndex(2)
        day = finished.held_on
        page.chooser.start.setDate(QDate(day.year, 12, 31))
        page.chooser.end.setDate(QDate(day.year, 10, 1))
        window.setGeometry(0, 0, 1366, 768)
        settle(app, 0.5)
        window.grab().save(str(Path(out) / "reports-backwards.png"))
        page.chooser.start.setDate(QDate(day.year, 10, 1))
        page.chooser.end.setDate(QDate(day.year, 12, 31))
        page.make_preview()
        tasks.wait_all()
        for width, height in ((1366, 768), (1024, 768)):
            window.setGeometry(0, 0, width, height)
            settle(app, 0.5)
            window.grab().save(str(Path(out) / f"reports-period-{width}x{height}.png"))
        print("saved to", out)
        window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
