"""Putting a restored copy in the place of the database without depending on the rename
succeeding: Windows refuses ``os.replace`` while another program holds the file open."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from trainer_app.db.sqlite_raw import connect_raw
from trainer_app.services.errors import UserError

log = logging.getLogger(__name__)


def _empty_wal(db_path: Path) -> bool:
    """Write the -wal back into the database and cut it to 0 bytes: the database file then
    holds everything on its own. False when another connection kept it from finishing."""
    try:
        conn = connect_raw(db_path)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not row or int(row[0]) == 0
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def swap_in(incoming: Path, db_path: Path) -> None:
    """Replace `db_path` by `incoming`. On any refusal the current database is left exactly
    as it was (its -wal included) and `incoming` is removed."""
    if db_path.exists() and not _empty_wal(db_path):
        incoming.unlink(missing_ok=True)
        raise UserError(
            f"Dữ liệu {db_path.name} đang được chương trình khác dùng, chưa thay được. Hãy đóng "
            "chương trình kia rồi thử lại. Dữ liệu hiện tại không bị thay đổi.", code="busy")
    try:
        os.replace(incoming, db_path)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise UserError(
            f"Không thay được tệp dữ liệu {db_path.name}: tệp đang được mở bởi chương trình "
            f"khác ({exc.strerror or exc}). Hãy đóng các chương trình khác (cửa sổ ứng dụng thứ "
            "hai, phần mềm đang sao chép hay quét virus) rồi thử lại. Dữ liệu hiện tại không "
            "bị thay đổi.", code="file_in_use") from exc
    for extra in ("-wal", "-shm"):  # the old database's, emptied above: never replayed
        side = db_path.with_name(db_path.name + extra)
        try:
            side.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove %s after a restore: %s", side.name, exc)
