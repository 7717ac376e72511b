"""A session with a quiz step served to phones over a real aiohttp server on 127.0.0.1,
and a tiny HTTP client (the standard library's, no proxy) that talks to it as a phone."""

from __future__ import annotations

import http.client
import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any
from urllib.parse import urlsplit

from trainer_app.phone.controller import PhoneServer
from trainer_app.services.quizzes import kiosk, phone_quiz
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import Workspace

NAMES = ("Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Bích", "Đặng Đức Hùng", "Nguyễn Văn Lâm",
         "Nguyễn Thị Lanh", "Nguyễn Lan Anh", "Nguyễn Thị Hoa Lan")


@dataclass
class World:
    workspace: Workspace
    session_id: int
    step: phone_quiz.PhoneStep
    people: dict[str, int]
    outsider: int  # in the roster, not in this session


def make_world(ws: Workspace, phase: str = "pre") -> World:
    f = ws.session_factory
    people = {n: add_person(f, PersonInput(full_name=n, phone="0912345678",
                                           birth_year=1970)).id for n in NAMES}
    outsider = add_person(f, PersonInput(full_name="Phạm Thị Ngoài")).id
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 12, 5), start_time=time(8, 0))).session_id
    session_service.invite(f, sid, person_ids=tuple(people.values()))
    position = next(p for p, _t, ph in kiosk.quiz_steps(f, sid) if ph == phase)
    return World(ws, sid, phone_quiz.step_info(f, sid, position), people, outsider)


@dataclass
class Events:
    items: list[tuple[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    arrived: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.arrived = threading.Condition(self.lock)

    def __call__(self, kind: str, data: Any) -> None:
        with self.arrived:
            self.items.append((kind, data))
            self.arrived.notify_all()

    def wait_for(self, kind: str, test: Any = None, timeout: float = 10.0) -> Any:
        def found() -> Any:
            for k, d in reversed(self.items):
                if k == kind and (test is None or test(d)):
                    return d
            return None

        with self.arrived:
            self.arrived.wait_for(lambda: found() is not None, timeout)
            result = found()
        assert result is not None, f"no {kind} event; got {[k for k, _ in self.items]}"
        return result


def serve(world: World, **kwargs: Any) -> PhoneServer:
    options: dict[str, Any] = {"host": "127.0.0.1", "port": 0, "keep_awake": False}
    options.update(kwargs)
    server = PhoneServer(world.workspace.session_factory, world.step, **options)
    server.start()
    return server


def new_id() -> str:
    return secrets.token_hex(16)


class Phone:
    """One phone: its own device id; requests to the server's base URL."""

    def __init__(self, url: str, device: str | None = None) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.base = parts.hostname or "", parts.port or 80, parts.path
        self.device = device or new_id()
        self.counter = 0

    def request(self, method: str, path: str, body: Any = None, raw: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, Any]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            data = raw if raw is not None else (
                json.dumps(body).encode() if body is not None else None)
            connection.request(method, path, body=data, headers={
                "Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            text = response.read().decode("utf-8")
            try:
                return response.status, json.loads(text)
            except ValueError:
                return response.status, text
        finally:
            connection.close()

    def api(self, method: str, name: str, body: dict[str, Any] | None = None,
            query: str = "") -> tuple[int, Any]:
        if body is not None:
            body = {"device": self.device, **body}
        return self.request(method, f"{self.base}/api/{name}{query}", body)

    def search(self, text: str) -> tuple[int, Any]:
        return self.api("POST", "search", {"text": text})

    def claim(self, person_id: int) -> tuple[int, Any]:
        return self.api("POST", "claim", {"person": person_id})

    def answer(self, attempt: int, question: str, chosen: list[int], *,
               counter: int | None = None, client_id: str | None = None) -> tuple[int, Any]:
        if counter is None:
            self.counter += 1
            counter = self.counter
        return self.api("POST", "answer", {"attempt": attempt, "question": question,
                                           "chosen": chosen, "counter": counter,
                                           "client_id": client_id or new_id()})

    def submit(self, attempt: int) -> tuple[int, Any]:
        return self.api("POST", "submit", {"attempt": attempt})

    def resume(self, attempt: int) -> tuple[int, Any]:
        return self.api("GET", "attempt", query=f"?attempt={attempt}&device={self.device}")


def answers_in_db(ws: Workspace, attempt_id: int) -> dict[str, tuple[str, int | None]]:
    import sqlite3

    conn = sqlite3.connect(ws.data_dir.db_path)
    try:
        return {k: (c, n) for k, c, n in conn.execute(
            "SELECT question_key, chosen_json, counter FROM answer WHERE attempt_id = ?",
            (attempt_id,))}
    finally:
        conn.close()


# --- fixtures (imported by the phone test modules) -------------------------------------------

import pytest  # noqa: E402


@pytest.fixture
def world(workspace: Workspace) -> World:
    return make_world(workspace)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def server(world: World, events: Events) -> Iterator[PhoneServer]:
    running_server = serve(world, listener=events)
    try:
        yield running_server
    finally:
        running_server.stop()
