"""The local-socket name of a data folder's running instance (light: no QtNetwork)."""

from __future__ import annotations

import zlib
from pathlib import Path


def server_name(data_root: Path) -> str:
    """A socket name unique to the data folder (and short enough for any OS)."""
    raw = str(data_root.resolve()).encode("utf-8")
    return f"trainer-app-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
