"""Start-up of the app beside a bare PySide6 window, in time and in memory.

Both are whole processes started the same way, on a demo workspace (its daily backup already
taken). Each says on stdout when it is ready ("ready … rss_kib=N", see
``trainer_app/ui/ready_probe.py``): the bare window at the first event-loop turn after it is
shown, the app at the first turn after its window is shown ("shown") or after its first page
shows its data ("filled"). The figures are wall time from spawning the process to that line,
and the resident memory the process reports then. The processor time each has used by then
is printed too, for information: on a busy machine it varies less than wall time.

Targets, beside the bare window measured in the same run: the first page with data in at
most 4× the bare window's time, and resident memory after start at most 2× the bare
window's. The window itself shows much sooner (printed for information). The first page is
Tổng quan, read without SQLAlchemy; the window reopens on the page used last, so a start
on Điểm danh (which needs the ORM) is printed too, for information.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

RUNS = 7
TARGET_FIRST_PAGE = 4.0
TARGET_MEMORY = 2.0

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Xin chào"))
window.resize(1024, 768)
window.show()
def ready():
    rss = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    cpu_ms = round(time.process_time() * 1000)
    print(f"ready bare rss_kib={rss} cpu_ms={cpu_ms}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # from spawn to the "ready" line
    rss_kib: int  # resident memory the process reported then
    cpu_ms: int  # processor time the process had used by then (information)


def _run(cmd: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("ready "):
                seconds = time.perf_counter() - start
                fields = dict(part.split("=", 1) for part in line.split()[2:])
                rss, cpu = int(fields["rss_kib"]), int(fields.get("cpu_ms", 0))
                process.stdout.read()
                break
        else:
            raise RuntimeError(f"{cmd!r} ended without saying it was ready")
    if process.returncode != 0:
        raise RuntimeError(f"{cmd!r} ended with exit code {process.returncode}")
    return Run(seconds, rss, cpu)


def compile_package() -> None:
    """Byte-compile the app as an installed copy is (pip and PyInstaller ship .pyc files);
    PySide6's own modules came compiled from pip. Without this, a PYTHONDONTWRITEBYTECODE
    environment recompiles every app module at each launch and the comparison is unfair."""
    package = Path(__file__).resolve().parent.parent / "trainer_app"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def measure() -> dict[str, list[Run]]:
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TRAINER_APP_EXIT_WHEN_READY", None)
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "data")
        subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", data, "demo"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        app_cmd = [sys.executable, "-m", "trainer_app", "--data-dir", data]
        other = str(Path(tmp) / "reopened")
        shutil.copytree(data, other)
        (Path(other) / "window.ini").write_text("[window]\npage=attendance\n", "utf-8")
        commands = {
            "bare": ([sys.executable, "-c", BARE_WINDOW], env),
            "shown": (app_cmd, dict(env, TRAINER_APP_EXIT_WHEN_READY="shown")),
            "filled": (app_cmd, dict(env, TRAINER_APP_EXIT_WHEN_READY="filled")),
            "reopened": ([sys.executable, "-m", "trainer_app", "--data-dir", other],
                         dict(env, TRAINER_APP_EXIT_WHEN_READY="filled")),
        }
        for cmd, cmd_env in commands.values():  # warm the file cache; the day's backup
            _run(cmd, cmd_env)
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(RUNS):  # interleaved so that machine noise hits all alike
            for name, (cmd, cmd_env) in commands.items():
                runs[name].append(_run(cmd, cmd_env))
    return runs


def main() -> bool:
    runs = measure()

    def seconds(name: str) -> float:
        return statistics.median(r.seconds for r in runs[name])

    def mib(name: str) -> float:
        return statistics.median(r.rss_kib for r in runs[name]) / 1024

    bare, shown, filled = seconds("bare"), seconds("shown"), seconds("filled")
    bare_mib, app_mib = mib("bare"), mib("filled")
    time_ratio, memory_ratio = filled / bare, app_mib / bare_mib
    time_ok, memory_ok = time_ratio <= TARGET_FIRST_PAGE, memory_ratio <= TARGET_MEMORY
    print(f"bare PySide6 window        : {bare * 1000:7.0f} ms, {bare_mib:5.0f} MiB "
          f"(median of {RUNS})")
    bare_cpu = statistics.median(r.cpu_ms for r in runs["bare"])
    app_cpu = statistics.median(r.cpu_ms for r in runs["filled"])
    print(f"processor time to ready    : {bare_cpu:7.0f} ms bare, {app_cpu:.0f} ms app  "
          f"{app_cpu / bare_cpu:5.2f}×  (information)")
    print(f"trainer-app window shown   : {shown * 1000:7.0f} ms  {shown / bare:5.2f}×"
          "  (information)")
    print(f"first page with data       : {filled * 1000:7.0f} ms  {time_ratio:5.2f}×"
          f"  (target ≤ {TARGET_FIRST_PAGE:g}×: {'OK' if time_ok else 'TOO SLOW'})")
    print(f"memory after start         : {app_mib:7.0f} MiB {memory_ratio:5.2f}×"
          f"  (target ≤ {TARGET_MEMORY:g}×: {'OK' if memory_ok else 'TOO BIG'})")
    reopened, reopened_mib = seconds("reopened"), mib("reopened")
    print(f"reopened on Điểm danh      : {reopened * 1000:7.0f} ms  {reopened / bare:5.2f}×, "
          f"{reopened_mib:.0f} MiB {reopened_mib / bare_mib:.2f}×  (information: the ORM "
          "loads with that page)")
    return time_ok and memory_ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
