"""Real libvlc playing the real sample clip (``--vout=dummy --aout=dummy``): the end, the
"playing" state and a seek arrive as Qt signals on the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from trainer_app.player.backend import BackendOptions, PlayerState, Unavailable
from trainer_app.player.chooser import load_backend
from trainer_app.player.vlc_backend import instance_args
from trainer_app.resources import shipped_dir
from trainer_app.ui.player.qt_player import QtPlayer

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"
SUBTITLE = CLIP.with_suffix(".srt")


@pytest.fixture(scope="module")
def backend():
    loaded = load_backend(BackendOptions(headless=True))
    if isinstance(loaded, Unavailable):
        pytest.skip(f"libvlc is not installed here: {loaded.detail}")
    yield loaded
    loaded.release()


@pytest.fixture
def qt_player(qapp, backend):
    player = QtPlayer(backend.new_player())
    yield player
    player.release()


def test_clip_plays_to_its_end_and_the_end_is_a_qt_signal_on_the_gui_thread(
        qtbot: QtBot, qt_player: QtPlayer) -> None:
    threads: list[threading.Thread] = []
    qt_player.ended.connect(lambda: threads.append(threading.current_thread()))
    qt_player.open(CLIP, SUBTITLE)
    with qtbot.waitSignal(qt_player.playing, timeout=10_000):
        qt_player.play()
    assert qt_player.state == PlayerState.PLAYING
    with qtbot.waitSignal(qt_player.ended, timeout=15_000):
        pass
    assert threads == [threading.main_thread()]
    assert qt_player.state == PlayerState.ENDED
    assert qt_player.duration == pytest.approx(6.0, abs=0.2)


def test_start_at_is_applied_once_playing_and_play_again_after_the_end(
        qtbot: QtBot, qt_player: QtPlayer) -> None:
    qt_player.open(CLIP, start_at=4.5)
    with qtbot.waitSignal(qt_player.ended, timeout=10_000):
        qt_player.play()  # from 4.5 s: ends in about 1.5 s, not 6 s
    assert qt_player.state == PlayerState.ENDED
    with qtbot.waitSignal(qt_player.playing, timeout=10_000):
        qt_player.play()  # an ended media plays again from the start
    qtbot.waitUntil(lambda: qt_player.position > 0.2, timeout=5_000)
    assert qt_player.current_time() < 4.0


def test_pause_and_seek(qtbot: QtBot, qt_player: QtPlayer) -> None:
    qt_player.open(CLIP)
    with qtbot.waitSignal(qt_player.playing, timeout=10_000):
        qt_player.play()
    with qtbot.waitSignal(qt_player.paused, timeout=5_000):
        qt_player.toggle_pause()
    qt_player.seek(3.0)
    qtbot.waitUntil(lambda: abs(qt_player.current_time() - 3.0) < 0.6, timeout=5_000)
    assert qt_player.state == PlayerState.PAUSED


def test_hardware_decoding_off_and_platform_options() -> None:
    assert "--avcodec-hw=none" in instance_args(BackendOptions(hardware_decoding=False), "linux")
    assert "--avcodec-hw=none" not in instance_args(BackendOptions(), "linux")
    assert "--no-xlib" in instance_args(BackendOptions(), "linux")
    assert "--no-xlib" not in instance_args(BackendOptions(), "win32")
    assert {"--vout=dummy", "--aout=dummy"} <= set(
        instance_args(BackendOptions(headless=True), "linux"))


def test_vlc_hardware_decoding_off_still_plays(qtbot: QtBot, qapp) -> None:
    loaded = load_backend(BackendOptions(headless=True, hardware_decoding=False))
    if isinstance(loaded, Unavailable):
        pytest.skip(loaded.detail)
    player = QtPlayer(loaded.new_player())
    try:
        player.open(CLIP)
        with qtbot.waitSignal(player.playing, timeout=10_000):
            player.play()
    finally:
        player.release()
        loaded.release()


def test_unknown_option_makes_vlc_unavailable_not_a_crash() -> None:
    """libvlc_new returns NULL for an option it does not know (as for missing plugins)."""
    loaded = load_backend(BackendOptions(headless=True, extra_args=("--no-such-option-x",)))
    assert isinstance(loaded, Unavailable)
    assert "sudo apt install vlc" in loaded.message
    assert "videolan.org" in loaded.message


def test_missing_libvlc_is_unavailable_with_install_hint(tmp_path: Path) -> None:
    """A real process whose python-vlc is pointed at a library that does not exist: the
    import calls sys.exit(1) inside python-vlc; the loader must survive it."""
    code = ("from trainer_app.player.backend import Unavailable\n"
            "from trainer_app.player.chooser import load_backend\n"
            "from trainer_app.player.probe import probe\n"
            "b = load_backend()\n"
            "assert isinstance(b, Unavailable), b\n"
            f"r = probe(r'{CLIP}')\n"
            "print(r.playable, '|', r.error)\n")
    env = dict(os.environ, PYTHON_VLC_LIB_PATH=str(tmp_path / "libvlc.so.5"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    playable, error = done.stdout.strip().split(" | ", 1)
    assert playable == "False"
    assert "thu-may-chieu.mp4" in error and "sudo apt install vlc" in error
