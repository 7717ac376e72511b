"""Screenshots of the Thư viện page and of the player playing the sample clip, for review.

    .venv/bin/trainer-app --data-dir /tmp/lib-demo demo
    .venv/bin/trainer-app --data-dir /tmp/lib-demo media import FILE --item ID   # a few
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/shot_library.py \\
        /tmp/lib-demo shots/ ITEM_ID

Grabs the whole X screen (VLC draws in its own native window, which ``QWidget.grab()``
shows black): shots/library-missing.png with a missing item selected (its address and the
copy button), shots/library.png with ITEM_ID selected, then shots/player.png two seconds
into ITEM_ID's video, and plays it to its end (prints how long the end took to arrive).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.workspace.opening import open_workspace
from trainer_app.ui import style
from trainer_app.ui.context import AppContext
from trainer_app.ui.events import AppEvents
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.library_page import LibraryPage
from trainer_app.ui.player.player_window import PlayerWindow
from trainer_app.ui.qt_workarounds import protect_bool_singletons


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def grab(app: QApplication, path: Path) -> None:
    screen = app.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print("saved", path)


def main(data: str, out: str, item_id: int) -> None:
    protect_bool_singletons()
    app = QApplication(sys.argv[:1])
    style.apply_style(app, 100)
    data_dir = DataDir(Path(data), DataDirSource.ARGUMENT)
    ctx = AppContext(data_dir, open_workspace(data_dir), AppEvents())
    settings = QSettings(str(Path(out) / ".shot-window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(data_dir, ctx.events, settings)
    window.attach(ctx)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    window.load_data()
    window.show_page("library")
    page = window.pages["library"]
    assert isinstance(page, LibraryPage)
    page.refresh()
    missing = next(r.id for r in page.model.rows() if r.status == "missing" and r.source_url)
    page.select_item(missing)
    settle(app, 0.5)
    grab(app, Path(out) / "library-missing.png")
    page.select_item(item_id)
    settle(app, 1.0)
    grab(app, Path(out) / "library.png")

    player = page.play_selected()
    assert isinstance(player, PlayerWindow), player
    player.resize(900, 600)
    player.move(200, 60)
    start = time.perf_counter()
    while player.qt_player.current_time() < 2.0 and time.perf_counter() - start < 10:
        settle(app, 0.05)
    settle(app, 0.3)
    grab(app, Path(out) / "player.png")
    ended: list[float] = []
    player.qt_player.ended.connect(lambda: ended.append(time.perf_counter()))
    while not ended and time.perf_counter() - start < 20:
        settle(app, 0.05)
    print("ended after", round(ended[0] - start, 2) if ended else "NEVER", "s")
    player.close()
    window.close()
    (Path(out) / ".shot-window.ini").unlink(missing_ok=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
