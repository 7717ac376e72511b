"""Declarative base with a naming convention (Alembic batch mode needs named constraints)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC timestamp (SQLite stores no time zone; all stored times are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def one_of(column: str, allowed: list[str], name: str) -> CheckConstraint:
    """A portable CHECK that a text column holds one of the allowed values."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in allowed)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)
