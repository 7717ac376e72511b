"""`trainer-app roster list / export / undo / erase` as a script drives them: real
processes on real data folders; JSON shapes, exit codes, one Vietnamese line on errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from trainer_app.domain.vntext import name_sort_key, search_key

ROW_KEYS = {"id", "full_name", "gender", "gender_label", "birth_year", "phone",
            "neighbourhood_id", "neighbourhood_number", "neighbourhood_name", "role_id",
            "role_name", "unit", "notes", "archived", "consent_date", "consent_method",
            "sessions_attended", "certificates"}


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli") / "data"
    assert run(data, "demo").returncode == 0
    return data


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_list_json(demo: Path) -> None:
    result = run(demo, "roster", "list", "--json")
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert len(people) == 40
    assert all(set(p) == ROW_KEYS for p in people)
    names = [p["full_name"] for p in people]
    assert names == sorted(names, key=name_sort_key)
    first = people[0]
    assert isinstance(first["id"], int) and isinstance(first["archived"], bool)
    assert first["consent_date"] is None or len(first["consent_date"]) == 10  # YYYY-MM-DD
    assert "ễ" in result.stdout or "ị" in result.stdout  # not \\u escapes
    conn = sqlite3.connect(demo / "trainer.db")
    try:
        stored = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, full_name, phone, birth_year FROM person")}
    finally:
        conn.close()
    assert {p["id"]: (p["full_name"], p["phone"], p["birth_year"]) for p in people} == stored


def test_list_search_by_name_and_phone(demo: Path) -> None:
    everyone = json.loads(run(demo, "roster", "list", "--json").stdout)
    target = next(p for p in everyone if p["phone"])
    family = target["full_name"].split()[0]
    folded = run(demo, "roster", "list", "--search", family.upper(), "--json")
    found = json.loads(folded.stdout)
    assert target["id"] in [p["id"] for p in found]
    assert all(search_key(family) in search_key(p["full_name"]) for p in found)
    assert len(found) < len(everyone)
    digits = target["phone"][3:8]
    by_phone = json.loads(run(demo, "roster", "list", "--search", digits[:3] + " " + digits[3:],
                              "--json").stdout)
    assert target["id"] in [p["id"] for p in by_phone]
    assert all(digits in p["phone"] for p in by_phone)
    nobody = run(demo, "roster", "list", "--search", "zzzz")
    assert nobody.returncode == 0 and nobody.stdout.strip() == "Không tìm thấy ai."


def test_list_text_is_aligned(demo: Path) -> None:
    result = run(demo, "roster", "list")
    assert result.returncode == 0
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines[0].startswith("Mã") and "Họ và tên" in lines[0] and "Điện thoại" in lines[0]
    assert lines[-1] == "(40 người)"
    column = lines[0].index("Họ và tên")
    phone_column = lines[0].index("Điện thoại")
    for line in lines[1:-1]:
        assert line[column - 2:column] == "  " and line[column] != " "
        assert line[phone_column - 2:phone_column] == "  "
        assert line[phone_column] in "0 "


def test_export(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "ds.xlsx"
    result = run(demo, "roster", "export", str(target), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"file": str(target), "people": 40}
    ws = load_workbook(target).active
    assert ws.max_row == 41 and ws["B1"].value == "Họ và tên"
    text = run(demo, "roster", "export", str(tmp_path / "b.xlsx"))
    assert text.returncode == 0 and text.stdout.startswith("Đã xuất 40 người")


@pytest.mark.parametrize(("args", "message"), [
    (("roster", "export", "ds.csv"), "Tên tệp xuất phải có đuôi .xlsx"),
    (("roster", "export", "/khong/co/thu/muc/ds.xlsx"), "Không có thư mục"),
    (("roster", "undo", "999"), "Không tìm thấy lần nhập danh sách số 999."),
    (("roster", "undo", "abc"), "Lỗi cú pháp lệnh"),
    (("roster", "erase", "5"), "Thêm --yes để xác nhận"),
    (("roster", "erase", "99999", "--yes"), "Không tìm thấy cộng tác viên mã 99999."),
])
def test_errors_exit_2_with_one_vietnamese_line(demo: Path, args: tuple[str, ...],
                                               message: str) -> None:
    result = run(demo, *args)
    assert result.returncode == 2
    assert message in one_error_line(result)
    assert result.stdout == ""


def test_import_then_undo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    csv = tmp_path / "ds.csv"
    csv.write_text("Họ và tên,Số điện thoại\nLê Thị Một,0909000001\nLê Thị Hai,0909000002\n",
                   encoding="utf-8")
    assert run(data, "roster", "import", str(csv), "--json").returncode == 0
    assert len(json.loads(run(data, "roster", "list", "--json").stdout)) == 2
    undone = run(data, "roster", "undo", "1", "--json")
    assert undone.returncode == 0, undone.stderr
    assert json.loads(undone.stdout) == {"batch_id": 1, "removed": 2, "restored": 0,
                                         "warnings": []}
    assert json.loads(run(data, "roster", "list", "--json").stdout) == []
    again = run(data, "roster", "undo", "1")
    assert again.returncode == 2 and "đã được hoàn tác rồi" in one_error_line(again)


def test_erase(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").returncode == 0
    people = json.loads(run(data, "roster", "list", "--json").stdout)
    target = max(people, key=lambda p: p["sessions_attended"])
    result = run(data, "roster", "erase", str(target["id"]), "--yes", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"person_id", "attempts_detached", "certificates_detached",
                           "attendance_kept", "import_records_cleaned", "merged_records_erased",
                           "backups_scrubbed", "backups_kept", "on_server"}
    assert report["on_server"] is False
    assert report["person_id"] == target["id"] and report["attempts_detached"] > 0
    after = json.loads(run(data, "roster", "list", "--json").stdout)
    assert target["id"] not in [p["id"] for p in after] and len(after) == 39
    conn = sqlite3.connect(data / "trainer.db")
    try:
        dump = repr(conn.execute("SELECT * FROM person").fetchall())
    finally:
        conn.close()
    assert target["full_name"] not in dump and target["phone"] not in dump
