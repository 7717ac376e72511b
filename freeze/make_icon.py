"""Make the app icon files for the build from the one drawing in trainer_app/ui/icons.py.

    .venv/bin/python freeze/make_icon.py OUT_DIR

writes OUT_DIR/trainer-app.svg, trainer-app.png (256 px) and trainer-app.ico (16…256 px, each
size drawn from the SVG rather than scaled down from the largest, so small sizes stay sharp).
Called by build.spec; nothing generated is committed.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def make_icons(out_dir: Path) -> dict[str, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    from trainer_app.ui.icons import APP_ICON_SVG, app_icon_pixmap

    _app = QGuiApplication.instance() or QGuiApplication([])
    out_dir.mkdir(parents=True, exist_ok=True)
    images = []
    for size in ICO_SIZES:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        app_icon_pixmap(size).save(buffer, "PNG")
        images.append(Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA"))
    paths = {
        "svg": out_dir / "trainer-app.svg",
        "png": out_dir / "trainer-app.png",
        "ico": out_dir / "trainer-app.ico",
    }
    paths["svg"].write_text(APP_ICON_SVG, encoding="utf-8")
    images[-1].save(paths["png"])
    # Pillow writes one entry per size, taking each from the image of that size.
    images[-1].save(paths["ico"], format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    return paths


if __name__ == "__main__":
    for path in make_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icon")).values():
        print(path)
