"""Keep the laptop awake while phones answer (best effort): on Windows
``SetThreadExecutionState`` from the server thread, on Linux a ``systemd-inhibit`` child,
on macOS ``caffeinate``. When none is available the trainer is told (``reason``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Any

__all__ = ["KeepAwake"]

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
WHY = "Đang phục vụ bài kiểm tra trên điện thoại"


class KeepAwake:
    """``start()`` on the thread that serves (Windows binds the request to it), ``stop()``
    there too. ``active`` tells whether sleep is held off; ``reason`` why not."""

    def __init__(self, platform: str = sys.platform, kernel32: Any = None,
                 inhibit_command: list[str] | None = None) -> None:
        self.platform = platform
        self.kernel32 = kernel32
        self.inhibit_command = inhibit_command
        self.process: subprocess.Popen[bytes] | None = None
        self.active = False
        self.reason = ""

    def _command(self) -> list[str] | None:
        if self.inhibit_command is not None:
            return self.inhibit_command
        if self.platform.startswith("linux") and shutil.which("systemd-inhibit"):
            return ["systemd-inhibit", "--what=sleep:idle", "--who=Tap huan CTV",
                    f"--why={WHY}", "--mode=block", "sleep", "infinity"]
        if self.platform == "darwin" and shutil.which("caffeinate"):
            return ["caffeinate", "-i", "-d"]
        return None

    def start(self) -> bool:
        if self.platform == "win32":
            kernel32 = self.kernel32
            if kernel32 is None:
                import ctypes

                kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            self.active = bool(kernel32.SetThreadExecutionState(
                ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED))
            self.kernel32 = kernel32
            self.reason = "" if self.active else "Windows không nhận yêu cầu giữ máy thức."
            return self.active
        command = self._command()
        if command is None:
            self.reason = ("Không tìm thấy systemd-inhibit: hãy tắt chế độ ngủ của máy trong "
                           "lúc làm bài.")
            return False
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)
        except OSError as exc:
            self.reason = f"Không giữ được máy thức: {exc}."
            return False
        try:
            self.process.wait(timeout=0.3)  # it ended at once: no logind, no permission
        except subprocess.TimeoutExpired:
            self.active = True
            return True
        self.process = None
        self.reason = "Hệ thống không cho giữ máy thức: hãy tắt chế độ ngủ trong lúc làm bài."
        return False

    def stop(self) -> None:
        if self.platform == "win32" and self.kernel32 is not None and self.active:
            self.kernel32.SetThreadExecutionState(ES_CONTINUOUS)
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
        self.active = False
