"""Where a stored media path points, only when it lies inside ``<data>/media/``.

``media_file.file_path`` comes from the database, and a database may come from a backup made
elsewhere: a path like ``../../secret.txt`` or ``/etc/passwd`` (or a link inside the folder
that leads out of it) must never be read, handed to the system's default program, or deleted.
"""

from __future__ import annotations

from pathlib import Path


def inside_media(media_dir: Path, relative: str | None) -> Path | None:
    """The resolved file ``relative`` names, or None when it is empty or leads outside."""
    if not relative:
        return None
    root = media_dir.resolve()
    try:
        candidate = (media_dir / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if candidate == root or not candidate.is_relative_to(root):
        return None
    return candidate
