"""Child process for test_kiosk_kill: opens the kiosk on DATA_DIR for SESSION/POSITION,
picks PERSON, answers questions through real button clicks and prints "saved <key>
<option>" after each one, then waits to be killed."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.workspace.opening import open_workspace
from trainer_app.ui.context import AppContext
from trainer_app.ui.events import AppEvents
from trainer_app.ui.kiosk.kiosk_window import KioskWindow
from trainer_app.ui.qt_workarounds import protect_bool_singletons


def main() -> None:
    root, session_id, position, person_id = sys.argv[1:5]
    protect_bool_singletons()
    app = QApplication([])
    data_dir = DataDir(__import__("pathlib").Path(root), DataDirSource.ARGUMENT)
    workspace = open_workspace(data_dir, daily_backup=False)
    ctx = AppContext(data_dir, workspace, AppEvents())
    window = KioskWindow(ctx, int(session_id), int(position), "Kiểm tra")
    window.show()
    window.begin(int(person_id))
    for _number in range(len(window._questions())):
        question = window.question.question
        assert question is not None
        button = window.question.buttons[-1]
        button.click()
        app.processEvents()
        print(f"saved {question.key} {button.property('option_index')}", flush=True)
        window.question.next.click()
        app.processEvents()
        time.sleep(0.05)
    print("all answered", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    main()
