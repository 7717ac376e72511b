"""The crash campaign's scenarios: each starts a real process of the app, kills it after a
delay, and checks the writes it reported done (see crash_campaign.py)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer_app.datadir import DataDir, DataDirSource  # noqa: E402
from trainer_app.db.health import DbStatus, inspect_database  # noqa: E402

CHILDREN = Path(__file__).with_name("crash_children.py")
FIXTURE = ROOT / "tests" / "fixtures" / "schema_0001.db"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args]


@dataclass
class Outcome:
    killed: bool
    returncode: int
    lines: list[str]
    stderr: str


def run_and_kill(command: list[str], delay: float) -> Outcome:
    """Start `command`, SIGKILL it after `delay` seconds unless it ended; every stdout line
    it printed before dying is kept."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(), cwd=ROOT)
    lines: list[str] = []
    errors: list[str] = []
    assert proc.stdout is not None and proc.stderr is not None
    readers = [threading.Thread(target=lambda: lines.extend(proc.stdout)),  # type: ignore[arg-type]
               threading.Thread(target=lambda: errors.extend(proc.stderr))]  # type: ignore[arg-type]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    for reader in readers:
        reader.join()
    return Outcome(killed, proc.returncode, [line.rstrip("\n") for line in lines],
                   "".join(errors))


def db_rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@dataclass
class Folder:
    root: Path
    run: int = 0
    issued: dict[str, int] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Mai", "Trịnh")
MIDDLES = ("Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hữu", "Đức", "Thu", "Kim", "Quốc",
           "Bảo", "Gia", "Hoài", "Khánh", "Mỹ", "Phương", "Quang", "Thành", "Tuấn", "Xuân")
GIVENS = ("An", "Bình", "Cúc", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hùng", "Huệ",
          "Khoa", "Lan", "Linh", "Loan", "Mai", "Nam", "Nga", "Oanh", "Phúc", "Yến")
IMPORT_ROWS = 500


def _import_phone(run: int, i: int) -> str:
    return f"07{run:04d}{i:04d}"  # counted by exact value: the demo has 07… numbers too


def _import_file(folder: Folder) -> Path:
    path = folder.root.parent / f"{folder.root.name}-import-{folder.run}.csv"
    base = folder.run * IMPORT_ROWS
    rows = []
    for i in range(IMPORT_ROWS):
        n = (base + i) % 8000
        name = f"{FAMILIES[n % 20]} {MIDDLES[n // 20 % 20]} {GIVENS[n // 400 % 20]}"
        rows.append(f"{name},{1950 + (base + i) % 50},{_import_phone(folder.run, i)}")
    path.write_text("Họ và tên,Năm sinh,Số điện thoại\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def scenario_import(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    source = _import_file(folder)
    outcome = run_and_kill(_cli(folder.root, "roster", "import", str(source), "--json"), delay)
    phones = [_import_phone(folder.run, i) for i in range(IMPORT_ROWS)]
    stored = db_rows(folder.root / "trainer.db", "SELECT count(*) FROM person WHERE phone IN "
                   f"({','.join('?' * len(phones))})", *phones)[0][0]
    problems = []
    if stored not in (0, IMPORT_ROWS):
        problems.append(f"import run {folder.run}: {stored} of {IMPORT_ROWS} rows stored")
    text = "\n".join(outcome.lines)
    if not outcome.killed and outcome.returncode == 0:
        added = json.loads(text)["added"]
        if stored != added or added != IMPORT_ROWS:
            problems.append(f"import reported {added} added, {stored} stored")
    return outcome, problems, 1 if not outcome.killed else 0


def scenario_certificates(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    outcome = run_and_kill([sys.executable, str(CHILDREN), "certificates", str(folder.root),
                            str(folder.run)], delay)
    reported = [line.split() for line in outcome.lines if line.startswith("issued ")]
    stored = dict(db_rows(folder.root / "trainer.db", "SELECT number, session_id FROM certificate"))
    problems = [f"certificate {number} reported issued but not stored"
                for _w, number, sid in reported if stored.get(number) != int(sid)]
    return outcome, problems, len(reported)


def scenario_checkin(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    outcome = run_and_kill([sys.executable, str(CHILDREN), "checkin", str(folder.root),
                            str(folder.run)], delay)
    reported = [line.split()[1:] for line in outcome.lines if line.startswith("checked ")]
    problems = []
    for sid, person in reported:
        row = db_rows(folder.root / "trainer.db", "SELECT status FROM attendance WHERE "
                    "session_id = ? AND person_id = ?", int(sid), int(person))
        if not row or row[0][0] not in ("present", "late"):
            problems.append(f"check-in of {person} in session {sid} reported but not stored")
    return outcome, problems, len(reported)


def scenario_kiosk(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    sid, position, people = folder.extra["kiosk"]  # type: ignore[misc]
    outcome = run_and_kill([sys.executable, str(CHILDREN), "kiosk", str(folder.root), str(sid),
                            str(position), ",".join(str(p) for p in people)], delay)
    reported = [line.split()[1:] for line in outcome.lines if line.startswith("saved ")]
    problems = []
    for person, key, _option in reported:
        row = db_rows(folder.root / "trainer.db",
                    "SELECT count(*) FROM answer JOIN attempt ON attempt.id = answer.attempt_id "
                    "WHERE attempt.person_id = ? AND attempt.session_id = ? "
                    "AND answer.question_key = ?", int(person), sid, key)
        if row[0][0] != 1:
            problems.append(f"answer {key} of person {person} reported saved but not stored")
    return outcome, problems, len(reported)


def scenario_backup(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    outcome = run_and_kill(_cli(folder.root, "backup", "create", "--json"), delay)
    problems = []
    if not outcome.killed and outcome.returncode == 0:
        path = Path(json.loads("\n".join(outcome.lines))["backup"])
        if inspect_database(path).status is not DbStatus.OK:
            problems.append(f"backup {path.name} reported done but unusable")
    from trainer_app.db.backup import list_backups

    for info in list_backups(folder.root / "backups"):
        if inspect_database(info.path).status not in (DbStatus.OK, DbStatus.BEHIND):
            problems.append(f"listed backup {info.path.name} unusable")
    return outcome, problems, 0 if outcome.killed else 1


def _people(db: Path) -> int:
    return int(db_rows(db, "SELECT count(*) FROM person")[0][0])  # type: ignore[call-overload]


def scenario_restore(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    from trainer_app.db.backup import list_backups

    newest = list_backups(folder.root / "backups")[0].path
    expected = _people(newest)
    outcome = run_and_kill(_cli(folder.root, "backup", "restore", "latest", "--json"), delay)
    problems = []
    if not outcome.killed and outcome.returncode == 0:
        restored = Path(json.loads("\n".join(outcome.lines))["restored_from"])
        if restored == newest and _people(folder.root / "trainer.db") != expected:
            problems.append("restore reported done but the data differs from the backup")
    return outcome, problems, 0 if outcome.killed else 1


def scenario_migration(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    shutil.rmtree(folder.root, ignore_errors=True)
    folder.root.mkdir(parents=True)
    shutil.copy(FIXTURE, folder.root / "trainer.db")
    expected = _people(FIXTURE)
    outcome = run_and_kill(_cli(folder.root, "roster", "list", "--json"), delay)
    problems = []
    if _people(folder.root / "trainer.db") != expected:
        problems.append("people lost in a killed migration")
    if not outcome.killed and outcome.returncode == 0:
        revision = db_rows(folder.root / "trainer.db", "SELECT version_num FROM alembic_version")
        from trainer_app.db.migrate import HEAD_REVISION

        if revision != [(HEAD_REVISION,)]:
            problems.append("migration reported done but the schema is not at head")
    return outcome, problems, 0 if outcome.killed else 1


RUNNERS: dict[str, Callable[[Folder, float], tuple[Outcome, list[str], int]]] = {
    "import": scenario_import, "certificates": scenario_certificates,
    "backup": scenario_backup, "restore": scenario_restore, "migration": scenario_migration,
    "kiosk": scenario_kiosk, "checkin": scenario_checkin,
}


def kiosk_session(root: Path) -> tuple[int, int, list[int]]:
    from trainer_app.services.quizzes import kiosk as kiosk_service
    from trainer_app.services.roster.service import PersonInput, add_person
    from trainer_app.services.sessions import service as sessions
    from trainer_app.services.workspace.opening import open_workspace

    ws = open_workspace(DataDir(root, DataDirSource.ARGUMENT), daily_backup=False)
    try:
        f = ws.session_factory
        names = [f"{FAMILIES[i]} Thị {GIVENS[i]}" for i in range(12)]
        ids = [add_person(f, PersonInput(full_name=n, birth_year=1962,
                                         phone=f"0966{i:06d}")).id for i, n in enumerate(names)]
        sid = sessions.create_session(f, sessions.SessionDraft(
            held_on=date(2026, 12, 5), start_time=clock(8, 0))).session_id
        sessions.invite(f, sid, person_ids=tuple(ids))
        position = next(p for p, _t, phase in kiosk_service.quiz_steps(f, sid)
                        if phase == "post")
        return sid, position, ids
    finally:
        ws.close()


