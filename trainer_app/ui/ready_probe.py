"""For bench/bench_startup.py (and scripts/smoke-frozen.sh): with the environment variable
``TRAINER_APP_EXIT_WHEN_READY`` set to ``shown`` or ``filled``, the app leaves at the first
event-loop turn after that moment — ``shown``: the window is on screen (at once, without
clean-up); ``filled``: the first page shows its data (through a normal quit). Just before, it
prints one line on stdout, ``ready STAGE rss_kib=N cpu_ms=M``: its resident memory and the
processor time it has used by then, so the bench can time the moment and weigh the process.
Without the variable nothing happens.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ENV = "TRAINER_APP_EXIT_WHEN_READY"
SHOWN, FILLED = "shown", "filled"


def resident_kib() -> int | None:
    """This process's resident memory in KiB (Linux: VmRSS), None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def reached(stage: str, app: QApplication) -> None:
    """The app has reached ``stage``; leave at the next event-loop turn if asked to."""
    if os.environ.get(ENV) != stage:
        return

    def leave() -> None:
        rss = resident_kib()
        cpu_ms = round(time.process_time() * 1000)
        print(f"ready {stage} rss_kib={rss if rss is not None else 0} cpu_ms={cpu_ms}",
              flush=True)
        if stage == SHOWN:
            if sys.stdout is not None:
                sys.stdout.flush()
            os._exit(0)
        app.quit()

    QTimer.singleShot(0, leave)
