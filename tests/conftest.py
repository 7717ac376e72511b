"""Shared fixtures: a real data folder and SQLite database per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.workspace.opening import Workspace, open_workspace


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data", DataDirSource.ARGUMENT)


@pytest.fixture
def workspace(data_dir: DataDir) -> Iterator[Workspace]:
    ws = open_workspace(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    from trainer_app.services.workspace.demo import fill_demo

    fill_demo(workspace, today=date(2026, 11, 20))
    return workspace
