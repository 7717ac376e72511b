"""What build.spec puts into the one-folder build, and what it leaves out (tested in
tests/unit/test_freeze.py). Standard library only; build.spec loads this file by path.

Everything is derived from the project's own files so that the build follows them:
- package data: the patterns of [tool.setuptools.package-data] in pyproject.toml (migrations
  as files — Alembic reads them from disk — the stylesheet, fonts with OFL.txt);
- quizzes/ and media/ (catalogue, README, the sample clip and its subtitles) beside the package,
  where trainer_app/resources.py looks for them in sys._MEIPASS;
- modules imported only by migration scripts become hidden imports;
- every PySide6 module that trainer_app does not import is excluded.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

NAME = "trainer-app"
SIZE_TARGET_MB = 250

SHIPPED = {"quizzes": {".toml", ".md"}, "media": {".json", ".md", ".mp4", ".srt"}}

# Qt files a widgets app that loads no translation, no TLS and no embedded-Linux platform
# never opens. Qt ships no Vietnamese translation (*_vi.qm): the app sets button texts itself.
# (Linux wheels keep Qt under PySide6/Qt/, Windows wheels directly under PySide6/.)
QT_DROP = re.compile(
    r"PySide6[/\\](Qt[/\\])?(translations[/\\]"
    r"|plugins[/\\](tls|networkinformation|egldeviceintegrations|generic|sqldrivers)[/\\]"
    r"|plugins[/\\]platforms[/\\][^/\\]*(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl))"
    r"|(^|[/\\])libQt6EglFs",
    re.IGNORECASE,
)

# libvlc found through python-vlc's ctypes calls is never half-bundled (a libvlc without its
# plugins plays nothing): a whole VLC is bundled on purpose (bundle_vlc), or the system's used.
VLC_DROP = re.compile(r"(^|[/\\])libvlc(core)?[.\w]*$", re.IGNORECASE)

# Packages whose modules are imported by code PyInstaller cannot follow: reportlab's barcode
# widgets run `exec("from reportlab.graphics.barcode.code128 import …")` when the package is
# first imported (certificate_pdf.py imports its QR encoder), so without these every
# certificate failed in the built app (found by the smoke test's certificate step).
# build.spec adds all their submodules as hidden imports.
IMPORTED_BY_EXEC = ["reportlab.graphics.barcode"]

# Dependencies loaded by name at run time once the project declares them: SQLAlchemy imports
# the PostgreSQL driver from the URL ("postgresql+psycopg"), and psycopg its compiled
# psycopg_binary from a try/except. Collected whole, like IMPORTED_BY_EXEC, when declared.
LOADED_BY_NAME = {"psycopg": ["psycopg", "psycopg_binary"]}

# Python modules the app never uses at run time (tools, tests, other GUI toolkits).
# multiprocessing: nothing here starts processes, and its PyInstaller run-time hook alone costs
# ~15 ms at every start (measured with -X importtime). Take it out of this list with a
# process pool, should one come.
NOT_NEEDED = [
    "tkinter", "_tkinter", "unittest", "pydoc", "doctest", "lib2to3", "IPython", "numpy",
    "pytest", "_pytest", "hypothesis", "pytestqt", "pypdf", "importlinter", "grimp",
    "setuptools", "pkg_resources", "distutils", "PyInstaller", "multiprocessing",
]

# VLC plugin folders a player embedded in our window never loads: VLC's own interfaces (the
# Qt one alone is ~30 MB on Windows), Lua scripts, streaming out, network discovery,
# visualisations. TRAINER_APP_VLC_ALL_PLUGINS=1 keeps them all.
VLC_PLUGINS_NOT_NEEDED = frozenset({
    "gui", "lua", "control", "stream_out", "access_output", "mux", "services_discovery",
    "visualization", "video_splitter",
})

VLC_NOTE = """VLC media player ({version}): libvlc và plugins/ trong thư mục này.

VLC là phần mềm tự do của VideoLAN (https://www.videolan.org), phát hành theo giấy phép
GNU LGPL 2.1 trở lên (xem COPYING.txt). Mã nguồn của đúng phiên bản này:
https://download.videolan.org/pub/videolan/vlc/ . Bạn được thay thư mục vlc/ này bằng một bản
VLC 3 64-bit khác (cùng cách sắp xếp: libvlc, libvlccore, plugins/); ứng dụng sẽ dùng bản đó.
Xóa thư mục vlc/ thì ứng dụng dùng VLC đã cài trên máy.

VLC is free software by VideoLAN under the GNU LGPL 2.1 or later (COPYING.txt). Its source:
https://download.videolan.org/pub/videolan/vlc/ . You may replace this folder with another
VLC 3 build of the same layout; delete it and the app uses the VLC installed on the machine.
"""


def version(root: Path) -> str:
    text = (root / "trainer_app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("trainer_app/__init__.py has no __version__")
    return found.group(1)


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """"0.1.0" -> (0, 1, 0, 0), as Windows version resources want it."""
    numbers = [int(n) for n in re.findall(r"\d+", text)[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def declared_packages_loaded_by_name(root: Path) -> list[str]:
    """Packages of LOADED_BY_NAME whose distribution is a dependency in pyproject.toml (or
    in its 'postgres' extra, which the build installs)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    # The runtime dependencies and the 'postgres' extra, which the build installs too (a
    # centre on Windows needs nothing else to use its PostgreSQL server).
    wanted = [*config["project"].get("dependencies", []),
              *config["project"].get("optional-dependencies", {}).get("postgres", [])]
    declared = {re.split(r"[\s\[<>=!~;]", dep, maxsplit=1)[0].lower() for dep in wanted}
    return [package for name, packages in LOADED_BY_NAME.items() if name in declared
            for package in packages]


def package_datas(root: Path) -> list[tuple[str, str]]:
    """(file, folder in the bundle) for each package-data pattern of pyproject.toml."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["trainer_app"]
    package = root / "trainer_app"
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                found.append((str(path), path.parent.relative_to(root).as_posix()))
    return found


def shipped_datas(root: Path) -> list[tuple[str, str]]:
    """quizzes/ and media/: the files the app reads, not the scripts that made them."""
    found: list[tuple[str, str]] = []
    for folder, suffixes in SHIPPED.items():
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in suffixes:
                found.append((str(path), path.parent.relative_to(root).as_posix()))
    return found


def migration_imports(root: Path) -> list[str]:
    """Modules the migration scripts import: Alembic loads them from files, so PyInstaller
    cannot see these imports by itself."""
    folder = root / "trainer_app" / "db" / "migrations"
    names: set[str] = set()
    for script in [folder / "env.py", *sorted((folder / "versions").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def used_qt_modules(package: Path) -> set[str]:
    used: set[str] = set()
    for source in package.rglob("*.py"):
        used.update(re.findall(r"\bPySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    return used


def unused_qt_modules(package: Path, pyside_dir: Path) -> list[str]:
    """Every PySide6.Qt* module (Essentials and Addons, from the stubs) not imported."""
    known = {p.name.split(".")[0] for p in pyside_dir.glob("Qt*.pyi")}
    return sorted(f"PySide6.{name}" for name in known - used_qt_modules(package))


def keep(entry: tuple[str, ...]) -> bool:
    """False for an Analysis binaries/datas entry (destination name first) to leave out."""
    return not QT_DROP.search(entry[0]) and not VLC_DROP.search(entry[0])


def bundle_vlc(source: Path, target: Path, windows: bool, all_plugins: bool = False) -> None:
    """Copy libvlc, libvlccore, plugins/ and VLC's licence into `target` (dist/…/vlc/)."""
    libs = ["libvlc.dll", "libvlccore.dll"] if windows else ["libvlc.so.5", "libvlccore.so.9"]
    missing = [name for name in [*libs, "plugins"] if not (source / name).exists()]
    if missing:
        raise SystemExit(f"TRAINER_APP_VLC_DIR={source}: missing {', '.join(missing)}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in libs:
        shutil.copy2(source / name, target / name)

    def ignore(folder: str, names: list[str]) -> set[str]:
        if all_plugins or Path(folder) != source / "plugins":
            return set()
        return {name for name in names if name in VLC_PLUGINS_NOT_NEEDED}

    shutil.copytree(source / "plugins", target / "plugins", ignore=ignore)
    for licence in ("COPYING.txt", "COPYING", "AUTHORS.txt", "NEWS.txt"):
        if (source / licence).is_file():
            shutil.copy2(source / licence, target / licence)
    (target / "VLC-LGPL.txt").write_text(VLC_NOTE.format(version=source.name), encoding="utf-8")
    # A plugins.dat copied from elsewhere is stale (it records file times): VLC would warn and
    # rescan. Regenerate it with VLC's own tool when it came with the folder, else drop it.
    (target / "plugins" / "plugins.dat").unlink(missing_ok=True)
    cache_gen = source / ("vlc-cache-gen.exe" if windows else "vlc-cache-gen")
    if cache_gen.is_file():
        subprocess.run([str(cache_gen), str(target / "plugins")], check=False)
