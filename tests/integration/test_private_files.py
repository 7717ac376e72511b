"""Data files are the user's alone: the data folder 0700, every file in it 0600, and the
exports the app writes 0600 too (POSIX; on Windows the user's profile does this)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.workspace.opening import open_workspace

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    old = os.umask(0o022)  # a usual desktop umask: the app must not rely on it
    try:
        return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data),
                               *args], capture_output=True, text=True, env=env, timeout=300)
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_cli_writes_private_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cli(data, "demo").returncode == 0
    assert _cli(data, "backup", "create").returncode == 0
    export = tmp_path / "ds.xlsx"
    assert _cli(data, "roster", "export", str(export)).returncode == 0
    assert _mode(data) == 0o700
    assert _mode(export) == 0o600
    wrong = []
    for path in [data, *data.rglob("*")]:
        if path.is_dir() and _mode(path) != 0o700:
            wrong.append(f"{path.relative_to(tmp_path)} {oct(_mode(path))}")
        if path.is_file() and _mode(path) & 0o077:
            wrong.append(f"{path.relative_to(tmp_path)} {oct(_mode(path))}")
    assert wrong == []
    assert list((data / "backups").glob("*.db"))


def test_an_older_open_data_folder_is_tightened(tmp_path: Path) -> None:
    """A folder made by an earlier version (0755, files 0644) is made private when opened."""
    data_dir = DataDir(tmp_path / "data", DataDirSource.ARGUMENT)
    open_workspace(data_dir).close()
    data_dir.root.chmod(0o755)
    for path in data_dir.root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    open_workspace(data_dir).close()
    assert _mode(data_dir.root) == 0o700
    assert _mode(data_dir.db_path) == 0o600
    assert all(_mode(p) == 0o600 for p in data_dir.backups_dir.iterdir())
