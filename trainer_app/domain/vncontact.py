"""Contact fields as ward spreadsheets hold them: Vietnamese phone numbers to the national
form, and khu phố numbers from "KP 5", "Khu phố 05", "Tổ dân phố 5", "Ấp 5"…

Standard library only.
"""

from __future__ import annotations

import math
import re

from trainer_app.domain.vntext import clean_text, search_key

# --- phone numbers ---------------------------------------------------------------------------

# 11-digit mobile numbers renumbered in 2018 (e.g. 0168 xxx xxxx -> 038 xxx xxxx).
_OLD_MOBILE = {
    "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37",
    "168": "38", "169": "39", "120": "70", "121": "79", "122": "77", "126": "76",
    "128": "78", "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
    "186": "56", "188": "58", "199": "59",
}
_PHONE_CHARS = re.compile(r"[0-9 .\-()+]+")
_PHONE_SEPARATORS = re.compile(r"[/,;|&]|\s[-\u2013]\s|\s(?:hoặc|hoac|or)\s", re.IGNORECASE)


class PhoneNumberError(ValueError):
    """A phone number that cannot be a Vietnamese number; ``reason`` is Vietnamese text."""

    def __init__(self, raw: object, reason: str) -> None:
        self.raw = raw
        self.reason = reason
        super().__init__(f"Số điện thoại không hợp lệ: {raw} ({reason})")


def _phone_text(raw: str | int | float | None) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise PhoneNumberError(raw, "không phải số")
    if isinstance(raw, float):
        if math.isnan(raw):
            return None
        if not raw.is_integer():
            raise PhoneNumberError(raw, "không phải số nguyên")
        if raw < 0:
            raise PhoneNumberError(raw, "không phải số")
        return str(int(raw))
    if isinstance(raw, int):
        if raw < 0:
            raise PhoneNumberError(raw, "không phải số")
        return str(raw)
    text = clean_text(str(raw))
    if re.fullmatch(r"\d{8,12}\.0+", text):  # an Excel float written as text
        text = text.split(".")[0]
    return text or None


def normalize_phone(raw: str | int | float | None) -> str | None:
    """Return the national form of a Vietnamese phone number, or None when blank.

    Mobile numbers become "0xxxxxxxxx" (10 digits, 03/05/07/08/09); landlines
    "02xxxxxxxxx" (11 digits). Accepts +84 / 84 / 0084 prefixes, spaces, dots, dashes,
    brackets, numbers Excel stored as int or float (lost leading zero: 912345678) and the
    pre-2018 11-digit mobile numbers (0168 ... -> 038 ...). Raises ``PhoneNumberError``
    (a ValueError, message "Số điện thoại không hợp lệ: …") for impossible numbers.
    """
    text = _phone_text(raw)
    if text is None:
        return None
    parts = [p for p in _PHONE_SEPARATORS.split(text) if len(re.sub(r"\D", "", p)) >= 9]
    if len(parts) > 1:
        raise PhoneNumberError(raw, "có nhiều số trong một ô")
    if not _PHONE_CHARS.fullmatch(text):
        raise PhoneNumberError(raw, "có chữ hoặc ký tự lạ")
    digits = re.sub(r"\D", "", text)
    if not digits:
        raise PhoneNumberError(raw, "không có chữ số")
    international = text.lstrip("( ").startswith("+")
    if digits.startswith("00"):
        international, digits = True, digits[2:]
    if international and not digits.startswith("84"):
        raise PhoneNumberError(raw, "không phải số Việt Nam (+84)")
    if international or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = digits[2:]
    if not digits.startswith("0"):
        digits = "0" + digits
    if len(digits) == 11 and digits[1:4] in _OLD_MOBILE:
        digits = "0" + _OLD_MOBILE[digits[1:4]] + digits[4:]
    want = 11 if digits[1:2] == "2" else 10
    if len(digits) < want:
        raise PhoneNumberError(raw, "thiếu số")
    if len(digits) > want:
        raise PhoneNumberError(raw, "thừa số")
    if digits[1] not in "235789":
        raise PhoneNumberError(raw, "đầu số không đúng")
    return digits


def phone_problem(raw: str | int | float | None) -> str | None:
    """Why ``raw`` cannot be a Vietnamese phone number (Vietnamese text, for import
    previews), or None when it is fine or blank."""
    try:
        normalize_phone(raw)
    except PhoneNumberError as exc:
        return exc.reason
    return None


# --- neighbourhoods --------------------------------------------------------------------------

_NEIGHBOURHOOD = re.compile(
    r"(?:(?:khu\s*pho|k\.?\s*p|to\s*dan\s*pho|t\.?\s*d\.?\s*p|ap|khom|thon)\s*[.:\-]?\s*)?"
    r"(?:so\s*)?(\d{1,3})(?:\.0+)?"
)


def parse_neighbourhood(raw: str | int | float | None) -> int | None:
    """Khu phố number from "KP 5", "KP5", "Khu phố 05", "khu pho 5", "Tổ dân phố 5",
    "TDP 5", "Ấp 5", "Khóm 5", "Thôn 5", "5", 5 or 5.0 -> 5. None when blank; ValueError
    (message "Khu phố không hợp lệ: …") otherwise, including 0 and numbers over 999."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, bool):
        raise ValueError(f"Khu phố không hợp lệ: {raw}")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = search_key(str(raw))
    if not text:
        return None
    m = _NEIGHBOURHOOD.fullmatch(text)
    if m is None or not 1 <= int(m.group(1)) <= 999:
        raise ValueError(f"Khu phố không hợp lệ: {raw}")
    return int(m.group(1))
