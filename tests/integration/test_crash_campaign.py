"""The crash campaign in its short form (21 kills, about a minute): SIGKILL the app at
random moments in every scenario and check the data folder after each kill. The long form
(200 kills and more) runs from `python bench/crash_campaign.py`."""

from __future__ import annotations

import random
from pathlib import Path

from bench.crash_campaign import SCENARIOS, run_campaign

SHORT_KILLS = 21


def test_short_crash_campaign(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    figures = run_campaign(SHORT_KILLS, seed, tmp_path)
    print(figures.table())
    assert figures.failures == [], f"seed {seed}: {figures.failures}"
    assert figures.kills >= SHORT_KILLS
    assert set(figures.tallies) == set(SCENARIOS)
    assert all(t.runs >= 3 for t in figures.tallies.values()), figures.table()
