"""Waiting longer after each wrong PIN, so nobody can try PINs at the kiosk until one works:
the first 3 wrong tries are free, then 30 s, doubling after each further wrong try, up to 5
minutes. The clock is injected (seconds, monotonic) so tests never sleep."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["FIRST_WAIT_S", "FREE_TRIES", "MAX_WAIT_S", "PinLockout", "countdown_text"]

FREE_TRIES = 3
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 300.0


class PinLockout:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.failures = 0
        self._until = 0.0

    def wait_for(self, failures: int) -> float:
        """The wait after the ``failures``-th wrong try in a row (0 for the free ones)."""
        if failures < FREE_TRIES:
            return 0.0
        return min(FIRST_WAIT_S * 2 ** (failures - FREE_TRIES), MAX_WAIT_S)

    def failed(self) -> float:
        """Count a wrong PIN; the wait that now applies (seconds, 0: none)."""
        self.failures += 1
        wait = self.wait_for(self.failures)
        self._until = self._clock() + wait
        return wait

    def succeeded(self) -> None:
        self.failures = 0
        self._until = 0.0

    def wait_left(self) -> float:
        """Seconds before the next try is allowed (0: now)."""
        return max(0.0, self._until - self._clock())

    @property
    def tries_before_wait(self) -> int:
        return max(0, FREE_TRIES - self.failures)


def countdown_text(seconds: float) -> str:
    """"4:05" for 245 s (rounded up: never shows 0:00 while still waiting)."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"
