"""After `roster erase`, no file under the data folder holds the person's name or phone:
the database, its -wal, every backup (manual, automatic, pre-restore), the logs — and the
records merged into the person are erased too."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from trainer_app.db.engine import make_engine
from trainer_app.db.models import Certificate, TrainingSession
from trainer_app.db.sqlite_raw import connect_raw
from trainer_app.domain.vntext import search_key
from trainer_app.logfile import RotatingLogFile
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace

NAME = "Đặng Thị Quỳnh Hoa"
DUP_NAME = "Đặng T. Quỳnh Hoa"
PHONE = "0987650001"
DUP_PHONE = "0987650002"


def _secrets() -> list[bytes]:
    found = []
    for text in (NAME, DUP_NAME, search_key(NAME), search_key(DUP_NAME), PHONE, DUP_PHONE):
        for form in ("NFC", "NFD"):
            found.append(unicodedata.normalize(form, text).encode("utf-8"))
    return found


def _files_holding_secrets(root: Path) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret in _secrets():
            if secret in data:
                hits.append(f"{path.relative_to(root)}: {secret.decode('utf-8')}")
    return hits


@pytest.fixture
def logged(workspace: Workspace) -> Iterator[Path]:
    """Every log record of the scenario goes to a small rotated log in the data folder."""
    logs = workspace.data_dir.logs_dir
    logs.mkdir(parents=True, exist_ok=True)
    handler = RotatingLogFile(logs / "trainer-app.log", 2_000, 3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield logs
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        handler.close()


def _person_with_a_merged_double(ws: Workspace) -> int:
    factory = ws.session_factory
    keep = rs.add_person(factory, PersonInput(full_name=NAME, phone=PHONE, birth_year=1980,
                                              notes="Tổ trưởng"), today=date(2026, 11, 20)).id
    drop = rs.add_person(factory, PersonInput(full_name=DUP_NAME, phone=DUP_PHONE,
                                              birth_year=1980), today=date(2026, 11, 20)).id
    with factory.begin() as session:
        training = TrainingSession(title="Buổi thử", held_on=date(2026, 3, 10))
        session.add(training)
        session.flush()
        for n, person in enumerate((keep, drop), start=1):
            session.add(Certificate(number=f"90{n}/GCN-THU", person_id=person,
                                    session_id=training.id, issued_on=date(2026, 3, 10)))
    merged = rs.merge_people(factory, keep, drop, today=date(2026, 11, 20))
    assert not merged.drop_deleted  # archived: the double still holds name and phone
    return keep


def test_secure_delete_is_set_on_every_connection(workspace: Workspace,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Explicit, not the build's default: simulate a build without SQLITE_SECURE_DELETE
    (python.org's Windows build) by switching it off on every new connection first."""
    from sqlalchemy import event

    from trainer_app.db import sqlite_raw

    def off(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=0")

    real_connect = sqlite3.connect

    def connect_off(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.execute("PRAGMA secure_delete=0")
        return conn

    monkeypatch.setattr(sqlite_raw.sqlite3, "connect", connect_off)
    engine = make_engine(workspace.data_dir.db_path)
    event.listen(engine, "connect", off, insert=True)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        engine.dispose()
    for readonly in (False, True):
        raw = connect_raw(workspace.data_dir.db_path, readonly=readonly)
        try:
            assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
        finally:
            raw.close()


@pytest.mark.sqlite_only("reads every byte of the SQLite file and its backups")
def test_erasure_reaches_every_file_of_the_data_folder(workspace: Workspace,
                                                       logged: Path) -> None:
    ws = workspace
    person = _person_with_a_merged_double(ws)
    backup_service.create_manual(ws)
    ws.close()
    backup_service.restore(ws.data_dir, Path(backup_service.list_entries(ws.data_dir)[0].path))
    from trainer_app.services.workspace.opening import open_workspace

    reopened = open_workspace(ws.data_dir)
    try:
        before = _files_holding_secrets(ws.data_dir.root)
        assert any(hit.startswith("backups/") for hit in before), before
        reasons = {e.reason for e in backup_service.list_entries(ws.data_dir)}
        assert {"manual", "pre-restore", "auto"} <= reasons
        result = rs.erase_person_everywhere(reopened.session_factory, ws.data_dir, person)
        assert len(result.merged_records_erased) == 1
        assert len(result.backups_scrubbed) == len(backup_service.list_entries(ws.data_dir))
        assert "bản sao lưu" in result.message
    finally:
        reopened.close()
    wal = ws.data_dir.db_path.with_name("trainer.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert _files_holding_secrets(ws.data_dir.root) == []
    assert list(logged.iterdir())  # the logs were written, and hold no name
    # every backup is still a sound database the app can restore
    for entry in backup_service.list_entries(ws.data_dir):
        backup_service.check_backup(Path(entry.path))


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_erase_scrubs_backups_or_lists_them(tmp_path: Path) -> None:
    for keep in (False, True):
        data = tmp_path / f"data-{keep}"
        assert _cli(data, "demo").returncode == 0
        assert _cli(data, "backup", "create").returncode == 0
        people = json.loads(_cli(data, "roster", "list", "--json").stdout)
        target = people[0]
        args = ["roster", "erase", str(target["id"]), "--yes", "--json"]
        result = _cli(data, *args, *(["--keep-backups"] if keep else []))
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        secrets = [target["full_name"].encode(), target["phone"].encode()]
        holding = sorted({p.name for p in data.rglob("*") if p.is_file()
                          and any(s in p.read_bytes() for s in secrets)})
        if keep:
            assert report["backups_kept"] and not report["backups_scrubbed"]
            assert holding and set(holding) <= {Path(p).name for p in report["backups_kept"]}
        else:
            assert report["backups_scrubbed"] and not report["backups_kept"]
            assert holding == []
        conn = sqlite3.connect(data / "trainer.db")
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()
