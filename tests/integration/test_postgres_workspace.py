"""A workspace on PostgreSQL: the CLI runs unchanged there, bad addresses and servers get a
Vietnamese message and change nothing, db check, pg_dump backups, and moving a workspace
between SQLite and PostgreSQL (db copy) both ways."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_cluster import PgCluster

ROOT = Path(__file__).resolve().parents[2]


def cli(data: Path, *args: str, url: str | None = None,
        path_extra: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TRAINER_APP_DATABASE_URL", None)
    if path_extra:
        env["PATH"] = path_extra + os.pathsep + env["PATH"]
    command = [sys.executable, "-m", "trainer_app", "--data-dir", str(data)]
    if url:
        command += ["--database-url", url]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_demo_and_session_day_give_the_same_results_on_both_engines(
        pg_url: str, tmp_path: Path) -> None:
    shown = {}
    for name, url in (("sqlite", None), ("postgres", pg_url)):
        folder = tmp_path / name
        assert cli(folder, "demo", url=url).returncode == 0
        day = cli(folder, "session", "create", "--date", "2026-12-20", "--invite-neighbourhood",
                  "6,8,12,13,21,22,27,30", "--json", url=url)
        assert day.returncode == 0, day.stderr
        created = json.loads(day.stdout)
        assert created["invited"] > 3
        rows = cli(folder, "attendance", "rows", str(created["session"]), "1 2", url=url)
        assert rows.returncode == 0, rows.stderr
        show = cli(folder, "session", "show", "1", "--json", url=url)
        assert show.returncode == 0, show.stderr
        listing = cli(folder, "roster", "list", "--search", "lan", "--json", url=url)
        period = cli(folder, "report", "period", "--year", "2026", "--out",
                     str(folder / "q.xlsx"), "--json", url=url)
        assert period.returncode == 0, period.stderr
        shown[name] = (json.loads(show.stdout), json.loads(listing.stdout),
                       json.loads(period.stdout).get("figures", json.loads(period.stdout)))
    assert shown["postgres"][0] == shown["sqlite"][0]
    assert shown["postgres"][1] == shown["sqlite"][1]
    assert [p["id"] for p in shown["sqlite"][1]] != []
    figures_sqlite = {k: v for k, v in shown["sqlite"][2].items() if k not in ("file", "out")}
    figures_pg = {k: v for k, v in shown["postgres"][2].items() if k not in ("file", "out")}
    assert figures_pg == figures_sqlite


@pytest.mark.parametrize("url, words", [
    ("sqlite:///x.db", "không phải PostgreSQL"),
    ("postgresql://someone@localhost:99999/x", "không hợp lệ"),
    ("postgresql://someone@localhost:5432", "thiếu tên cơ sở dữ liệu"),
])
def test_bad_urls_are_refused_before_connecting(url: str, words: str, tmp_path: Path) -> None:
    result = cli(tmp_path / "d", "roster", "list", url=url)
    assert result.returncode == 2
    assert words in result.stderr
    assert not (tmp_path / "d" / "trainer.db").exists()


def test_server_down_wrong_password_missing_database(pg_cluster: PgCluster,
                                                     tmp_path: Path) -> None:
    down = f"postgresql://postgres@/x?host={pg_cluster.root}&port=1"
    result = cli(tmp_path / "a", "roster", "list", url=down)
    assert result.returncode == 2 and "Không kết nối được máy chủ" in result.stderr
    pg_cluster.execute("DROP ROLE IF EXISTS pw_user")
    pg_cluster.execute("CREATE ROLE pw_user LOGIN PASSWORD 'right-one'")
    pg_cluster.create_database("pw_db")
    wrong = (f"postgresql://pw_user:wrong-one@/pw_db?host={pg_cluster.root}"
             f"&port={pg_cluster.port}")
    result = cli(tmp_path / "b", "roster", "list", url=wrong)
    assert result.returncode == 2 and "sai tên người dùng hoặc mật khẩu" in result.stderr
    assert "wrong-one" not in result.stderr  # the password is never shown
    missing = pg_cluster.url("no_such_db")
    result = cli(tmp_path / "c", "roster", "list", url=missing)
    assert result.returncode == 2 and "chưa có cơ sở dữ liệu" in result.stderr


def test_other_applications_database_and_newer_schema_are_left_alone(
        pg_cluster: PgCluster, tmp_path: Path) -> None:
    other = pg_cluster.create_database("other_app")
    pg_cluster.execute("CREATE TABLE invoices (id int primary key)", "other_app")
    result = cli(tmp_path / "a", "roster", "list", url=other)
    assert result.returncode == 2 and "chương trình khác" in result.stderr
    newer = pg_cluster.create_database("newer_app")
    pg_cluster.execute("CREATE TABLE alembic_version (version_num varchar(32) primary key);"
                       "INSERT INTO alembic_version VALUES ('9999')", "newer_app")
    result = cli(tmp_path / "b", "roster", "list", url=newer)
    assert result.returncode == 2 and "phiên bản ứng dụng mới hơn" in result.stderr
    import psycopg

    with psycopg.connect(host=str(pg_cluster.root), port=pg_cluster.port, user="postgres",
                         dbname="other_app") as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname='public'")]
    assert tables == ["invoices"]


def test_db_check_backup_and_restore_on_the_server(pg_url: str, pg_cluster: PgCluster,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "d"
    tools = str(pg_cluster.bindir)
    assert cli(folder, "demo", url=pg_url).returncode == 0
    check = cli(folder, "db", "check", "--json", url=pg_url)
    assert check.returncode == 0, check.stdout
    report = json.loads(check.stdout)
    assert report["ok"] and report["counts"]["person"] == 40
    assert report["foreign_keys_enforced"] is True
    made = cli(folder, "backup", "create", "--json", url=pg_url, path_extra=tools)
    assert made.returncode == 0, made.stderr
    assert cli(folder, "roster", "erase", "5", "--yes", url=pg_url).returncode == 0
    restored = cli(folder, "backup", "restore", json.loads(made.stdout)["backup"],
                   url=pg_url, path_extra=tools)
    assert restored.returncode == 0, restored.stderr
    person = json.loads(cli(folder, "roster", "list", "--json", url=pg_url).stdout)
    assert 5 in [p["id"] for p in person]
    # A dump holding a function of someone else's is refused, and changes nothing.
    from sqlalchemy.engine import make_url

    name = make_url(pg_url).database or ""
    pg_cluster.execute("CREATE FUNCTION sneaky() RETURNS trigger AS $$ BEGIN RETURN NEW; END "
                       "$$ LANGUAGE plpgsql", name)
    bad = cli(folder, "backup", "create", "--json", url=pg_url, path_extra=tools)
    refused = cli(folder, "backup", "restore", json.loads(bad.stdout)["backup"], url=pg_url,
                  path_extra=tools)
    assert refused.returncode == 2 and "FUNCTION sneaky" in refused.stderr


def test_copy_to_the_server_and_back(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "station"
    assert cli(source, "demo").returncode == 0
    moved = cli(source, "db", "copy", "--to", pg_url, "--json")
    assert moved.returncode == 0, moved.stderr
    result = json.loads(moved.stdout)
    assert result["rows"] > 100
    on_server = json.loads(cli(tmp_path / "x", "session", "show", "1", "--json",
                               url=pg_url).stdout)
    on_file = json.loads(cli(source, "session", "show", "1", "--json").stdout)
    assert on_server == on_file
    # the sequences were reset: a new person gets the next id, not a clash
    created = cli(tmp_path / "x", "session", "create", "--date", "2027-01-05", "--json",
                  url=pg_url)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["session"] == 3
    again = cli(source, "db", "copy", "--to", pg_url)
    assert again.returncode == 2 and "không trống" in again.stderr
    back = tmp_path / "back"
    returned = cli(back, "db", "copy", "--from", pg_url, "--json")
    assert returned.returncode == 0, returned.stderr
    sums = {t["table"]: t["checksum"] for t in json.loads(returned.stdout)["tables"]}
    assert sums["person"] == {t["table"]: t["checksum"] for t in result["tables"]}["person"]
    assert json.loads(cli(back, "session", "show", "3", "--json").stdout)["id"] == 3


def test_rows_the_server_would_refuse_are_named_and_nothing_is_written(
        pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "station"
    assert cli(source, "demo").returncode == 0
    conn = sqlite3.connect(source / "trainer.db")
    conn.execute("UPDATE person SET notes = 'a' || char(0) || 'b' WHERE id = 3")
    conn.execute("UPDATE person SET phone = '" + "9" * 40 + "' WHERE id = 4")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE attendance SET person_id = 9999 WHERE id = (SELECT min(id) FROM "
                 "attendance)")
    conn.commit()
    conn.close()
    refused = cli(source, "db", "copy", "--to", pg_url)
    assert refused.returncode == 2
    assert "bảng person, dòng id=3, cột notes: chứa ký tự NUL" in refused.stderr
    assert "bảng person, dòng id=4, cột phone" in refused.stderr
    assert "trỏ tới person số 9999 không tồn tại" in refused.stderr
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(pg_url)
    with psycopg.connect(host=parsed.query["host"], port=int(parsed.query["port"]),
                         user="postgres", dbname=parsed.database) as conn2:
        tables = conn2.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'")
        assert tables.fetchone()[0] == 0


def test_erasure_on_the_server_vacuums_and_lists_older_dumps(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    tools = str(pg_cluster.bindir)
    assert cli(folder, "demo", url=pg_url).returncode == 0
    made = cli(folder, "backup", "create", "--json", url=pg_url, path_extra=tools)
    assert made.returncode == 0, made.stderr
    dump = Path(json.loads(made.stdout)["backup"]).name
    erased = cli(folder, "roster", "erase", "7", "--yes", url=pg_url)
    assert erased.returncode == 0, erased.stderr
    assert "pg_dump" in erased.stdout and dump in erased.stdout
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(pg_url)
    with psycopg.connect(host=parsed.query["host"], port=int(parsed.query["port"]),
                         user="postgres", dbname=parsed.database) as conn:
        vacuumed = conn.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = "
                                "'person'").fetchone()
        name = conn.execute("SELECT full_name, phone FROM person WHERE id = 7").fetchone()
    assert vacuumed is not None and vacuumed[0] is not None
    assert name is not None and name[1] in (None, "")
