"""Certificate numbers, QR payloads and their short signature (domain, no database)."""

from __future__ import annotations

import string
from datetime import date

import pytest

from trainer_app.domain.certificate_code import (
    PAYLOAD_PREFIX,
    ascii_name,
    build_payload,
    check_payload,
    clean_station_code,
    format_number,
    safe_file_stem,
)

KEY = bytes(range(32))
SIXTY = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Chi"


def test_payload_round_trip() -> None:
    payload = build_payload(KEY, "012/2026/GCN-TYT", "Nguyễn Thị Lan", date(2026, 11, 20))
    assert payload.startswith("GCN1:012/2026/GCN-TYT:NGUYEN THI LAN:20261120:")
    check = check_payload(KEY, payload)
    assert check.well_formed and check.signature_ok
    assert (check.number, check.name, check.issued_on) == (
        "012/2026/GCN-TYT", "NGUYEN THI LAN", date(2026, 11, 20))
    assert check_payload(KEY, f"  {payload}\n").signature_ok  # a scanner's Enter is fine


def test_payload_is_qr_alphanumeric_and_short() -> None:
    alnum = set(string.digits + string.ascii_uppercase + " $%*+-./:")
    payload = build_payload(KEY, "012/2026/GCN-TYT", SIXTY, date(2026, 11, 20))
    assert set(payload) <= alnum
    assert len(payload) <= 114  # fits a version-5 QR code at level M even with 60 letters
    short = build_payload(KEY, "012/2026/GCN-TYT", "Lê Thị Ánh", date(2026, 11, 20))
    assert len(short) <= 61  # version 3 (29 × 29) at level M


def _one_changed(payload: str) -> list[str]:
    variants = []
    for i, ch in enumerate(payload):
        for other in {"0", "1", "A", "Z", " ", ch.lower()} - {ch}:
            variants.append(payload[:i] + other + payload[i + 1:])
    return variants


def test_any_single_character_change_is_rejected() -> None:
    payload = build_payload(KEY, "012/2026/GCN-TYT", "Trần Văn Đức", date(2026, 3, 1))
    variants = _one_changed(payload)
    assert len(variants) > 5 * len(payload) - 20
    accepted = [v for v in variants if check_payload(KEY, v).signature_ok]
    assert accepted == []
    assert not check_payload(KEY, payload[:-1]).signature_ok  # one character dropped
    assert not check_payload(KEY, payload + "7").signature_ok  # one character added


def test_other_key_and_no_key_fail() -> None:
    payload = build_payload(KEY, "001/2026/GCN-TYT", "Lê Thị Ánh", date(2026, 1, 2))
    assert not check_payload(bytes(32), payload).signature_ok
    missing = check_payload(None, payload)
    assert missing.well_formed and not missing.signature_ok


@pytest.mark.parametrize("text", ["", "hello", "GCN1:", "GCN1:a:b:c", "GCN2:1:A:20260101:"
                                  "123456789012", "GCN1:1:A:20261340:123456789012",
                                  "GCN1:1:A:20260101:12345", "GCN1::A:20260101:123456789012"])
def test_malformed_payloads(text: str) -> None:
    assert not check_payload(KEY, text).well_formed


def test_number_with_colon_still_parses() -> None:
    payload = build_payload(KEY, "12:2026", "An", date(2026, 5, 5))
    assert check_payload(KEY, payload).number == "12:2026"


def test_ascii_name() -> None:
    assert ascii_name("Đặng Thị Thuý Hằng") == "Dang Thi Thuy Hang"
    assert ascii_name("  Lê   Văn  Ơn ") == "Le Van On"
    assert ascii_name("Nguyễn Thị Ánh (Út)") == "Nguyen Thi Anh Ut"


def test_number_pattern_year_and_station() -> None:
    assert format_number("{seq:03d}/{year}/GCN-TYT", 12, 2026) == "012/2026/GCN-TYT"
    assert format_number("{seq:03d}/{year}/GCN-{station}", 7, 2026, "TH2") == "007/2026/GCN-TH2"
    # a station code the pattern does not place is appended; so is a missing year
    assert format_number("{seq:03d}/{year}/GCN-TYT", 5, 2026, "TH2") == "005/2026/GCN-TYT-TH2"
    assert format_number("{seq:03d}/GCN-TYT", 5, 2026) == "005/GCN-TYT/2026"
    with pytest.raises(KeyError):
        format_number("{seq}/{nam}", 1, 2026)


def test_station_code() -> None:
    assert clean_station_code(" th 2 ") == "TH2"
    assert clean_station_code("Tân-Hưng") == "TAN-HUNG"
    with pytest.raises(ValueError):
        clean_station_code("QUÁ-DÀI-MƯỜI-KÝ-TỰ")


def test_file_stems_are_windows_safe() -> None:
    stem = safe_file_stem("012/2026/GCN-TYT", SIXTY)
    assert stem.startswith("012-2026-GCN-TYT_Nguyen-Thi-Ngoc-Bich")
    assert stem.isascii() and not set(stem) & set('<>:"/\\|?* ')
    assert len(stem) <= 80
    assert safe_file_stem("CON", "") == "GCN-CON"
    assert safe_file_stem("1", "Ơ?*:") == "1_O"
    assert PAYLOAD_PREFIX == "GCN1"
