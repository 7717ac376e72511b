"""Plain rules of the exchange packages: when a station is late, the fingerprint's shape,
the certificate number shapes the centre recognises, the typed rows of a package."""

from __future__ import annotations

from datetime import date

import pytest

from trainer_app.services.exchange.keys import fingerprint
from trainer_app.services.exchange.package import PackageRefused
from trainer_app.services.exchange.rows import typed_rows
from trainer_app.services.exchange.stations import is_late
from trainer_app.services.exchange.verify import _serial


def test_late_after_the_quarter_and_its_grace() -> None:
    assert not is_late(date(2026, 9, 30), date(2026, 10, 10))  # Q3 due, still in the grace
    assert not is_late(date(2026, 6, 30), date(2026, 10, 10))  # Q2 was the one due
    assert is_late(date(2026, 6, 30), date(2026, 10, 20))  # Q3 not in by 20 October
    assert not is_late(date(2026, 9, 30), date(2026, 12, 31))
    assert is_late(None, date(2026, 12, 31))


def test_fingerprint_is_twenty_digits_in_fours() -> None:
    text = fingerprint(bytes(32))
    groups = text.split(" ")
    assert [len(g) for g in groups] == [4] * 5 and text.replace(" ", "").isdigit()
    assert fingerprint(bytes(31) + b"\1") != text


@pytest.mark.parametrize(("pattern", "code", "number", "expected"), [
    ("{seq:03d}/{year}/GCN-TYT", "TA", "051/2026/GCN-TYT-TA", (2026, 51)),
    ("{seq:03d}/GCN-TYT", "TA", "007/GCN-TYT-TA/2026", (2026, 7)),
    ("{seq}/{station}/{year}", "TB", "12/TB/2027", (2027, 12)),
    ("{seq:03d}/{year}/GCN-TYT", "TA", "051/2026/GCN-TYT-TB", None),
    ("{seq:03d}/{year}/GCN-TYT", "TA", "abc", None),
])
def test_serial_of_a_station_number(pattern: str, code: str, number: str,
                                    expected: tuple[int, int] | None) -> None:
    assert _serial(pattern, code, number) == expected


def test_typed_rows_refuse_bad_values_and_ignore_unknown_fields() -> None:
    rows = typed_rows("sessions", [{"id": 3, "title": "Buổi", "held_on": "2026-11-01",
                                    "status": "finished", "new_field": 1}], 7)
    assert rows[0]["station_id"] == 7 and rows[0]["held_on"] == date(2026, 11, 1)
    assert "new_field" not in rows[0]
    with pytest.raises(PackageRefused, match=r"dòng 1.*held_on"):
        typed_rows("sessions", [{"id": 3, "title": "B", "held_on": "01/11/2026",
                                 "status": "finished"}], 7)
    with pytest.raises(PackageRefused, match="thiếu «title»"):
        typed_rows("sessions", [{"id": 3, "held_on": "2026-11-01", "status": "x"}], 7)
    with pytest.raises(PackageRefused, match="bị trùng"):
        typed_rows("programmes", [{"id": 1, "title": "a"}, {"id": 1, "title": "b"}], 7)
    with pytest.raises(PackageRefused, match="điểm phải từ 0 đến 10"):
        typed_rows("attempts", [{"id": 1, "session_id": 1, "quiz_version_id": 1,
                                 "phase": "post", "score": 11}], 7)
