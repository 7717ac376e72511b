"""A busy year for the report benchmark and the "year with 2,000 sessions" test: sessions
spread over the year, each with a list of people (present, late, absent) and pre- and
post-test attempts of those who came. Written with plain executemany in one transaction
(fast to build; the app never writes this way)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Neighbourhood, Quiz, QuizVersion
from trainer_app.services.roster.reference import ensure_default_neighbourhoods


def _dt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.000000")  # as SQLAlchemy stores it on SQLite


@dataclass(frozen=True)
class YearData:
    year: int
    sessions: int
    attendance_rows: int
    attempts: int


def fill_year(factory: sessionmaker[Session], *, year: int = 2026, sessions: int = 2_000,
              per_session: int = 50, people: int = 4_000, hoods_used: int = 60,
              seed: int = 8) -> YearData:
    """``sessions`` finished sessions in ``year`` with ``per_session`` people each (from
    ``people`` collaborators living in the first ``hoods_used`` khu phố), plus a few
    planned and cancelled ones, which the report must not count as held."""
    rng = random.Random(seed)
    with factory.begin() as s:
        ensure_default_neighbourhoods(s)
        hoods = list(s.scalars(select(Neighbourhood.id).order_by(Neighbourhood.number)))
        quiz = Quiz(code=f"bench-{seed}", title="Kiểm tra")
        s.add(quiz)
        s.flush()
        version = QuizVersion(quiz_id=quiz.id, version_no=1, title="Kiểm tra", pass_mark=5.0,
                              question_count=10, content_json="[]", content_sha256="0" * 64)
        s.add(version)
        s.flush()
        conn = s.connection()
        now = _dt(datetime(year, 1, 1))
        first_person = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM person").scalar()
        person_rows = []
        for i in range(people):
            female = rng.random() < 0.7
            person_rows.append((f"Người {i}", f"nguoi {i}", "female" if female else "male",
                                hoods[rng.randrange(hoods_used)], now, now))
        conn.exec_driver_sql(
            "INSERT INTO person (full_name, search_key, gender, neighbourhood_id, created_at, "
            "updated_at, unit, notes, archived, erased, is_demo) "
            "VALUES (?, ?, ?, ?, ?, ?, '', '', 0, 0, 0)", person_rows)
        person_ids = list(range(first_person + 1, first_person + people + 1))
        first_session = conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0) FROM training_session").scalar()
        session_rows = []
        extra = max(2, sessions // 100)
        for i in range(sessions + 2 * extra):
            day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            status = "finished" if i < sessions else ("planned" if i < sessions + extra
                                                       else "cancelled")
            session_rows.append((f"Buổi {i + 1}", day.isoformat(), "08:00:00.000000",
                                 "11:00:00.000000", status, now))
        conn.exec_driver_sql(
            "INSERT INTO training_session (title, held_on, start_time, end_time, status, "
            "created_at, venue, trainers, notes, is_demo) VALUES (?, ?, ?, ?, ?, ?, '', '', "
            "'', 0)", session_rows)
        attendance, attempts = [], []
        for n in range(sessions):
            sid = first_session + 1 + n
            start = datetime.combine(date.fromisoformat(session_rows[n][1]), time(8))
            for row, pid in enumerate(rng.sample(person_ids, per_session), start=1):
                roll = rng.random()
                status = "present" if roll < 0.85 else ("late" if roll < 0.9 else "absent")
                attendance.append((sid, pid, status, row))
                if status == "absent":
                    continue
                pre = rng.randint(0, 10)
                post = min(10, pre + rng.randint(0, 6))
                for phase, score, minutes in (("pre", pre, 20), ("post", post, 170)):
                    attempts.append((sid, pid, version.id, phase, _dt(start),
                                     _dt(start + timedelta(minutes=minutes)), float(score),
                                     score >= 5))
        conn.exec_driver_sql(
            "INSERT INTO attendance (session_id, person_id, status, sheet_row, invited, "
            "walk_in) VALUES (?, ?, ?, ?, 1, 0)", attendance)
        conn.exec_driver_sql(
            "INSERT INTO attempt (session_id, person_id, quiz_version_id, phase, started_at, "
            "submitted_at, score, passed, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'kiosk')",
            attempts)
    return YearData(year, sessions, len(attendance), len(attempts))
