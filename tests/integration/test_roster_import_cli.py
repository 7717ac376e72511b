"""`trainer-app roster import` as a script drives it: real processes, real data folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.fixtures.roster import make_fixtures as fx
from tests.helpers import table_dump

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"
MESSY = str(ROSTER / "messy_ward_list.xlsx")


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data),
                           "roster", "import", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def count_people(data: Path) -> int:
    conn = sqlite3.connect(data / "trainer.db")
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


def test_json_shape_dry_run_and_a_second_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    dry = run(data, MESSY, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert set(preview) == {"added", "merged", "skipped", "warnings"}
    assert (preview["added"], preview["merged"]) == (7, 2)
    assert count_people(data) == 0  # --dry-run stored nothing

    real = run(data, MESSY, "--json")
    assert real.returncode == 0, real.stderr
    stored = json.loads(real.stdout)
    assert stored["added"] == 7 and stored["merged"] == 2
    assert [s["row"] for s in stored["skipped"]] == sorted(fx.MESSY_BAD)
    assert all(isinstance(s["reason"], str) and s["reason"] for s in stored["skipped"])
    assert any(w.startswith("Dòng 13:") for w in stored["warnings"])  # the double, not added
    assert "Thiếu họ tên" in real.stdout  # ensure_ascii=False: Vietnamese as it is
    assert count_people(data) == 7

    before = table_dump(data / "trainer.db")["person"]
    again = json.loads(run(data, MESSY, "--json").stdout)
    assert again["added"] == 0
    assert table_dump(data / "trainer.db")["person"] == before


def test_text_output(tmp_path: Path) -> None:
    result = run(tmp_path / "data", str(ROSTER / "ward_utf8_bom.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Đã thêm 4 người, gộp 1 dòng")


def test_unusable_files_exit_2_with_one_vietnamese_line(tmp_path: Path) -> None:
    for name, words in [("encrypted.xlsx", "mật khẩu"), ("not_a_spreadsheet.pdf", "PDF"),
                        ("truncated.xlsx", "bị hỏng"), ("no_name_column.xlsx", "họ tên")]:
        result = run(tmp_path / "data", str(ROSTER / name), "--json")
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and name in lines[0] and words in lines[0], result.stderr
    wrong_sheet = run(tmp_path / "data", MESSY, "--sheet", "Tổ 9")
    assert wrong_sheet.returncode == 2 and "“DS CTV 2025”" in wrong_sheet.stderr
