"""What the certificates keep outside the database, in ``<data>/certificates/``:

* ``signing.key``: 32 random bytes (hex), made the first time this data folder issues a
  certificate. It signs the QR payloads. A copy is kept in the database (setting
  ``certificate_signing_key``) so that a backup carries it: a laptop that dies takes no
  key with it — its backup restored on another laptop still verifies every certificate.
  When the file is missing, the key comes back from the database.
* ``serials.json``: the highest sequence number issued per year. The same figure is kept in
  the database (setting ``certificate_serials``) and the next number is one more than the
  highest of the two and of the certificates on record, so restoring an older backup (or
  losing either copy) never makes a number be issued twice. ``restore_warnings`` tells,
  right after a restore, which numbers the restored data no longer knows about.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer_app.datadir import DataDir
from trainer_app.db.models import Certificate, Setting
from trainer_app.db.plain_reads import SqliteFile, reading
from trainer_app.services.certificates.keys import (
    KEY_FILE,
    KEY_SETTING,
    all_keys,
    key_warnings,
    load_key,
    load_or_create_key,
)
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.datafolder import write_private_file

__all__ = [
    "DB_KEY",
    "KEY_FILE",
    "KEY_SETTING",
    "Marks",
    "all_keys",
    "db_marks",
    "folder",
    "key_warnings",
    "load_key",
    "load_or_create_key",
    "read_file_marks",
    "restore_warnings",
    "store_db_marks",
    "write_file_marks",
]

DB_KEY = "certificate_serials"
SERIALS_FILE = "serials.json"
Marks = dict[int, int]  # year -> highest sequence number issued


def folder(data_dir: DataDir) -> Path:
    return data_dir.root / "certificates"


def _store_error(path: Path, exc: OSError) -> UserError:
    return UserError(f"Không ghi được {path.name} trong thư mục dữ liệu {path.parent} "
                     f"({exc.strerror or exc}). Không có giấy chứng nhận nào được cấp; hãy "
                     "kiểm tra ổ đĩa còn chỗ trống và ghi được rồi thử lại.",
                     code="certificate_store_failed")


def _parse_marks(data: object) -> Marks:
    if not isinstance(data, dict):
        return {}
    marks: Marks = {}
    for year, value in data.items():
        try:
            marks[int(year)] = int(value)
        except (TypeError, ValueError):
            continue
    return marks


def read_file_marks(data_dir: DataDir) -> Marks:
    """The file's marks; empty when missing or unreadable (the database still counts)."""
    try:
        data = json.loads((folder(data_dir) / SERIALS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return _parse_marks(data.get("years") if isinstance(data, dict) else None)


def write_file_marks(data_dir: DataDir, marks: Marks) -> None:
    path = folder(data_dir) / SERIALS_FILE
    text = json.dumps({"format": 1, "years": {str(y): n for y, n in sorted(marks.items())}},
                      indent=1)
    try:
        write_private_file(path, text + "\n")
    except OSError as exc:
        raise _store_error(path, exc) from exc


def db_marks(session: Session) -> Marks:
    """The highest of the stored setting and the certificates on record, per year."""
    row = session.get(Setting, DB_KEY)
    marks = _parse_marks(json.loads(row.value)) if row is not None else {}
    for year, top in session.execute(
            select(Certificate.serial_year, func.max(Certificate.serial_no))
            .where(Certificate.serial_year.is_not(None)).group_by(Certificate.serial_year)):
        marks[year] = max(marks.get(year, 0), top or 0)
    return marks


def store_db_marks(session: Session, marks: Marks) -> None:
    text = json.dumps({str(y): n for y, n in sorted(marks.items())})
    row = session.get(Setting, DB_KEY)
    if row is None:
        session.add(Setting(key=DB_KEY, value=text))
    else:
        row.value = text


def _raw_db_marks(db_path: Path) -> Marks:
    with reading(SqliteFile(db_path)) as db:
        marks: Marks = {}
        value = db.value("SELECT value FROM setting WHERE key = :key", {"key": DB_KEY})
        if value is not None:
            try:
                marks = _parse_marks(json.loads(value))
            except ValueError:
                marks = {}
        for year, top in db.rows(
                "SELECT serial_year, MAX(serial_no) FROM certificate "
                "WHERE serial_year IS NOT NULL GROUP BY serial_year"):
            marks[year] = max(marks.get(year, 0), top or 0)
        return marks


def restore_warnings(data_dir: DataDir) -> list[str]:
    """After a restore: one Vietnamese line per year whose numbers issued on this laptop
    are missing from the restored database. Numbering goes on after the highest number
    ever issued (the file keeps it), so nothing is reused; the lines say so."""
    keys = key_warnings(data_dir)
    issued = read_file_marks(data_dir)
    if not issued:
        return keys
    try:
        restored = _raw_db_marks(data_dir.db_path)
    except sqlite3.Error:
        return keys
    lines = []
    for year in sorted(issued):
        high, known = issued[year], restored.get(year, 0)
        if high > known:
            missing = f"{known + 1}" if known + 1 == high else f"{known + 1}–{high}"
            lines.append(
                f"Cảnh báo: năm {year} máy này đã cấp giấy chứng nhận đến số thứ tự {high}, "
                f"nhưng dữ liệu vừa khôi phục chỉ có đến số {known}. Giấy số {missing} "
                f"không còn trong sổ cấp; giấy cấp tiếp theo sẽ mang số "
                f"{high + 1} để không trùng số đã phát.")
    return lines + keys
