"""Time from launch to an interactive main window, beside a bare PySide6 window.

Both are whole processes started the same way: the figure is wall time from spawning the
process until it has shown its window, run one event-loop turn and exited. The app runs on a
demo workspace (its daily backup already taken). Target: at most 1.5× the bare window for the
shown, responsive window. The app then opens the database on a worker thread and fills its
pages; that second figure is printed too, for information.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
TARGET_RATIO = 1.5

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Xin chào"))
window.resize(1024, 768)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def compile_package() -> None:
    """Byte-compile the app as an installed copy is (pip and PyInstaller ship .pyc files);
    PySide6's own modules came compiled from pip. Without this, a PYTHONDONTWRITEBYTECODE
    environment recompiles every app module at each launch and the comparison is unfair."""
    package = Path(__file__).resolve().parent.parent / "trainer_app"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def measure() -> tuple[float, float, float]:
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "data")
        subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", data, "demo"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        shown_env = dict(env, TRAINER_APP_EXIT_WHEN_READY="shown")
        filled_env = dict(env, TRAINER_APP_EXIT_WHEN_READY="filled")
        app_cmd = [sys.executable, "-m", "trainer_app", "--data-dir", data]
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        _time(app_cmd, filled_env)  # warm the file cache; takes the day's backup
        _time(bare_cmd, env)
        bare, shown, filled = [], [], []
        for _ in range(RUNS):  # interleaved so that machine noise hits all alike
            bare.append(_time(bare_cmd, env))
            shown.append(_time(app_cmd, shown_env))
            filled.append(_time(app_cmd, filled_env))
    return statistics.median(bare), statistics.median(shown), statistics.median(filled)


def main() -> bool:
    bare, shown, filled = measure()
    ratio = shown / bare
    print(f"bare PySide6 window        : {bare * 1000:7.0f} ms (median of {RUNS})")
    print(f"trainer-app window shown   : {shown * 1000:7.0f} ms  ratio {ratio:5.2f}×")
    print(f"trainer-app pages filled   : {filled * 1000:7.0f} ms  ratio {filled / bare:5.2f}×"
          "  (information)")
    verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"target: window shown ≤ {TARGET_RATIO}× the bare window: {verdict}")
    return ratio <= TARGET_RATIO


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
