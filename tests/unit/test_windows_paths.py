"""Windows-only code paths, run on Linux with the platform simulated where that means
something: the user's data folder under %LOCALAPPDATA% (platformdirs' Windows rules fed by the
environment variables it falls back on, where Windows would answer SHGetKnownFolderPath),
portable mode beside either executable of a built app, the bundled VLC or the installed one,
UTF-8 output of the console program, and the shipped fonts a built app finds. What only Windows
can show is run by .github/workflows/windows.yml (scripts/smoke-frozen.sh on the runner)."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path, PureWindowsPath
from types import ModuleType

import platformdirs
import platformdirs.windows
import pytest

from trainer_app import datadir
from trainer_app.__main__ import utf8_output
from trainer_app.datadir import DataDirSource, resolve_data_dir

ROOT = Path(__file__).resolve().parents[2]
LOCAL = r"C:\Users\Nguyễn Văn A\AppData\Local"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"winpaths_{name}",
                                                  ROOT / "freeze" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def windows_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs as on Windows: its Windows class, folders read from the environment."""
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER",
                        platformdirs.windows.get_win_folder_from_env_vars)
    monkeypatch.setenv("LOCALAPPDATA", LOCAL)
    monkeypatch.setenv("APPDATA", r"C:\Users\Nguyễn Văn A\AppData\Roaming")
    monkeypatch.delenv("TRAINER_APP_DATA", raising=False)


def test_user_data_folder_is_localappdata_trainer_app(windows_folders: None, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "trainer-app.exe")])  # no data\ beside it
    found = resolve_data_dir(None)
    assert found.source is DataDirSource.USER
    # not roaming (a video library must not travel with a domain profile), no author folder
    assert PureWindowsPath(str(found.root)) == PureWindowsPath(LOCAL, "trainer-app")
    assert PureWindowsPath(str(found.db_path)) == PureWindowsPath(LOCAL, "trainer-app",
                                                                  "trainer.db")


@pytest.mark.parametrize("exe", ["trainer-app.exe", "trainer-app-cli.exe"])
def test_portable_data_folder_beside_either_executable(windows_folders: None, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       exe: str) -> None:
    app = tmp_path / "USB (E)" / "Tập huấn CTV"
    (app / "data").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / exe))
    monkeypatch.setattr(sys, "argv", ["ignored when frozen"])
    found = resolve_data_dir(None)
    assert (found.root, found.source) == (app / "data", DataDirSource.PORTABLE)


def test_an_installed_app_without_data_folder_uses_localappdata(
        windows_folders: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = tmp_path / "AppData" / "Local" / "Programs" / "TapHuanCTV"
    installed.mkdir(parents=True)
    (installed / "data.txt").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(installed / "trainer-app.exe"))
    assert datadir.portable_dir() is None
    assert resolve_data_dir(None).source is DataDirSource.USER


def test_windows_vlc_names_only_on_windows(tmp_path: Path) -> None:
    """A bundle with Windows libraries is used on Windows and ignored elsewhere, and the other
    way round; without a bundle python-vlc finds the installed VLC (registry, Program Files)."""
    rthook = _load("rthook_vlc")
    app = tmp_path / "TapHuanCTV"
    (app / "vlc" / "plugins").mkdir(parents=True)
    (app / "vlc" / "libvlc.dll").write_bytes(b"MZ")
    exe = str(app / "trainer-app.exe")
    env: dict[str, str] = {}
    assert rthook.configure(env, exe, str(app / "_internal"), "win32") == app / "vlc" / "libvlc.dll"
    assert rthook.configure({}, exe, str(app / "_internal"), "linux") is None
    (app / "vlc" / "libvlc.dll").unlink()
    untouched = {"PATH": r"C:\Windows\System32"}
    assert rthook.configure(untouched, exe, str(app / "_internal"), "win32") is None
    assert untouched == {"PATH": r"C:\Windows\System32"}  # python-vlc's own search decides


def test_bundled_vlc_layout_matches_what_the_hook_looks_for(tmp_path: Path) -> None:
    """build.spec's copy of the official Windows zip (libvlc.dll, libvlccore.dll, plugins\\)
    is exactly what the run-time hook accepts on Windows."""
    parts, rthook = _load("spec_parts"), _load("rthook_vlc")
    source = tmp_path / "vlc-3.0.21"
    (source / "plugins" / "codec").mkdir(parents=True)
    (source / "plugins" / "gui").mkdir()
    for name in ("libvlc.dll", "libvlccore.dll", "COPYING.txt", "vlc.exe"):
        (source / name).write_bytes(b"MZ")
    app = tmp_path / "dist" / "trainer-app"
    parts.bundle_vlc(source, app / "vlc", windows=True)
    found = rthook.find_bundled(rthook.candidate_dirs(str(app / "trainer-app.exe"), None),
                                "win32")
    assert found == (app / "vlc" / "libvlc.dll", app / "vlc" / "plugins")
    assert not (app / "vlc" / "vlc.exe").exists() and not (app / "vlc" / "plugins" / "gui").exists()
    assert "download.videolan.org" in (app / "vlc" / "VLC-LGPL.txt").read_text(encoding="utf-8")


def test_console_output_to_a_pipe_is_utf8_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    piped = io.TextIOWrapper(raw, encoding="cp1252")  # what Windows gives a redirected stdout
    monkeypatch.setattr(sys, "stdout", piped)
    monkeypatch.setattr(sys, "stderr", None)  # the windowed trainer-app.exe has none
    with pytest.raises(UnicodeEncodeError):
        print("Đã tạo dữ liệu mẫu", file=piped)
    utf8_output("win32")
    print("Đã tạo dữ liệu mẫu phường Tân Hưng.", file=sys.stdout)
    sys.stdout.flush()
    assert raw.getvalue().decode("utf-8").endswith("Đã tạo dữ liệu mẫu phường Tân Hưng.\n")


def test_console_output_is_left_alone_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", piped)
    utf8_output("linux")
    assert sys.stdout.encoding == "latin-1"


def test_a_built_app_finds_the_shipped_fonts_where_the_spec_puts_them() -> None:
    """No font is looked up on the system (no C:\\Windows\\Fonts): the PDFs' typeface comes
    from reports/fonts, which build.spec copies to the same place under _internal\\."""
    from trainer_app.reports import typeface

    parts = _load("spec_parts")
    bundled = {f"{folder}/{Path(file).name}" for file, folder in parts.package_datas(ROOT)}
    package_root = Path(typeface.__file__).resolve().parents[2]
    for path in typeface.font_files().values():
        assert path.relative_to(package_root).as_posix() in bundled
    assert "trainer_app/reports/fonts/OFL.txt" in bundled
