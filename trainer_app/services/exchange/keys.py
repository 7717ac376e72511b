"""The station's Ed25519 signing key and the export sequence number, kept in
``<data>/exchange/`` and in the database (settings ``exchange_station_key``,
``exchange_sequence``), like the certificate key and numbers (``certificates/store``):

* the key is made once, the first time this data folder exports a package; the file and the
  database copy are never overwritten — a missing file comes back from the database (a
  backup restored on a new laptop signs with the same key), a missing database copy from
  the file;
* the sequence number of the next package is one more than the highest of the file's and
  the database's, so a restored older backup never makes new packages look older.

``cryptography`` is imported only inside the functions that sign or verify.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.datadir import DataDir
from trainer_app.db.models import Setting
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.datafolder import write_private_file

__all__ = ["FINGERPRINT_SETTING", "KEY_SETTING", "SEQUENCE_SETTING", "fingerprint",
           "load_or_create_station_key", "next_sequence", "public_key_of", "sign",
           "station_fingerprint", "verify_signature"]

Factory = sessionmaker[Session]
KEY_SETTING = "exchange_station_key"
SEQUENCE_SETTING = "exchange_sequence"
# The public key's fingerprint, kept so that Settings shows it without loading cryptography.
FINGERPRINT_SETTING = "exchange_fingerprint"
KEY_FILE = "station.key"
SEQUENCE_FILE = "sequence.json"


def folder(data_dir: DataDir) -> Path:
    return data_dir.root / "exchange"


def _store_error(path: Path, exc: OSError) -> UserError:
    return UserError(f"Không ghi được {path.name} trong thư mục dữ liệu {path.parent} "
                     f"({exc.strerror or exc}). Chưa tạo gói số liệu; hãy kiểm tra ổ đĩa còn chỗ "
                     "trống và ghi được rồi thử lại.", code="exchange_store_failed")


def _setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except ValueError:
        return None


def _put_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def _file_key(data_dir: DataDir) -> bytes | None:
    path = folder(data_dir) / KEY_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp khóa của trạm {path} ({exc}).",
                        code="exchange_key_unreadable") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise UserError(f"Tệp khóa của trạm {path} bị hỏng. Hãy chép lại tệp này từ bản sao "
                        "thư mục dữ liệu (không tạo khóa mới, để Trung tâm vẫn nhận ra trạm).",
                        code="exchange_key_unreadable")
    return key


def _db_key(factory: Factory) -> bytes | None:
    with factory() as session:
        value = _setting(session, KEY_SETTING)
    try:
        key = bytes.fromhex(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return key if key is not None and len(key) == 32 else None


def load_station_key(factory: Factory, data_dir: DataDir) -> bytes | None:
    """The private key's 32 bytes, or None when this folder never exported."""
    key = _file_key(data_dir)
    if key is None:
        key = _db_key(factory)
        if key is not None:
            try:
                write_private_file(folder(data_dir) / KEY_FILE, key.hex() + "\n")
            except OSError:
                pass  # still usable from the database
    return key


def load_or_create_station_key(factory: Factory, data_dir: DataDir) -> bytes:
    """The key, made now if needed; the database gets a copy when it has none."""
    key = load_station_key(factory, data_dir)
    if key is None:
        key = secrets.token_bytes(32)
        path = folder(data_dir) / KEY_FILE
        try:
            write_private_file(path, key.hex() + "\n")
        except OSError as exc:
            raise _store_error(path, exc) from exc
    shown = fingerprint(public_key_of(key))
    with factory.begin() as session:
        if _setting(session, KEY_SETTING) is None:
            _put_setting(session, KEY_SETTING, key.hex())
        if _setting(session, FINGERPRINT_SETTING) != shown:
            _put_setting(session, FINGERPRINT_SETTING, shown)
    return key


def public_key_of(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def sign(private: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify_signature(public: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes) -> str:
    """20 digits of the public key's SHA-256 in groups of four, to read out over the phone
    ("0412 7781 …": digits only, letters get misheard)."""
    number = int.from_bytes(hashlib.sha256(public).digest()[:10], "big") % 10 ** 20
    digits = f"{number:020d}"
    return " ".join(digits[i:i + 4] for i in range(0, 20, 4))


def station_fingerprint(data_dir: DataDir, factory: Factory | None = None) -> str:
    """This station's fingerprint, "" when it has no key yet (from the database's note when
    there is one: no cryptography import for the Settings page)."""
    if factory is not None:
        with factory() as session:
            noted = _setting(session, FINGERPRINT_SETTING)
        if isinstance(noted, str) and noted:
            return noted
    key = _file_key(data_dir)
    if key is None and factory is not None:
        key = _db_key(factory)
    return fingerprint(public_key_of(key)) if key is not None else ""


def _file_sequence(data_dir: DataDir) -> int:
    try:
        data = json.loads((folder(data_dir) / SEQUENCE_FILE).read_text(encoding="utf-8"))
        return int(data.get("last", 0)) if isinstance(data, dict) else 0
    except (OSError, ValueError, TypeError):
        return 0


def next_sequence(factory: Factory, data_dir: DataDir) -> int:
    """Take the next export number: recorded in the file first, then in the database."""
    with factory() as session:
        stored = _setting(session, SEQUENCE_SETTING)
    in_db = stored if isinstance(stored, int) else 0
    number = max(in_db, _file_sequence(data_dir)) + 1
    path = folder(data_dir) / SEQUENCE_FILE
    try:
        write_private_file(path, json.dumps({"format": 1, "last": number}) + "\n")
    except OSError as exc:
        raise _store_error(path, exc) from exc
    with factory.begin() as session:
        _put_setting(session, SEQUENCE_SETTING, number)
    return number
