"""The self-check: connect to the app's own LAN address, as a phone would. A refusal or a
silence usually means the firewall (Windows asks the first time; "Private" only leaves a
"Public" network blocked); a passing check cannot see a router that isolates its clients."""

from __future__ import annotations

import http.client
from dataclasses import dataclass

__all__ = ["SelfCheck", "self_check"]

FIREWALL_HINT = (
    "Điện thoại có thể không vào được: máy tính không tự kết nối được vào địa chỉ {address}. "
    "Trên Windows, khi tường lửa hỏi, hãy đánh dấu cả \"Private\" và \"Public\" rồi bấm "
    "Allow; hoặc nhờ quản trị viên chạy lệnh netsh trong hướng dẫn.")


@dataclass(frozen=True)
class SelfCheck:
    ok: bool
    message: str


def self_check(host: str, port: int, timeout: float = 2.0) -> SelfCheck:
    address = f"http://{host}:{port}"
    try:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            ok = response.status == 200 and response.read() == b"ok"
        finally:
            connection.close()
    except OSError:
        ok = False
    if ok:
        return SelfCheck(True, f"Máy tính tự kết nối được vào {address}. Nếu điện thoại vẫn "
                         "không mở được trang: tắt dữ liệu di động (4G) trên điện thoại, hoặc "
                         "bộ phát Wi-Fi đang chặn các máy nói chuyện với nhau (client "
                         "isolation) — dùng bộ phát khác hoặc tắt chế độ đó.")
    return SelfCheck(False, FIREWALL_HINT.format(address=address))
