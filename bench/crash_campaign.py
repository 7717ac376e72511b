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
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.crash_scenarios import (  # noqa: E402
    RUNNERS,
    Folder,
    db_rows,
    kiosk_session,
)
from trainer_app.datadir import DataDir, DataDirSource  # noqa: E402
from trainer_app.db.health import DbStatus, inspect_database  # noqa: E402

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


# --- the state a folder must keep ------------------------------------------------------------


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
    numbers = db_rows(data_dir.db_path, "SELECT number, session_id, serial_year, serial_no "
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


def _prepare(template: Path, work: Path, name: str) -> Folder:
    folder = Folder(work / name)
    if name == "migration":
        return folder
    shutil.copytree(template, folder.root)
    if name == "kiosk":
        folder.extra["kiosk"] = kiosk_session(folder.root)
    return folder


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
