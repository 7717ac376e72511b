"""The built one-folder app (dist/trainer-app, `bash scripts/build.sh`): time from launch to an
interactive main window, beside a bare PySide6 window measured in the same run.

Same method as bench_startup.py: whole processes, wall time from spawn until the window has
been shown, one event-loop turn has run and the process has exited; a demo workspace whose
daily backup is already taken; runs interleaved. The app from the checkout (`python -m
trainer_app`) is printed too, for comparison. Target: the frozen app's shown window within
1.5× the bare window, as for the app run from source. Skipped, with the reason printed, when
there is no build.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_startup import BARE_WINDOW, TARGET_RATIO, _time, compile_package

RUNS = 7
ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "trainer-app"


def executables(dist: Path = DIST) -> tuple[Path, Path] | None:
    """(GUI executable, console executable) of the build, or None when it is absent."""
    if sys.platform.startswith("win"):
        gui, cli = dist / "trainer-app.exe", dist / "trainer-app-cli.exe"
    else:
        gui = cli = dist / "trainer-app"
    return (gui, cli) if gui.is_file() and cli.is_file() else None


def _frozen_env(env: dict[str, str]) -> dict[str, str]:
    """What the build sees on a laptop: no Python paths of the checkout."""
    return {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def measure(gui: Path, cli: Path) -> dict[str, float]:
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    frozen_env = _frozen_env(env)
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "data")
        subprocess.run([str(cli), "--data-dir", data, "demo"], env=frozen_env, check=True,
                       stdout=subprocess.DEVNULL)
        commands = {
            "bare": ([sys.executable, "-c", BARE_WINDOW], env),
            "frozen_shown": ([str(gui), "--data-dir", data],
                             dict(frozen_env, TRAINER_APP_EXIT_WHEN_READY="shown")),
            "frozen_filled": ([str(gui), "--data-dir", data],
                              dict(frozen_env, TRAINER_APP_EXIT_WHEN_READY="filled")),
            "source_shown": ([sys.executable, "-m", "trainer_app", "--data-dir", data],
                             dict(env, TRAINER_APP_EXIT_WHEN_READY="shown")),
        }
        for cmd, cmd_env in commands.values():  # warm the file cache; the day's backup
            _time(cmd, cmd_env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):  # interleaved so that machine noise hits all alike
            for name, (cmd, cmd_env) in commands.items():
                times[name].append(_time(cmd, cmd_env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> bool:
    found = executables()
    if found is None:
        print(f"skipped: no build in {DIST} (run: bash scripts/build.sh)")
        return True
    t = measure(*found)
    bare = t["bare"]
    ratio = t["frozen_shown"] / bare
    print(f"bare PySide6 window (python) : {bare * 1000:7.0f} ms (median of {RUNS})")
    print(f"frozen app window shown      : {t['frozen_shown'] * 1000:7.0f} ms  "
          f"ratio {ratio:5.2f}×")
    print(f"frozen app pages filled      : {t['frozen_filled'] * 1000:7.0f} ms  "
          f"ratio {t['frozen_filled'] / bare:5.2f}×  (information)")
    print(f"app from source window shown : {t['source_shown'] * 1000:7.0f} ms  "
          f"ratio {t['source_shown'] / bare:5.2f}×  (information)")
    verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"target: frozen window shown ≤ {TARGET_RATIO}× the bare window: {verdict}")
    return ratio <= TARGET_RATIO


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
