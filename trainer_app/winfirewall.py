"""The Windows Firewall rule that lets phones on the local network reach the phone quiz.

Windows only; standard library only; no Qt (the button "Cho phép điện thoại kết nối…" belongs
to the phone-quiz page, which calls ``allow_phone_connections``). The installer stays per-user,
so the rule is added here, by the app, when the user asks: one elevated ``cmd.exe`` started
with ShellExecuteEx's "runas" verb (the UAC prompt) runs ``netsh advfirewall firewall add rule``
for both executables of the installed app (trainer-app.exe and trainer-app-cli.exe): inbound,
TCP, allowed from the local subnet only, every network profile (a laptop's hotspot or a ward's
Wi-Fi is often a "public" network). An earlier rule of the same name is deleted first, so the
rule follows the app when it is installed elsewhere. The uninstaller
(packaging/windows/installer.nsi) deletes the rule by the same name.

``allow_phone_connections`` waits for netsh (a second or two after the UAC prompt is
answered): call it off the GUI thread (ui/tasks.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PureWindowsPath

RULE_NAME = "TapHuanCTV phone quiz"  # ASCII: netsh and the uninstaller find it by this name
DESCRIPTION = "Tap huan CTV: phones on the local network take the quiz (added by the app)"
PROGRAMS = ("trainer-app.exe", "trainer-app-cli.exe")
ERROR_CANCELLED = 1223  # the user answered No to the UAC prompt
_UNSAFE = set('"%\r\n\t') | {chr(c) for c in range(32)}


class FirewallResult(StrEnum):
    ADDED = "added"
    CANCELLED = "cancelled"
    FAILED = "failed"
    NOT_WINDOWS = "not-windows"


@dataclass(frozen=True)
class FirewallOutcome:
    result: FirewallResult
    message: str  # Vietnamese, for the user
    detail: str = ""  # technical (for the log)

    @property
    def ok(self) -> bool:
        return self.result is FirewallResult.ADDED


@dataclass(frozen=True)
class ElevatedCommand:
    """What ShellExecuteEx is given: lpFile and lpParameters."""

    program: str
    parameters: str


# A runner starts `program parameters` elevated and returns its exit code, or ERROR_CANCELLED.
Runner = Callable[[ElevatedCommand], int]


def system_dir(environ: dict[str, str] | None = None) -> PureWindowsPath:
    env = os.environ if environ is None else environ
    return PureWindowsPath(env.get("SystemRoot") or env.get("SYSTEMROOT") or r"C:\Windows",
                           "System32")


def app_programs(executable: str | None = None,
                 frozen: bool | None = None) -> list[PureWindowsPath]:
    """The programs the rule must cover: both exes of a built app (they share _internal/ and
    either may run the phone server), or the Python running the app from source."""
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    exe = PureWindowsPath(executable)
    if not frozen:
        return [exe]
    return [exe.parent / name for name in PROGRAMS]


def _check(path: PureWindowsPath) -> None:
    if not path.is_absolute() or _UNSAFE & set(str(path)):
        raise ValueError(f"Đường dẫn chương trình không dùng được cho tường lửa: {path} (cần "
                         "đường dẫn đầy đủ, không có dấu \" hay %). Hãy cài ứng dụng vào thư "
                         "mục khác.")


def _netsh(sysdir: PureWindowsPath, words: str) -> str:
    return f"{sysdir / 'netsh.exe'} advfirewall firewall {words}"


def add_rule_command(programs: Sequence[PureWindowsPath],
                     environ: dict[str, str] | None = None) -> ElevatedCommand:
    """One cmd.exe line: delete the old rule (quietly), then add one rule per program."""
    if not programs:
        raise ValueError("no program to allow")
    for program in programs:
        _check(program)
    sysdir = system_dir(environ)
    steps = [_netsh(sysdir, f'delete rule name="{RULE_NAME}" >nul 2>nul')]
    adds = [_netsh(sysdir, f'add rule name="{RULE_NAME}" dir=in action=allow '
                           f'program="{program}" enable=yes profile=any remoteip=localsubnet '
                           f'protocol=tcp edge=no description="{DESCRIPTION}"')
            for program in programs]
    line = steps[0] + " & " + " && ".join(adds)
    # /d: no AutoRun commands; /s /c "…": cmd strips exactly the outer quotes and keeps the
    # inner ones (the program paths may hold spaces and Vietnamese letters).
    return ElevatedCommand(str(sysdir / "cmd.exe"), f'/d /s /c "{line}"')


def delete_rule_command(environ: dict[str, str] | None = None) -> ElevatedCommand:
    sysdir = system_dir(environ)
    return ElevatedCommand(str(sysdir / "netsh.exe"),
                           f'advfirewall firewall delete rule name="{RULE_NAME}"')


def show_rule_args(environ: dict[str, str] | None = None) -> list[str]:
    """netsh without elevation: exit 0 when a rule of our name exists, 1 when none does."""
    return [str(system_dir(environ) / "netsh.exe"), "advfirewall", "firewall", "show", "rule",
            f"name={RULE_NAME}"]


def rule_exists() -> bool | None:
    """True/False on Windows; None elsewhere or when netsh cannot be asked."""
    if not sys.platform.startswith("win"):
        return None
    import subprocess

    try:
        done = subprocess.run(show_rule_args(), capture_output=True, timeout=15,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        return None
    return done.returncode == 0


def allow_phone_connections(programs: Sequence[PureWindowsPath] | None = None, *,
                            hwnd: int = 0, runner: Runner | None = None) -> FirewallOutcome:
    """Add the rule (UAC prompt). Never raises for the user's answer or netsh's failure."""
    if runner is None:
        if not sys.platform.startswith("win"):
            return FirewallOutcome(FirewallResult.NOT_WINDOWS,
                                   "Chỉ cần mở tường lửa trên Windows.")

        def runner(command: ElevatedCommand) -> int:
            return run_elevated(command, hwnd)

    try:
        command = add_rule_command(app_programs() if programs is None else programs)
    except ValueError as exc:
        return FirewallOutcome(FirewallResult.FAILED, str(exc))
    try:
        code = runner(command)
    except OSError as exc:
        return FirewallOutcome(FirewallResult.FAILED,
                               "Không mở được tường lửa cho điện thoại.", repr(exc))
    if code == 0:
        return FirewallOutcome(FirewallResult.ADDED,
                               "Đã cho phép điện thoại trong cùng mạng kết nối tới máy này.")
    if code == ERROR_CANCELLED:
        return FirewallOutcome(FirewallResult.CANCELLED,
                               "Chưa mở tường lửa: Windows hỏi quyền quản trị và bạn đã chọn "
                               "Không. Điện thoại có thể không kết nối được.")
    return FirewallOutcome(FirewallResult.FAILED,
                           "Không thêm được quy tắc tường lửa (netsh báo lỗi). Hãy nhờ người "
                           "có quyền quản trị máy thử lại.", f"exit code {code}")


def run_elevated(command: ElevatedCommand, hwnd: int = 0, timeout_s: float = 120.0) -> int:
    """ShellExecuteExW "runas", hidden window, wait; the exit code, or ERROR_CANCELLED."""
    import ctypes
    from ctypes import wintypes

    class ShellExecuteInfo(ctypes.Structure):
        _fields_ = [
            ("cbSize", wintypes.DWORD), ("fMask", wintypes.ULONG), ("hwnd", wintypes.HWND),
            ("lpVerb", wintypes.LPCWSTR), ("lpFile", wintypes.LPCWSTR),
            ("lpParameters", wintypes.LPCWSTR), ("lpDirectory", wintypes.LPCWSTR),
            ("nShow", ctypes.c_int), ("hInstApp", wintypes.HINSTANCE),
            ("lpIDList", ctypes.c_void_p), ("lpClass", wintypes.LPCWSTR),
            ("hkeyClass", wintypes.HKEY), ("dwHotKey", wintypes.DWORD),
            ("hIconOrMonitor", wintypes.HANDLE), ("hProcess", wintypes.HANDLE),
        ]

    see_mask_nocloseprocess, see_mask_noasync, sw_hide = 0x40, 0x100, 0
    shell32 = ctypes.WinDLL("shell32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    info = ShellExecuteInfo()
    info.cbSize = ctypes.sizeof(info)
    info.fMask = see_mask_nocloseprocess | see_mask_noasync
    info.hwnd = hwnd or None
    info.lpVerb = "runas"
    info.lpFile = command.program
    info.lpParameters = command.parameters
    info.nShow = sw_hide
    if not shell32.ShellExecuteExW(ctypes.byref(info)):
        error = ctypes.get_last_error()  # type: ignore[attr-defined]
        if error == ERROR_CANCELLED:
            return ERROR_CANCELLED
        raise ctypes.WinError(error)  # type: ignore[attr-defined]
    try:
        kernel32.WaitForSingleObject(info.hProcess, int(timeout_s * 1000))
        code = wintypes.DWORD()
        kernel32.GetExitCodeProcess(info.hProcess, ctypes.byref(code))
        return int(code.value)
    finally:
        kernel32.CloseHandle(info.hProcess)

