"""A plain start of the window loads no heavy library and builds only the page it shows.

Structural, not timed (the time and memory are measured by bench/bench_startup.py): a child
process starts the app on a demo workspace and reports which modules are loaded once the
first page shows its data, and again after every page has been opened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trainer_app.services.workspace.opening import Workspace
from trainer_app.ui.main_window import PAGE_CLASSES, PAGES

# Writers, readers and players that load when a feature first needs them, and the libraries
# of the parts to come (phone quiz, exchange packages, the second database engine).
HEAVY = ("reportlab", "openpyxl", "docx", "pypdfium2", "vlc", "alembic",
         "aiohttp", "cryptography", "psycopg")


@pytest.fixture(scope="module")
def workspace_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace

    data_dir = DataDir(tmp_path_factory.mktemp("start") / "data", DataDirSource.ARGUMENT)
    workspace: Workspace = open_workspace(data_dir)
    fill_demo(workspace)
    workspace.close()
    return data_dir.root


@pytest.fixture()
def demo_figures(workspace_root: Path) -> dict[str, Any]:
    """What Tổng quan should show, counted here through the ORM (not the page's plain SQL)."""
    from sqlalchemy import func, select

    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.db.models import Neighbourhood, Person, Setting, TrainingSession
    from trainer_app.services.workspace.opening import open_workspace

    workspace = open_workspace(DataDir(workspace_root, DataDirSource.ARGUMENT),
                               daily_backup=False)
    try:
        with workspace.session_factory() as session:
            def count(model: Any, *where: Any) -> str:
                return str(session.scalar(select(func.count()).select_from(model).where(*where)))

            held = session.scalar(select(func.count()).select_from(TrainingSession).where(
                TrainingSession.status.in_(("in_progress", "finished"))))
            org = session.get(Setting, "organisation")
            assert org is not None
            return {"people": count(Person, Person.archived.is_(False),
                                    Person.erased.is_(False)),
                    "finished": count(TrainingSession, TrainingSession.status == "finished"),
                    "planned": count(TrainingSession, TrainingSession.status == "planned"),
                    "hoods": int(count(Neighbourhood, Neighbourhood.archived.is_(False))),
                    "trend": min(int(held or 0), 12),
                    "unit": json.loads(org.value)["unit_name"]}
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def report(workspace_root: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("start_child.py")), str(workspace_root)],
        capture_output=True, text=True, timeout=180, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def heavy_in(modules: list[str]) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(HEAVY))


def test_the_first_page_shows_data_without_heavy_libraries(report: dict[str, Any]) -> None:
    first = report["first"]
    assert first["visible"] == "overview"
    assert "trainer_app.ui.pages.overview_page" in first["modules"]
    assert heavy_in(first["modules"]) == []


def test_on_sqlite_the_first_page_is_read_without_sqlalchemy(report: dict[str, Any]) -> None:
    """Tổng quan and the title are read with plain SQL (db.plain_reads): SQLAlchemy and the
    models load only when a page that needs them is opened."""
    first = report["first"]
    assert [m for m in first["modules"] if m.split(".")[0] == "sqlalchemy"] == []
    assert "trainer_app.db.models" not in first["modules"]
    assert any(m.split(".")[0] == "sqlalchemy" for m in report["every"]["modules"])


def test_the_first_page_shows_the_demo_figures(report: dict[str, Any],
                                               demo_figures: dict[str, Any]) -> None:
    first = report["first"]
    unit = demo_figures.pop("unit")
    assert first["figures"] == demo_figures
    assert unit and first["title"].endswith(unit)


def test_only_the_visible_page_is_built_and_imported(report: dict[str, Any]) -> None:
    first = report["first"]
    assert first["pages"] == ["overview"]
    others = [PAGE_CLASSES[spec.key][0] for spec in PAGES if spec.key != "overview"]
    assert [name for name in others if name in first["modules"]] == []


def test_opening_every_page_still_loads_no_writer_or_player(report: dict[str, Any]) -> None:
    every = report["every"]
    assert every["pages"] == sorted(spec.key for spec in PAGES)
    assert heavy_in(every["modules"]) == []


# -- ui/light_start, in this process --------------------------------------------------------


def test_the_lightened_import_hook_answers_as_before_and_keeps_no_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import linecache

    from trainer_app.ui import light_start

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "pyside_feature_dict"):
        pytest.skip("this PySide6 has no __feature__ import hook")
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # undone after
    assert light_start.lighten_pyside_import_hook()
    (tmp_path / "light_uses_qt.py").write_text("import PySide6.QtCore\nX = 1\n", "utf-8")
    (tmp_path / "light_plain.py").write_text("Y = 2\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("light_uses_qt")  # the hook sits on __import__ (import statements)
    __import__("light_plain")
    assert feature.pyside_feature_dict["light_uses_qt"] == 0  # may use __feature__
    assert feature.pyside_feature_dict["light_plain"] == -1  # ignored, as shiboken decides
    cached = set(linecache.cache)
    assert str(tmp_path / "light_uses_qt.py") not in cached
    assert str(tmp_path / "light_plain.py") not in cached


def test_the_collector_is_paused_for_the_start_and_resumed_once() -> None:
    import gc

    from trainer_app.ui import light_start

    assert gc.isenabled()
    try:
        light_start.pause_gc()
        assert not gc.isenabled()
        light_start.pause_gc()  # a second pause changes nothing
        light_start.resume_gc()
        assert gc.isenabled()
        light_start.resume_gc()  # nor does a second resume
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
