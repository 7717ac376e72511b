"""Plain sqlite3 connections for start-up checks and the backup API.

Standard library only, so the app can check its database before SQLAlchemy is imported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


def connect_raw(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A plain connection with ``secure_delete`` on: deleted content is overwritten with
    zeros, set explicitly since builds differ (python.org's Windows build has it off)."""
    if readonly:
        # as_uri() escapes '#', '%', '?', spaces and non-ASCII letters ('TH #2' stays a folder
        # name instead of ending the path at '#').
        uri = f"{db_path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA secure_delete=ON")
    return conn
