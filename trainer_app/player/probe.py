"""``probe(file)``: can this file be played? ``{"playable", "duration_s", "error"}``.

In order: the file exists, is a file, is not empty and can be read; its container is whole
(``container.truncation_problem``); libvlc parses it and finds a video or audio track. Every
refusal is one Vietnamese sentence naming the file. Without VLC the answer is "not playable"
with the install hint.

One headless libvlc instance serves every probe of the process (made on first use; probing
from a worker thread is fine: parsing is not an event callback).
"""

from __future__ import annotations

import threading
from pathlib import Path

from trainer_app.player.backend import (
    Backend,
    BackendOptions,
    ProbeResult,
    Unavailable,
)
from trainer_app.player.chooser import load_backend
from trainer_app.player.container import truncation_problem

_lock = threading.Lock()
_probe_backend: list[Backend | Unavailable] = []


def probe_backend() -> Backend | Unavailable:
    """The process's headless backend for probing (loaded once)."""
    with _lock:
        if not _probe_backend:
            _probe_backend.append(load_backend(BackendOptions(headless=True)))
        return _probe_backend[0]


def file_problem(path: Path) -> str | None:
    """Whether the file can be read at all (before anything looks inside)."""
    try:
        if not path.exists():
            return f"Không tìm thấy tệp {path}."
        if not path.is_file():
            return f"{path} là thư mục, không phải tệp."
        if path.stat().st_size == 0:
            return f"Tệp {path.name} rỗng (0 byte): có thể chép chưa xong. Hãy chép lại tệp."
        with path.open("rb") as stream:
            stream.read(1)
    except OSError as exc:
        return f"Không đọc được tệp {path}: {exc.strerror or exc}."
    return None


def probe(path: str | Path, backend: Backend | Unavailable | None = None,
          timeout_s: float = 5.0) -> ProbeResult:
    path = Path(path)
    problem = file_problem(path)
    if problem:
        return ProbeResult(False, error=problem)
    try:
        cut = truncation_problem(path)
    except OSError as exc:
        return ProbeResult(False, error=f"Không đọc được tệp {path}: {exc.strerror or exc}.")
    if cut:
        return ProbeResult(False, error=f"Tệp {path.name}: {cut}")
    backend = backend if backend is not None else probe_backend()
    if isinstance(backend, Unavailable):
        return ProbeResult(False, error=f"Chưa kiểm tra được tệp {path.name}: "
                                        f"{backend.message}")
    result = backend.probe_tracks(path, timeout_s)
    if result.error:
        return ProbeResult(False, result.duration_s, f"Tệp {path.name}: {result.error}",
                           result.has_video, result.has_audio)
    return result
