"""The one module that imports vlc (python-vlc over libvlc 3).

Loading (``load``) catches every way a missing or broken VLC shows itself
(reference/tech-pitfalls.md §1): the import raising ImportError / OSError (Windows, 32/64-bit
mismatch) / NotImplementedError, the first call raising NameError (Linux without libvlc:
``CDLL(None)`` loads, ``libvlc_new`` is missing), ``sys.exit(1)`` inside the import when
PYTHON_VLC_LIB_PATH is wrong, and ``Instance()`` returning None (plugins missing or an
unknown option).

Instance options: ``--no-xlib`` on X11 (vlcj #293), short file caching (see FILE_CACHING_MS),
no title or OSD over the video, no
subtitle autodetection (the app names the .srt itself), subtitles one and a half times
their usual size for a room, ``--avcodec-hw=none`` when hardware decoding is turned off, and
dummy outputs when headless. Mouse and key input of the video window are turned off so the
Qt window keeps the keyboard (Space, arrows, F, Esc).

Event callbacks run on VLC's threads; they only forward to the listener.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from trainer_app.player.backend import (
    BackendOptions,
    PlayerListener,
    PlayerState,
    ProbeResult,
    Unavailable,
)

log = logging.getLogger(__name__)

# libvlc 3.0.24 (measured): with the default 300 ms of file caching, stop() called in the first
# ~0.3 s after "playing" blocks until the whole media has been decoded (6 s for the 6 s sample)
# — a frozen window on a screen change or a quick close. 50 ms: stop() returns in < 30 ms, and
# the library files are on the local disk, which needs no more.
FILE_CACHING_MS = 50

_LOAD_ERRORS = (ImportError, OSError, NotImplementedError, NameError, AttributeError,
                SystemExit)


def instance_args(options: BackendOptions, platform: str | None = None) -> list[str]:
    platform = platform or sys.platform
    args = ["--quiet", "--no-video-title-show", "--no-osd", "--no-snapshot-preview",
            "--no-sub-autodetect-file", "--sub-text-scale=150", "--no-stats",
            f"--file-caching={FILE_CACHING_MS}"]
    if platform.startswith("linux"):
        args.append("--no-xlib")
    if not options.hardware_decoding:
        args.append("--avcodec-hw=none")
    if options.headless:
        args += ["--vout=dummy", "--aout=dummy"]
    args += list(options.extra_args)
    return args


def load(options: BackendOptions) -> VlcBackend | Unavailable:
    try:
        import vlc
    except _LOAD_ERRORS as exc:  # SystemExit: python-vlc exits on a bad PYTHON_VLC_* path
        log.warning("python-vlc could not load libvlc: %r", exc)
        return Unavailable(f"import vlc: {type(exc).__name__}: {exc}")
    args = instance_args(options)
    try:
        instance = vlc.Instance(args)
    except _LOAD_ERRORS as exc:
        log.warning("libvlc_new failed: %r", exc)
        return Unavailable(f"vlc.Instance: {type(exc).__name__}: {exc}")
    if instance is None:
        log.warning("libvlc_new returned NULL for %s", args)
        return Unavailable("vlc.Instance() returned None (VLC plugins missing?)")
    try:
        version = vlc.libvlc_get_version().decode("utf-8", "replace")
    except _LOAD_ERRORS:
        version = "?"
    # The file loaded tells a VLC bundled with the build (freeze/rthook_vlc.py) from the
    # one installed on the machine.
    log.info("libvlc %s loaded from %s (%s)", version, getattr(vlc.dll, "_name", "?"),
             " ".join(args))
    return VlcBackend(vlc, instance, options, version)


class VlcBackend:
    name = "vlc"

    def __init__(self, module: Any, instance: Any, options: BackendOptions,
                 version: str) -> None:
        self._vlc = module
        self._instance = instance
        self.options = options
        self.version = version

    def new_player(self) -> VlcPlayer:
        return VlcPlayer(self._vlc, self._instance)

    def probe_tracks(self, path: Path, timeout_s: float = 5.0) -> ProbeResult:
        vlc = self._vlc
        media = self._instance.media_new_path(str(path))
        try:
            media.parse_with_options(vlc.MediaParseFlag.local, int(timeout_s * 1000))
            deadline = time.monotonic() + timeout_s + 1
            while media.get_parsed_status() == 0 and time.monotonic() < deadline:
                time.sleep(0.005)
            status = media.get_parsed_status()
            if status == vlc.MediaParsedStatus.timeout or status == 0:
                return ProbeResult(False, error="VLC đọc tệp quá lâu mà không xong (quá "
                                                f"{timeout_s:g} giây).")
            kinds = {track.type for track in (media.tracks_get() or [])}
            has_video = vlc.TrackType.video in kinds
            has_audio = vlc.TrackType.audio in kinds
            duration_ms = media.get_duration()
        finally:
            media.release()
        duration = duration_ms / 1000 if duration_ms and duration_ms > 0 else None
        if not (has_video or has_audio):
            return ProbeResult(False, duration, "VLC không tìm thấy hình hay tiếng nào trong "
                               "tệp: tệp không phải là video, hoặc bị hỏng.")
        return ProbeResult(True, duration, None, has_video, has_audio)

    def release(self) -> None:
        self._instance.release()


_EVENT_STATES = {
    "MediaPlayerOpening": PlayerState.OPENING,
    "MediaPlayerPlaying": PlayerState.PLAYING,
    "MediaPlayerPaused": PlayerState.PAUSED,
    "MediaPlayerStopped": PlayerState.STOPPED,
    "MediaPlayerEndReached": PlayerState.ENDED,
    "MediaPlayerEncounteredError": PlayerState.ERROR,
}


class VlcPlayer:
    """One libvlc media player. Call it from one thread (the GUI's); its listener hears
    from VLC's threads."""

    def __init__(self, module: Any, instance: Any) -> None:
        self._vlc = module
        self._instance = instance
        self._player = instance.media_player_new()
        self._player.video_set_mouse_input(False)
        self._player.video_set_key_input(False)
        self._listener: PlayerListener | None = None
        self._state = PlayerState.IDLE
        manager = self._player.event_manager()
        event_type = module.EventType
        for name, state in _EVENT_STATES.items():
            manager.event_attach(getattr(event_type, name),
                                 lambda _event, s=state: self._on_state(s))
        manager.event_attach(event_type.MediaPlayerTimeChanged, self._on_time)
        manager.event_attach(event_type.MediaPlayerLengthChanged, self._on_length)

    # -- VLC threads: forward only --------------------------------------------------------

    def _on_state(self, state: PlayerState) -> None:
        self._state = state
        listener = self._listener
        if listener is not None:
            listener.on_state(state)

    def _on_time(self, event: Any) -> None:
        listener = self._listener
        if listener is not None:
            listener.on_time(event.u.new_time / 1000)

    def _on_length(self, event: Any) -> None:
        listener = self._listener
        if listener is not None:
            listener.on_length(event.u.new_length / 1000)

    # -- the owner's thread ---------------------------------------------------------------

    def set_listener(self, listener: PlayerListener | None) -> None:
        self._listener = listener

    def set_window(self, handle: int) -> None:
        if sys.platform.startswith("win"):
            self._player.set_hwnd(handle)
        elif sys.platform == "darwin":
            self._player.set_nsobject(handle)
        else:
            self._player.set_xwindow(handle)

    def open(self, path: Path, subtitle: Path | None = None) -> None:
        media = self._instance.media_new_path(str(path))
        if subtitle is not None:
            media.add_option(f":sub-file={subtitle}")
        self._player.set_media(media)
        media.release()
        self._state = PlayerState.IDLE

    def play(self) -> None:
        if self._player.play() == -1:
            self._on_state(PlayerState.ERROR)

    def set_paused(self, paused: bool) -> None:
        self._player.set_pause(1 if paused else 0)

    def stop(self) -> None:
        self._player.stop()

    def seek(self, seconds: float) -> None:
        self._player.set_time(max(0, int(seconds * 1000)))

    def current_time(self) -> float:
        return max(0, self._player.get_time()) / 1000

    def length(self) -> float | None:
        length = self._player.get_length()
        return length / 1000 if length > 0 else None

    def state(self) -> PlayerState:
        return self._state

    def set_volume(self, percent: int) -> None:
        self._player.audio_set_volume(max(0, min(200, int(percent))))

    def volume(self) -> int:
        return int(self._player.audio_get_volume())

    def set_muted(self, muted: bool) -> None:
        self._player.audio_set_mute(bool(muted))

    def is_muted(self) -> bool:
        return bool(self._player.audio_get_mute())

    def release(self) -> None:
        self._listener = None
        self._player.stop()
        manager = self._player.event_manager()
        event_type = self._vlc.EventType
        for name in (*_EVENT_STATES, "MediaPlayerTimeChanged", "MediaPlayerLengthChanged"):
            manager.event_detach(getattr(event_type, name))
        self._player.release()
