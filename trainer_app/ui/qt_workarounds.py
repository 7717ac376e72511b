"""Work-arounds for bugs in the Qt bindings, applied once at start-up.

PySide6 6.12.0, Python 3.11: ``SignalInstance.emit()`` returns ``True`` without taking a new
reference, so every emit made from Python takes one reference away from ``True``. After some
thousands of emits Python aborts the whole process ("Fatal Python error: bool_dealloc:
deallocating True or False"). PySide6 6.11.3 does not do it, and Python 3.12+ is immune
(``True`` is immortal there). Debian 12 ships Python 3.11, so we must survive it.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBES = 16
_MANY = 1 << 40  # more references than emits in any session's lifetime
_state: dict[str, bool] = {}


class _Probe(QObject):
    fired = Signal()


def emit_loses_references() -> bool:
    """True when emitting a signal from Python takes references from ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _add_references(True, lost)  # give back what the probe took
    return lost >= _PROBES


def _add_references(obj: object, count: int) -> None:
    # CPython (non-debug build): ob_refcnt is the first field of every object.
    cell = ctypes.c_ssize_t.from_address(id(obj))
    cell.value += count


def protect_bool_singletons() -> bool:
    """Make ``True``/``False`` effectively immortal (as Python 3.12 does) when the bindings
    leak references on emit. Returns whether the work-around was needed."""
    if "protected" in _state:
        return _state["protected"]
    needed = (sys.version_info < (3, 12) and sys.implementation.name == "cpython"
              and emit_loses_references())
    if needed:
        _add_references(True, _MANY)
        _add_references(False, _MANY)
        log.info("PySide6 emit() reference bug detected; True/False protected")
    _state["protected"] = needed
    return needed
