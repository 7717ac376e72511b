"""Vietnamese administrative wording: a unit's name inside a sentence, weekdays, clock times,
salutations."""

from __future__ import annotations

from datetime import date, time

import pytest

from trainer_app.domain.admin_text import (
    day_text,
    salutation,
    time_range_text,
    unit_in_sentence,
    weekday_name,
    when_text,
)


@pytest.mark.parametrize(("stored", "written"), [
    ("TRẠM Y TẾ PHƯỜNG TÂN HƯNG", "Trạm Y tế phường Tân Hưng"),
    ("TRUNG TÂM Y TẾ KHU VỰC QUẬN 7", "Trung tâm Y tế khu vực Quận 7"),
    ("ỦY BAN NHÂN DÂN XÃ HÒA AN", "Ủy ban nhân dân xã Hòa An"),
    ("UBND PHƯỜNG  TÂN   HƯNG", "UBND phường Tân Hưng"),
    ("TRẠM Y TẾ THỊ TRẤN ĐỨC HÒA", "Trạm Y tế thị trấn Đức Hòa"),
    ("Trạm Y tế xã An Bình", "Trạm Y tế xã An Bình"),  # written by hand: kept
    ("trạm y tế", "Trạm y tế"),
    ("", ""),
])
def test_unit_in_sentence(stored: str, written: str) -> None:
    assert unit_in_sentence(stored) == written


def test_days_and_times() -> None:
    assert [weekday_name(date(2026, 11, 30 + i) if i < 1 else date(2026, 12, i))
            for i in range(7)] == ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu",
                                   "thứ Bảy", "Chủ nhật"]
    assert day_text(date(2026, 2, 5)) == "thứ Năm, ngày 05/02/2026"
    assert time_range_text(time(8, 0), time(11, 30)) == "từ 08 giờ 00 đến 11 giờ 30"
    assert time_range_text(time(13, 5), None) == "13 giờ 05"
    assert time_range_text(None, time(11)) == ""
    assert when_text(date(2026, 12, 3), None, None) == "thứ Năm, ngày 03/12/2026"
    assert when_text(date(2026, 12, 3), time(8), time(11)) == (
        "từ 08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 03/12/2026")


def test_salutation() -> None:
    assert [salutation(g) for g in ("male", "female", "other", None)] == [
        "Ông", "Bà", "Ông/Bà", "Ông/Bà"]
