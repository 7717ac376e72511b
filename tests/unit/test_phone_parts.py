"""Pieces of the phone quiz that need no server: choosing the network interface, rate
limits and the 60-second rule, keeping the laptop awake, the QR code, the page's size."""

from __future__ import annotations

import sys

import pytest

from trainer_app.phone.interfaces import Interface, choose, usable
from trainer_app.phone.keepawake import ES_CONTINUOUS, ES_SYSTEM_REQUIRED, KeepAwake
from trainer_app.phone.room import STATIC_DIR
from trainer_app.phone.state import RateLimiter, RoomState, valid_id
from trainer_app.services.errors import UserError


def test_usable_interfaces_skip_loopback_link_local_and_virtual() -> None:
    found = usable([
        Interface("lo", "lo", "127.0.0.1"),
        Interface("eth0", "Realtek PCIe GbE", "192.168.1.23"),
        Interface("{A1}", "VirtualBox Host-Only Ethernet Adapter", "192.168.56.1"),
        Interface("{B2}", "vEthernet (Default Switch)", "172.20.0.1"),
        Interface("{C3}", "VMware Network Adapter VMnet8", "192.168.80.1"),
        Interface("{D4}", "TAP-Windows Adapter V9", "10.8.0.2"),
        Interface("{E5}", "Cisco AnyConnect VPN", "10.9.0.2"),
        Interface("wlan0", "wlan0", "169.254.3.4"),
        Interface("{F6}", "Intel(R) Wi-Fi 6 AX201", "192.168.137.1"),
        Interface("docker0", "docker0", "172.17.0.1"),
    ])
    assert [i.ip for i in found] == ["192.168.137.1", "192.168.1.23"]  # Wi-Fi first
    assert found[0].kind == "wifi" and found[1].kind == "ethernet"


def test_choose_the_only_the_remembered_or_ask() -> None:
    wifi = Interface("{F6}", "Wi-Fi", "192.168.1.23")
    wired = Interface("eth0", "Ethernet", "10.0.0.5")
    assert choose([wifi], None) == wifi
    assert choose([wifi, wired], None) is None  # the trainer picks
    assert choose([wifi, wired], "eth0") == wired
    with pytest.raises(UserError) as caught:
        choose([], None)
    assert "kết nối máy vào Wi-Fi" in caught.value.message


def test_rate_limiter_and_silent_phones() -> None:
    now = [100.0]
    limiter = RateLimiter(3, 60, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    now[0] += 61
    assert limiter.allow("a")
    state = RoomState(clock=lambda: now[0])
    assert state.silent("dev-never-seen-0001") and state.silent(None)
    state.touch("dev-0000000000000001")
    now[0] += 59
    assert not state.silent("dev-0000000000000001")
    now[0] += 2
    assert state.silent("dev-0000000000000001")


def test_ids_from_phones_are_checked() -> None:
    assert valid_id("a" * 32) and valid_id("abc_DEF-0123456789")
    for bad in ("short", "a" * 65, "x" * 20 + "<script>", 123, None, "é" * 20):
        assert not valid_id(bad)


class FakeKernel32:
    """Stands in for Windows' kernel32 (it cannot exist on this Linux machine)."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.calls.append(flags)
        return 0x80000000


def test_keep_awake_on_windows_asks_and_releases() -> None:
    kernel = FakeKernel32()
    awake = KeepAwake(platform="win32", kernel32=kernel)
    assert awake.start() and awake.active
    awake.stop()
    assert kernel.calls[0] & ES_SYSTEM_REQUIRED and kernel.calls[0] & ES_CONTINUOUS
    assert kernel.calls[-1] == ES_CONTINUOUS and not awake.active


def test_keep_awake_with_a_real_child_process() -> None:
    awake = KeepAwake(platform="linux", inhibit_command=[sys.executable, "-c",
                                                         "import time; time.sleep(60)"])
    assert awake.start() and awake.process is not None
    process = awake.process
    awake.stop()
    assert process.poll() is not None and not awake.active
    refused = KeepAwake(platform="linux", inhibit_command=[sys.executable, "-c", "exit(1)"])
    assert not refused.start() and "tắt chế độ ngủ" in refused.reason
    missing = KeepAwake(platform="linux", inhibit_command=["/nonexistent/systemd-inhibit"])
    assert not missing.start() and missing.reason


def test_qr_code_is_a_png() -> None:
    from trainer_app.phone.qr import qr_png

    png = qr_png("http://192.168.1.23:8080/p/" + "x" * 32)
    assert png.startswith(b"\x89PNG") and len(png) > 200


def test_the_page_weighs_under_100_kb_and_holds_no_names() -> None:
    files = [STATIC_DIR / n for n in ("index.html", "app.js", "style.css")]
    assert sum(f.stat().st_size for f in files) < 100 * 1024
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "http://" not in text and "https://" not in text  # nothing from the internet
    assert 'type="text"' in (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def test_every_shipped_script_parses_as_es2017() -> None:
    esprima = pytest.importorskip("esprima", reason="the test extra's esprima is missing")
    scripts = sorted(STATIC_DIR.glob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        esprima.parseScript(text)
        # esprima does not look inside regular expressions: iOS 12 has no lookbehind.
        assert "(?<" not in text, script.name
    # The parser does refuse what Chrome 70 / iOS 12 cannot run.
    for newer in ("a?.b;", "a ?? b;", "try {} catch {}", "for await (x of y) {}",
                  "x = 1_000;", "class A { #p = 1 }"):
        with pytest.raises(esprima.Error):
            esprima.parseScript(newer)


def test_the_page_ships_in_the_package_and_the_frozen_build() -> None:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("spec_parts", root / "freeze" / "spec_parts.py")
    assert spec is not None and spec.loader is not None
    parts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parts)
    shipped = {(Path(src).name, dest) for src, dest in parts.package_datas(root)}
    for name in ("index.html", "app.js", "style.css", "notfound.html", "ended.html",
                 "join.html"):
        assert (name, "trainer_app/phone/static") in shipped
