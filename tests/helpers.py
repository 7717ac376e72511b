"""Test helpers that read databases with the standard library only."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def table_dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, for comparing two databases."""
    conn = sqlite3.connect(str(db_path))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def read_only_dir(path: Path) -> Iterator[None]:
    """Make a folder unwritable even for root (chattr +i), or by mode for other users."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        path.chmod(0o500)
        try:
            yield
        finally:
            path.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)]).returncode != 0:
        pytest.skip("needs chattr (e2fsprogs) on a filesystem with the immutable flag, as root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
