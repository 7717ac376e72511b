"""What the server keeps in memory while it runs (plain Python, no aiohttp): when each phone
was last heard from, rate limits, second-phone claims waiting for the laptop's approval and
walk-ins waiting to be accepted. Nothing here is a result: attempts and answers are in the
database the moment they are given; after a restart a phone simply asks again."""

from __future__ import annotations

import itertools
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["ClaimRequest", "RateLimiter", "RoomState", "WalkInRequest", "valid_id"]

SILENT_AFTER_S = 60.0  # a phone not heard from for longer may be replaced without approval
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
Clock = Callable[[], float]


def valid_id(value: object) -> bool:
    """A device or tap id as the page makes them: 16 to 64 letters, digits, - or _."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Clock = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        if len(self._events) > 10_000:  # forget idle keys: memory stays bounded
            for stale in [k for k, v in self._events.items() if not v]:
                del self._events[stale]
        return True


@dataclass
class ClaimRequest:
    """A second phone asking for a person whose attempt another phone holds."""

    id: int
    person_id: int
    full_name: str
    device_id: str
    decision: bool | None = None  # None: waiting for the laptop


@dataclass
class WalkInRequest:
    """Someone not on the list typed their name; the laptop accepts or merges."""

    id: int
    device_id: str
    name: str
    person_id: int | None = None  # set when accepted (a new person or a known one)
    refused: bool = False
    candidates: list[tuple[int, str]] = field(default_factory=list)


class RoomState:
    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.seen: dict[str, float] = {}  # device id -> last heard from
        self.searches = RateLimiter(30, clock=clock)
        self.claims_limit = RateLimiter(5, clock=clock)
        self.codes = RateLimiter(10, clock=clock)  # room-code guesses per address
        self.claims: dict[int, ClaimRequest] = {}
        self.walk_ins: dict[int, WalkInRequest] = {}
        self._ids = itertools.count(1)

    def touch(self, device_id: str) -> None:
        self.seen[device_id] = self.clock()

    def silent(self, device_id: str | None) -> bool:
        """True when the phone has not been heard from for more than 60 s (or never,
        since this server started)."""
        if device_id is None:
            return True
        last = self.seen.get(device_id)
        return last is None or self.clock() - last > SILENT_AFTER_S

    def claim_request(self, person_id: int, full_name: str, device_id: str) -> ClaimRequest:
        for request in self.claims.values():
            if request.person_id == person_id and request.device_id == device_id:
                return request
        request = ClaimRequest(next(self._ids), person_id, full_name, device_id)
        self.claims[request.id] = request
        return request

    def approved(self, person_id: int, device_id: str) -> bool | None:
        for request in self.claims.values():
            if request.person_id == person_id and request.device_id == device_id:
                return request.decision
        return None

    def has_claim_request(self, person_id: int, device_id: str) -> bool:
        """This phone already asked for this person (it is waiting for the laptop)."""
        return any(r.person_id == person_id and r.device_id == device_id
                   for r in self.claims.values())

    def forget_claims(self, person_id: int, device_id: str) -> None:
        for key in [k for k, r in self.claims.items()
                    if r.person_id == person_id and r.device_id == device_id]:
            del self.claims[key]

    def pending_claims(self) -> list[ClaimRequest]:
        return [r for r in self.claims.values() if r.decision is None]

    def walk_in(self, device_id: str, name: str) -> WalkInRequest:
        for request in self.walk_ins.values():
            if request.device_id == device_id and request.person_id is None \
                    and not request.refused:
                request.name = name
                return request
        request = WalkInRequest(next(self._ids), device_id, name)
        self.walk_ins[request.id] = request
        return request

    def pending_walk_ins(self) -> list[WalkInRequest]:
        return [r for r in self.walk_ins.values() if r.person_id is None and not r.refused]
