"""Two things that keep the start light, measured with bench/bench_startup.py.

PySide6's import hook: once PySide6 is loaded, shiboken looks at every module imported
after it to see whether its source mentions "PySide6" (``shibokensupport.feature``,
PYSIDE-2029: modules that do may switch on ``__feature__``). It does so with
``inspect.getsource``, which reads and splits the whole file and keeps every line in
``linecache`` — for SQLAlchemy and the app, some 400 files, about 20 MB that stay resident
and a fifth of the time the database layer takes to load. ``lighten_pyside_import_hook``
gives the hook the same answer from one plain read of the file, keeping nothing. (A frozen
build ships no sources: there the hook finds none either way.)

The garbage collector: loading SQLAlchemy and the models makes hundreds of thousands of
objects, none of them garbage, and the collector runs over them again and again meanwhile.
``pause_gc`` stops it for the start; ``resume_gc`` moves what the start made out of its way
(``gc.freeze``) and turns it back on once the first page shows its data.
"""

from __future__ import annotations

import gc
import linecache
import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)

_state = {"gc_paused": False}


def _mentions_pyside(module: ModuleType) -> bool:
    """What shiboken's own check answers — does the module's source mention "PySide6"? —
    from one read of the file, without keeping its lines."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled, or byte code only: no source to look at
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_pyside_import_hook() -> bool:
    """Give shiboken's import hook the cheap check and drop the lines it cached so far.
    False (and nothing changed) when this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if feature._mod_uses_pyside is not _mentions_pyside:
        feature._mod_uses_pyside = _mentions_pyside
        linecache.clearcache()
        log.debug("PySide6 import hook lightened")
    return True


def pause_gc() -> None:
    """Stop the cyclic garbage collector until ``resume_gc`` (the start only)."""
    if gc.isenabled():
        gc.disable()
        _state["gc_paused"] = True


def resume_gc() -> None:
    """After the start: what it made stays (libraries, models, the window), so it is moved
    out of the collector's way; then collect as usual. Safe to call more than once."""
    if _state["gc_paused"]:
        _state["gc_paused"] = False
        gc.freeze()
        gc.enable()
