"""Settings by key, for `trainer-app settings show|set`: every field of the unit's details
(``OrgSettings``) and of the preferences, read and written through ``load_org``/``save_org``
and ``load_preferences``/``save_preferences`` — the same checks as the Settings page.

A value is typed text: numbers as digits, yes/no as true/false (also 1/0, có/không), and
list-valued keys (``recipients``, ``hotlines``) as a JSON array. ``hotlines`` is a list of
``{"number", "label"}`` objects kept by ``hotlines`` (the ward letter's three by default),
checked there.
"""

from __future__ import annotations

import json
import typing
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.vntext import clean_text
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import hotlines as hotline_store
from trainer_app.services.workspace import settings as settings_service

__all__ = ["SettingChange", "all_settings", "known_keys", "set_setting"]

Factory = sessionmaker[Session]
_TRUE = {"true", "1", "yes", "có", "co", "bật", "bat", "on"}
_FALSE = {"false", "0", "no", "không", "khong", "tắt", "tat", "off"}


@dataclass(frozen=True)
class SettingChange:
    key: str
    group: str  # organisation | preferences
    old: Any
    new: Any


def _kinds(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls)
    out = {}
    for f in fields(cls):
        hint = hints[f.name]
        origin = typing.get_origin(hint)
        if origin is list:
            out[f.name] = "list"
        elif hint is bool:
            out[f.name] = "bool"
        elif hint is int:
            out[f.name] = "int"
        else:
            out[f.name] = "str"
    return out


def known_keys() -> dict[str, tuple[str, str]]:
    """key -> (group, kind) for every settable key."""
    keys = {k: ("organisation", kind) for k, kind in _kinds(settings_service.OrgSettings).items()}
    keys[hotline_store.HOTLINES_KEY] = ("organisation", "list")
    keys.update({k: ("preferences", kind)
                 for k, kind in _kinds(settings_service.Preferences).items()})
    return keys


def all_settings(factory: Factory) -> dict[str, dict[str, Any]]:
    """{"organisation": {...}, "preferences": {...}} as stored (defaults filled in)."""
    organisation = asdict(settings_service.load_org(factory))
    organisation[hotline_store.HOTLINES_KEY] = [
        h.as_json() for h in hotline_store.load_hotlines(factory)]
    return {"organisation": organisation,
            "preferences": asdict(settings_service.load_preferences(factory))}


def _parse(key: str, kind: str, text: str) -> Any:
    text = clean_text(text) if kind != "list" else text.strip()
    if kind == "str":
        return text
    if kind == "int":
        digits = text.replace(".", "").replace(" ", "")
        try:
            return int(digits)
        except ValueError:
            raise UserError(f"Giá trị của {key} phải là một số nguyên (đã nhận \"{text}\").",
                            code="invalid_settings") from None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise UserError(f"Giá trị của {key} phải là true hoặc false (đã nhận \"{text}\").",
                        code="invalid_settings")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"Giá trị của {key} phải là một mảng JSON, ví dụ "
                        f"'[\"Văn phòng UBND phường\", \"Lưu: VT\"]' (lỗi ở ký tự {exc.pos + 1}: "
                        f"{exc.msg}).", code="invalid_settings") from None
    if not isinstance(value, list):
        raise UserError(f"Giá trị của {key} phải là một mảng JSON (trong dấu [ ]), không phải "
                        f"{type(value).__name__}.", code="invalid_settings")
    if key != "hotlines" and not all(isinstance(item, str) for item in value):
        raise UserError(f"Mỗi phần tử của {key} phải là một chuỗi trong dấu ngoặc kép.",
                        code="invalid_settings")
    return value


def set_setting(factory: Factory, key: str, text: str) -> SettingChange:
    """Set one key from its typed text; refuses unknown keys and bad values (nothing is
    stored then)."""
    keys = known_keys()
    if key not in keys:
        raise UserError(f"Không có cài đặt \"{key}\". Các khóa có thể đặt: "
                        f"{', '.join(sorted(keys))}.", code="unknown_setting")
    group, kind = keys[key]
    if key == hotline_store.HOTLINES_KEY:
        old_lines = [h.as_json() for h in hotline_store.load_hotlines(factory)]
        saved_lines = hotline_store.save_hotlines(factory, hotline_store.parse_hotlines(text))
        return SettingChange(key, group, old_lines, [h.as_json() for h in saved_lines])
    value = _parse(key, kind, text)
    if group == "organisation":
        org = settings_service.load_org(factory)
        old = getattr(org, key)
        already = settings_service.validate_org(org)  # left for other keys to fix
        setattr(org, key, value)
        try:
            saved = settings_service.save_org(factory, org, tolerate=already)
        except (TypeError, AttributeError, ValueError) as exc:
            raise UserError(f"Giá trị của {key} không hợp lệ ({exc}).",
                            code="invalid_settings") from exc
        return SettingChange(key, group, old, getattr(saved, key))
    prefs = settings_service.load_preferences(factory)
    old = getattr(prefs, key)
    setattr(prefs, key, value)
    saved_prefs = settings_service.save_preferences(factory, prefs)
    return SettingChange(key, group, old, getattr(saved_prefs, key))
