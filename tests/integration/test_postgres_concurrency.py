"""Several officers at once on one PostgreSQL database, as real processes: certificate numbers
are never handed out twice, and a person checked in from two desks has one attendance row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]


def _start(data: Path, url: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "trainer_app", "--data-dir", str(data),
                             "--database-url", url, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    parsed = make_url(url)
    with psycopg.connect(host=parsed.query["host"], port=int(parsed.query["port"]),
                         user="postgres", dbname=parsed.database) as conn:
        return list(conn.execute(sql))  # type: ignore[arg-type]


def test_concurrent_certificate_issuing_never_reuses_a_number(pg_url: str,
                                                              tmp_path: Path) -> None:
    setup = _start(tmp_path / "d0", pg_url, "demo")
    assert setup.wait(timeout=300) == 0, setup.stderr.read() if setup.stderr else ""
    _rows(pg_url, "DELETE FROM certificate RETURNING id")  # the demo's, issued without numbers
    desks = [_start(tmp_path / f"d{n}", pg_url, "certificates", "1", "--out",
                    str(tmp_path / f"gcn{n}.pdf"), "--date", "2026-11-20", "--json")
             for n in range(1, 5)]
    outcomes = []
    for desk in desks:
        _out, err = desk.communicate(timeout=300)
        outcomes.append((desk.returncode, err))
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    rows = _rows(pg_url, "SELECT number, serial_year, serial_no FROM certificate ORDER BY 3")
    numbers = [r[0] for r in rows]
    assert len(numbers) == len(set(numbers)) > 20
    assert [r[2] for r in rows] == list(range(1, len(rows) + 1))  # one sequence, no gap


def test_one_person_checked_in_from_two_desks_has_one_row(pg_url: str, tmp_path: Path) -> None:
    setup = _start(tmp_path / "d0", pg_url, "demo")
    assert setup.wait(timeout=300) == 0
    walk_in = _rows(pg_url, "SELECT min(id) FROM person WHERE id NOT IN (SELECT person_id FROM "
                            "attendance WHERE session_id = 2)")[0][0]
    assert walk_in is not None
    desks = [_start(tmp_path / f"d{n}", pg_url, "attendance", "mark", "2", str(walk_in),
                    "--status", "present") for n in range(1, 5)]
    codes = [desk.wait(timeout=300) for desk in desks]
    errors = [desk.stderr.read() if desk.stderr else "" for desk in desks]
    assert codes == [0, 0, 0, 0], errors
    count = _rows(pg_url, f"SELECT count(*) FROM attendance WHERE session_id = 2 AND "
                          f"person_id = {int(walk_in)}")[0][0]
    assert count == 1
    numbers = [r[0] for r in _rows(pg_url, "SELECT sheet_row FROM attendance WHERE "
                                           "session_id = 2 ORDER BY 1")]
    assert numbers == list(range(1, len(numbers) + 1)) or all(n is None for n in numbers)



def test_the_same_package_imported_at_once_is_stored_once(pg_url: str, tmp_path: Path) -> None:
    from tests.integration.exchange_helpers import Q4, make_station, opened
    from trainer_app.services.exchange.export import export_package

    station = make_station(tmp_path / "a", "TA", "TRẠM Y TẾ PHƯỜNG AN")
    with opened(station) as ws:
        export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "a.ctvpack")
    officers = [_start(tmp_path / f"d{n}", pg_url, "exchange", "import",
                       str(tmp_path / "a.ctvpack"), "--json") for n in range(3)]
    outcomes = []
    for officer in officers:
        out, err = officer.communicate(timeout=300)
        assert officer.returncode == 0, err
        outcomes.append(json.loads(out))
    assert sorted(len(o["imported"]) for o in outcomes) == [0, 0, 1]
    assert sum(len(o["unchanged"]) for o in outcomes) == 2
    assert _rows(pg_url, "SELECT count(*) FROM xch_package")[0][0] == 1
    assert _rows(pg_url, "SELECT count(*) FROM xch_station")[0][0] == 1
