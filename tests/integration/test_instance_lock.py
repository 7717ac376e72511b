"""One app instance per data folder, across processes; a dead process leaves no stale lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from trainer_app.services.workspace.instance_lock import InstanceLock

PROBE = (
    "import sys; from pathlib import Path; "
    "from trainer_app.services.workspace.instance_lock import InstanceLock; "
    "print(InstanceLock(Path(sys.argv[1])).acquire())"
)


def _other_process_gets_lock(path: Path) -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                         text=True, check=True).stdout.strip()
    return out == "True"


def test_second_process_is_refused_while_held(tmp_path: Path) -> None:
    path = tmp_path / "trainer-app.lock"
    lock = InstanceLock(path)
    assert lock.acquire()
    try:
        assert _other_process_gets_lock(path) is False
    finally:
        lock.release()
    assert _other_process_gets_lock(path) is True


HOLDER = (
    "import sys, time; from pathlib import Path; "
    "from trainer_app.services.workspace.instance_lock import InstanceLock; "
    "lock = InstanceLock(Path(sys.argv[1])); print(lock.acquire(), flush=True); time.sleep(60)"
)


def test_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "trainer-app.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
    assert _other_process_gets_lock(path) is False
    holder.kill()
    holder.wait()
    assert _other_process_gets_lock(path) is True
