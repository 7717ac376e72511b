"""Small rules of Vietnamese administrative writing, used by the plan and the invitation.

* ``unit_in_sentence``: a unit's name as stored for the header ("TRẠM Y TẾ PHƯỜNG TÂN
  HƯNG") written inside a sentence ("Trạm Y tế phường Tân Hưng"): lower case, the first
  letter and "Y tế" capitalised, and the proper name after an administrative word
  (phường, xã, quận, khu vực…) in title case.
* ``weekday_name``: "thứ Hai" … "thứ Bảy", "Chủ nhật".
* ``clock_text``: 08:00 -> "08 giờ 00"; ``time_range_text`` and ``day_text`` build
  "từ 08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 03/12/2026".
* ``salutation``: "Ông" / "Bà" / "Ông/Bà" from the stored gender.

Standard library only (the ``domain`` contract).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time

__all__ = ["clock_text", "day_text", "salutation", "time_range_text", "unit_in_sentence",
           "weekday_name", "when_text"]

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# Words after which a proper name follows ("phường Tân Hưng", "khu vực Quận 7").
_PLACE_WORDS = ("thị trấn", "thành phố", "khu vực", "khu phố", "phường", "xã", "quận",
                "huyện", "tỉnh", "thị xã", "ấp", "tổ")
_CAPITALISED = {"y tế": "Y tế", "ủy ban nhân dân": "Ủy ban nhân dân",
                "uỷ ban nhân dân": "Ủy ban nhân dân", "ubnd": "UBND", "ttyt": "TTYT"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def unit_in_sentence(name: str) -> str:
    """The unit's name as written inside a sentence. A name that is not all upper case is
    taken as the user wrote it (only the first letter is raised)."""
    text = " ".join(_nfc(name).split())
    if not text:
        return ""
    if text != text.upper():
        return _title(text)
    lower = text.lower()
    for plain, written in _CAPITALISED.items():
        lower = re.sub(rf"(?<!\w){re.escape(plain)}(?!\w)", written, lower)
    pattern = "|".join(re.escape(w) for w in sorted(_PLACE_WORDS, key=len, reverse=True))
    match = re.search(rf"(?<!\w)({pattern})\s+(.+)$", lower)
    if match:
        proper = " ".join(_title(w) for w in match.group(2).split())
        lower = lower[:match.start(2)] + proper
    return _title(lower)


def weekday_name(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def clock_text(value: time) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}"


def time_range_text(start: time | None, end: time | None) -> str:
    """"từ 08 giờ 00 đến 11 giờ 00", "08 giờ 00" or ""."""
    if start and end:
        return f"từ {clock_text(start)} đến {clock_text(end)}"
    if start:
        return clock_text(start)
    return ""


def day_text(day: date) -> str:
    """"thứ Năm, ngày 03/12/2026"."""
    return f"{weekday_name(day)}, ngày {day:%d/%m/%Y}"


def when_text(day: date, start: time | None, end: time | None) -> str:
    """"từ 08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 03/12/2026"."""
    hours = time_range_text(start, end)
    return f"{hours}, {day_text(day)}" if hours else day_text(day)


def salutation(gender: str | None) -> str:
    return {"male": "Ông", "female": "Bà"}.get(gender or "", "Ông/Bà")

