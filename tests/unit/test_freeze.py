"""The desktop build's choices (freeze/spec_parts.py, used by build.spec) and the run-time hook
that points python-vlc at a bundled VLC (freeze/rthook_vlc.py). The build itself is checked by
scripts/smoke-frozen.sh, outside the test suite."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"freeze_{name}", ROOT / "freeze" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


parts = _load("spec_parts")
rthook = _load("rthook_vlc")


def _bundled(datas: list[tuple[str, str]]) -> set[str]:
    return {f"{folder}/{Path(file).name}" for file, folder in datas}


# -- what goes in ------------------------------------------------------------------------------


def test_migrations_fonts_and_stylesheet_go_in_as_files() -> None:
    bundled = _bundled(parts.package_datas(ROOT))
    versions = sorted((ROOT / "trainer_app/db/migrations/versions").glob("*.py"))
    assert versions
    for script in versions:
        assert f"trainer_app/db/migrations/versions/{script.name}" in bundled
    assert "trainer_app/db/migrations/env.py" in bundled
    assert "trainer_app/ui/style.qss" in bundled
    assert "trainer_app/reports/fonts/OFL.txt" in bundled
    assert "trainer_app/reports/fonts/LiberationSerif-Regular.ttf" in bundled
    assert not any("__pycache__" in file for file, _ in parts.package_datas(ROOT))


def test_quizzes_and_media_catalogue_go_beside_the_package() -> None:
    bundled = _bundled(parts.shipped_datas(ROOT))
    assert "media/catalogue.json" in bundled
    assert "media/samples/thu-may-chieu.mp4" in bundled
    assert "media/samples/thu-may-chieu.srt" in bundled
    for bank in (ROOT / "quizzes").glob("*.toml"):
        assert f"quizzes/{bank.name}" in bundled
    assert "media/samples/make-sample.sh" not in bundled  # a tool, not data


def test_modules_of_migration_scripts_become_hidden_imports() -> None:
    names = parts.migration_imports(ROOT)
    assert {"alembic", "sqlalchemy", "json", "trainer_app.db.models"} <= set(names)
    assert "__future__" not in names


def test_qt_modules_the_code_imports_are_kept_and_the_rest_excluded(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    (package / "b.py").write_text("import PySide6.QtSvg\n", encoding="utf-8")
    pyside = tmp_path / "PySide6"
    pyside.mkdir()
    for name in ("QtCore", "QtWidgets", "QtSvg", "QtQuick", "QtWebEngineCore"):
        (pyside / f"{name}.pyi").write_text("", encoding="utf-8")
    assert parts.unused_qt_modules(package, pyside) == [
        "PySide6.QtCore", "PySide6.QtQuick", "PySide6.QtWebEngineCore"]


def test_every_qt_module_the_app_imports_survives_the_exclusions() -> None:
    pyside = pytest.importorskip("PySide6")
    excluded = set(parts.unused_qt_modules(ROOT / "trainer_app", Path(pyside.__file__).parent))
    for name in ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtSvg"):
        assert f"PySide6.{name}" not in excluded
    assert "PySide6.QtQml" in excluded
    assert not set(parts.NOT_NEEDED) & {"sqlite3", "ctypes", "email", "json", "xml"}


@pytest.mark.parametrize(("destination", "kept"), [
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\translations\\qtbase_de.qm", False),  # Windows wheel layout
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("libQt6EglFsKmsSupport.so.6", False),
    ("libvlc.so.5", False),
    ("libvlccore.so.9", False),
    ("libvlc.dll", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/lib/libQt6Gui.so.6", True),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("trainer_app/reports/fonts/LiberationSerif-Regular.ttf", True),
])
def test_which_collected_files_are_left_out(destination: str, kept: bool) -> None:
    assert parts.keep((destination, "/src/" + destination, "BINARY")) is kept


def test_windows_version_numbers() -> None:
    assert parts.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert parts.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    assert parts.version(ROOT) == __import__("trainer_app").__version__


# -- bundling a VLC ------------------------------------------------------------------------------


def _fake_vlc(folder: Path, windows: bool) -> Path:
    folder.mkdir(parents=True)
    for name in (("libvlc.dll", "libvlccore.dll") if windows
                 else ("libvlc.so.5", "libvlccore.so.9")):
        (folder / name).write_bytes(b"lib")
    for sub in ("codec", "demux", "video_output", "gui", "lua", "access"):
        (folder / "plugins" / sub).mkdir(parents=True)
        (folder / "plugins" / sub / f"lib{sub}_plugin.dll").write_bytes(b"p")
    (folder / "plugins" / "plugins.dat").write_bytes(b"stale cache")
    (folder / "COPYING.txt").write_text("GNU LESSER GENERAL PUBLIC LICENSE", encoding="utf-8")
    return folder


def test_bundle_vlc_copies_libraries_needed_plugins_and_licence(tmp_path: Path) -> None:
    source = _fake_vlc(tmp_path / "vlc-3.0.21", windows=True)
    target = tmp_path / "dist" / "trainer-app" / "vlc"
    parts.bundle_vlc(source, target, windows=True)
    assert (target / "libvlc.dll").is_file() and (target / "libvlccore.dll").is_file()
    plugins = {p.name for p in (target / "plugins").iterdir()}
    assert plugins == {"codec", "demux", "video_output", "access"}
    assert not (target / "plugins" / "plugins.dat").exists()  # stale: VLC would warn
    assert (target / "COPYING.txt").is_file()
    note = (target / "VLC-LGPL.txt").read_text(encoding="utf-8")
    assert "LGPL" in note and "vlc-3.0.21" in note


def test_bundle_vlc_keeps_every_plugin_when_asked(tmp_path: Path) -> None:
    source = _fake_vlc(tmp_path / "vlc", windows=False)
    parts.bundle_vlc(source, tmp_path / "out", windows=False, all_plugins=True)
    assert (tmp_path / "out" / "plugins" / "gui").is_dir()


def test_bundle_vlc_refuses_an_incomplete_folder(tmp_path: Path) -> None:
    source = _fake_vlc(tmp_path / "vlc", windows=True)
    (source / "libvlccore.dll").unlink()
    with pytest.raises(SystemExit, match=r"libvlccore\.dll"):
        parts.bundle_vlc(source, tmp_path / "out", windows=True)
    assert not (tmp_path / "out").exists()


# -- the run-time hook ---------------------------------------------------------------------------


def _layout(tmp_path: Path, where: str, windows: bool = False) -> Path:
    app = tmp_path / "Tập huấn CTV"
    internal = app / "_internal"
    internal.mkdir(parents=True)
    vlc = (app if where == "beside" else internal) / "vlc"
    (vlc / "plugins").mkdir(parents=True)
    (vlc / ("libvlc.dll" if windows else "libvlc.so.5")).write_bytes(b"lib")
    return app


def test_hook_points_python_vlc_at_a_vlc_beside_the_executable(tmp_path: Path) -> None:
    app = _layout(tmp_path, "beside", windows=True)
    env = {"VLC_PLUGIN_PATH": r"C:\Program Files\OtherApp\plugins"}  # left by another program
    lib = rthook.configure(env, str(app / "trainer-app.exe"), str(app / "_internal"), "win32")
    assert lib == app / "vlc" / "libvlc.dll"
    assert env["PYTHON_VLC_LIB_PATH"] == str(app / "vlc" / "libvlc.dll")
    assert env["PYTHON_VLC_MODULE_PATH"] == str(app / "vlc" / "plugins")
    assert env["VLC_PLUGIN_PATH"] == str(app / "vlc" / "plugins")


def test_hook_finds_a_vlc_inside_internal_too(tmp_path: Path) -> None:
    app = _layout(tmp_path, "internal")
    env: dict[str, str] = {}
    lib = rthook.configure(env, str(app / "trainer-app"), str(app / "_internal"), "linux")
    assert lib == app / "_internal" / "vlc" / "libvlc.so.5"


def test_hook_leaves_the_system_vlc_alone_without_a_complete_bundle(tmp_path: Path) -> None:
    app = _layout(tmp_path, "beside")
    (app / "vlc" / "libvlc.so.5").unlink()  # plugins/ but no library: not a bundle
    env = {"VLC_PLUGIN_PATH": "/opt/vlc/plugins"}
    assert rthook.configure(env, str(app / "trainer-app"), str(app / "_internal"), "linux") is None
    assert env == {"VLC_PLUGIN_PATH": "/opt/vlc/plugins"}
    assert rthook.configure(env, str(tmp_path / "x" / "trainer-app"), None, "linux") is None


def test_hook_does_nothing_when_not_frozen() -> None:
    assert not getattr(sys, "frozen", False)
    assert rthook._dll_dirs == []


def test_modules_reportlab_imports_through_exec_become_hidden_imports() -> None:
    """reportlab's barcode widgets import their code modules from strings given to exec:
    every such module lies in a package whose submodules build.spec collects."""
    import re

    widgets = pytest.importorskip("reportlab.graphics.barcode.widgets")
    text = Path(widgets.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r"'(reportlab\.graphics\.barcode\.\w+)'", text))
    assert "reportlab.graphics.barcode.code128" in named
    assert all(any(name.startswith(package + ".") for package in parts.IMPORTED_BY_EXEC)
               for name in named)
    assert "PyInstaller.utils.hooks import collect_submodules" in (ROOT / "build.spec").read_text(
        encoding="utf-8")


def test_psycopg_is_collected_once_the_project_depends_on_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["SQLAlchemy>=2", "psycopg[binary]>=3.2"]\n',
        encoding="utf-8")
    assert parts.declared_packages_loaded_by_name(tmp_path) == ["psycopg", "psycopg_binary"]
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["SQLAlchemy>=2", "psycopg2-binary"]\n',
        encoding="utf-8")
    assert parts.declared_packages_loaded_by_name(tmp_path) == []


def test_psycopg_from_the_postgres_extra_is_collected(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["SQLAlchemy>=2"]\n'
        '[project.optional-dependencies]\npostgres = ["psycopg[binary]>=3.1,<4"]\n'
        'test = ["psycopg>=3"]\n', encoding="utf-8")
    assert parts.declared_packages_loaded_by_name(tmp_path) == ["psycopg", "psycopg_binary"]
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["SQLAlchemy>=2"]\n'
        '[project.optional-dependencies]\ntest = ["psycopg>=3"]\n', encoding="utf-8")
    assert parts.declared_packages_loaded_by_name(tmp_path) == []
