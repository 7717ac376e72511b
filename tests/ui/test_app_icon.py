"""The app icon: one drawing (trainer_app/ui/icons.py) for the window and the built executable
(freeze/make_icon.py writes the .ico/.png that build.spec uses)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from trainer_app.ui import icons

ROOT = Path(__file__).resolve().parents[2]


def _make_icon_module():
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "freeze" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_window_icon_is_a_navy_tile_with_a_white_clipboard(qapp) -> None:
    image = icons.app_icon().pixmap(QSize(64, 64)).toImage()
    assert image.width() == 64
    assert image.pixelColor(32, 4) == QColor(icons.INK)  # the tile, near its top edge
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corner: transparent
    whites = sum(
        1 for x in range(64) for y in range(64)
        if image.pixelColor(x, y).lightness() > 240
    )
    assert 200 < whites < 64 * 64 // 3  # a white drawing, not a white tile


def test_build_icons_have_every_windows_size(qapp, tmp_path: Path) -> None:
    paths = _make_icon_module().make_icons(tmp_path / "icon")
    with Image.open(paths["ico"]) as ico:
        assert ico.info["sizes"] == {(s, s) for s in (16, 20, 24, 32, 40, 48, 64, 128, 256)}
    with Image.open(paths["png"]) as png:
        assert png.size == (256, 256)
        assert png.convert("RGBA").getpixel((128, 6))[:3] == (0x0B, 0x3D, 0x6E)
    assert paths["svg"].read_text(encoding="utf-8").startswith("<svg")
