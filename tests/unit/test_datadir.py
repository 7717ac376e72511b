"""Where the data lives: argument, then environment, then portable data/, then user folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from trainer_app import datadir
from trainer_app.datadir import DataDirSource, resolve_data_dir


def test_argument_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_APP_DATA", str(tmp_path / "env"))
    found = resolve_data_dir(str(tmp_path / "arg"))
    assert (found.root, found.source) == (tmp_path / "arg", DataDirSource.ARGUMENT)


def test_environment_wins_over_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_APP_DATA", str(tmp_path / "env"))
    monkeypatch.setattr(datadir, "portable_dir", lambda: tmp_path / "portable")
    found = resolve_data_dir(None)
    assert (found.root, found.source) == (tmp_path / "env", DataDirSource.ENVIRONMENT)


def test_data_folder_beside_the_executable_means_portable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRAINER_APP_DATA", raising=False)
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "trainer-app")])
    found = resolve_data_dir(None)
    assert (found.root, found.source) == (tmp_path / "data", DataDirSource.PORTABLE)


def test_user_data_folder_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAINER_APP_DATA", raising=False)
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "trainer-app")])  # no data/ beside it
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    found = resolve_data_dir(None)
    assert found.source is DataDirSource.USER
    assert found.root == tmp_path / "xdg" / "trainer-app"
    assert found.db_path == found.root / "trainer.db"
