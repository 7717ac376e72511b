"""The same Alembic migrations build the same schema on PostgreSQL as on SQLite: tables,
columns (nullability), unique and check constraints by name, foreign keys, indexes; and the
migrated PostgreSQL schema equals the models'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect

from trainer_app.db.engine import make_engine
from trainer_app.db.migrate import MIGRATIONS_DIR, upgrade_to_head
from trainer_app.db.models import Base


def _upgrade(engine: Engine) -> None:
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def describe(engine: Engine) -> dict[str, Any]:
    """The schema by structure, in engine-neutral terms."""
    inspector = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        if table == "alembic_version":
            continue
        out[table] = {
            "columns": sorted((c["name"], bool(c["nullable"]))
                              for c in inspector.get_columns(table)),
            "pk": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
            "unique": sorted((u["name"], tuple(u["column_names"]))
                             for u in inspector.get_unique_constraints(table)),
            "checks": sorted(c["name"] for c in inspector.get_check_constraints(table)
                             if c.get("name")),
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                           tuple(f["referred_columns"]),
                           (f.get("options") or {}).get("ondelete") or "")
                          for f in inspector.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(table)
                              if not i.get("duplicates_constraint")),
        }
    return out


def test_postgres_migrations_equal_the_models(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        _upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_same_schema_on_both_engines(pg_url: str, tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    upgrade_to_head(db)
    sqlite_engine = make_engine(db)
    pg_engine = create_engine(pg_url)
    try:
        _upgrade(pg_engine)
        on_sqlite, on_pg = describe(sqlite_engine), describe(pg_engine)
    finally:
        sqlite_engine.dispose()
        pg_engine.dispose()
    assert list(on_pg) == list(on_sqlite)
    for table in on_sqlite:
        assert on_pg[table] == on_sqlite[table], table
    # The comparison must see real structure, not two empty descriptions.
    assert len(on_sqlite) >= 15
    assert any(t["checks"] for t in on_sqlite.values())
    assert any(t["fks"] for t in on_sqlite.values())
