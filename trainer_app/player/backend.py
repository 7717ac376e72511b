"""What the app asks of a video backend, independent of VLC and of Qt.

A ``Backend`` makes ``MediaPlayer``s and probes files. A player reports what happens to a
``PlayerListener`` whose methods are called on the backend's own threads: a listener must
only hand the news on (the Qt adapter in ``ui/player/`` emits a signal) and never call the
player back from there (libvlc is not re-entrant: python-vlc #77, #211).

``load_backend()`` never raises: when VLC is missing or broken it returns ``Unavailable``
with a Vietnamese message that says how to install it, and the app goes on without video.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol


class PlayerState(StrEnum):
    IDLE = "idle"
    OPENING = "opening"
    PLAYING = "playing"
    PAUSED = "paused"
    STOPPED = "stopped"
    ENDED = "ended"
    ERROR = "error"


@dataclass(frozen=True)
class BackendOptions:
    """``hardware_decoding=False`` for laptops whose video drivers misbehave (the setting
    "Tắt giải mã phần cứng"). ``headless``: dummy video and audio outputs (tests, benchmarks,
    probing), nothing drawn and nothing heard."""

    hardware_decoding: bool = True
    headless: bool = False
    extra_args: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProbeResult:
    """Whether a file can be played, as ``trainer-app media probe --json`` prints it."""

    playable: bool
    duration_s: float | None = None
    error: str | None = None  # Vietnamese, says what is wrong with which file
    has_video: bool = False
    has_audio: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"playable": self.playable, "duration_s": self.duration_s, "error": self.error}


class PlayerListener(Protocol):
    """Called on the backend's threads. Hand the news on; never call the player here."""

    def on_state(self, state: PlayerState) -> None: ...

    def on_time(self, seconds: float) -> None: ...

    def on_length(self, seconds: float) -> None: ...


class MediaPlayer(Protocol):
    def set_listener(self, listener: PlayerListener | None) -> None: ...

    def set_window(self, handle: int) -> None:
        """Draw into this native window (X11 window id, HWND or NSView): before ``play``."""

    def open(self, path: Path, subtitle: Path | None = None) -> None: ...

    def play(self) -> None: ...

    def set_paused(self, paused: bool) -> None: ...

    def stop(self) -> None: ...

    def seek(self, seconds: float) -> None: ...

    def current_time(self) -> float: ...

    def length(self) -> float | None: ...

    def state(self) -> PlayerState: ...

    def set_volume(self, percent: int) -> None: ...

    def volume(self) -> int: ...

    def set_muted(self, muted: bool) -> None: ...

    def is_muted(self) -> bool: ...

    def release(self) -> None: ...


class Backend(Protocol):
    name: str
    version: str
    options: BackendOptions

    def new_player(self) -> MediaPlayer: ...

    def probe_tracks(self, path: Path, timeout_s: float = 5.0) -> ProbeResult:
        """Parse ``path`` (a file that exists and passed the container check)."""

    def release(self) -> None: ...


def install_hint(platform: str | None = None) -> str:
    """How to get VLC on this kind of machine, in Vietnamese."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("Hãy tải VLC bản 64-bit (Windows 64-bit) tại videolan.org, cài đặt, rồi mở "
                "lại ứng dụng.")
    if platform == "darwin":
        return "Hãy tải VLC cho macOS tại videolan.org, cài đặt, rồi mở lại ứng dụng."
    return ("Trên Debian/Ubuntu, mở Terminal và chạy: sudo apt install vlc — rồi mở lại ứng "
            "dụng. (Windows: tải VLC bản 64-bit tại videolan.org.)")


@dataclass(frozen=True)
class Unavailable:
    """No video backend: ``detail`` is the technical cause (for the log)."""

    detail: str

    @property
    def message(self) -> str:
        return ("Cần có phần mềm VLC để chiếu video trong ứng dụng, nhưng máy này chưa có "
                "(hoặc VLC bị lỗi). " + install_hint())
