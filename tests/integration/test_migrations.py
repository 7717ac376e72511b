"""The migrations build exactly the models' schema, and the app knows Alembic's head."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from trainer_app.db.engine import make_engine
from trainer_app.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR, upgrade_to_head
from trainer_app.db.models import Base


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_head_revision_constant_matches_alembic() -> None:
    scripts = _scripts()
    assert scripts.get_current_head() == HEAD_REVISION
    assert set(KNOWN_REVISIONS) == {rev.revision for rev in scripts.walk_revisions()}


def test_schema_from_empty_equals_models(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    upgrade_to_head(db)
    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_migrated_schema_has_check_constraints(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    upgrade_to_head(db)
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("INSERT INTO training_session (title, held_on, venue, trainers, notes, "
                     "status, is_demo, created_at) VALUES ('t', '2026-01-01', '', '', '', "
                     "'planned', 0, '2026-01-01')")
        try:
            conn.execute("INSERT INTO training_session (title, held_on, venue, trainers, notes, "
                         "status, is_demo, created_at) VALUES ('t', '2026-01-01', '', '', '', "
                         "'bogus', 0, '2026-01-01')")
        except sqlite3.IntegrityError as exc:
            assert "status_valid" in str(exc)
        else:
            raise AssertionError("a bad status was accepted")
    finally:
        conn.close()
