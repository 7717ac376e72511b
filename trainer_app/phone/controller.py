"""Start and stop the phone server: its own thread with its own asyncio loop, bound to one
address. Used by the CLI and, through the Qt adapter in ``ui/``, by the window. aiohttp is
imported only in ``start`` (in the server thread), so the window starts as fast as before.

Events reach the caller through one plain callback ``listener(kind, data)``, called on the
server thread: "serving" and "address_changed" (ServeInfo), "status" (LiveStatus),
"distribution", "claims", "walk_ins", "stopped" (a reason) and "error" (a message)."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trainer_app.phone.keepawake import KeepAwake
from trainer_app.phone.room import Listener, Room
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import phone_quiz

__all__ = ["PORT_TRIES", "PhoneServer", "ServeInfo", "room_code"]

DEFAULT_PORT = 8080
PORT_TRIES = 10  # a taken port: try the next ten
WATCH_EVERY_S = 5.0


@dataclass(frozen=True)
class ServeInfo:
    url: str
    code: str
    host: str
    port: int
    address: str  # what to type by hand: http://host:port


def room_code() -> str:
    """Six digits for those who type the address instead of scanning."""
    return f"{secrets.randbelow(1_000_000):06d}"


class PhoneServer:
    def __init__(self, factory: Any, step: phone_quiz.PhoneStep, *, host: str,
                 port: int = DEFAULT_PORT, listener: Listener | None = None,
                 watch_address: Callable[[], str | None] | None = None,
                 auto_accept_walk_ins: bool = False, keep_awake: bool = True,
                 unit_name: str = "") -> None:
        self.factory = factory
        self.step = step
        self.host = host
        self.port = port
        self.listener = listener or (lambda _kind, _data: None)
        self.watch_address = watch_address
        self.token = phone_quiz.link_token(factory, step.session_id)
        self.room = Room(factory, step, self.token, room_code(), listener=self._emit,
                         unit_name=unit_name, auto_accept_walk_ins=auto_accept_walk_ins)
        self.info: ServeInfo | None = None
        self.keep_awake = KeepAwake() if keep_awake else None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._stopped = threading.Event()
        self._error: BaseException | None = None
        self._stop_event: asyncio.Event | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self.info is not None

    def _emit(self, kind: str, data: Any) -> None:
        try:
            self.listener(kind, data)
        except Exception:  # the caller's fault never stops the server
            pass

    # --- the thread -------------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> ServeInfo:
        """Serve; returns once listening. Raises ``UserError`` (port in use even after
        the next ten, an address this computer does not have)."""
        self._thread = threading.Thread(target=self._run, name="phone-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise UserError("Máy chủ điện thoại không khởi động được (quá thời gian).",
                            code="server_start")
        if self._error is not None:
            error = self._error
            self._thread.join(timeout)
            if isinstance(error, UserError):
                raise error
            raise UserError(_bind_message(self.host, self.port, error),
                            code="server_start") from error
        assert self.info is not None
        return self.info

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:  # reported to start(); the thread ends
            self._error = self._error or exc
            self._ready.set()
        finally:
            self.room.executor.shutdown(wait=True)
            loop.close()
            self._stopped.set()

    async def _main(self) -> None:
        from aiohttp import web

        from trainer_app.phone.server import bind, make_app

        self.room.loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        runner = web.AppRunner(make_app(self.room), access_log=None, handle_signals=False,
                               shutdown_timeout=1.0)
        await runner.setup()
        try:
            site = await bind(runner, self.host, self.port, PORT_TRIES)
        except OSError as exc:
            await runner.cleanup()
            self._error = UserError(_bind_message(self.host, self.port, exc),
                                    code="port_in_use" if exc.errno in (98, 48, 10048)
                                    else "bind_failed")
            self._ready.set()
            return
        self.port = _bound_port(site)
        self.info = self._info()
        if self.keep_awake is not None:
            self.keep_awake.start()
        self._ready.set()
        self._emit("serving", self.info)
        tasks = [asyncio.ensure_future(self.room.ticker())]
        if self.watch_address is not None:
            tasks.append(asyncio.ensure_future(self._watch(runner)))
        await self._stop_event.wait()
        self.room.stopping = True
        self.room.poke(None, {"type": "stopping"})
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await runner.cleanup()
        if self.keep_awake is not None:
            self.keep_awake.stop()
        self._emit("stopped", "Đã dừng máy chủ điện thoại.")

    def _info(self) -> ServeInfo:
        address = f"http://{self.host}:{self.port}"
        return ServeInfo(f"{address}/p/{self.token}", self.room.code, self.host, self.port,
                         address)

    async def _watch(self, runner: Any) -> None:
        """The laptop's Wi-Fi address changed (new DHCP lease, another network): serve on
        the new one, same port if free, and tell the projector."""
        from trainer_app.phone.server import bind

        assert self.watch_address is not None
        while True:
            await asyncio.sleep(WATCH_EVERY_S)
            new = await asyncio.get_running_loop().run_in_executor(None, self.watch_address)
            if not new or new == self.host:
                continue
            for site in list(runner.sites):
                await site.stop()
            self.host = new
            try:
                site = await bind(runner, self.host, self.port, PORT_TRIES)
            except OSError as exc:
                self._emit("error", _bind_message(self.host, self.port, exc))
                continue
            self.port = _bound_port(site)
            self.info = self._info()
            self._emit("address_changed", self.info)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving (phones keep their unsent answers and retry)."""
        loop, event = self._loop, self._stop_event
        if loop is not None and event is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:
                pass
        if self._thread is not None:
            self._thread.join(timeout)
        self.info = None

    def call(self, fn: Callable[..., object], *args: object) -> None:
        """Run ``fn(*args)`` on the server's loop (the laptop's decisions)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn, *args)

    def decide_claim(self, request_id: int, approve: bool) -> None:
        self.call(self.room.decide_claim, request_id, approve)

    def resolve_walk_in(self, request_id: int, person_id: int | None) -> None:
        self.call(self.room.resolve_walk_in, request_id, person_id)


def _bound_port(site: Any) -> int:
    server = site._server  # aiohttp keeps the asyncio server here; its socket has the port
    return int(server.sockets[0].getsockname()[1])


def _bind_message(host: str, port: int, exc: BaseException) -> str:
    errno = getattr(exc, "errno", None)
    if errno in (98, 48, 10048):
        return (f"Cổng {port} đến {port + PORT_TRIES} trên {host} đều đang bị chương trình "
                "khác dùng. Hãy đóng chương trình đó, hoặc chọn cổng khác (--port).")
    if errno in (99, 49, 10049):
        return (f"Máy tính này không có địa chỉ {host}. Hãy chọn lại mạng (Wi-Fi) để phục vụ "
                "điện thoại.")
    return f"Không mở được máy chủ trên {host}:{port}: {exc}."
