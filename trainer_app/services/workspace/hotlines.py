"""The hotlines printed on pocket cards and shown on the projector: a list of
``{"number", "label"}`` kept as one JSON array under the settings key ``hotlines``.

The defaults are the three numbers of the ward's letter (UBND phường Tân Hưng, 2025, on
"tăng cường công tác bảo vệ trẻ em trên môi trường mạng"), each with its owner's name as
the letter gives it. ``parse_hotlines`` reads the JSON text a user types (the settings
command line uses it); ``save_hotlines`` refuses a bad list with a Vietnamese message saying
which entry is wrong, and stores nothing then.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Setting
from trainer_app.domain.vntext import clean_text
from trainer_app.services.errors import UserError

__all__ = ["HOTLINES_KEY", "LETTER_HOTLINES", "MAX_HOTLINES", "Hotline", "hotlines_json",
           "load_hotlines", "parse_hotlines", "save_hotlines", "validate_hotlines"]

HOTLINES_KEY = "hotlines"
MAX_HOTLINES = 8
MAX_LABEL = 120
_NUMBER = re.compile(r"\d[\d. ]{1,18}\d")


@dataclass(frozen=True)
class Hotline:
    number: str  # as printed, e.g. "1900.54.55.59"
    label: str  # the owner, e.g. "Tổng đài quốc gia bảo vệ trẻ em"

    def as_json(self) -> dict[str, str]:
        return asdict(self)


LETTER_HOTLINES: tuple[Hotline, ...] = (
    Hotline("111", "Tổng đài quốc gia bảo vệ trẻ em"),
    Hotline("113", "Lực lượng phản ứng nhanh Công an Thành phố"),
    Hotline("1900.54.55.59", "Trung tâm Công tác xã hội - Giáo dục dạy nghề Thiếu niên "
                             "Thành phố"),
)
# Labels for a number stored by an older version as a bare string.
_LEGACY_LABELS = {"".join(c for c in h.number if c.isdigit()): h.label for h in LETTER_HOTLINES}


def _digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def validate_hotlines(items: Sequence[Any]) -> list[Hotline]:
    """Clean (NFC, spaces) and check a list of hotlines: each an object with a number (3 to
    15 digits, dots or spaces between them) and a label (the owner, at most 120 characters),
    no number twice, 1 to 8 entries. Raises ``UserError`` naming the entry."""
    if not isinstance(items, (list, tuple)):
        raise UserError("Danh sách đường dây nóng phải là một mảng JSON, ví dụ "
                        '[{"number": "111", "label": "Tổng đài quốc gia bảo vệ trẻ em"}].',
                        code="invalid_hotlines")
    if not items:
        raise UserError("Cần ít nhất một đường dây nóng (ví dụ 111, Tổng đài quốc gia bảo vệ "
                        "trẻ em).", code="invalid_hotlines")
    if len(items) > MAX_HOTLINES:
        raise UserError(f"Tối đa {MAX_HOTLINES} đường dây nóng (đã nhận {len(items)}): thẻ bỏ "
                        "túi không đủ chỗ.", code="invalid_hotlines")
    out: list[Hotline] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items, start=1):
        where = f"Đường dây nóng thứ {position}"
        if isinstance(item, Hotline):
            number, label = item.number, item.label
        elif isinstance(item, dict):
            extra = sorted(set(item) - {"number", "label"})
            if extra:
                raise UserError(f"{where}: khóa lạ {', '.join(extra)}; chỉ dùng \"number\" và "
                                "\"label\".", code="invalid_hotlines")
            number, label = item.get("number", ""), item.get("label", "")
        else:
            raise UserError(f"{where} phải có dạng {{\"number\": \"…\", \"label\": \"…\"}}.",
                            code="invalid_hotlines")
        if not isinstance(number, str) or not isinstance(label, str):
            raise UserError(f"{where}: số và tên phải là chuỗi chữ (đặt trong dấu ngoặc kép).",
                            code="invalid_hotlines")
        number, label = clean_text(number), clean_text(label)
        if not _NUMBER.fullmatch(number) or not 3 <= len(_digits(number)) <= 15:
            raise UserError(f"{where}: số \"{number}\" không hợp lệ; chỉ gồm 3 đến 15 chữ số, "
                            "có thể ngăn bằng dấu chấm, ví dụ 111 hoặc 1900.54.55.59.",
                            code="invalid_hotlines")
        if not label:
            raise UserError(f"{where} ({number}) chưa có tên cơ quan phụ trách, ví dụ \"Tổng "
                            "đài quốc gia bảo vệ trẻ em\".", code="invalid_hotlines")
        if len(label) > MAX_LABEL:
            raise UserError(f"{where} ({number}): tên dài quá {MAX_LABEL} ký tự.",
                            code="invalid_hotlines")
        key = _digits(number)
        if key in seen:
            raise UserError(f"{where}: số {number} trùng với đường dây nóng thứ {seen[key]}.",
                            code="invalid_hotlines")
        seen[key] = position
        out.append(Hotline(number, label))
    return out


def parse_hotlines(text: str) -> list[Hotline]:
    """A JSON array of ``{"number", "label"}`` objects, checked (``validate_hotlines``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"Danh sách đường dây nóng không đúng dạng JSON (dòng {exc.lineno}, cột "
                        f"{exc.colno}): {exc.msg}. Ví dụ đúng: "
                        '[{"number": "111", "label": "Tổng đài quốc gia bảo vệ trẻ em"}].',
                        code="invalid_hotlines") from None
    return validate_hotlines(data)


def hotlines_json(hotlines: Sequence[Hotline]) -> str:
    return json.dumps([h.as_json() for h in hotlines], ensure_ascii=False)


def _legacy(session: Session) -> list[Hotline] | None:
    """Numbers an older version kept as bare strings in the organisation settings."""
    row = session.get(Setting, "organisation")
    if row is None:
        return None
    try:
        old = json.loads(row.value).get("hotlines")
    except (json.JSONDecodeError, AttributeError):
        return None
    if not isinstance(old, list) or not old or not all(isinstance(n, str) for n in old):
        return None
    found = [Hotline(clean_text(n), _LEGACY_LABELS.get(_digits(n), "Đường dây nóng"))
             for n in old if clean_text(n)]
    return found or None


def load_hotlines(factory: sessionmaker[Session]) -> list[Hotline]:
    """The stored list; the letter's three when nothing was stored (or the stored value is
    unreadable)."""
    with factory() as session:
        row = session.get(Setting, HOTLINES_KEY)
        if row is None:
            return _legacy(session) or list(LETTER_HOTLINES)
        try:
            return validate_hotlines(json.loads(row.value))
        except (json.JSONDecodeError, UserError):
            return list(LETTER_HOTLINES)


def save_hotlines(factory: sessionmaker[Session], hotlines: Sequence[Any]) -> list[Hotline]:
    """Check and store the list (``Hotline`` objects or ``{"number", "label"}`` dicts)."""
    cleaned = validate_hotlines(hotlines)
    with factory.begin() as session:
        text = hotlines_json(cleaned)
        row = session.get(Setting, HOTLINES_KEY)
        if row is None:
            session.add(Setting(key=HOTLINES_KEY, value=text))
        else:
            row.value = text
    return cleaned
