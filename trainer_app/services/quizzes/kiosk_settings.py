"""Kiosk settings: what the result screen shows, and the trainer's PIN that leaving the
kiosk needs (stored as a salted PBKDF2 hash, never in clear)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass, fields

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Setting
from trainer_app.services.errors import UserError

__all__ = ["KioskSettings", "check_pin", "load_kiosk_settings", "save_kiosk_settings",
           "set_pin"]

KIOSK_KEY = "kiosk"
PIN_ROUNDS = 100_000
Factory = sessionmaker[Session]


@dataclass
class KioskSettings:
    show_score: bool = True
    show_pass: bool = True
    show_answers: bool = True  # the right answers with their explanations
    pin_hash: str = ""
    pin_salt: str = ""

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


def _read(session: Session) -> KioskSettings:
    row = session.get(Setting, KIOSK_KEY)
    try:
        data = json.loads(row.value) if row is not None else {}
    except json.JSONDecodeError:
        data = {}
    known = {f.name for f in fields(KioskSettings)}
    return KioskSettings(**{k: v for k, v in data.items() if k in known}) if isinstance(
        data, dict) else KioskSettings()


def _write(session: Session, settings: KioskSettings) -> None:
    text = json.dumps(asdict(settings), sort_keys=True)
    row = session.get(Setting, KIOSK_KEY)
    if row is None:
        session.add(Setting(key=KIOSK_KEY, value=text))
    else:
        row.value = text


def load_kiosk_settings(factory: Factory) -> KioskSettings:
    with factory() as session:
        return _read(session)


def save_kiosk_settings(factory: Factory, *, show_score: bool, show_pass: bool,
                        show_answers: bool) -> KioskSettings:
    with factory.begin() as session:
        settings = _read(session)
        settings.show_score, settings.show_pass = show_score, show_pass
        settings.show_answers = show_answers
        _write(session, settings)
        return settings


def _digest(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ROUNDS).hex()


def set_pin(factory: Factory, pin: str) -> None:
    pin = pin.strip()
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        raise UserError("Mã PIN phải gồm 4 đến 8 chữ số.", code="bad_pin")
    with factory.begin() as session:
        settings = _read(session)
        settings.pin_salt = secrets.token_hex(16)
        settings.pin_hash = _digest(pin, settings.pin_salt)
        _write(session, settings)


def check_pin(settings: KioskSettings, pin: str) -> bool:
    if not settings.has_pin:
        return False
    return hmac.compare_digest(_digest(pin.strip(), settings.pin_salt), settings.pin_hash)
