"""The Tổng quan figures over years of data, beside the raw SQL aggregate measured in the
same run.

A fresh workspace gets 5,000 collaborators over the 75 khu phố, 2,000 held sessions over
five years and 100,000 attendance rows, with pre/post attempts for the last sessions.

* ours: ``dashboard_service.dashboard(factory)`` — everything the page shows (quarter
  figures, coverage of every khu phố, pass rate and gain of the last 12 sessions, DTOs);
* baseline: one bare ``sqlite3`` query counting distinct people trained per khu phố.

Target (issue 8): the dashboard's figures within 0.3 s.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PEOPLE, SESSIONS, ATTENDANCE = 5_000, 2_000, 100_000
TARGET_S = 0.3
RUNS = 5


def _fill(factory: object) -> None:
    from sqlalchemy import insert

    from trainer_app.db.models import Attempt, Attendance, Person, TrainingSession
    from trainer_app.services.roster import service as roster_service

    rng = random.Random(8)
    hoods = [n.id for n in roster_service.list_neighbourhoods(factory)]  # type: ignore[arg-type]
    with factory.begin() as session:  # type: ignore[attr-defined]
        session.execute(insert(Person), [
            {"full_name": f"Người {i}", "search_key": f"nguoi {i}",
             "neighbourhood_id": rng.choice(hoods)} for i in range(PEOPLE)])
        start = date.today() - timedelta(days=5 * 365)
        session.execute(insert(TrainingSession), [
            {"title": f"Buổi {i}", "held_on": start + timedelta(days=i * 5 * 365 // SESSIONS),
             "status": "finished"} for i in range(SESSIONS)])
        per = ATTENDANCE // SESSIONS
        rows = []
        for s in range(1, SESSIONS + 1):
            for p in rng.sample(range(1, PEOPLE + 1), per):
                rows.append({"session_id": s, "person_id": p,
                             "status": rng.choice(("present", "late", "absent"))})
        session.execute(insert(Attendance), rows)
        version = _version(session)
        attempts = []
        for s in range(SESSIONS - 12, SESSIONS + 1):
            for p in range(1, 41):
                for phase in ("pre", "post"):
                    score = rng.randint(0, 10)
                    attempts.append({"session_id": s, "person_id": p, "quiz_version_id": version,
                                     "phase": phase, "mode": "paper", "score": float(score),
                                     "passed": score >= 5, "submitted_at": time_now()})
        session.execute(insert(Attempt), attempts)


def time_now() -> object:
    from datetime import datetime

    return datetime(2026, 1, 1)


def _version(session: object) -> int:
    from sqlalchemy import select

    from trainer_app.db.models import Quiz
    from trainer_app.resources import shipped_dir
    from trainer_app.services.quizzes import quiz_files
    from trainer_app.services.quizzes import service as quiz_service

    quiz_files.load_bank_in(session, shipped_dir("quizzes"))  # type: ignore[arg-type]
    quiz = session.scalars(select(Quiz)).first()  # type: ignore[attr-defined]
    return quiz_service.freeze_in(session, quiz)[0].id  # type: ignore[arg-type]


BASELINE_SQL = """
SELECT p.neighbourhood_id, count(DISTINCT a.person_id) FROM attendance a
JOIN training_session s ON s.id = a.session_id JOIN person p ON p.id = a.person_id
WHERE s.status IN ('in_progress', 'finished') AND a.status IN ('present', 'late')
GROUP BY p.neighbourhood_id
"""


def main() -> bool:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.reporting.dashboard import dashboard
    from trainer_app.services.workspace.opening import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT)
        workspace = open_workspace(data_dir, daily_backup=False)
        try:
            _fill(workspace.session_factory)
            ours, base = [], []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                figures = dashboard(workspace.session_factory)
                ours.append(time.perf_counter() - t0)
                conn = sqlite3.connect(data_dir.db_path)
                t0 = time.perf_counter()
                conn.execute(BASELINE_SQL).fetchall()
                base.append(time.perf_counter() - t0)
                conn.close()
        finally:
            workspace.close()
    mine, raw = statistics.median(ours), statistics.median(base)
    print(f"dashboard figures ({SESSIONS} sessions, {ATTENDANCE} attendance rows): "
          f"{mine * 1000:.0f} ms; raw SQL coverage aggregate {raw * 1000:.0f} ms "
          f"(×{mine / raw:.1f}); target ≤ {TARGET_S * 1000:.0f} ms; "
          f"{len(figures.hoods)} khu phố, {len(figures.trend)} sessions in the trend")
    return mine <= TARGET_S


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
