"""The aiohttp application: the page (only under the session's token), its JSON API, a
server-sent-events stream, and the room-code form. Imported only when a server starts.

Every database call goes through ``Room.db`` — one single-thread executor — never on the
event loop. Errors a phone can cause come back as 4xx with a Vietnamese message; nothing
is logged with a name in it."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from trainer_app.phone import calls
from trainer_app.phone.room import Room
from trainer_app.phone.state import valid_id
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import phone_quiz

__all__ = ["MAX_BODY", "bind", "make_app"]

log = logging.getLogger("trainer_app.phone")
MAX_BODY = 16 * 1024
STATUS = {"unknown_attempt": 404, "unknown_person": 404, "unknown_question": 404,
          "not_a_quiz_step": 404, "already_submitted": 409, "session_locked": 410,
          "quiz_closed": 410, "other_device": 409, "needs_approval": 409, "refused": 403,
          "rate_limited": 429, "bad_request": 400, "bad_option": 400, "too_large": 413,
          "not_submitted": 409, "not_found": 404}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _error(code: str, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": code, "message": message, **extra},
                             status=STATUS.get(code, 400))


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """UserError -> its 4xx; a body over 16 KB -> 413; anything unexpected -> 503 with a
    plain message (logged without the request's content), never a traceback."""
    try:
        return await handler(request)
    except UserError as exc:
        return _error(exc.code if exc.code in STATUS else "bad_request", exc.message)
    except web.HTTPRequestEntityTooLarge:
        return _error("too_large", "Dữ liệu gửi lên quá lớn.")
    except web.HTTPException:
        raise
    except (asyncio.CancelledError, ConnectionResetError):
        raise
    except Exception as exc:
        route = request.match_info.route.resource
        where = route.canonical if route is not None else "?"  # the pattern, not the token
        log.error("phone request %s failed: %s", where, type(exc).__name__)
        log.debug("phone request failed", exc_info=True)  # --debug only: SQL values hidden
        return web.json_response({"error": "busy", "message": "Máy tính đang bận, thử lại sau "
                                  "ít giây."}, status=503)


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise UserError("Dữ liệu gửi lên quá lớn.", code="too_large")
    raw = await request.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UserError("Dữ liệu gửi lên không đọc được.", code="bad_request") from None
    if not isinstance(data, dict):
        raise UserError("Dữ liệu gửi lên không đọc được.", code="bad_request")
    return data


def _device(data: dict[str, Any] | Any) -> str:
    device = data.get("device")
    if not valid_id(device):
        raise UserError("Điện thoại chưa có mã nhận diện; hãy tải lại trang.",
                        code="bad_request")
    return str(device)


def _int(data: dict[str, Any], key: str, low: int = 1, high: int = 2**31 - 1) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UserError(f"Thiếu hoặc sai \"{key}\".", code="bad_request")
    return value


class Api:
    """The handlers, bound to one room (one session's quiz step)."""

    def __init__(self, room: Room) -> None:
        self.room = room

    def _token(self, request: web.Request) -> None:
        if not self.room.token_ok(request.match_info.get("token", "")):
            raise web.HTTPNotFound(text=self.room.page("notfound.html"),
                                   content_type="text/html")

    async def page(self, request: web.Request) -> web.Response:
        self._token(request)
        closed = await self.room.db(self.room.is_closed)
        name = "ended.html" if closed else "index.html"
        return web.Response(text=self.room.page(name), content_type="text/html",
                            charset="utf-8", headers={"Cache-Control": "no-store"})

    async def asset(self, request: web.Request) -> web.Response:
        self._token(request)
        name = request.match_info["name"]
        body, kind = self.room.asset(name)
        return web.Response(body=body, content_type=kind, charset="utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def info(self, request: web.Request) -> web.Response:
        self._token(request)
        step = self.room.step
        return web.json_response({"title": step.title, "quiz_title": step.quiz_title,
                                  "session_title": step.session_title,
                                  "questions": step.question_count,
                                  "unit": self.room.unit_name})

    async def search(self, request: web.Request) -> web.Response:
        self._token(request)
        data = await _body(request)
        device = _device(data)
        text = data.get("text")
        if not isinstance(text, str) or len(text) > 100:
            raise UserError("Tên tìm kiếm không hợp lệ.", code="bad_request")
        peer = request.remote or "?"
        if not (self.room.state.searches.allow(device) and
                self.room.state.searches.allow("ip:" + peer)):
            raise UserError("Tìm quá nhiều lần; chờ một phút rồi thử lại.",
                            code="rate_limited")
        self.room.state.touch(device)
        found = await self.room.db(phone_quiz.search_people, self.room.factory,
                                   self.room.step.session_id, text)
        return web.json_response({"matches": [
            {"id": m.person_id, "name": m.full_name, "hood": m.neighbourhood} for m in found]})

    async def claim(self, request: web.Request) -> web.Response:
        self._token(request)
        data = await _body(request)
        device = _device(data)
        person_id = _int(data, "person")
        waiting = self.room.state.has_claim_request(person_id, device)  # asking again
        if not waiting and not (self.room.state.claims_limit.allow(device) and
                                self.room.state.claims_limit.allow("ip:" + (request.remote
                                                                            or "?"))):
            raise UserError("Chọn tên quá nhiều lần; chờ một phút rồi thử lại.",
                            code="rate_limited")
        return web.json_response(await self.room.claim(person_id, device))

    async def walk_in(self, request: web.Request) -> web.Response:
        self._token(request)
        data = await _body(request)
        device = _device(data)
        name = data.get("name")
        if not isinstance(name, str) or not 3 <= len(name.strip()) <= 100:
            raise UserError("Hãy ghi đủ họ và tên (ít nhất 3 chữ).", code="bad_request")
        if not self.room.state.claims_limit.allow(device):
            raise UserError("Gửi quá nhiều lần; chờ một phút rồi thử lại.", code="rate_limited")
        return web.json_response(await self.room.walk_in(device, name))

    async def walk_in_status(self, request: web.Request) -> web.Response:
        self._token(request)
        device = _device(request.query)
        self.room.state.touch(device)
        return web.json_response(await self.room.walk_in_status(
            device, _query_int(request, "id")))

    async def attempt(self, request: web.Request) -> web.Response:
        self._token(request)
        device = _device(request.query)
        self.room.state.touch(device)
        payload = await self.room.db(calls.resume, self.room.factory, self.room.step.session_id,
                                     self.room.step.position, device,
                                     _query_int(request, "attempt"))
        return web.json_response(payload)

    async def answer(self, request: web.Request) -> web.Response:
        self._token(request)
        data = await _body(request)
        device = _device(data)
        key = data.get("question")
        chosen = data.get("chosen")
        client_id = data.get("client_id")
        if not isinstance(key, str) or not 0 < len(key) <= 100:
            raise UserError("Thiếu câu hỏi.", code="bad_request")
        if not isinstance(chosen, list) or len(chosen) > 26 or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in chosen):
            raise UserError("Phương án chọn không hợp lệ.", code="bad_request")
        if not valid_id(client_id):
            raise UserError("Thiếu mã lần chọn.", code="bad_request")
        self.room.state.touch(device)
        payload = await self.room.answer(calls.Tap(device, _int(data, "attempt"), key, chosen,
                                                   str(client_id), _int(data, "counter")))
        return web.json_response(payload)

    async def submit(self, request: web.Request) -> web.Response:
        self._token(request)
        data = await _body(request)
        device = _device(data)
        self.room.state.touch(device)
        payload = await self.room.db(calls.submit, self.room.factory,
                                     self.room.step.session_id, device, _int(data, "attempt"))
        self.room.changed(submitted=True)
        return web.json_response(payload)

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events for one phone: a "poke" when something concerning it changed
        (approval, walk-in decided, quiz closed), a comment every 15 s to keep it open."""
        self._token(request)
        device = _device(request.query)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                               "Cache-Control": "no-store"})
        await response.prepare(request)
        queue = self.room.subscribe(device)
        try:
            await response.write(b"retry: 3000\n\n")
            while not self.room.stopping:
                self.room.state.touch(device)
                try:
                    event = await asyncio.wait_for(queue.get(), timeout=15)
                    await response.write(f"data: {json.dumps(event)}\n\n".encode())
                except TimeoutError:
                    await response.write(b": ping\n\n")
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.room.unsubscribe(device, queue)
        return response

    async def home(self, request: web.Request) -> web.Response:
        """The address typed by hand: a form asking for the room code."""
        return web.Response(text=self.room.page("join.html").replace("%ERROR%", ""),
                            content_type="text/html")

    async def join(self, request: web.Request) -> web.Response:
        peer = request.remote or "?"
        form = await request.post()
        code = str(form.get("code", "")).strip().replace(" ", "")
        if not self.room.state.codes.allow(peer):
            message = "Nhập sai quá nhiều lần; chờ một phút rồi thử lại."
        elif code and code == self.room.code:
            raise web.HTTPSeeOther(f"/p/{self.room.token}")
        else:
            message = "Mã phòng không đúng. Xem lại mã trên màn chiếu."
        return web.Response(text=self.room.page("join.html").replace(
            "%ERROR%", f'<p class="error" role="alert">{message}</p>'),
            content_type="text/html", charset="utf-8", status=400)

    async def health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")


def _query_int(request: web.Request, key: str) -> int:
    try:
        value = int(request.query.get(key, ""))
    except ValueError:
        raise UserError(f"Thiếu hoặc sai \"{key}\".", code="bad_request") from None
    if not 1 <= value <= 2**31 - 1:
        raise UserError(f"Thiếu hoặc sai \"{key}\".", code="bad_request")
    return value


async def _not_found(request: web.Request) -> web.Response:
    raise web.HTTPNotFound(text=_ROOM_NOT_FOUND[0], content_type="text/html")


_ROOM_NOT_FOUND = [""]


def make_app(room: Room) -> web.Application:
    api = Api(room)
    _ROOM_NOT_FOUND[0] = room.page("notfound.html")
    app = web.Application(middlewares=[errors], client_max_size=MAX_BODY)
    base = "/p/{token}"
    app.add_routes([
        web.get("/", api.home),
        web.post("/join", api.join),
        web.get("/healthz", api.health),
        web.get(base, api.page),
        web.get(base + "/", api.page),
        web.get(base + "/a/{name}", api.asset),
        web.get(base + "/api/info", api.info),
        web.post(base + "/api/search", api.search),
        web.post(base + "/api/claim", api.claim),
        web.post(base + "/api/walkin", api.walk_in),
        web.get(base + "/api/walkin", api.walk_in_status),
        web.get(base + "/api/attempt", api.attempt),
        web.post(base + "/api/answer", api.answer),
        web.post(base + "/api/submit", api.submit),
        web.get(base + "/api/events", api.events),
        web.route("*", "/{tail:.*}", _not_found),
    ])
    return app


async def bind(runner: web.AppRunner, host: str, port: int, tries: int) -> web.TCPSite:
    """Listen on ``host`` only, at ``port`` or, when it is taken, one of the next ``tries``
    ports (``port`` 0: any free port). Raises OSError when none is free."""
    last: OSError | None = None
    for candidate in ([0] if port == 0 else range(port, port + tries + 1)):
        site = web.TCPSite(runner, host, candidate)
        try:
            await site.start()
            return site
        except OSError as exc:
            last = exc
            if exc.errno not in _IN_USE:
                raise
    assert last is not None
    raise last


_IN_USE = {98, 48, 10048}  # EADDRINUSE on Linux, macOS, Windows
