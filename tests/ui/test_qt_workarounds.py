"""The guard against PySide6 6.12.0's reference leak on emit (Python 3.11)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QApplication

from trainer_app.ui.qt_workarounds import protect_bool_singletons

SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, Signal
    if sys.argv[1] == "protect":
        from trainer_app.ui.qt_workarounds import protect_bool_singletons
        protect_bool_singletons()
    class E(QObject):
        s = Signal(str)
    e = E()
    e.s.connect(lambda text: None)
    for _ in range(20000):
        e.s.emit("x")
    print("survived")
""")


def run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True,
                          text=True, timeout=120)


def test_many_emits_do_not_abort_the_process() -> None:
    result = run("protect")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "survived"


def test_protection_is_applied_once_and_only_when_needed(qapp: QApplication) -> None:
    first = protect_bool_singletons()
    refs = sys.getrefcount(True)
    assert protect_bool_singletons() is first
    assert sys.getrefcount(True) - refs < 1000  # not added a second time
    if sys.version_info >= (3, 12):
        assert first is False
    if not first:
        # Without the bug (or on 3.12+) the unprotected run must survive too.
        assert run("bare").returncode == 0
