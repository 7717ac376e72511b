"""The schema of the phone quiz: one open attempt per session, person, version and phase
(old duplicates merged by the migration), counts per step *and* phase, and aiohttp left
unimported until a server starts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tests.phone_world import make_world
from trainer_app.db.migrate import MIGRATIONS_DIR
from trainer_app.db.models import Attempt
from trainer_app.services.quizzes import kiosk
from trainer_app.services.sessions.results import session_detail
from trainer_app.services.workspace.opening import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_database_refuses_a_second_open_attempt(workspace: Workspace) -> None:
    world = make_world(workspace)
    f = workspace.session_factory
    person = world.people["Nguyễn Thị Lan"]
    first = kiosk.start_attempt(f, world.session_id, world.step.position, person)
    with pytest.raises(IntegrityError), f.begin() as session:
        session.add(Attempt(session_id=world.session_id, person_id=person,
                            quiz_version_id=_version(workspace, first.attempt_id),
                            phase="pre", mode="phone"))
    # A handed-in attempt does not count as open: a paper re-entry may sit beside it.
    kiosk.submit(f, first.attempt_id)
    with f.begin() as session:
        session.add(Attempt(session_id=world.session_id, person_id=person,
                            quiz_version_id=_version(workspace, first.attempt_id),
                            phase="pre", mode="phone"))


def _version(ws: Workspace, attempt_id: int) -> int:
    conn = sqlite3.connect(ws.data_dir.db_path)
    try:
        return int(conn.execute("SELECT quiz_version_id FROM attempt WHERE id = ?",
                                (attempt_id,)).fetchone()[0])
    finally:
        conn.close()


def test_migration_merges_old_open_duplicates(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from trainer_app.db.engine import make_engine

    db = tmp_path / "old.db"
    engine = make_engine(db, for_migration=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
        conn = sqlite3.connect(db)  # foreign keys off: only the rows that matter here
        conn.executescript("""
            INSERT INTO attempt (id, session_id, person_id, quiz_version_id, phase, mode,
              started_at) VALUES (1, 1, 1, 1, 'pre', 'kiosk', '2026-01-01'),
              (2, 1, 1, 1, 'pre', 'kiosk', '2026-01-01');
            INSERT INTO answer (attempt_id, question_key, chosen_json, is_correct, points,
              answered_at) VALUES (1, 'q1', '[1]', 1, 1, '2026-01-01'),
              (2, 'q1', '[2]', 0, 0, '2026-01-01'), (2, 'q2', '[3]', 1, 1, '2026-01-01');
        """)
        conn.commit()
        conn.close()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT id FROM attempt").fetchall() == [(1,)]
        assert sorted(conn.execute("SELECT attempt_id, question_key, chosen_json FROM answer")
                      ) == [(1, "q1", "[1]"), (1, "q2", "[3]")]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO attempt (session_id, person_id, quiz_version_id, phase, "
                         "mode, started_at) VALUES (1, 1, 1, 'pre', 'phone', '2026-01-01')")
    finally:
        conn.close()


def test_demo_counts_each_quiz_step_by_its_phase(workspace: Workspace) -> None:
    from trainer_app.services.workspace.demo import fill_demo

    fill_demo(workspace, today=date(2026, 11, 20))
    detail = session_detail(workspace.session_factory, 1)
    quiz_steps = [(s.phase, s.submitted) for s in detail.steps if s.quiz_version_id]
    submitted_pre = sum(r.pre is not None for r in detail.results)
    submitted_post = sum(r.post is not None for r in detail.results)
    assert quiz_steps == [("pre", submitted_pre), ("post", submitted_post)]
    assert submitted_pre + submitted_post > max(submitted_pre, submitted_post)


def test_window_and_cli_start_without_aiohttp() -> None:
    code = ("import sys, trainer_app.app, trainer_app.ui.main_window, trainer_app.cli, "
            "trainer_app.ui.phone_bridge; trainer_app.cli.build_parser(); "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('aiohttp', 'segno', 'ifaddr'))))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                     "QT_QPA_PLATFORM": "offscreen"})
    assert json.loads(out.stdout) == []
