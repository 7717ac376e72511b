"""The package's JSON rows turned into typed values for the ``xch_*`` tables, refusing any
row that is not what this format version writes (unknown fields from a newer app version
are ignored)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from trainer_app.services.exchange.package import PackageRefused

__all__ = ["FIELDS", "typed_rows"]


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError("không phải số nguyên")
    return v


def _opt_int(v: Any) -> int | None:
    return None if v is None else _int(v)


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError("không phải chuỗi")
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("không phải đúng/sai")
    return v


def _opt_bool(v: Any) -> bool | None:
    return None if v is None else _bool(v)


def _day(v: Any) -> date:
    return date.fromisoformat(_str(v))


def _opt_day(v: Any) -> date | None:
    return None if v is None else _day(v)


def _opt_time(v: Any) -> time | None:
    return None if v is None else time.fromisoformat(_str(v))


def _opt_moment(v: Any) -> datetime | None:
    return None if v is None else datetime.fromisoformat(_str(v))


def _opt_score(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 10:
        raise ValueError("điểm phải từ 0 đến 10")
    return float(v)


Field = tuple[str, Callable[[Any], Any], Any]  # name, parser, default when missing
_MISSING = object()
FIELDS: dict[str, list[Field]] = {
    "programmes": [("id", _int, _MISSING), ("title", _str, "")],
    "sessions": [("id", _int, _MISSING), ("programme_id", _opt_int, None),
                 ("title", _str, _MISSING), ("held_on", _day, _MISSING),
                 ("start_time", _opt_time, None), ("end_time", _opt_time, None),
                 ("venue", _str, ""), ("trainers", _str, ""), ("status", _str, _MISSING)],
    "attendance": [("id", _int, _MISSING), ("session_id", _int, _MISSING),
                   ("person_id", _int, _MISSING), ("status", _str, _MISSING),
                   ("invited", _bool, True), ("walk_in", _bool, False)],
    "people": [("id", _int, _MISSING), ("full_name", _str, ""), ("gender", _opt_str, None),
               ("birth_year", _opt_int, None), ("neighbourhood_id", _opt_int, None),
               ("role", _str, ""), ("erased", _bool, False)],
    "neighbourhoods": [("id", _int, _MISSING), ("number", _opt_int, None),
                       ("name", _str, _MISSING), ("archived", _bool, False)],
    "attempts": [("id", _int, _MISSING), ("session_id", _int, _MISSING),
                 ("person_id", _opt_int, None), ("quiz_version_id", _int, _MISSING),
                 ("quiz", _str, ""), ("quiz_title", _str, ""), ("phase", _str, _MISSING),
                 ("submitted_at", _opt_moment, None), ("score", _opt_score, None),
                 ("passed", _opt_bool, None), ("answers", _str, "")],
    "certificates": [("id", _int, _MISSING), ("number", _str, _MISSING),
                     ("serial_year", _opt_int, None), ("serial_no", _opt_int, None),
                     ("person_id", _opt_int, None), ("session_id", _int, _MISSING),
                     ("issued_on", _day, _MISSING), ("revoked_on", _opt_day, None),
                     ("revoked_reason", _str, ""), ("check", _str, "")],
}
_RENAMES = {("attempts", "quiz"): "quiz_code", ("certificates", "check"): "check_digits"}


def typed_rows(member: str, rows: list[Any], station_id: int) -> list[dict[str, Any]]:
    """Rows ready for the ``xch_*`` table of ``member``; ``PackageRefused`` naming the
    member and row of the first bad value."""
    out = []
    seen: set[int] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise PackageRefused(f"Dữ liệu «{member}», dòng {number}: không đúng dạng.",
                                 "damaged")
        typed: dict[str, Any] = {"station_id": station_id}
        for name, parse, default in FIELDS[member]:
            value = row.get(name, default)
            if value is _MISSING:
                raise PackageRefused(f"Dữ liệu «{member}», dòng {number}: thiếu «{name}».",
                                     "damaged")
            try:
                typed[_RENAMES.get((member, name), name)] = parse(value) \
                    if value is not default or default is _MISSING else value
            except (ValueError, TypeError) as exc:
                raise PackageRefused(f"Dữ liệu «{member}», dòng {number}, «{name}»: giá trị "
                                     f"{value!r} không hợp lệ ({exc}).", "damaged") from exc
        if typed["id"] in seen:
            raise PackageRefused(f"Dữ liệu «{member}», dòng {number}: mã {typed['id']} bị trùng.",
                                 "damaged")
        seen.add(typed["id"])
        out.append(typed)
    return out
