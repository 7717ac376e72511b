"""The certificate signing key(s): never overwritten, never lost.

The key lives in ``<data>/certificates/signing.key`` and, as a copy, in the database
(setting ``certificate_signing_key``), so a backup carries it. Rules:

* A missing key file is recreated from the database's copy (after a restore onto a new
  laptop), never replaced by a new key.
* When the file and the database hold different keys (a backup from laptop A restored on
  laptop B), both are kept: the database's key is written beside the file as
  ``signing-other-<fingerprint>.key`` and the file's key is added to the database's list
  ``certificate_signing_keys_other``; verification tries every key; new certificates are
  signed with the file's key (this laptop's). ``key_warnings`` says so.
* No function here ever replaces an existing key file or an existing key setting.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from trainer_app.datadir import DataDir
from trainer_app.db.plain_reads import SqliteFile, reading
from trainer_app.db.sqlite_raw import connect_raw
from trainer_app.services.errors import UserError

log = logging.getLogger(__name__)

KEY_SETTING = "certificate_signing_key"
OTHER_KEYS_SETTING = "certificate_signing_keys_other"
KEY_FILE = "signing.key"
OTHER_PREFIX = "signing-other-"


def key_folder(data_dir: DataDir) -> Path:
    return data_dir.root / "certificates"


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:12]


def create_exclusive(path: Path, text: str) -> bool:
    """Write `path` only if it does not exist yet (never replaces): True when written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # fails when the name exists: an atomic "create, never replace"
        except FileExistsError:
            return False
        except OSError:  # no hard links here (a FAT32 USB stick in portable mode)
            return _create_in_place(path, text)
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_in_place(path: Path, text: str) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def _read_key_file(path: Path) -> bytes | None:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserError(f"Tệp khóa ký giấy chứng nhận {path} bị hỏng hoặc không đọc được. "
                        "Hãy chép lại tệp này từ bản sao thư mục dữ liệu.",
                        code="certificate_key_unreadable") from exc


def _hex_list(text: str | None) -> list[bytes]:
    if not text:
        return []
    try:
        data = json.loads(text)
        return [bytes.fromhex(item) for item in data if isinstance(item, str)]
    except (TypeError, ValueError):
        return []


def db_keys(where: DataDir | Path) -> tuple[bytes | None, list[bytes]]:
    """The database's key and its list of other keys (read only). ``where`` is a data folder
    (its SQLite file, or its database server) or a SQLite file."""
    if isinstance(where, DataDir) and where.on_server:
        rows = _server_settings(where)
    else:
        rows = _file_settings(where.db_path if isinstance(where, DataDir) else where)
    primary: bytes | None = None
    if KEY_SETTING in rows:
        try:
            primary = bytes.fromhex(json.loads(rows[KEY_SETTING]))
        except (TypeError, ValueError):
            primary = None
    return primary, _hex_list(rows.get(OTHER_KEYS_SETTING))


def _file_settings(db_path: Path) -> dict[str, str]:
    try:
        with reading(SqliteFile(db_path)) as db:
            return dict(db.rows("SELECT key, value FROM setting WHERE key IN (:a, :b)",
                                {"a": KEY_SETTING, "b": OTHER_KEYS_SETTING}))
    except sqlite3.Error:
        return {}


def _server_engine(data_dir: DataDir) -> Engine:
    from trainer_app.db.engine import make_server_engine

    return make_server_engine(data_dir.database_url or "")


def _server_settings(data_dir: DataDir) -> dict[str, str]:
    """On a database server the database's keys are the authority (key files on each
    machine are a cache of them)."""
    from sqlalchemy import text

    engine = _server_engine(data_dir)
    try:
        with engine.connect() as connection:
            return {str(k): str(v) for k, v in connection.execute(
                text("SELECT key, value FROM setting WHERE key IN (:a, :b)"),
                {"a": KEY_SETTING, "b": OTHER_KEYS_SETTING})}
    finally:
        engine.dispose()


def _now_text() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def store_db_key(where: DataDir | Path, key: bytes) -> None:
    """Keep `key` in the database: as its key when it has none, else in the list of other
    keys. Never replaces the database's key."""
    if isinstance(where, DataDir) and where.on_server:
        _store_server_key(where, key)
        return
    conn = connect_raw(where.db_path if isinstance(where, DataDir) else where)
    try:
        with conn:
            conn.execute("INSERT OR IGNORE INTO setting (key, value, updated_at) "
                         "VALUES (?, ?, ?)", (KEY_SETTING, json.dumps(key.hex()), _now_text()))
            row = conn.execute("SELECT value FROM setting WHERE key = ?",
                               (KEY_SETTING,)).fetchone()
            if row is not None and row[0] == json.dumps(key.hex()):
                return
            others_row = conn.execute("SELECT value FROM setting WHERE key = ?",
                                      (OTHER_KEYS_SETTING,)).fetchone()
            others = _hex_list(others_row[0] if others_row else None)
            if key in others:
                return
            text = json.dumps([k.hex() for k in [*others, key]])
            conn.execute("INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                         "updated_at = excluded.updated_at",
                         (OTHER_KEYS_SETTING, text, _now_text()))
    finally:
        conn.close()


def _store_server_key(data_dir: DataDir, key: bytes) -> None:
    """As ``store_db_key`` on a server, under a lock so two machines making their first key
    at once end with one database key (the other kept among the others)."""
    from sqlalchemy import text

    from trainer_app.db.locks import lock_key

    engine = _server_engine(data_dir)
    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                               {"k": lock_key("certificate-signing-key")})
            connection.execute(text(
                "INSERT INTO setting (key, value, updated_at) VALUES (:k, :v, :t) "
                "ON CONFLICT (key) DO NOTHING"),
                {"k": KEY_SETTING, "v": json.dumps(key.hex()), "t": now})
            current = connection.execute(text("SELECT value FROM setting WHERE key = :k"),
                                         {"k": KEY_SETTING}).scalar()
            if current == json.dumps(key.hex()):
                return
            others = _hex_list(connection.execute(
                text("SELECT value FROM setting WHERE key = :k"),
                {"k": OTHER_KEYS_SETTING}).scalar())
            if key in others:
                return
            connection.execute(text(
                "INSERT INTO setting (key, value, updated_at) VALUES (:k, :v, :t) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at"),
                {"k": OTHER_KEYS_SETTING, "v": json.dumps([k.hex() for k in [*others, key]]),
                 "t": now})
    finally:
        engine.dispose()


def _other_files(data_dir: DataDir) -> list[bytes]:
    found: list[bytes] = []
    folder = key_folder(data_dir)
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(f"{OTHER_PREFIX}*.key")):
        try:
            key = _read_key_file(path)
        except UserError:
            continue
        if key is not None:
            found.append(key)
    return found


def _keep_both(data_dir: DataDir, file_key: bytes, database_key: bytes) -> None:
    log.warning("signing key file (%s) differs from the database copy (%s): keeping both",
                fingerprint(file_key), fingerprint(database_key))
    try:
        create_exclusive(key_folder(data_dir) / f"{OTHER_PREFIX}{fingerprint(database_key)}.key",
                         database_key.hex() + "\n")
    except OSError:
        pass  # the database still holds it
    try:
        store_db_key(data_dir, file_key)
    except (sqlite3.Error, SQLAlchemyError):
        pass  # the file still holds it


def load_key(data_dir: DataDir) -> bytes | None:
    """The key new certificates are signed with, or None when this folder never made one.
    A missing file is recreated from the database's copy; a differing one keeps both."""
    path = key_folder(data_dir) / KEY_FILE
    file_key = _read_key_file(path)
    database_key, others = db_keys(data_dir)
    if file_key is None:
        if database_key is not None:
            try:
                create_exclusive(path, database_key.hex() + "\n")
            except OSError:
                pass  # still usable from the database
        return database_key
    if database_key is not None and database_key != file_key and file_key not in others:
        _keep_both(data_dir, file_key, database_key)
    if data_dir.on_server and database_key is not None:
        return database_key  # shared by every machine; the file is only this one's cache
    return file_key


def all_keys(data_dir: DataDir) -> list[bytes]:
    """Every key a certificate of this folder may be signed with: the signing key first."""
    keys: list[bytes] = []
    first = load_key(data_dir)
    database_key, others = db_keys(data_dir)
    for key in (first, database_key, *_other_files(data_dir), *others):
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def key_warnings(data_dir: DataDir) -> list[str]:
    """Vietnamese lines when this folder holds more than one signing key."""
    keys = all_keys(data_dir)
    if len(keys) < 2:
        return []
    prints = ", ".join(fingerprint(k) for k in keys[1:])
    return [f"Cảnh báo: dữ liệu vừa khôi phục mang khóa ký giấy chứng nhận khác với khóa của "
            f"máy này ({fingerprint(keys[0])}; khác: {prints}). Cả hai khóa được giữ lại, "
            "không khóa nào bị ghi đè: giấy cấp trước đây (trên máy nào) vẫn kiểm tra được; "
            "giấy cấp mới ký bằng khóa của máy này."]


def load_or_create_key(data_dir: DataDir) -> bytes:
    """The signing key, made now if this folder has none; the database always gets a copy."""
    key = load_key(data_dir)
    path = key_folder(data_dir) / KEY_FILE
    if key is None:
        import secrets

        try:
            if not create_exclusive(path, secrets.token_bytes(32).hex() + "\n"):
                pass  # another process made it just now: use theirs
            key = _read_key_file(path)
        except OSError as exc:
            raise UserError(f"Không ghi được {path.name} trong thư mục dữ liệu {path.parent} "
                            f"({exc.strerror or exc}). Không có giấy chứng nhận nào được cấp; "
                            "hãy kiểm tra ổ đĩa còn chỗ trống và ghi được rồi thử lại.",
                            code="certificate_store_failed") from exc
        assert key is not None
    database_key, others = db_keys(data_dir)
    if database_key != key and key not in others:
        try:
            store_db_key(data_dir, key)
        except (sqlite3.Error, SQLAlchemyError) as exc:
            raise UserError(f"Không ghi được khóa ký giấy chứng nhận vào cơ sở dữ liệu "
                            f"({exc}). Chưa cấp giấy nào; hãy thử lại.",
                            code="certificate_store_failed") from exc
    if data_dir.on_server:
        # Two machines making their first key at once: the database kept one of them.
        database_key, _others = db_keys(data_dir)
        return database_key or key
    return key
