"""What `db check` reports, on either engine (``check`` for SQLite, ``server_check`` for a
PostgreSQL server)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CheckItem", "CheckReport"]


@dataclass(frozen=True)
class CheckItem:
    name: str
    ok: bool
    detail: str


@dataclass
class CheckReport:
    ok: bool
    summary: str
    database: str
    status: str
    revision: str | None = None
    journal_mode: str | None = None
    foreign_keys_enforced: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    items: list[CheckItem] = field(default_factory=list)
