"""The phone-quiz firewall rule (trainer_app/winfirewall.py), checked on Linux: the command
line given to the elevated cmd.exe is split here the way cmd.exe (/s /c) and the Microsoft C
runtime split it, so each netsh call's arguments are seen as netsh will see them. The elevated
start itself (ShellExecuteEx "runas", the UAC prompt) cannot exist here: a runner stands in
for it; the workflow on a Windows runner is what would start it for real."""

from __future__ import annotations

import sys
from pathlib import PureWindowsPath

import pytest

from trainer_app import winfirewall
from trainer_app.winfirewall import ElevatedCommand, FirewallResult

APP = PureWindowsPath(r"C:\Users\Nguyễn Văn A\AppData\Local\Programs\TapHuanCTV")
ENV = {"SystemRoot": r"C:\Windows"}


def msvc_split(line: str) -> list[str]:
    """CommandLineToArgvW's rules for what occurs here: spaces split outside quotes, a quote
    toggles, 2n backslashes before a quote are n backslashes."""
    args, current, quoted, i, started = [], [], False, 0, False
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            j = i
            while j < len(line) and line[j] == "\\":
                j += 1
            if j < len(line) and line[j] == '"':
                current.append("\\" * ((j - i) // 2))
                if (j - i) % 2:
                    current.append('"')
                    j += 1
                i = j
            else:
                current.append(line[i:j])
                i = j
            started = True
            continue
        if ch == '"':
            quoted = not quoted
            started = True
        elif ch in " \t" and not quoted:
            if started:
                args.append("".join(current))
                current, started = [], False
        else:
            current.append(ch)
            started = True
        i += 1
    if started:
        args.append("".join(current))
    return args


def cmd_steps(command: ElevatedCommand) -> list[tuple[str, list[str]]]:
    """cmd.exe /d /s /c "LINE": the outer quotes go, then LINE splits at & and && (outside
    quotes) into (operator before, argv)."""
    assert command.program == r"C:\Windows\System32\cmd.exe"
    prefix = '/d /s /c "'
    assert command.parameters.startswith(prefix) and command.parameters.endswith('"')
    line = command.parameters[len(prefix):-1]
    steps, start, quoted, op, i = [], 0, False, "", 0
    while i < len(line):
        if line[i] == '"':
            quoted = not quoted
        elif line[i] == "&" and not quoted:
            steps.append((op, line[start:i].strip()))
            op = "&&" if line[i:i + 2] == "&&" else "&"
            i += len(op)
            start = i
            continue
        i += 1
    steps.append((op, line[start:].strip()))
    assert not quoted, "unbalanced quotes"
    return [(o, msvc_split(text)) for o, text in steps]


def test_both_programs_inbound_local_subnet_only() -> None:
    programs = winfirewall.app_programs(str(APP / "trainer-app.exe"), frozen=True)
    assert programs == [APP / "trainer-app.exe", APP / "trainer-app-cli.exe"]
    steps = cmd_steps(winfirewall.add_rule_command(programs, ENV))
    (first_op, delete), *adds = steps
    assert first_op == "" and delete[:6] == [r"C:\Windows\System32\netsh.exe", "advfirewall",
                                             "firewall", "delete", "rule",
                                             "name=TapHuanCTV phone quiz"]
    assert delete[6:] == [">nul", "2>nul"]  # an old rule may be missing: quietly
    assert [op for op, _ in adds] == ["&", "&&"]  # the adds run after the delete, whatever it said
    for (_, argv), program in zip(adds, programs, strict=True):
        assert argv[:5] == [r"C:\Windows\System32\netsh.exe", "advfirewall", "firewall", "add",
                            "rule"]
        options = dict(arg.split("=", 1) for arg in argv[5:])
        assert options == {
            "name": "TapHuanCTV phone quiz", "dir": "in", "action": "allow",
            "program": str(program), "enable": "yes", "profile": "any",
            "remoteip": "localsubnet", "protocol": "tcp", "edge": "no",
            "description": winfirewall.DESCRIPTION,
        }


def test_system_folder_follows_systemroot() -> None:
    command = winfirewall.add_rule_command([APP / "trainer-app.exe"], {"SystemRoot": r"D:\WIN"})
    assert command.program == r"D:\WIN\System32\cmd.exe"
    assert r"D:\WIN\System32\netsh.exe advfirewall" in command.parameters
    assert winfirewall.show_rule_args({"SystemRoot": r"D:\WIN"}) == [
        r"D:\WIN\System32\netsh.exe", "advfirewall", "firewall", "show", "rule",
        "name=TapHuanCTV phone quiz"]
    delete = winfirewall.delete_rule_command(ENV)
    assert msvc_split(delete.parameters) == ["advfirewall", "firewall", "delete", "rule",
                                             "name=TapHuanCTV phone quiz"]


def test_run_from_source_allows_the_python_that_runs_the_app() -> None:
    python = r"C:\dev\trainer\.venv\Scripts\python.exe"
    assert winfirewall.app_programs(python, frozen=False) == [PureWindowsPath(python)]


@pytest.mark.parametrize("bad", [r"C:\50%\TapHuanCTV\trainer-app.exe",
                                 'C:\\a"b\\trainer-app.exe', "trainer-app.exe",
                                 "C:\\a\nb\\trainer-app.exe"])
def test_paths_cmd_would_misread_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="không dùng được cho tường lửa"):
        winfirewall.add_rule_command([PureWindowsPath(bad)], ENV)
    outcome = winfirewall.allow_phone_connections([PureWindowsPath(bad)], runner=lambda c: 0)
    assert outcome.result is FirewallResult.FAILED and "Hãy cài ứng dụng" in outcome.message


@pytest.mark.parametrize(("code", "result"), [
    (0, FirewallResult.ADDED), (winfirewall.ERROR_CANCELLED, FirewallResult.CANCELLED),
    (1, FirewallResult.FAILED), (259, FirewallResult.FAILED)])
def test_the_answer_to_the_uac_prompt_and_netsh_exit_code(code: int,
                                                          result: FirewallResult) -> None:
    seen: list[ElevatedCommand] = []

    def runner(command: ElevatedCommand) -> int:
        seen.append(command)
        return code

    outcome = winfirewall.allow_phone_connections([APP / "trainer-app.exe"], runner=runner)
    assert outcome.result is result and outcome.ok == (code == 0)
    assert outcome.message  # Vietnamese, for the page
    assert len(seen) == 1 and "add rule" in seen[0].parameters


def test_a_runner_that_cannot_start_is_a_failure_not_a_crash() -> None:
    def runner(command: ElevatedCommand) -> int:
        raise OSError(740, "The requested operation requires elevation")

    outcome = winfirewall.allow_phone_connections([APP / "trainer-app.exe"], runner=runner)
    assert outcome.result is FirewallResult.FAILED and "740" in outcome.detail


def test_elsewhere_than_windows_nothing_is_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert winfirewall.allow_phone_connections().result is FirewallResult.NOT_WINDOWS
    assert winfirewall.rule_exists() is None
