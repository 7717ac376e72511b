"""A migration killed half-way leaves the database as it was before it (one transaction):
the next start migrates it again. Before, each CREATE/DROP TABLE committed on its own and
a kill after "CREATE TABLE media_file" left a schema that could not be opened again."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers import table_dump
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.migrate import HEAD_REVISION, read_schema_state
from trainer_app.services.workspace.opening import open_workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

KILL_MID_MIGRATION = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from trainer_app.db.migrate import upgrade_to_head

    def after(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("CREATE TABLE MEDIA_FILE"):
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_cursor_execute", after)
    upgrade_to_head(Path(sys.argv[1]))
    """
)


def test_killed_migration_is_rolled_back(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    db = root / "trainer.db"
    shutil.copy(FIXTURES / "schema_0001.db", db)
    before = table_dump(db)
    child = subprocess.run([sys.executable, "-c", KILL_MID_MIGRATION, str(db)],
                           capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert table_dump(db) == before  # nothing of the half-done migration stayed
    assert read_schema_state(db).revision == "0001"
    open_workspace(DataDir(root, DataDirSource.ARGUMENT), daily_backup=False).close()
    assert read_schema_state(db).revision == HEAD_REVISION
