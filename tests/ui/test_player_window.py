"""The player window with real libvlc (``--vout=dummy --aout=dummy``) on the real sample
clip: controls and keys, resume within a session, the projector logic (with a fake list of
screens: no machine under test has a second physical screen), the window without VLC, and
PDFs page by page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from trainer_app.player.backend import BackendOptions, PlayerState, Unavailable
from trainer_app.player.chooser import load_backend
from trainer_app.player.pdf_document import PdfDocument
from trainer_app.resources import shipped_dir
from trainer_app.services.media import importer as media_import
from trainer_app.services.media import service as media_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.player import launcher
from trainer_app.ui.player.document_window import DocumentWindow
from trainer_app.ui.player.player_window import PlayerWindow, PositionStore
from trainer_app.ui.player.screens import plan_screens

from .conftest import MessageRecorder

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"
SRT = CLIP.with_suffix(".srt")


@dataclass(eq=False)
class FakeScreen:
    label: str
    rect: QRect

    def name(self) -> str:
        return self.label

    def geometry(self) -> QRect:
        return self.rect


LAPTOP = FakeScreen("eDP-1", QRect(0, 0, 1366, 768))
PROJECTOR = FakeScreen("HDMI-1", QRect(1366, 0, 1024, 768))


@pytest.fixture(scope="module")
def backend():
    loaded = load_backend(BackendOptions(headless=True))
    if isinstance(loaded, Unavailable):
        pytest.skip(f"libvlc is not installed here: {loaded.detail}")
    yield loaded
    loaded.release()


class Spy:
    """Wraps the real VLC player and records the calls that matter for a window change."""

    def __init__(self, player) -> None:
        self._player = player
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        target = getattr(self._player, name)
        if name in ("stop", "set_window", "play", "seek", "open"):
            def record(*args):
                self.calls.append(name)
                return target(*args)
            return record
        return target


def key(widget: QWidget, k: Qt.Key) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, k,
                                             Qt.KeyboardModifier.NoModifier))


def make_player(qtbot: QtBot, backend, screens: list, store=None, *,
                embed: bool = False) -> PlayerWindow:
    """``embed``: hand VLC the (offscreen) window ids. Only without subtitles: an offscreen
    window id with subtitles makes libvlc 3.0.24 hang at the end of the media."""
    window = PlayerWindow(backend, CLIP, "Phim thử", None if embed else SRT, store=store,
                          screens=lambda: list(screens), control_screen=lambda _w: LAPTOP,
                          embed=embed)
    qtbot.addWidget(window)
    window.show()
    return window


def test_plan_screens() -> None:
    assert plan_screens([LAPTOP], LAPTOP).presentation is None
    big = FakeScreen("DP-2", QRect(0, 0, 1920, 1080))
    plan = plan_screens([LAPTOP, PROJECTOR, big], LAPTOP)
    assert plan.control is LAPTOP and plan.presentation is big
    assert plan_screens([PROJECTOR, LAPTOP], None).control is PROJECTOR


def test_plays_to_the_end_with_controls_and_keys(qtbot: QtBot, backend) -> None:
    window = make_player(qtbot, backend, [LAPTOP])
    with qtbot.waitSignal(window.qt_player.playing, timeout=10_000):
        window.start()
    assert window.play_button.text() == "Tạm dừng"
    assert window.status.text() == "Phụ đề: có"
    qtbot.waitUntil(lambda: window.time_label.text().endswith("/ 0:06"), timeout=5_000)
    qtbot.waitUntil(lambda: window.qt_player.current_time() > 0.5, timeout=5_000)
    assert window.seek_bar.value() > 0
    with qtbot.waitSignal(window.qt_player.paused, timeout=5_000):
        key(window, Qt.Key.Key_Space)
    assert window.play_button.text() == "Phát"
    key(window, Qt.Key.Key_Down)
    assert window.volume.value() == 90
    key(window, Qt.Key.Key_M)
    assert window.qt_player.is_muted() and window.mute_button.text() == "Đã tắt tiếng"
    with qtbot.waitSignal(window.qt_player.ended, timeout=4_000):
        key(window, Qt.Key.Key_Right)  # +10 s: to the end of a 6 s clip
        key(window, Qt.Key.Key_Space)
    assert "Đã hết video" in window.status.text()
    assert window.qt_player.state == PlayerState.ENDED  # not the "stopped" VLC sends after
    window.close()


def test_resume_within_the_session(qtbot: QtBot, backend) -> None:
    saved: list[float] = []
    store = PositionStore(load=lambda: 3.0, save=saved.append)
    window = make_player(qtbot, backend, [LAPTOP], store)
    with qtbot.waitSignal(window.qt_player.playing, timeout=10_000):
        window.start()
    assert "Tiếp tục từ 0:03" in window.status.text()
    qtbot.waitUntil(lambda: window.qt_player.current_time() >= 3.0, timeout=5_000)
    window.close()
    assert saved and saved[-1] >= 3.0


def test_a_projector_plugged_in_while_playing_takes_the_video(qtbot: QtBot, backend) -> None:
    screens = [LAPTOP]
    window = make_player(qtbot, backend, screens, embed=True)
    spy = Spy(window.qt_player.player)
    window.qt_player.player = spy
    with qtbot.waitSignal(window.qt_player.playing, timeout=10_000):
        window.start()
    assert window.projector is None and window.view.currentWidget() is window.surface
    qtbot.waitUntil(lambda: window.qt_player.current_time() > 1.5, timeout=5_000)
    before = window.qt_player.current_time()
    spy.calls.clear()
    screens.append(PROJECTOR)
    with qtbot.waitSignal(window.qt_player.playing, timeout=10_000):
        window.screens_changed()
    assert spy.calls[:4] == ["stop", "set_window", "play", "seek"]
    assert window.projector is not None and window.projector.isVisible()
    assert window.projector.geometry() == PROJECTOR.rect or window.projector.isFullScreen()
    assert "HDMI-1" in window.projecting_note.text()
    assert window.qt_player.current_time() >= before - 0.5  # seeked back, not from 0
    spy.calls.clear()
    screens.remove(PROJECTOR)
    with qtbot.waitSignal(window.qt_player.playing, timeout=10_000):
        window.screens_changed()
    assert spy.calls[:3] == ["stop", "set_window", "play"]
    assert not window.projector.isVisible()
    assert window.view.currentWidget() is window.surface
    window.close()


def test_without_vlc_the_player_says_how_to_install_and_offers_the_system_player(
        ctx: AppContext, messages: MessageRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's own player is mocked: it is another program, not part of the test."""
    item_id = media_import.add_item(ctx.factory, ctx.data_dir.media_dir, [CLIP]).item_id
    item = media_service.get_item(ctx.factory, ctx.data_dir.media_dir, item_id)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    messages.answers.append("Mở bằng trình phát của máy")
    parent = QWidget()
    result = launcher.open_media(parent, ctx, item, backend=Unavailable("test: no libvlc"))
    assert result is None
    shown = messages.shown[-1]
    assert shown.title == "Cần cài VLC"
    assert "sudo apt install vlc" in shown.text and "videolan.org" in shown.text
    assert shown.buttons == ["Mở bằng trình phát của máy", "Đóng"]
    assert [u.toLocalFile() for u in opened] == [item.files[0].path]


def _pdf(path: Path, pages: int) -> Path:
    canvas = Canvas(str(path))
    for n in range(pages):
        canvas.setFont("Helvetica", 48)
        canvas.drawString(72, 600, f"Page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def test_pdf_page_by_page_and_on_the_projector(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "Cẩm nang.pdf", 3)
    window = DocumentWindow(PdfDocument(pdf), "Cẩm nang",
                            screens=lambda: [LAPTOP], control_screen=lambda _w: LAPTOP)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.page_label.text() == "Trang 1/3"
    pixmap = window.view.pixmap()
    assert not pixmap.isNull() and pixmap.height() >= window.view.height() - 2
    key(window, Qt.Key.Key_PageDown)
    key(window, Qt.Key.Key_Space)
    key(window, Qt.Key.Key_Right)  # already the last page
    assert window.page_label.text() == "Trang 3/3" and not window.next_button.isEnabled()
    key(window, Qt.Key.Key_Home)
    assert window.page == 0
    window.close()
    projected = DocumentWindow(PdfDocument(pdf), "Cẩm nang",
                               screens=lambda: [LAPTOP, PROJECTOR],
                               control_screen=lambda _w: LAPTOP)
    qtbot.addWidget(projected)
    projected.show()
    projected.start()
    assert projected.projector is not None and projected.projector.isVisible()
    assert not projected.projector.view.pixmap().isNull()
    projected.close()
    assert projected.projector is None


def test_playing_state_is_reported_by_the_launcher(qtbot: QtBot, ctx: AppContext,
                                                   backend) -> None:
    item_id = media_import.add_item(ctx.factory, ctx.data_dir.media_dir, [CLIP]).item_id
    item = media_service.get_item(ctx.factory, ctx.data_dir.media_dir, item_id)
    parent = QWidget()
    window = launcher.open_media(parent, ctx, item, backend=backend)
    assert isinstance(window, PlayerWindow)
    assert window.subtitle is not None  # the .srt beside the sample came along
    qtbot.waitUntil(lambda: window.qt_player.state == PlayerState.PLAYING, timeout=10_000)
    assert window in launcher.open_windows()
    window.close()
    assert window not in launcher.open_windows()
