"""Taking turns on a shared database server. On PostgreSQL, several officers' app instances
write at once: work that must not interleave (importing one station's package, handing out
certificate numbers) holds a transaction-scoped advisory lock named after what it guards.
SQLite has one writer at a time already, so nothing is done there."""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_key(name: str) -> int:
    """A stable 32-bit key for ``name`` (advisory locks take integers)."""
    return zlib.crc32(name.encode("utf-8"))


def take_turn(session: Session, name: str) -> bool:
    """Wait for and hold, until this transaction ends, the lock called ``name``. True when a
    lock was taken (PostgreSQL), False on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
    return True
