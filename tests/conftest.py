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


# --- PostgreSQL: one throwaway cluster per test run, started only when a test asks for it ---

@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    from tests.pg_cluster import PgCluster, missing_capability

    reason = missing_capability()
    if reason:
        if os.environ.get("TRAINER_APP_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL tests required but cannot run: {reason}")
        pytest.skip(f"PostgreSQL tests need a local server: {reason}")
    cluster = PgCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: object, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database of its own for one test."""
    import re
    import uuid

    from tests.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    name = "t_" + re.sub(r"\W", "_", request.node.name)[:40].lower() + "_" + uuid.uuid4().hex[:6]
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)
