"""Finding 5 of issue 14: a small XLSX must not exhaust memory. Every zip the app reads
goes through the capped zip reader; a refused workbook exits 2 with a message naming the
file, in bounded memory (peak RSS of the real CLI process measured) and time."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bombs import sheet_with_rows
from trainer_app.tabular import SpreadsheetError, read_table

PEAK_RSS_LIMIT_MB = 300
TIME_LIMIT_S = 30

_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[2:], capture_output=True, text=True,
                      timeout=float(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB on Linux
print(repr((done.returncode, done.stdout, done.stderr, peak)))
"""


def run_measured(data: Path, *args: str) -> tuple[int, str, float]:
    """(exit code, output, peak RSS in MB) of one CLI run, measured in its own parent so
    no other child of the test process counts."""
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    command = [sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args]
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(TIME_LIMIT_S * 3),
                           *command], capture_output=True,
                          text=True, env=env, timeout=TIME_LIMIT_S * 4)
    code, out, err, peak_kb = ast.literal_eval(done.stdout)
    return code, out + err, peak_kb / 1024


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in kB is Linux's unit")
def test_bomb_workbook_refused_by_cli_in_bounded_memory(tmp_path: Path) -> None:
    # 600,000 rows unpack to ~47 MB of sheet XML from a file of a few hundred kB; the old
    # reader took > 1 GB for a file like this (3.4 GB for 3,000,000 rows).
    bomb = sheet_with_rows(tmp_path / "danh sach.xlsx", 600_000)
    assert bomb.stat().st_size < 500_000
    started = time.monotonic()
    code, output, peak_mb = run_measured(tmp_path / "data", "roster", "import", str(bomb),
                                         "--dry-run")
    elapsed = time.monotonic() - started
    assert code == 2, output
    assert "danh sach.xlsx" in output and "20 MB" in output, output
    assert "Lỗi không mong muốn" not in output
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < TIME_LIMIT_S


def test_too_many_rows_refused(tmp_path: Path) -> None:
    # 60,000 rows: ~4.7 MB of XML, inside the member limit, over the row limit.
    path = sheet_with_rows(tmp_path / "dai.xlsx", 60_000)
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path)
    assert caught.value.code == "too_large"
    assert "dai.xlsx" in caught.value.message and "50.000 dòng" in caught.value.message


def test_too_many_members_refused(tmp_path: Path) -> None:
    path = sheet_with_rows(tmp_path / "nhieu.xlsx", 3, extra_members=210)
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path)
    assert caught.value.code == "too_large"
    assert "nhieu.xlsx" in caught.value.message and "200" in caught.value.message


def test_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    path = sheet_with_rows(tmp_path / "ok.xlsx", 2_000, extra_members=5)
    table = read_table(path)
    assert len(table.rows) == 2_001
    assert table.rows[1].values == ("Nguyen Van An", 1980)


def test_cli_json_reports_the_refusal(tmp_path: Path) -> None:
    bomb = sheet_with_rows(tmp_path / "b.xlsx", 300_000)
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    done = subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir",
                           str(tmp_path / "data"), "roster", "import", str(bomb), "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    text = done.stdout + done.stderr
    assert "b.xlsx" in text, text
    if done.stdout.strip():
        json.loads(done.stdout)


def test_csv_over_the_limits_refused(tmp_path: Path) -> None:
    long = tmp_path / "dai.csv"
    long.write_text("Họ và tên\n" + "Nguyễn Văn An\n" * 50_001, encoding="utf-8")
    with pytest.raises(SpreadsheetError) as caught:
        read_table(long)
    assert caught.value.code == "too_large" and "dai.csv" in caught.value.message
    big = tmp_path / "lon.csv"
    with big.open("wb") as handle:
        handle.write(("Họ và tên," + "x" * 1000 + "\n").encode() * 21_000)
    with pytest.raises(SpreadsheetError) as caught:
        read_table(big)
    assert caught.value.code == "too_large" and "20 MB" in caught.value.message
