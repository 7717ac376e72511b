"""SQLite side of erasing a person: scrubbing a database file (a backup) and compacting one,
so the erased name and phone leave the file's bytes, not only its rows.

``PRAGMA secure_delete`` (set on every connection, see ``engine`` and ``sqlite_raw``) zeroes
freed content; ``VACUUM`` rewrites the file; ``wal_checkpoint(TRUNCATE)`` empties the -wal.
Works on every schema revision the app knows (the person columns are the same in all).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer_app.db.sqlite_raw import connect_raw


@dataclass(frozen=True)
class ErasureTarget:
    """One stored record to erase, known by its id and the moment it was created (together
    they name the same record in every copy of the database), or, for a copy in which it
    has another id, by its search key and phone together."""

    person_id: int
    created_at: str  # as stored, ISO text
    search_key: str
    phone: str | None


_SCRUB_PERSON = (
    "UPDATE person SET full_name = ?, search_key = '', gender = NULL, birth_year = NULL, "
    "phone = NULL, neighbourhood_id = NULL, role_id = NULL, import_batch_id = NULL, "
    "unit = '', notes = '', consent_date = NULL, consent_method = NULL, archived = 1, "
    "erased = 1 WHERE id = ?"
)


def _matching_ids(conn: sqlite3.Connection, target: ErasureTarget) -> list[int]:
    ids = {int(r[0]) for r in conn.execute(
        "SELECT id FROM person WHERE id = ? AND (created_at = ? OR search_key = ? "
        "OR (phone IS NOT NULL AND phone = ?))",
        (target.person_id, target.created_at, target.search_key, target.phone))}
    if target.phone and target.search_key:
        ids |= {int(r[0]) for r in conn.execute(
            "SELECT id FROM person WHERE search_key = ? AND phone = ?",
            (target.search_key, target.phone))}
    return sorted(ids)


def _scrub_import_summaries(conn: sqlite3.Connection, ids: set[int]) -> None:
    for batch_id, text in conn.execute(
            "SELECT id, summary FROM import_batch WHERE summary IS NOT NULL").fetchall():
        try:
            summary = json.loads(text)
        except ValueError:
            continue
        merges = summary.get("merges") if isinstance(summary, dict) else None
        if not isinstance(merges, list):
            continue
        kept = [m for m in merges if not (isinstance(m, dict) and m.get("person_id") in ids)]
        if len(kept) != len(merges):
            summary["merges"] = kept
            conn.execute("UPDATE import_batch SET summary = ? WHERE id = ?",
                         (json.dumps(summary, ensure_ascii=False), batch_id))


def erase_in_file(path: Path, targets: Sequence[ErasureTarget], erased_name: str) -> int:
    """Apply an erasure inside a database file (a backup), then VACUUM it. Returns how
    many person rows were scrubbed."""
    conn = connect_raw(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        ids: set[int] = set()
        with conn:
            for target in targets:
                ids.update(_matching_ids(conn, target))
            for person_id in sorted(ids):
                conn.execute(_SCRUB_PERSON, (erased_name, person_id))
                conn.execute("UPDATE attempt SET person_id = NULL WHERE person_id = ?",
                             (person_id,))
                conn.execute("UPDATE certificate SET person_id = NULL WHERE person_id = ?",
                             (person_id,))
            _scrub_import_summaries(conn, ids)
        conn.execute("VACUUM")
        return len(ids)
    finally:
        conn.close()


def compact(db_path: Path, *, attempts: int = 20) -> bool:
    """VACUUM the live database and empty its -wal. False when another connection kept the
    -wal from being emptied (it is emptied at the next checkpoint)."""
    conn = connect_raw(db_path)
    try:
        conn.execute("VACUUM")
        for _ in range(attempts):
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return True
            time.sleep(0.05)
        return False
    finally:
        conn.close()
