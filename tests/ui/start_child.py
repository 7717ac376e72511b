"""Child process for test_light_start: starts the app as ``trainer-app`` does (offscreen) on
DATA_DIR, waits until its first page shows its data, and prints one JSON line: the modules
loaded then and the pages built; then it opens every other page and prints what is loaded
after that. A fresh process, so nothing a test imported before can hide what the start
imports."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def loaded() -> list[str]:
    return sorted(sys.modules)


def main() -> None:
    from trainer_app.app import start_gui
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.ui.main_window import PAGES

    session = start_gui(DataDir(Path(sys.argv[1]), DataDirSource.ARGUMENT),
                        first_start_dialog=False)
    assert not isinstance(session, int), session
    window = session.window
    deadline = time.monotonic() + 60
    while not (window.attached and window.pages and all(p.ready for p in window.pages.values())):
        if time.monotonic() > deadline:
            raise SystemExit("the first page was never filled")
        session.app.processEvents()
        time.sleep(0.005)
    overview = window.pages["overview"]
    first = {"modules": loaded(), "pages": sorted(window.pages),
             "visible": window.current_page_key(),
             "figures": {"people": overview.people_card.figure.text(),
                         "finished": overview.finished_card.figure.text(),
                         "planned": overview.planned_card.figure.text(),
                         "hoods": len(overview.coverage.hoods),
                         "trend": len(overview.pass_chart.trend)},
             "title": window.windowTitle()}
    for spec in PAGES:
        window.show_page(spec.key)
        session.app.processEvents()
    every = {"modules": loaded(), "pages": sorted(window.pages)}
    print(json.dumps({"first": first, "every": every}))
    window.close()
    session.shutdown()


if __name__ == "__main__":
    main()
