"""Opening a file with the system's default program (player_window.open_externally, used for
videos VLC cannot play and documents): on Windows Qt hands the file URL to ShellExecute. Here a
URL handler registered with Qt itself receives what would go there, and must get back the very
path, Windows-style names with spaces and Vietnamese letters included."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from trainer_app.ui.player.player_window import open_externally


class Catcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.mark.parametrize("name", ["Phim tập huấn số 1 (bản đẹp).mp4",
                                  "Kế hoạch #2 & 50% giấy mời.pdf"])
def test_the_default_program_gets_the_exact_file(qapp: object, tmp_path: Path,
                                                 name: str) -> None:
    path = tmp_path / "Tài liệu của Trạm" / name
    path.parent.mkdir()
    path.write_bytes(b"x")
    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    try:
        assert open_externally(path) is True
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert len(catcher.urls) == 1
    url = catcher.urls[0]
    assert url.isLocalFile() and Path(url.toLocalFile()) == path
