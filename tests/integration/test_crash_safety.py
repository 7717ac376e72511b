"""A process killed in the middle of writing loses nothing it had committed."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.db.health import DbStatus, inspect_database
from trainer_app.services.workspace.opening import open_workspace

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.db.models import AuditEntry
    from trainer_app.services.workspace.opening import open_workspace

    ws = open_workspace(DataDir(Path(sys.argv[1]), DataDirSource.ARGUMENT), daily_backup=False)
    n = 0
    while True:
        with ws.session_factory.begin() as session:
            entry = AuditEntry(action="write", entity="test", after="x" * 2000)
            session.add(entry)
            session.flush()
            ident = entry.id
        print(ident, flush=True)  # shown as saved only after the commit
        n += 1
    """
)


def test_kill_during_writes_keeps_every_commit(tmp_path: Path) -> None:
    root = tmp_path / "data"
    open_workspace(DataDir(root, DataDirSource.ARGUMENT)).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    committed = [int(proc.stdout.readline()) for _ in range(300)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed += [int(line) for line in proc.stdout.read().split()]

    data_dir = DataDir(root, DataDirSource.ARGUMENT)
    assert inspect_database(data_dir.db_path).status is DbStatus.OK
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        with ws.engine.connect() as connection:
            stored = {row[0] for row in connection.exec_driver_sql(
                "SELECT id FROM audit_entry WHERE entity = 'test'")}
    finally:
        ws.close()
    assert len(committed) >= 300
    assert set(committed) <= stored
