"""The Qt face of a ``player.backend.MediaPlayer``: VLC's events become Qt signals on the GUI
thread, and the player is driven from the GUI thread only.

VLC calls the listener on its own threads (verified: ``MediaPlayerEndReached`` does not come
on the main thread). The listener here only emits signals of a QObject that lives on the GUI
thread, so Qt queues them and every slot runs there; nothing calls libvlc from a VLC thread
(libvlc is not re-entrant: python-vlc #77, #211).

A seek asked for before the media plays (resume, or after a window change) is held until the
"playing" state arrives: libvlc ignores ``set_time`` before that.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from trainer_app.player.backend import MediaPlayer, PlayerState

log = logging.getLogger(__name__)

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})


class _Relay(QObject):
    """Emitted from VLC's threads, received on the GUI thread (queued)."""

    state = Signal(str)
    time = Signal(float)
    length = Signal(float)


class _Listener:
    def __init__(self, relay: _Relay) -> None:
        self._relay = relay

    def on_state(self, state: PlayerState) -> None:
        self._relay.state.emit(str(state))

    def on_time(self, seconds: float) -> None:
        self._relay.time.emit(float(seconds))

    def on_length(self, seconds: float) -> None:
        self._relay.length.emit(float(seconds))


def has_windows() -> bool:
    """False on Qt's offscreen/minimal platforms: there is no window for VLC to draw in
    (without ``--vout=dummy`` VLC would then open its own or draw ASCII art)."""
    app = QApplication.instance()
    return not (isinstance(app, QApplication) and app.platformName() in HEADLESS_PLATFORMS)


class QtPlayer(QObject):
    """Signals arrive on the GUI thread. ``ended`` when the media played to its end."""

    state_changed = Signal(str)  # a PlayerState value
    playing = Signal()
    paused = Signal()
    ended = Signal()
    failed = Signal()
    time_changed = Signal(float)  # seconds
    length_changed = Signal(float)  # seconds

    def __init__(self, player: MediaPlayer, parent: QObject | None = None, *,
                 embed: bool | None = None) -> None:
        super().__init__(parent)
        self.player = player
        # Hand VLC our window ids (not on offscreen Qt unless the backend is headless anyway).
        self.embed = has_windows() if embed is None else embed
        self._relay = _Relay(self)
        self._relay.state.connect(self._on_state)
        self._relay.time.connect(self._on_time)
        self._relay.length.connect(self._on_length)
        player.set_listener(_Listener(self._relay))
        self.path: Path | None = None
        self.subtitle: Path | None = None
        self.state = PlayerState.IDLE
        self.position = 0.0
        self.duration: float | None = None
        self._pending_seek: float | None = None
        self._pause_after_seek = False
        self._volume = 100
        self._muted = False

    # -- driving ----------------------------------------------------------------------------

    def open(self, path: Path, subtitle: Path | None = None, start_at: float = 0.0) -> None:
        self.path, self.subtitle = path, subtitle
        self.player.open(path, subtitle)
        self.position = 0.0
        self.duration = None
        self._pending_seek = start_at if start_at > 0 else None

    def set_window(self, widget: QWidget) -> None:
        """Draw into ``widget`` (set before ``play``; again after a window change)."""
        if self.embed:
            self.player.set_window(int(widget.winId()))

    def play(self) -> None:
        if self.state in (PlayerState.ENDED, PlayerState.ERROR):
            self.player.stop()  # libvlc needs a stop before an ended media plays again
            self.position = 0.0
        self.player.play()

    def toggle_pause(self) -> None:
        if self.state == PlayerState.PLAYING:
            self.player.set_paused(True)
        elif self.state == PlayerState.PAUSED:
            self.player.set_paused(False)
        else:
            self.play()

    def stop(self) -> None:
        self._pending_seek = None
        self.player.stop()

    def seek(self, seconds: float) -> None:
        top = self.duration if self.duration else seconds
        seconds = max(0.0, min(seconds, max(0.0, top - 0.5)))
        if self.state in (PlayerState.PLAYING, PlayerState.PAUSED):
            self.player.seek(seconds)
            self.position = seconds
            self.time_changed.emit(seconds)
        else:
            self._pending_seek = seconds

    def seek_by(self, delta: float) -> None:
        self.seek(self.current_time() + delta)

    def current_time(self) -> float:
        if self.state in (PlayerState.PLAYING, PlayerState.PAUSED):
            return self.player.current_time()
        return self._pending_seek if self._pending_seek is not None else self.position

    def move_to_window(self, widget: QWidget) -> None:
        """Another window (a screen was plugged in or removed): stop, hand VLC the new
        window, play, seek back to where it was. A paused video stays paused."""
        was = self.state
        position = self.current_time()
        self.player.stop()
        self.set_window(widget)
        if was in (PlayerState.PLAYING, PlayerState.PAUSED, PlayerState.OPENING):
            self._pending_seek = position if position > 0 else None
            self._pause_after_seek = was == PlayerState.PAUSED
            self.player.play()

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(100, int(percent)))
        self.player.set_volume(self._volume)

    def volume(self) -> int:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        self.player.set_muted(self._muted)

    def is_muted(self) -> bool:
        return self._muted

    def release(self) -> None:
        self.player.set_listener(None)
        self.player.release()

    # -- news from VLC (GUI thread) ---------------------------------------------------------

    @Slot(str)
    def _on_state(self, value: str) -> None:
        state = PlayerState(value)
        if state == PlayerState.STOPPED and self.state == PlayerState.ENDED:
            return  # libvlc reports "stopped" right after the end: it stays "ended"
        self.state = state
        if state == PlayerState.PLAYING:
            # The audio output exists only now: apply volume and mute again.
            self.player.set_volume(self._volume)
            self.player.set_muted(self._muted)
            if self._pending_seek is not None:
                self.player.seek(self._pending_seek)
                self.position = self._pending_seek
                self._pending_seek = None
            if self._pause_after_seek:
                self._pause_after_seek = False
                self.player.set_paused(True)
            self.playing.emit()
        elif state == PlayerState.PAUSED:
            self.paused.emit()
        elif state == PlayerState.ENDED:
            self.position = self.duration or self.position
            self.ended.emit()
        elif state == PlayerState.ERROR:
            log.warning("VLC could not play %s", self.path)
            self.failed.emit()
        self.state_changed.emit(value)

    @Slot(float)
    def _on_time(self, seconds: float) -> None:
        self.position = seconds
        self.time_changed.emit(seconds)

    @Slot(float)
    def _on_length(self, seconds: float) -> None:
        if seconds > 0:
            self.duration = seconds
            self.length_changed.emit(seconds)
