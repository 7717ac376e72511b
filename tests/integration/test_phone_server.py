"""The phone server as a whole: binding to one address only, busy ports, a changed Wi-Fi
address, a stop while phones answer, the command line (one JSON line, SIGTERM, status) and
kill -9 mid-test losing nothing a phone saw as saved."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.phone_world import (
    Events,
    Phone,
    World,
    answers_in_db,
    serve,
)
from trainer_app.phone.controller import PORT_TRIES
from trainer_app.services.errors import UserError
from trainer_app.services.sessions import service as session_service

ROOT = Path(__file__).resolve().parents[2]


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def test_bound_to_one_address_refuses_the_others(world: World) -> None:
    server = serve(world, host="127.0.0.2")
    try:
        assert server.info is not None and server.info.host == "127.0.0.2"
        Phone(server.info.url).search("lan")  # reachable on its own address
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", server.info.port), timeout=2).close()
    finally:
        server.stop()


def test_port_in_use_moves_to_the_next_and_says_which(world: World) -> None:
    port = _free_port()
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port))
    blocker.listen()
    try:
        server = serve(world, port=port)
        try:
            assert server.info is not None
            assert port < server.info.port <= port + PORT_TRIES
            assert f":{server.info.port}/" in server.info.url
        finally:
            server.stop()
    finally:
        blocker.close()


def _block_range(count: int) -> tuple[int, list[socket.socket]]:
    """Listen on ``count`` consecutive free ports (a few tries at different places)."""
    for _attempt in range(20):
        base = _free_port()
        held: list[socket.socket] = []
        for offset in range(count):
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", base + offset))
            except OSError:
                s.close()
                break
            s.listen()
            held.append(s)
        if len(held) == count:
            return base, held
        for s in held:
            s.close()
    pytest.skip("no 11 consecutive free ports on 127.0.0.1 after 20 tries")


def test_every_port_taken_is_a_clear_message(world: World) -> None:
    base, blockers = _block_range(PORT_TRIES + 1)
    try:
        with pytest.raises(UserError) as caught:
            serve(world, port=base)
        assert f"Cổng {base} đến {base + PORT_TRIES}" in caught.value.message
    finally:
        for s in blockers:
            s.close()


def test_an_address_this_computer_lacks_is_a_clear_message(world: World) -> None:
    with pytest.raises(UserError) as caught:
        serve(world, host="192.0.2.123")  # TEST-NET-1: never on this machine
    assert "không có địa chỉ 192.0.2.123" in caught.value.message


def test_wifi_address_change_serves_on_the_new_one(world: World, events: Events,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.phone import controller

    monkeypatch.setattr(controller, "WATCH_EVERY_S", 0.2)
    address = {"now": "127.0.0.1"}
    server = serve(world, listener=events, watch_address=lambda: address["now"])
    try:
        assert server.info is not None
        token = server.info.url.rsplit("/", 1)[1]
        address["now"] = "127.0.0.3"
        info = events.wait_for("address_changed")
        assert info.host == "127.0.0.3" and info.url.endswith(token)
        assert Phone(info.url).search("lan")[0] == 200
    finally:
        server.stop()


def test_server_stopped_while_phones_answer_then_back(world: World) -> None:
    server = serve(world)
    assert server.info is not None
    phone = Phone(server.info.url)
    status, attempt = phone.claim(world.people["Nguyễn Thị Lan"])
    assert status == 200
    port = server.info.port
    server.stop()
    q = attempt["questions"][0]
    with pytest.raises(ConnectionRefusedError):
        phone.answer(attempt["attempt_id"], q["key"], [0], counter=4)  # kept on the phone
    again = serve(world, port=port)
    try:
        status, data = phone.answer(attempt["attempt_id"], q["key"], [0], counter=4)
        assert status == 200 and data["applied"] is True  # sent once the server is back
        f = world.workspace.session_factory
        session_service.start_session(f, world.session_id)
        session_service.finish_session(f, world.session_id)
        status, data = phone.answer(attempt["attempt_id"], q["key"], [1], counter=5)
        assert status == 410 and "đã kết thúc" in data["message"]  # refused politely
    finally:
        again.stop()


def _cli(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "trainer_app", "--data-dir", str(data_dir),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _serve_cli(world: World) -> tuple[subprocess.Popen[str], dict[str, object]]:
    process = _cli(world.workspace.data_dir.root, "phone", "serve", str(world.session_id),
                   "--quiz", world.step.quiz_code, "--phase", "pre", "--host", "127.0.0.1",
                   "--port", "0", "--json")
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        raise AssertionError(process.stderr.read() if process.stderr else "no output")
    return process, json.loads(line)


def test_cli_prints_one_json_line_and_stops_on_sigterm(world: World) -> None:
    process, info = _serve_cli(world)
    try:
        assert set(info) == {"url", "code", "host", "port"}
        assert info["host"] == "127.0.0.1" and str(info["url"]).startswith("http://127.0.0.1:")
        assert Phone(str(info["url"])).search("lan")[0] == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    status = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", str(world.workspace.data_dir.root),
         "phone", "status", str(world.session_id), "--json"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True)
    report = json.loads(status.stdout)
    assert [s["phase"] for s in report["steps"]] == ["pre", "post"]
    assert report["steps"][0]["expected"] == len(world.people)


def test_cli_bad_inputs(world: World) -> None:
    root = str(world.workspace.data_dir.root)
    for args, words in (
            (["phone", "serve", str(world.session_id), "--quiz", "khong-co"], "không có bài"),
            (["phone", "serve", "999", "--quiz", "x"], "999"),
            (["phone", "serve", str(world.session_id), "--quiz", world.step.quiz_code,
              "--port", "70000"], "Cổng 70000"),
    ):
        process = _cli(Path(root), *args)
        _out, err = process.communicate(timeout=30)
        assert process.returncode == 2 and words in err, err


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_kill_9_mid_test_keeps_every_saved_answer(world: World) -> None:
    process, info = _serve_cli(world)
    saved: dict[str, int] = {}
    try:
        phone = Phone(str(info["url"]))
        status, attempt = phone.claim(world.people["Trần Văn An"])
        assert status == 200
        for q in attempt["questions"][:6]:
            index = q["options"][-1]["index"]
            status, data = phone.answer(attempt["attempt_id"], q["key"], [index])
            assert status == 200 and data["saved"] is True  # the phone shows "Đã lưu ✓"
            saved[q["key"]] = index
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    stored = answers_in_db(world.workspace, attempt["attempt_id"])
    assert {k: json.loads(c) for k, (c, _n) in stored.items()} == {
        k: [i + 1] for k, i in saved.items()}


def test_cli_waits_until_it_serves_before_printing(world: World) -> None:
    start = time.monotonic()
    process, info = _serve_cli(world)
    try:
        # The line means "serving": a request right after it is answered.
        assert Phone(str(info["url"])).request("GET", "/healthz") == (200, "ok")
        assert time.monotonic() - start < 30
    finally:
        process.terminate()
        process.wait(timeout=15)
