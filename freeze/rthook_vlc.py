"""PyInstaller runtime hook (build.spec): point python-vlc at a VLC bundled with the build.

Runs before the app's own code in the frozen executable. When a `vlc/` folder holding libvlc
sits beside the executable (or inside `_internal/`), python-vlc is told to load that copy and
its `plugins/`; otherwise nothing is changed and python-vlc finds the VLC installed on the
machine (Windows: the registry and Program Files; Linux: the system libvlc). Kept to the
standard library and cheap: it runs on every start, before the window.

Layout of a bundled VLC (build.spec copies it from the folder given with --vlc-dir):
    Windows: vlc/libvlc.dll, vlc/libvlccore.dll, vlc/plugins/
    Linux:   vlc/libvlc.so.5, vlc/libvlccore.so.9, vlc/plugins/
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

LIBVLC_NAMES = {"win": ("libvlc.dll",), "linux": ("libvlc.so.5", "libvlc.so")}


def candidate_dirs(executable: str, meipass: str | None) -> list[Path]:
    """Where a bundled VLC may be: beside the executable first, then inside _internal/."""
    dirs = [Path(executable).resolve().parent / "vlc"]
    if meipass:
        dirs.append(Path(meipass) / "vlc")
    return dirs


def find_bundled(dirs: list[Path], platform: str) -> tuple[Path, Path] | None:
    """(libvlc file, plugins folder) of the first complete bundle, else None."""
    names = LIBVLC_NAMES["win" if platform.startswith("win") else "linux"]
    for folder in dirs:
        plugins = folder / "plugins"
        if not plugins.is_dir():
            continue
        for name in names:
            lib = folder / name
            if lib.is_file():
                return lib, plugins
    return None


def configure(environ: MutableMapping[str, str], executable: str, meipass: str | None,
              platform: str) -> Path | None:
    """Set python-vlc's variables for a bundled VLC; return its libvlc, or None (system)."""
    found = find_bundled(candidate_dirs(executable, meipass), platform)
    if found is None:
        return None
    lib, plugins = found
    environ["PYTHON_VLC_LIB_PATH"] = str(lib)
    environ["PYTHON_VLC_MODULE_PATH"] = str(plugins)
    # python-vlc only does setdefault: a VLC_PLUGIN_PATH left on the machine by another
    # program would otherwise make our libvlc load someone else's plugins.
    environ["VLC_PLUGIN_PATH"] = str(plugins)
    return lib


_dll_dirs: list[object] = []  # keep the handles: closing one removes the directory again


def _main() -> None:
    lib = configure(os.environ, sys.executable, getattr(sys, "_MEIPASS", None), sys.platform)
    if lib is not None and hasattr(os, "add_dll_directory"):
        # libvlc.dll finds libvlccore.dll beside it.
        _dll_dirs.append(os.add_dll_directory(str(lib.parent)))


if getattr(sys, "frozen", False):
    _main()
