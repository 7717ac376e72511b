"""Import of 5,000 collaborators from an XLSX file (plan + commit), beside openpyxl merely
reading the same file in read-only mode, measured in the same run.

The file is the benchmark list of tests/fixtures/roster/make_fixtures.py: a title row, a
header, 5,000 distinct people with phones in mixed styles. Each import runs on a fresh
database. Target (issue 3): under 5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROWS = 5_000
RUNS = 3
TARGET_SECONDS = 5.0


def _read_only_baseline(path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert count >= ROWS
    return time.perf_counter() - start


def _import(path: Path, data: Path) -> tuple[float, float]:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.roster.importer import commit_import, plan_import
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(DataDir(data, DataDirSource.ARGUMENT), daily_backup=False)
    try:
        start = time.perf_counter()
        plan = plan_import(workspace.session_factory, path)
        planned = time.perf_counter()
        result = commit_import(workspace.session_factory, plan)
        done = time.perf_counter()
    finally:
        workspace.close()
    assert result.added == ROWS, result
    return planned - start, done - start


def measure() -> tuple[float, float, float]:
    from tests.fixtures.roster.make_fixtures import write_big_list

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ctv_5000.xlsx"
        write_big_list(path, ROWS)
        _read_only_baseline(path)  # warm the file cache and imports
        baseline, plans, totals = [], [], []
        for run in range(RUNS):  # interleaved so that machine noise hits both alike
            baseline.append(_read_only_baseline(path))
            plan, total = _import(path, Path(tmp) / f"data{run}")
            plans.append(plan)
            totals.append(total)
    return statistics.median(baseline), statistics.median(plans), statistics.median(totals)


def main() -> bool:
    baseline, plan, total = measure()
    print(f"openpyxl read-only read   : {baseline * 1000:7.0f} ms ({ROWS} rows, median of {RUNS})")
    print(f"plan_import (read+check)  : {plan * 1000:7.0f} ms  ({plan / baseline:.1f}× the read)")
    verdict = "OK" if total < TARGET_SECONDS else "TOO SLOW"
    print(f"plan + commit_import      : {total * 1000:7.0f} ms  ({total / baseline:.1f}× the "
          f"read; target < {TARGET_SECONDS:.0f} s) {verdict}")
    return total < TARGET_SECONDS


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(0 if main() else 1)
