"""The Windows installer (packaging/windows/installer.nsi, scripts/build-installer.sh), compiled
here by Debian's makensis from a stand-in payload (only trainer-app.exe, trainer-app-cli.exe
and _internal/) and opened again with 7-Zip, which reads NSIS installers and PE resources.
What only Windows can run (the pages, the checks at start, the uninstaller) is exercised by
.github/workflows/windows.yml; the script's names that the app shares are compared here."""

from __future__ import annotations

import importlib.util
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from trainer_app import APP_ID, winfirewall

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build-installer.sh"
NSI = ROOT / "packaging" / "windows" / "installer.nsi"
LICENCES = ["GIAY-PHEP.txt", "GPL-3.0.txt", "LGPL-3.0.txt", "LGPL-2.1.txt", "Qt-LGPL.txt",
            "VLC-LGPL.txt", "OFL-fonts.txt"]
WIN10_GUID = "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"

pytestmark = pytest.mark.skipif(
    shutil.which("makensis") is None or shutil.which("7z") is None,
    reason="needs makensis (Debian nsis) and 7z (p7zip-full): bash scripts/bootstrap.sh")


def stand_in(folder: Path, vlc: bool = False) -> Path:
    """A one-folder build's shape with small files: the real one is ~250 MB and Windows-made."""
    folder.mkdir(parents=True)
    (folder / "trainer-app.exe").write_bytes(b"MZ stand-in GUI program")
    (folder / "trainer-app-cli.exe").write_bytes(b"MZ stand-in console program")
    internal = folder / "_internal"
    (internal / "trainer_app" / "reports" / "fonts").mkdir(parents=True)
    (internal / "python311.dll").write_bytes(b"MZ stand-in python")
    (internal / "trainer_app" / "reports" / "fonts" / "LiberationSerif-Regular.ttf").write_bytes(
        b"\x00\x01\x00\x00 stand-in font")
    (internal / "quizzes").mkdir()
    (internal / "quizzes" / "bảo-vệ-trẻ-em.toml").write_text("title = 'Tiếng Việt'\n",
                                                              encoding="utf-8")
    if vlc:
        (folder / "vlc" / "plugins" / "codec").mkdir(parents=True)
        (folder / "vlc" / "libvlc.dll").write_bytes(b"MZ stand-in libvlc")
        (folder / "vlc" / "plugins" / "codec" / "libavcodec_plugin.dll").write_bytes(b"MZ")
    return folder


def build(source: Path, out: Path, *version: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), str(source), str(out), *version],
                          capture_output=True, text=True, timeout=180,
                          env={"PATH": "/usr/local/bin:/usr/bin:/bin", "PYTHON": sys.executable,
                               "LC_ALL": "C.UTF-8", "HOME": str(out.parent)})


def listing(installer: Path, kind: str | None = None) -> str:
    args = ["7z", "l", "-slt"] + ([f"-t{kind}"] if kind else []) + [str(installer)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def paths(installer: Path) -> set[str]:
    return set(re.findall(r"^Path = (.+)$", listing(installer), re.MULTILINE)) - {str(installer)}


@pytest.fixture(scope="module")
def installer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("installer")
    out = work / "bộ cài" / "TapHuanCTV-setup.exe"  # spaces and Vietnamese letters on the way
    done = build(stand_in(work / "Bản đóng gói thử" / "trainer-app"), out, "1.2.3")
    assert done.returncode == 0, done.stderr + done.stdout
    return out


def test_the_installer_is_a_pe_executable(installer: Path) -> None:
    data = installer.read_bytes()
    assert data[:2] == b"MZ"
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset:pe_offset + 4] == b"PE\x00\x00"
    assert "Type = Nsis" in listing(installer)


def test_it_holds_the_payload_the_licences_and_the_uninstaller(installer: Path) -> None:
    inside = paths(installer)
    for name in ("trainer-app.exe", "trainer-app-cli.exe", "_internal/python311.dll",
                 "_internal/trainer_app/reports/fonts/LiberationSerif-Regular.ttf",
                 "_internal/quizzes/bảo-vệ-trẻ-em.toml", "uninstall.exe"):
        assert name in inside
    for name in LICENCES:
        assert f"licences/{name}" in inside
    assert not any(path.startswith("vlc/") for path in inside)  # none in the payload: none here


def test_the_licences_inside_are_the_real_texts(installer: Path, tmp_path: Path) -> None:
    subprocess.run(["7z", "x", f"-o{tmp_path}", str(installer), "licences/*"],
                   capture_output=True, check=True)
    folder = tmp_path / "licences"
    assert (folder / "OFL-fonts.txt").read_bytes() == (
        ROOT / "trainer_app/reports/fonts/OFL.txt").read_bytes()
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "Version 3, 29 June 2007" in (folder / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "Version 2.1, February 1999" in (folder / "LGPL-2.1.txt").read_text(encoding="utf-8")
    vlc = (folder / "VLC-LGPL.txt").read_text(encoding="utf-8")
    assert "https://download.videolan.org/pub/videolan/vlc/" in vlc and "LGPL" in vlc
    assert "LGPL-3.0" in (folder / "Qt-LGPL.txt").read_text(encoding="utf-8")
    summary = (folder / "GIAY-PHEP.txt").read_text(encoding="utf-8")
    for name in LICENCES[1:]:
        assert name in summary  # the licence page names every file installed beside it


def test_version_per_user_manifest_and_windows_10(installer: Path) -> None:
    resources = listing(installer, "PE")
    assert "ProductVersion: 1.2.3.0" in resources and "ProductVersion: 1.2.3" in resources
    manifest = subprocess.run(["7z", "e", "-tPE", "-so", str(installer), ".rsrc/1033/MANIFEST/1"],
                              capture_output=True, text=True, check=True).stdout
    assert 'requestedExecutionLevel level="asInvoker"' in manifest  # per-user: no UAC prompt
    assert WIN10_GUID in manifest  # so the Windows 10 check sees the real version


def test_the_installer_wears_the_app_icon(installer: Path) -> None:
    """Drawn by freeze/make_icon.py (one image per size) instead of NSIS's own icon."""
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "freeze" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    make_icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icon)
    icons = re.findall(r"^Path = \.rsrc/\d+/ICON/\d+$", listing(installer, "PE"), re.MULTILINE)
    assert len(icons) == len(make_icon.ICO_SIZES)


def test_a_bundled_vlc_goes_in_and_a_portable_data_folder_never_does(tmp_path: Path) -> None:
    source = stand_in(tmp_path / "trainer-app", vlc=True)
    (source / "data").mkdir()
    (source / "data" / "trainer.db").write_bytes(b"SQLite format 3\x00 someone's data")
    out = tmp_path / "setup.exe"
    done = build(source, out)
    assert done.returncode == 0, done.stderr
    inside = paths(out)
    assert {"vlc/libvlc.dll", "vlc/plugins/codec/libavcodec_plugin.dll"} <= inside
    assert not any(path.startswith("data") for path in inside)
    assert "ProductVersion: 0.1.0.0" in listing(out, "PE")  # default: the package's version


def test_not_a_windows_build_is_refused_in_vietnamese(tmp_path: Path) -> None:
    source = stand_in(tmp_path / "trainer-app")
    (source / "trainer-app-cli.exe").unlink()
    done = build(source, tmp_path / "setup.exe")
    assert done.returncode == 2
    assert "thiếu trainer-app-cli.exe" in done.stderr
    assert not (tmp_path / "setup.exe").exists()


def test_a_bad_version_is_refused(tmp_path: Path) -> None:
    done = build(stand_in(tmp_path / "trainer-app"), tmp_path / "setup.exe", "một")
    assert done.returncode == 2 and "Phiên bản không hợp lệ" in done.stderr


def test_names_shared_with_the_app_agree() -> None:
    text = NSI.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^!define (\w+) "([^"]*)"', text, re.MULTILINE))
    assert defines["FIREWALL_RULE"] == winfirewall.RULE_NAME
    assert defines["DATA_DIR_NAME"] == APP_ID  # %LOCALAPPDATA%\trainer-app (datadir.py)
    assert defines["APP_NAME"] == "Tập huấn CTV"
    assert defines["EXE"] == "trainer-app.exe" and defines["CLI_EXE"] == "trainer-app-cli.exe"
    assert 'MUI_LANGUAGE "Vietnamese"' in text
    assert "RequestExecutionLevel user" in text
    assert "${RunningX64}" in text and "${AtLeastWin10}" in text
    assert "EXCHANGE PACKAGES (.ctvpack)" in text  # the marked place for the exchange issue
