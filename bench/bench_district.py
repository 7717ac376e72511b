"""30 stations × one year of exchange packages (each 50 sessions, 2,000 attendance rows,
4,000 attempts, 1,000 certificates), generated directly as signed packages, then:

* baseline: the raw cost of reading the packages' JSON — open each zip and ``json.loads``
  every member (no checks, no database);
* ours: ``import_packages`` of all 30 into an empty workspace (signature, sizes and SHA-256,
  typed rows, one transaction per package), the same again with newer exports replacing
  each station's year, then the district report: the figures
  (``build_district_report``, the period report's function once per station) and the PDF.

Targets (issue 16): all imported ≤ 10 s; the district report ≤ 3 s.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

STATIONS = 30
SESSIONS = 50
PER_SESSION = 40  # 2,000 attendance rows
PEOPLE = 700
CERTIFICATES = 1_000
HOODS = 30
IMPORT_TARGET_S = 10.0
REPORT_TARGET_S = 3.0


def _station_data(rng: random.Random) -> tuple[dict[str, Any], dict[str, int]]:
    start = date(2026, 1, 5)
    sessions = [{"id": i, "programme_id": 1, "title": f"Tập huấn bảo vệ trẻ em trên môi trường "
                 f"mạng, lớp {i}", "held_on": (start + timedelta(days=7 * (i - 1))).isoformat(),
                 "start_time": "08:00:00", "end_time": "11:00:00", "venue": "Hội trường",
                 "trainers": "BS. Nguyễn Thị Hồng", "status": "finished"}
                for i in range(1, SESSIONS + 1)]
    people = [{"id": i, "erased": False, "full_name": f"Nguyễn Thị Lan {i}",
               "gender": rng.choice(("female", "male")), "birth_year": rng.randint(1960, 1995),
               "neighbourhood_id": rng.randint(1, HOODS), "role": "CTV dân số"}
              for i in range(1, PEOPLE + 1)]
    attendance, attempts = [], []
    for s in sessions:
        for person in rng.sample(range(1, PEOPLE + 1), PER_SESSION):
            attendance.append({"id": len(attendance) + 1, "session_id": s["id"],
                               "person_id": person, "status": "present", "invited": True,
                               "walk_in": False})
            for phase, skill in (("pre", 0.45), ("post", 0.85)):
                marks = "".join("1" if rng.random() < skill else "0" for _ in range(10))
                score = marks.count("1") * 1.0
                attempts.append({
                    "id": len(attempts) + 1, "session_id": s["id"], "person_id": person,
                    "quiz_version_id": 1, "quiz": "bvte", "quiz_title": "Kiểm tra",
                    "phase": phase, "submitted_at": datetime.combine(
                        date.fromisoformat(s["held_on"]), dtime(9 if phase == "pre" else 11))
                    .isoformat(), "score": score, "passed": score >= 5, "answers": marks})
    passed = [a for a in attempts if a["phase"] == "post" and a["passed"]][:CERTIFICATES]
    certificates = [{"id": i, "number": f"{i:03d}/2026/GCN-TYT", "serial_year": 2026,
                     "serial_no": i, "person_id": a["person_id"], "session_id": a["session_id"],
                     "issued_on": sessions[a["session_id"] - 1]["held_on"], "revoked_on": None,
                     "revoked_reason": "", "check": f"{rng.randrange(10**12):012d}"}
                    for i, a in enumerate(passed, start=1)]
    data = {"programmes": [{"id": 1, "title": "Bảo vệ trẻ em trên môi trường mạng"}],
            "sessions": sessions, "attendance": attendance, "people": people,
            "attempts": attempts, "certificates": certificates,
            "neighbourhoods": [{"id": i, "number": i, "name": f"Khu phố {i}", "archived": False}
                               for i in range(1, HOODS + 1)],
            "erased": []}
    counts = {k: len(v) for k, v in data.items()}
    return data, counts


def make_packages(folder: Path, sequence: int = 1) -> list[Path]:
    from trainer_app.services.exchange.package import build_package

    rng = random.Random(16)
    paths = []
    for n in range(1, STATIONS + 1):
        data, counts = _station_data(rng)
        code = f"P{n:02d}"
        manifest = {"app_version": "bench", "station": {"code": code,
                                                        "name": f"TRẠM Y TẾ PHƯỜNG {n}"},
                    "period": {"start": "2026-01-01", "end": "2026-12-31", "label": "Năm 2026"},
                    "made_at": f"2027-01-0{4 + sequence}T08:00:00", "sequence": sequence,
                    "counts": counts,
                    "coverage": {}, "certificate_pattern": "{seq:03d}/{year}/GCN-TYT",
                    "certificate_marks": {"2026": CERTIFICATES}}
        path = folder / f"{code}-{sequence}.ctvpack"
        key = hashlib.sha256(f"bench key {code}".encode()).digest()  # the same each export
        path.write_bytes(build_package(manifest, data, key))
        paths.append(path)
    return paths


def raw_json(paths: list[Path]) -> int:
    rows = 0
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".json"):
                    value = json.loads(archive.read(name))
                    rows += len(value) if isinstance(value, list) else 1
    return rows


def main() -> bool:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.reports.typeface import register_fonts
    from trainer_app.services.exchange.district import build_district_report
    from trainer_app.services.exchange.district_files import write_district_report
    from trainer_app.services.exchange.importer import import_packages
    from trainer_app.services.reporting.period_report import year_period
    from trainer_app.services.workspace.opening import open_workspace

    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = make_packages(folder)
        size = sum(p.stat().st_size for p in paths)
        print(f"data: {STATIONS} packages, {size / 1024 / 1024:.1f} MB (made in "
              f"{time.perf_counter() - start:.1f} s)")
        start = time.perf_counter()
        rows = raw_json(paths)
        base = time.perf_counter() - start
        print(f"raw JSON read      {base:6.2f} s ({rows:,} rows)")
        workspace = open_workspace(DataDir(folder / "centre", DataDirSource.ARGUMENT))
        try:
            start = time.perf_counter()
            report = import_packages(workspace.session_factory, paths)
            imported = time.perf_counter() - start
            assert report.ok and len(report.imported) == STATIONS, report.refused
            ok_import = imported <= IMPORT_TARGET_S
            print(f"import all         {imported:6.2f} s ({imported / base:4.1f}× raw JSON): "
                  f"{'OK' if ok_import else 'TOO SLOW'} (target ≤ {IMPORT_TARGET_S:.0f} s)")
            newer = make_packages(folder, sequence=2)
            start = time.perf_counter()
            again = import_packages(workspace.session_factory, newer)
            replaced = time.perf_counter() - start
            assert all(i.replaced for i in again.imported) and len(again.imported) == STATIONS
            ok_import = ok_import and replaced <= IMPORT_TARGET_S
            print(f"newer exports      {replaced:6.2f} s ({replaced / base:4.1f}× raw JSON): "
                  f"every station's year replaced")
            period = year_period(2026)
            start = time.perf_counter()
            district = build_district_report(workspace.session_factory, period)
            figures = time.perf_counter() - start
            assert len(district.stations) == STATIONS
            assert district.stations[0].sessions == SESSIONS
            start = time.perf_counter()
            write_district_report(workspace.session_factory, period, folder / "d.pdf")
            pdf = time.perf_counter() - start
            ok_report = pdf <= REPORT_TARGET_S
            print(f"district figures   {figures:6.2f} s ({figures / base:4.1f}× raw JSON): "
                  f"{district.total.people:,} people, pass rate "
                  f"{district.total.pass_rate:.3f}")
            print(f"district PDF       {pdf:6.2f} s ({pdf / base:4.1f}× raw JSON): "
                  f"{'OK' if ok_report else 'TOO SLOW'} (target ≤ {REPORT_TARGET_S:.0f} s)")
        finally:
            workspace.close()
    return ok_import and ok_report


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(0 if main() else 1)
