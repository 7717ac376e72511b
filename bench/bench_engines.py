"""The same work on SQLite and on PostgreSQL, side by side in one run (issue 17): a station's
workspace on the laptop's file and the same data copied (``db copy``) into a throwaway local
PostgreSQL cluster, then

* roster search as you type among 5,000 people (``list_people`` per keystroke);
* the period report's figures over a year of 500 sessions and 25,000 attendance rows
  (``build_period_report``);
* the district benchmark's work (``bench_district``): 30 stations' yearly packages imported
  into an empty centre workspace, then the district figures.

Target: PostgreSQL within 2× SQLite on the same machine. Needs Debian's ``postgresql`` and
the ``postgres`` extra (the test set-up installs both).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0
TYPED = ("nguyen thi lan", "lan", "thuý", "0912 345")


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def _measure(factory: object) -> dict[str, float]:
    from trainer_app.services.reporting.period_report import build_period_report, year_period
    from trainer_app.services.roster.service import list_people

    searches = [typed[:i] for typed in TYPED for i in range(1, len(typed) + 1)]
    list_people(factory)  # type: ignore[arg-type]  # sort keys cached once, as in the app
    keystroke, _ = _timed(lambda: [list_people(factory, search=s)  # type: ignore[arg-type]
                                   for s in searches], 3)
    report, figures = _timed(lambda: build_period_report(factory,  # type: ignore[arg-type]
                                                         year_period(2026)), 3)
    return {"keystroke": keystroke / len(searches), "report": report,
            "people": float(figures.people)}  # type: ignore[attr-defined]


def _district(centre: object, packages: list[Path]) -> dict[str, float]:
    from trainer_app.services.exchange.district import build_district_report
    from trainer_app.services.exchange.importer import import_packages
    from trainer_app.services.reporting.period_report import year_period
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(centre, daily_backup=False)  # type: ignore[arg-type]
    try:
        start = time.perf_counter()
        report = import_packages(workspace.session_factory, packages)
        imported = time.perf_counter() - start
        assert report.ok and len(report.imported) == len(packages), report.refused
        seconds, district = _timed(lambda: build_district_report(workspace.session_factory,
                                                                 year_period(2026)), 2)
    finally:
        workspace.close()
    return {"district_import": imported, "district_report": seconds,
            "district_people": float(district.total.people)}  # type: ignore[attr-defined]


def main() -> bool:
    sys.path.insert(0, str(ROOT))
    from bench.bench_district import make_packages
    from bench.bench_roster_search import _fill
    from bench.report_data import fill_year
    from tests.pg_cluster import PgCluster, missing_capability
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.workspace.db_copy import copy_to_server
    from trainer_app.services.workspace.opening import open_workspace

    reason = missing_capability()
    if reason:
        print(f"skipped: {reason}")
        return True
    cluster = PgCluster.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            local = DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT)
            workspace = open_workspace(local, daily_backup=False)
            _fill(workspace.session_factory)
            fill_year(workspace.session_factory, year=2026, sessions=500, per_session=50)
            workspace.close()
            url = cluster.create_database("bench")
            start = time.perf_counter()
            copied = copy_to_server(local, url)
            print(f"db copy to PostgreSQL: {copied.rows:,} rows in "
                  f"{time.perf_counter() - start:.1f} s (verified by checksums)")
            results = {}
            for name, folder in (("sqlite", local),
                                 ("postgres", DataDir(local.root, local.source, url))):
                opened = open_workspace(folder, daily_backup=False)
                try:
                    results[name] = _measure(opened.session_factory)
                finally:
                    opened.close()
            (Path(tmp) / "packages").mkdir()
            packages = make_packages(Path(tmp) / "packages")
            for name in ("sqlite", "postgres"):
                centre = DataDir(Path(tmp) / f"centre-{name}", DataDirSource.ARGUMENT,
                                 cluster.create_database("centre") if name == "postgres"
                                 else None)
                results[name].update(_district(centre, packages))
    finally:
        cluster.stop()
    assert results["sqlite"]["people"] == results["postgres"]["people"]
    assert results["sqlite"]["district_people"] == results["postgres"]["district_people"]
    ok = True
    for key, label in (("keystroke", "roster search, per keystroke"),
                       ("report", "period report figures, a year"),
                       ("district_import", "district: import 30 packages"),
                       ("district_report", "district: the figures")):
        lite, pg = results["sqlite"][key], results["postgres"][key]
        within = pg <= TARGET * lite
        ok = ok and within
        print(f"{label:32} SQLite {lite * 1000:8.1f} ms  PostgreSQL {pg * 1000:8.1f} ms "
              f"({pg / lite:4.2f}×) {'OK' if within else 'TOO SLOW'} (target ≤ {TARGET:.0f}×)")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
