"""One served quiz step ("the room"): its token and room code, the database thread, the
second-phone and walk-in rules, the live figures pushed to the laptop, and the per-phone
event queues. Lives on the server's event loop; no aiohttp here (the server module wraps
it), so it is tested without a network."""

from __future__ import annotations

import asyncio
import functools
import hmac
import logging
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from trainer_app.phone import calls
from trainer_app.phone.state import ClaimRequest, RoomState, WalkInRequest
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import phone_quiz

__all__ = ["STATIC_DIR", "Listener", "Room"]

log = logging.getLogger("trainer_app.phone")
STATIC_DIR = Path(__file__).resolve().parent / "static"
ASSETS = {"app.js": "application/javascript", "style.css": "text/css"}
PUSH_EVERY_S = 1.0  # live figures to the laptop at most this often…
REFRESH_EVERY_S = 3.0  # …and at least this often (kiosk or paper answers count too)
Listener = Callable[[str, Any], None]
T = TypeVar("T")


class Room:
    def __init__(self, factory: Any, step: phone_quiz.PhoneStep, token: str, code: str, *,
                 listener: Listener | None = None, unit_name: str = "",
                 auto_accept_walk_ins: bool = False) -> None:
        self.factory = factory
        self.step = step
        self.token = token
        self.code = code
        self.unit_name = unit_name
        self.listener = listener or (lambda _kind, _data: None)
        self.auto_accept_walk_ins = auto_accept_walk_ins
        self.state = RoomState()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phone-db")
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stopping = False
        self._dirty = True
        self._submitted_dirty = True
        self._queues: dict[str, set[asyncio.Queue[dict[str, Any]]]] = {}
        self._pages: dict[str, str] = {}
        self.db_seconds: dict[str, list[float]] = {}  # name -> [calls, total s, longest s]
        self._taps: list[tuple[calls.Tap, asyncio.Future[dict[str, Any]]]] = []
        self._saving = False
        self._saver: asyncio.Future[None] | None = None

    # --- plumbing -------------------------------------------------------------------------

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the one database thread (its run time is kept per
        function for the benchmark: ``db_seconds``)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(
            self._timed, fn, *args))

    def _timed(self, fn: Callable[..., T], *args: Any) -> T:
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            name = getattr(fn, "__name__", "") or getattr(getattr(fn, "func", None),
                                                          "__name__", "?")
            spent = self.db_seconds.setdefault(name, [0, 0.0, 0.0])
            took = time.perf_counter() - start
            spent[0] += 1
            spent[1] += took
            spent[2] = max(spent[2], took)

    def emit(self, kind: str, data: Any) -> None:
        try:
            self.listener(kind, data)
        except Exception as exc:  # a listener's fault never stops the server
            log.error("phone listener failed on %s: %s", kind, type(exc).__name__)

    def token_ok(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    def page(self, name: str) -> str:
        if name not in self._pages:
            text = (STATIC_DIR / name).read_text(encoding="utf-8")
            self._pages[name] = text
        return self._pages[name].replace("%BASE%", f"/p/{self.token}")

    def asset(self, name: str) -> tuple[bytes, str]:
        if name not in ASSETS:
            raise UserError("Không có tệp này.", code="not_found")
        return (STATIC_DIR / name).read_bytes(), ASSETS[name]

    def is_closed(self) -> bool:
        return phone_quiz.step_info(self.factory, self.step.session_id,
                                    self.step.position).finished

    def subscribe(self, device: str) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=20)
        self._queues.setdefault(device, set()).add(queue)
        return queue

    def unsubscribe(self, device: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self._queues.get(device, set())
        queues.discard(queue)
        if not queues:
            self._queues.pop(device, None)

    def poke(self, device: str | None, event: dict[str, Any]) -> None:
        targets = self._queues.values() if device is None else [self._queues.get(device, set())]
        for queues in targets:
            for queue in queues:
                if not queue.full():
                    queue.put_nowait(event)

    def changed(self, submitted: bool = False) -> None:
        self._dirty = True
        self._submitted_dirty = self._submitted_dirty or submitted

    async def ticker(self) -> None:
        """Push the live figures to the laptop (at most once a second, at least every 3 s)."""
        last = 0.0
        while not self.stopping:
            await asyncio.sleep(PUSH_EVERY_S)
            now = time.monotonic()
            if not self._dirty and now - last < REFRESH_EVERY_S:
                continue
            self._dirty, submitted, self._submitted_dirty = False, self._submitted_dirty, False
            last = now
            try:
                status = await self.db(phone_quiz.live_status, self.factory,
                                       self.step.session_id, self.step.position)
                self.emit("status", status)
                if submitted:
                    self.emit("distribution", await self.db(
                        phone_quiz.answer_distribution, self.factory, self.step.session_id,
                        self.step.position))
            except UserError as exc:
                self.emit("error", exc.message)
            except Exception as exc:
                log.error("live figures failed: %s", type(exc).__name__)

    # --- answers --------------------------------------------------------------------------

    async def answer(self, tap: calls.Tap) -> dict[str, Any]:
        """Save one tap. Taps that arrive while the previous ones are being written go
        together in the next transaction (group commit): one disk sync for many phones,
        and each phone hears "saved" only once its tap is on disk."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._taps.append((tap, future))
        if not self._saving:
            self._saving = True
            self._saver = asyncio.ensure_future(self._save_taps())
        result = await future
        self.changed()
        return result

    async def _save_taps(self) -> None:
        try:
            while self._taps:
                batch, self._taps = self._taps[:200], self._taps[200:]
                try:
                    results = await self.db(calls.answer_batch, self.factory,
                                            self.step.session_id, [t for t, _f in batch])
                except Exception as exc:  # the whole batch: each phone retries
                    for _tap, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (_tap, future), result in zip(batch, results, strict=True):
                    if future.done():
                        continue
                    if isinstance(result, BaseException):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
        finally:
            self._saving = False

    # --- claims ---------------------------------------------------------------------------

    async def claim(self, person_id: int, device: str) -> dict[str, Any]:
        """This phone answers for ``person_id`` from now on (a new attempt, or the open one
        resumed). A second phone needs the laptop's approval unless the first has been
        silent for more than 60 s."""
        sid, position = self.step.session_id, self.step.position
        name = await self.db(phone_quiz.session_person_name, self.factory, sid, person_id)
        holder = await self.db(phone_quiz.attempt_holder, self.factory, sid, position,
                               person_id)
        if holder is not None and holder.submitted:
            if holder.device_id == device:
                return await self.db(calls.submit, self.factory, sid, device, holder.attempt_id)
            raise UserError(f"{name} đã nộp bài này rồi.", code="already_submitted")
        previous = holder.device_id if holder is not None else None
        if previous not in (None, device) and not self.state.silent(previous):
            decision = self.state.approved(person_id, device)
            if decision is False:
                raise UserError("Cán bộ chưa đồng ý cho điện thoại này làm bài của người "
                                "này. Hãy hỏi cán bộ.", code="refused")
            if decision is None:
                self.state.claim_request(person_id, name, device)
                self.emit("claims", self.pending_claims())
                raise UserError("Tên này đang được làm bài trên một điện thoại khác. Đã báo "
                                "cán bộ; chờ cán bộ xác nhận trên máy tính…",
                                code="needs_approval")
        payload = await self.db(calls.claim, self.factory, sid, position, person_id, device)
        self.state.forget_claims(person_id, device)
        self.state.touch(device)
        if previous not in (None, device):
            self.poke(previous, {"type": "taken"})
        self.emit("claims", self.pending_claims())
        self.changed()
        return payload

    def pending_claims(self) -> list[ClaimRequest]:
        return [ClaimRequest(r.id, r.person_id, r.full_name, r.device_id, r.decision)
                for r in self.state.pending_claims()]

    def decide_claim(self, request_id: int, approve: bool) -> None:
        """The laptop's answer (called on the loop thread)."""
        request = self.state.claims.get(request_id)
        if request is None:
            return
        request.decision = approve
        self.poke(request.device_id, {"type": "claim"})
        self.emit("claims", self.pending_claims())

    # --- walk-ins -------------------------------------------------------------------------

    async def walk_in(self, device: str, name: str) -> dict[str, Any]:
        clean = " ".join(unicodedata.normalize("NFC", name).split())
        request = self.state.walk_in(device, clean)
        self.state.touch(device)
        if self.auto_accept_walk_ins:
            await self._accept_alone(request)
        self.emit("walk_ins", self.pending_walk_ins())
        return self._walk_in_view(request)

    async def _accept_alone(self, request: WalkInRequest) -> None:
        from trainer_app.services.roster.service import PersonInput
        from trainer_app.services.sessions.attendance import WalkInLooksKnown, add_walk_in

        try:
            result = await self.db(functools.partial(
                add_walk_in, self.factory, self.step.session_id,
                PersonInput(full_name=request.name)))
        except WalkInLooksKnown as exc:
            request.candidates = exc.candidates  # the laptop decides
            return
        request.person_id = result.rows[0].person_id

    async def walk_in_status(self, device: str, request_id: int) -> dict[str, Any]:
        request = self.state.walk_ins.get(request_id)
        if request is None or request.device_id != device:
            raise UserError("Không tìm thấy yêu cầu này; hãy gửi lại tên.",
                            code="unknown_person")
        return self._walk_in_view(request)

    def _walk_in_view(self, request: WalkInRequest) -> dict[str, Any]:
        status = ("accepted" if request.person_id is not None else
                  "refused" if request.refused else "waiting")
        return {"id": request.id, "status": status, "person": request.person_id}

    def pending_walk_ins(self) -> list[WalkInRequest]:
        return [WalkInRequest(r.id, r.device_id, r.name, r.person_id, r.refused,
                              list(r.candidates)) for r in self.state.pending_walk_ins()]

    def resolve_walk_in(self, request_id: int, person_id: int | None) -> None:
        """The laptop accepted (``person_id``: the new or the known person) or refused."""
        request = self.state.walk_ins.get(request_id)
        if request is None:
            return
        if person_id is None:
            request.refused = True
        else:
            request.person_id = person_id
        self.poke(request.device_id, {"type": "walkin"})
        self.emit("walk_ins", self.pending_walk_ins())
