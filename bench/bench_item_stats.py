"""Item analysis (`quiz stats`) of 100,000 submitted attempts, beside the raw SQL that reads
the same answers, measured in the same run.

A fresh workspace gets the shipped 10-question post-test, 400 sessions and 100,000 submitted
attempts at it (half before, half after training), each with its 10 answers (1,000,000
rows), generated from a simple ability model so that the figures mean something.

* ours: ``item_stats.quiz_stats(factory, code)`` — every figure of every question (facility,
  point-biserial, upper-lower, option shares, flags, facility before and after) and the
  test's n, mean, SD, KR-20, as DTOs;
* baseline: one bare ``sqlite3`` query reading the answers of those attempts
  (``attempt_id, question_key, points, chosen_json``), fetched into Python.

Targets (issue 15): ours ≤ 1 s and ≤ 3 × the baseline.
"""

from __future__ import annotations

import json
import math
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ATTEMPTS = 100_000
SESSIONS = 400
TARGET_S = 1.0
TARGET_RATIO = 3.0
RUNS = 3
QUIZ = "bvte-kiem-tra-cuoi-khoa"

BASELINE_SQL = """
SELECT a.attempt_id, a.question_key, a.points, a.chosen_json FROM answer a
JOIN attempt t ON t.id = a.attempt_id JOIN quiz_version v ON v.id = t.quiz_version_id
WHERE v.quiz_id = ? AND t.submitted_at IS NOT NULL
"""


def _fill(workspace: object) -> int:
    """The attempts, written with plain sqlite3 (fast); returns the quiz's id."""
    from trainer_app.resources import shipped_dir
    from trainer_app.services.quizzes import quiz_files
    from trainer_app.services.quizzes import service as quiz_service

    factory = workspace.session_factory  # type: ignore[attr-defined]
    quiz_files.load_shipped_bank(factory)
    version_id = quiz_service.freeze(factory, QUIZ).version_id
    doc = quiz_service.version_doc(factory, version_id)
    assert shipped_dir("quizzes").is_dir()
    rng = random.Random(15)
    hardness = [rng.uniform(-1.5, 1.0) for _ in doc.questions]
    conn = sqlite3.connect(workspace.data_dir.db_path)  # type: ignore[attr-defined]
    try:
        conn.executemany("INSERT INTO training_session (id, title, held_on, status, is_demo, "
                         "venue, trainers, notes, created_at) VALUES (?, ?, ?, 'finished', 0, "
                         "'', '', '', '2026-01-01 00:00:00')",
                         [(s, f"Buổi {s}", f"2026-{1 + s % 12:02d}-{1 + s % 28:02d}")
                          for s in range(1, SESSIONS + 1)])
        attempts, answers = [], []
        for i in range(1, ATTEMPTS + 1):
            phase = "pre" if i % 2 else "post"
            ability = rng.gauss(0.0 if phase == "pre" else 1.0, 1.0)
            right = 0
            for q, b in zip(doc.questions, hardness, strict=True):
                keys = [k + 1 for k, o in enumerate(q.options) if o.correct]
                wrong = [k + 1 for k, o in enumerate(q.options) if not o.correct]
                ok = rng.random() < 1 / (1 + math.exp(-1.7 * (ability - b)))
                blank = not ok and rng.random() < 0.05
                chosen = [] if blank else keys if ok else [rng.choice(wrong)]
                right += ok
                answers.append((i, q.id, json.dumps(chosen), int(ok), 1.0 if ok else 0.0,
                                "2026-01-01 08:00:00"))
            score = round(10 * right / len(doc.questions), 1)
            attempts.append((i, 1 + i % SESSIONS, version_id, phase, "paper",
                             "2026-01-01 08:00:00", "2026-01-01 08:10:00", score,
                             int(score >= 5)))
        conn.executemany("INSERT INTO attempt (id, session_id, quiz_version_id, phase, mode, "
                         "started_at, submitted_at, score, passed) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts)
        conn.executemany("INSERT INTO answer (attempt_id, question_key, chosen_json, "
                         "is_correct, points, answered_at) VALUES (?, ?, ?, ?, ?, ?)", answers)
        conn.commit()
        return conn.execute("SELECT quiz_id FROM quiz_version WHERE id = ?",
                            (version_id,)).fetchone()[0]
    finally:
        conn.close()


def main() -> bool:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.quizzes.item_stats import quiz_stats
    from trainer_app.services.workspace.opening import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT)
        workspace = open_workspace(data_dir, daily_backup=False)
        try:
            quiz_id = _fill(workspace)
            ours, base = [], []
            result = None
            for _ in range(RUNS):
                conn = sqlite3.connect(data_dir.db_path)
                t0 = time.perf_counter()
                rows = conn.execute(BASELINE_SQL, (quiz_id,)).fetchall()
                base.append(time.perf_counter() - t0)
                conn.close()
                t0 = time.perf_counter()
                result = quiz_stats(workspace.session_factory, QUIZ)
                ours.append(time.perf_counter() - t0)
        finally:
            workspace.close()
    assert result is not None and len(rows) == 10 * ATTEMPTS
    version = result.versions[0]
    mine, raw = statistics.median(ours), statistics.median(base)
    print(f"quiz stats over {version.test.n:,} attempts ({len(rows):,} answers): "
          f"{mine * 1000:.0f} ms; raw SQL reading the answers {raw * 1000:.0f} ms "
          f"(×{mine / raw:.2f}); targets ≤ {TARGET_S * 1000:.0f} ms and ≤ ×{TARGET_RATIO:g}; "
          f"KR-20 {version.test.kr20}, facility of question 1 {version.questions[0].facility} "
          f"(before {version.questions[0].facility_pre}, after "
          f"{version.questions[0].facility_post}); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    return mine <= TARGET_S and mine <= TARGET_RATIO * raw


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
