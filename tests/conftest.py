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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-engine", choices=("sqlite", "postgres"),
        default=os.environ.get("TRAINER_APP_TEST_ENGINE", "sqlite"),
        help="the database the workspace fixtures use (postgres: a throwaway local cluster)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test checks the SQLite file itself (skipped "
                   "when the suite runs with --db-engine=postgres)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--db-engine") != "postgres":
        return
    # The PostgreSQL pass runs what touches a workspace database; the rest ran on SQLite.
    uses = {"data_dir", "workspace", "demo_workspace", "pg_url", "pg_cluster", "ctx"}
    kept = [item for item in items if uses & set(getattr(item, "fixturenames", ()))]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "checks the SQLite file itself"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture
def data_dir(tmp_path: Path, request: pytest.FixtureRequest) -> DataDir:
    """A data folder; with --db-engine=postgres its database is a fresh PostgreSQL database
    cloned from a migrated template."""
    if request.config.getoption("--db-engine") == "postgres":
        from trainer_app.datadir import write_url_file

        url = request.getfixturevalue("pg_workspace_url")
        # Kept in the folder too, so a CLI subprocess given only --data-dir finds it.
        write_url_file(tmp_path / "data", url)
        return DataDir(tmp_path / "data", DataDirSource.ARGUMENT, url)
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


@pytest.fixture(scope="session")
def pg_template(pg_cluster: object, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to head, the template every workspace database is cloned from."""
    from tests.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    url = pg_cluster.create_database("template_head")
    folder = DataDir(tmp_path_factory.mktemp("pg-template"), DataDirSource.ARGUMENT, url)
    open_workspace(folder, daily_backup=False).close()
    return "template_head"


@pytest.fixture
def pg_workspace_url(pg_cluster: object, pg_template: str,
                     request: pytest.FixtureRequest) -> Iterator[str]:
    import re
    import uuid

    from tests.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    name = "w_" + re.sub(r"\W", "_", request.node.name)[:40].lower() + "_" + uuid.uuid4().hex[:6]
    url = pg_cluster.create_database(name, template=pg_template)
    yield url
    pg_cluster.drop_database(name)


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
