"""The log file rotates by size and keeps N old files."""

from __future__ import annotations

import logging
from pathlib import Path

from trainer_app.logfile import RotatingLogFile


def test_rotates_and_keeps_backups(tmp_path: Path) -> None:
    path = tmp_path / "trainer-app.log"
    handler = RotatingLogFile(path, max_bytes=1000, backups=2)
    logger = logging.getLogger("test.logfile")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(200):
            logger.warning("message %03d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["trainer-app.log", "trainer-app.log.1", "trainer-app.log.2"]
    assert all(p.stat().st_size <= 1100 for p in tmp_path.iterdir())
    assert "message 199" in path.read_text(encoding="utf-8")
    assert "message 000" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
