"""Which network address to serve on: the laptop's Wi-Fi or Ethernet adapter. Loopback,
self-assigned (169.254.x.x) and virtual adapters (VirtualBox, VMware, Hyper-V, VPN, TAP,
containers) are skipped; when several remain the trainer chooses, and the choice is kept.

No "connect a UDP socket to 8.8.8.8": on an offline network there is no route. The adapters
are listed with ``ifaddr`` (pure Python, Windows and Linux)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from trainer_app.services.errors import UserError

__all__ = ["Interface", "choose", "list_interfaces", "usable"]

VIRTUAL = re.compile(
    r"vmware|virtualbox|vbox|vethernet|hyper-v|vpn|\btap\b|tap-|tap\d|\btun\d*|wireguard|wg\d|"
    r"docker|^br-|virbr|^veth|wsl|zerotier|tailscale|hamachi|loopback|teredo|isatap",
    re.IGNORECASE)
WIFI = re.compile(r"wi-?fi|wireless|wlan|^wl|802\.11", re.IGNORECASE)

NO_NETWORK = ("Máy tính chưa nối vào mạng nào mà điện thoại có thể tới được. Hãy kết nối máy "
              "vào Wi-Fi của phòng (bộ phát Wi-Fi của trạm, không cần Internet) hoặc cắm dây "
              "mạng vào bộ phát, rồi bấm lại.")


@dataclass(frozen=True)
class Interface:
    name: str  # the system's name (eth0, wlan0, or a Windows adapter id)
    label: str  # what the trainer reads ("Wi-Fi", "Intel(R) Wi-Fi 6 AX201")
    ip: str

    @property
    def kind(self) -> str:
        return "wifi" if WIFI.search(self.name) or WIFI.search(self.label) else "ethernet"

    def describe(self) -> str:
        kind = "Wi-Fi" if self.kind == "wifi" else "mạng dây / khác"
        return f"{self.label} ({kind}) — {self.ip}"


def list_interfaces() -> list[Interface]:
    """Every IPv4 address of every adapter of this computer."""
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4 (IPv6 addresses come as tuples)
                found.append(Interface(str(adapter.name), str(adapter.nice_name or adapter.name),
                                       ip.ip))
    return found


def usable(interfaces: Iterable[Interface]) -> list[Interface]:
    """The adapters phones on the room's Wi-Fi could reach; Wi-Fi first."""
    kept = []
    for item in interfaces:
        try:
            address = ipaddress.IPv4Address(item.ip)
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified \
                or address.is_multicast:
            continue
        if VIRTUAL.search(item.name) or VIRTUAL.search(item.label):
            continue
        kept.append(item)
    kept.sort(key=lambda i: (i.kind != "wifi", i.label, i.ip))
    return kept


def choose(candidates: list[Interface], remembered: str | None) -> Interface | None:
    """The interface to serve on: the only one, or the remembered one (by name, whatever
    its address today). None: several and no choice yet — the trainer picks. Raises
    ``UserError`` when there is none (saying what to connect)."""
    if not candidates:
        raise UserError(NO_NETWORK, code="no_network")
    if remembered is not None:
        for item in candidates:
            if item.name == remembered:
                return item
    if len(candidates) == 1:
        return candidates[0]
    return None
