"""Choosing the video backend: today VLC, or ``Unavailable`` with the reason.

Kept apart from ``backend`` (the protocol and its plain types), which ``vlc_backend``
implements, so that nothing imports in a circle.
"""

from __future__ import annotations

from trainer_app.player.backend import Backend, BackendOptions, Unavailable


def load_backend(options: BackendOptions | None = None) -> Backend | Unavailable:
    """The VLC backend, or ``Unavailable`` (never raises)."""
    from trainer_app.player import vlc_backend

    return vlc_backend.load(options or BackendOptions())
