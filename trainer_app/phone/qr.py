"""QR codes for the projector (``segno``, pure Python): PNG bytes the window shows."""

from __future__ import annotations

import io

__all__ = ["qr_png"]


def qr_png(text: str, scale: int = 10) -> bytes:
    """A black-on-white PNG of ``text`` with a quiet zone, error correction M (a projector's
    glare and a phone's old camera still read it)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
