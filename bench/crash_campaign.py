"""Crash campaign: SIGKILL the app at random moments and check that nothing is lost.

Scenarios (each on its own data folder, kills accumulating on it as on a real laptop):
  import       `trainer-app roster import FILE` (500 rows, one transaction)
  certificates issuing certificates, session after session (services, as the window does)
  backup       `trainer-app backup create`
  restore      `trainer-app backup restore latest`
  migration    opening a schema-0001 database from tests/fixtures (backup, then migrate)
  kiosk        the kiosk window (real Qt widgets, offscreen) answering, person after person
  checkin      checking people in on the Điểm danh page (real Qt widgets), one by one

After every kill: the folder still has a usable database (never moved aside, never gone);
the app opens it again (a restart); `db check` passes; every write the app reported done is
there (import: all rows or none; answers, check-ins, certificates, backups, restores); no
certificate number is given twice or to someone else. Prints the counts.

    python bench/crash_campaign.py [--kills 200] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
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
SCENARIOS = ("import", "certificates", "backup", "restore", "migration", "kiosk", "checkin")
# Longest wait before the kill, in seconds (a process that ends sooner was not killed).
MAX_DELAY = {"import": 5.0, "certificates": 5.0, "backup": 2.5, "restore": 3.5,
             "migration": 4.0, "kiosk": 7.0, "checkin": 4.5}
MIN_DELAY = {"kiosk": 1.5, "certificates": 1.2, "checkin": 1.2}


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    completed: int = 0
    checked_writes: int = 0
    failures: list[str] = field(default_factory=list)


@dataclass
class Figures:
    tallies: dict[str, Tally]
    seconds: float

    @property
    def kills(self) -> int:
        return sum(t.killed for t in self.tallies.values())

    @property
    def failures(self) -> list[str]:
        return [f"{name}: {f}" for name, t in self.tallies.items() for f in t.failures]

    def table(self) -> str:
        lines = [f"{'scenario':<13}{'runs':>6}{'killed':>8}{'finished':>10}"
                 f"{'writes checked':>16}{'failures':>10}"]
        for name, t in self.tallies.items():
            lines.append(f"{name:<13}{t.runs:>6}{t.killed:>8}{t.completed:>10}"
                         f"{t.checked_writes:>16}{len(t.failures):>10}")
        total = Tally(sum(t.runs for t in self.tallies.values()), self.kills,
                      sum(t.completed for t in self.tallies.values()),
                      sum(t.checked_writes for t in self.tallies.values()))
        lines.append(f"{'total':<13}{total.runs:>6}{total.killed:>8}{total.completed:>10}"
                     f"{total.checked_writes:>16}{len(self.failures):>10}")
        lines.append(f"{self.seconds:.1f} s")
        return "\n".join(lines)


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


# --- the state a folder must keep ------------------------------------------------------------


def _rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def check_folder(root: Path, issued: dict[str, int]) -> list[str]:
    """The checks after every kill (see the module doc). `issued`: every certificate number
    ever seen in this folder -> its session; updated here."""
    from trainer_app.services.workspace.check import check_database
    from trainer_app.services.workspace.opening import open_workspace

    data_dir = DataDir(root, DataDirSource.ARGUMENT)
    problems: list[str] = []
    status = inspect_database(data_dir.db_path).status
    if status not in (DbStatus.OK, DbStatus.BEHIND):
        return [f"database unusable after the kill: {status}"]
    if list(root.glob("trainer.db.damaged-*")):
        problems.append("a database was moved aside")
    try:
        open_workspace(data_dir, daily_backup=False).close()  # the restart
    except Exception as exc:  # reported as a failure of the campaign
        return [f"the app could not open the folder again: {exc!r}"]
    report = check_database(data_dir)
    if not report.ok:
        problems.append("db check: " + "; ".join(f"{i.name}: {i.detail}" for i in report.items
                                                 if not i.ok))
    numbers = _rows(data_dir.db_path, "SELECT number, session_id, serial_year, serial_no "
                                      "FROM certificate")
    serials = [(y, n) for _num, _sid, y, n in numbers if y is not None]
    if len(serials) != len(set(serials)):
        problems.append("a certificate serial number was given twice")
    for number, session_id, _y, _n in numbers:
        known = issued.setdefault(str(number), int(session_id))  # type: ignore[call-overload]
        if known != session_id:
            problems.append(f"certificate number {number} reused for another session")
    return problems


# --- scenarios -------------------------------------------------------------------------------


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
    stored = _rows(folder.root / "trainer.db", "SELECT count(*) FROM person WHERE phone IN "
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
    stored = dict(_rows(folder.root / "trainer.db", "SELECT number, session_id FROM certificate"))
    problems = [f"certificate {number} reported issued but not stored"
                for _w, number, sid in reported if stored.get(number) != int(sid)]
    return outcome, problems, len(reported)


def scenario_checkin(folder: Folder, delay: float) -> tuple[Outcome, list[str], int]:
    outcome = run_and_kill([sys.executable, str(CHILDREN), "checkin", str(folder.root),
                            str(folder.run)], delay)
    reported = [line.split()[1:] for line in outcome.lines if line.startswith("checked ")]
    problems = []
    for sid, person in reported:
        row = _rows(folder.root / "trainer.db", "SELECT status FROM attendance WHERE "
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
        row = _rows(folder.root / "trainer.db",
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
    return int(_rows(db, "SELECT count(*) FROM person")[0][0])  # type: ignore[call-overload]


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
        revision = _rows(folder.root / "trainer.db", "SELECT version_num FROM alembic_version")
        from trainer_app.db.migrate import HEAD_REVISION

        if revision != [(HEAD_REVISION,)]:
            problems.append("migration reported done but the schema is not at head")
    return outcome, problems, 0 if outcome.killed else 1


RUNNERS: dict[str, Callable[[Folder, float], tuple[Outcome, list[str], int]]] = {
    "import": scenario_import, "certificates": scenario_certificates,
    "backup": scenario_backup, "restore": scenario_restore, "migration": scenario_migration,
    "kiosk": scenario_kiosk, "checkin": scenario_checkin,
}


def _prepare(template: Path, work: Path, name: str) -> Folder:
    folder = Folder(work / name)
    if name == "migration":
        return folder
    shutil.copytree(template, folder.root)
    if name == "kiosk":
        folder.extra["kiosk"] = _kiosk_session(folder.root)
    return folder


def _kiosk_session(root: Path) -> tuple[int, int, list[int]]:
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


def make_template(work: Path) -> Path:
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace

    template = work / "template"
    ws = open_workspace(DataDir(template, DataDirSource.ARGUMENT))
    try:
        fill_demo(ws, today=date(2026, 11, 20))
    finally:
        ws.close()
    return template


def run_campaign(kills: int, seed: int, work: Path,
                 scenarios: tuple[str, ...] = SCENARIOS,
                 say: Callable[[str], None] = lambda _line: None) -> Figures:
    """Kill until `kills` processes died by SIGKILL (spread over the scenarios in turn)."""
    rng = random.Random(seed)
    started = time.monotonic()
    template = make_template(work)
    folders = {name: _prepare(template, work, name) for name in scenarios}
    tallies = {name: Tally() for name in scenarios}
    turn = 0
    while sum(t.killed for t in tallies.values()) < kills and turn < kills * 4:
        name = scenarios[turn % len(scenarios)]
        turn += 1
        folder, tally = folders[name], tallies[name]
        folder.run += 1
        delay = rng.uniform(MIN_DELAY.get(name, 0.05), MAX_DELAY[name])
        outcome, problems, writes = RUNNERS[name](folder, delay)
        tally.runs += 1
        tally.killed += outcome.killed
        tally.completed += not outcome.killed
        tally.checked_writes += writes
        if not outcome.killed and outcome.returncode not in (0,) and name not in (
                "certificates", "checkin", "kiosk"):
            problems.append(f"ended with {outcome.returncode}: {outcome.stderr.strip()[-300:]}")
        problems += check_folder(folder.root, folder.issued)
        tally.failures += [f"run {folder.run} (kill after {delay:.2f} s): {p}"
                           for p in problems]
        say(f"{name:<13} run {folder.run:>3} {'killed' if outcome.killed else 'finished'} "
            f"after {delay:.2f} s, {writes} writes checked"
            + (f", FAILED: {problems}" if problems else ""))
    return Figures(tallies, time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args(argv)
    work = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="crash-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"crash campaign: {options.kills} kills, seed {options.seed}, in {work}")
    try:
        figures = run_campaign(options.kills, options.seed, work,
                               say=(lambda _l: None) if options.quiet else print)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(figures.table())
    for failure in figures.failures:
        print("FAILED", failure)
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
