"""The phone API against a real aiohttp server on 127.0.0.1 and a real SQLite file: the
token, name search, claiming, idempotent answers, resuming, submitting, and every bad
input of the issue answered with a 4xx and a Vietnamese message."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest

from tests.phone_world import (
    Events,
    Phone,
    World,
    answers_in_db,
    new_id,
)
from trainer_app.phone.controller import PhoneServer
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.results import session_detail


def _join(server: PhoneServer, world: World, name: str = "Nguyễn Thị Lan",
           phone: Phone | None = None) -> tuple[Phone, dict[str, Any]]:
    assert server.info is not None
    phone = phone or Phone(server.info.url)
    status, data = phone.claim(world.people[name])
    assert status == 200, data
    return phone, data


def test_the_page_needs_the_token(server: PhoneServer, world: World) -> None:
    assert server.info is not None
    phone = Phone(server.info.url)
    status, page = phone.request("GET", phone.base)
    assert status == 200 and "/a/app.js" in page and "<input type=\"text\"" in page
    wrong = phone.base[:-4] + "abcd"
    status, page = phone.request("GET", wrong)
    assert status == 404 and "không hợp lệ" in page
    assert "app.js" not in page and world.step.session_title not in page
    for path in (wrong + "/a/app.js", wrong + "/api/info", "/static/app.js", "/p/"):
        assert phone.request("GET", path)[0] == 404, path
    status, script = phone.request("GET", phone.base + "/a/app.js")
    assert status == 200 and "localStorage" in script
    for name in ("Nguyễn", "Lan", "0912345678"):
        assert name not in page and name not in script


def test_token_is_long_random_and_kept_across_restarts(server: PhoneServer,
                                                       world: World) -> None:
    assert server.info is not None
    token = server.info.url.rsplit("/", 1)[1]
    assert len(token) >= 22  # >= 128 bits in URL-safe base64
    server.stop()
    again = PhoneServer(world.workspace.session_factory, world.step, host="127.0.0.1", port=0,
                        keep_awake=False)
    try:
        info = again.start()
        assert info.url.rsplit("/", 1)[1] == token
    finally:
        again.stop()


def test_search_without_accents_at_most_five_session_people_only(server: PhoneServer,
                                                                 world: World) -> None:
    assert server.info is not None
    phone = Phone(server.info.url)
    assert phone.search("n") == (200, {"matches": []})
    status, data = phone.search("nguyen thi lan")
    assert status == 200
    assert data["matches"][0]["name"] == "Nguyễn Thị Lan"
    assert set(data["matches"][0]) == {"id", "name", "hood"}  # no phone, no birth year
    status, data = phone.search("dang duc hung")  # đ -> d
    assert [m["name"] for m in data["matches"]] == ["Đặng Đức Hùng"]
    status, data = phone.search("nguyen")
    assert len(data["matches"]) == 5
    assert phone.search("ngoai")[1] == {"matches": []}  # in the roster, not invited


def test_search_and_claims_are_rate_limited(server: PhoneServer, world: World) -> None:
    assert server.info is not None
    phone = Phone(server.info.url)
    for _ in range(30):
        assert phone.search("lan")[0] == 200
    status, data = phone.search("lan")
    assert status == 429 and "chờ một phút" in data["message"]
    other = Phone(server.info.url)
    for _ in range(5):
        assert other.claim(world.people["Trần Văn An"])[0] == 200
    status, data = other.claim(world.people["Trần Văn An"])
    assert status == 429 and "chờ một phút" in data["message"]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_joining_marks_present_and_answers_are_idempotent(server: PhoneServer,
                                                         world: World) -> None:
    phone, attempt = _join(server, world)
    ws = world.workspace
    conn = sqlite3.connect(ws.data_dir.db_path)
    try:
        status, mode = conn.execute(
            "SELECT a.status, t.mode FROM attendance a JOIN attempt t ON t.person_id = "
            "a.person_id WHERE a.person_id = ?", (world.people["Nguyễn Thị Lan"],)).fetchone()
    finally:
        conn.close()
    assert (status, mode) == ("present", "phone")
    q = attempt["questions"][0]
    first, second = q["options"][0]["index"], q["options"][1]["index"]
    tap = new_id()
    for _ in range(2):  # the same tap twice (a network retry)
        status, data = phone.answer(attempt["attempt_id"], q["key"], [first], counter=1,
                                    client_id=tap)
        assert status == 200 and data["saved"] is True
    assert answers_in_db(ws, attempt["attempt_id"]) == {q["key"]: (json.dumps([first + 1]), 1)}
    assert phone.answer(attempt["attempt_id"], q["key"], [second], counter=3)[0] == 200
    # A late retry of an older tap (counter 2) never overwrites the newer answer.
    status, data = phone.answer(attempt["attempt_id"], q["key"], [first], counter=2)
    assert status == 200 and data["applied"] is False and data["chosen"] == [second]
    assert answers_in_db(ws, attempt["attempt_id"]) == {q["key"]: (json.dumps([second + 1]), 3)}


def test_reload_resumes_the_same_attempt(server: PhoneServer, world: World) -> None:
    phone, attempt = _join(server, world)
    q = attempt["questions"][1]
    phone.answer(attempt["attempt_id"], q["key"], [q["options"][-1]["index"]], counter=7)
    status, again = phone.resume(attempt["attempt_id"])
    assert status == 200 and again["attempt_id"] == attempt["attempt_id"]
    assert again["answers"] == {q["key"]: [q["options"][-1]["index"]]}
    assert again["counter"] == 7
    assert [x["key"] for x in again["questions"]] == [x["key"] for x in attempt["questions"]]
    # The phone lost its saved state (Zalo): it claims the person again and gets the same.
    status, claimed = phone.claim(world.people["Nguyễn Thị Lan"])
    assert status == 200 and claimed["attempt_id"] == attempt["attempt_id"]


def test_bad_inputs_get_a_4xx_with_a_message(server: PhoneServer, world: World) -> None:
    phone, attempt = _join(server, world)
    aid, q = attempt["attempt_id"], attempt["questions"][0]
    cases = [
        (phone.answer(aid, "khong-co", [0]), 404, "không có câu"),
        (phone.answer(aid, q["key"], [99]), 400, "không có phương án"),
        (phone.answer(987654, q["key"], [0]), 404, "Không tìm thấy bài làm"),
        (phone.request("POST", phone.base + "/api/answer", raw=b"{not json"), 400,
         "không đọc được"),
        (phone.request("POST", phone.base + "/api/answer", raw=b"[1, 2]"), 400,
         "không đọc được"),
        (phone.request("POST", phone.base + "/api/search",
                       raw=json.dumps({"device": phone.device, "text": "x" * 20000}).encode()),
         413, "quá lớn"),
        (phone.api("POST", "answer", {"attempt": aid, "question": q["key"], "chosen": [0],
                                      "counter": "1", "client_id": new_id()}), 400, "counter"),
        (phone.api("POST", "answer", {"attempt": aid, "question": q["key"], "chosen": "A",
                                      "counter": 1, "client_id": new_id()}), 400, "Phương án"),
        (phone.request("POST", phone.base + "/api/search", {"device": "x", "text": "lan"}), 400,
         "tải lại trang"),
        (phone.claim(world.outsider), 404, "không có trong danh sách"),
        (phone.claim(999999), 404, "không có trong danh sách"),
        (phone.resume(987654), 404, "Không tìm thấy bài làm"),
    ]
    for (status, data), expected, words in cases:
        assert status == expected, data
        assert isinstance(data, dict) and words in data["message"], data
        assert "Traceback" not in json.dumps(data)


def test_a_second_phone_needs_approval_unless_the_first_is_silent(
        server: PhoneServer, world: World, events: Events) -> None:
    first, attempt = _join(server, world)
    assert server.info is not None
    second = Phone(server.info.url)
    status, data = second.claim(world.people["Nguyễn Thị Lan"])
    assert status == 409 and data["error"] == "needs_approval" and "cán bộ" in data["message"]
    claims = events.wait_for("claims", lambda c: len(c) == 1)
    assert claims[0].full_name == "Nguyễn Thị Lan"
    for _ in range(8):  # waiting and asking again is not "too many claims"
        assert second.claim(world.people["Nguyễn Thị Lan"])[1]["error"] == "needs_approval"
    server.decide_claim(claims[0].id, False)
    events.wait_for("claims", lambda c: c == [])
    status, data = second.claim(world.people["Nguyễn Thị Lan"])
    assert status == 403 and "chưa đồng ý" in data["message"]
    # A third phone, while the first has been silent for more than 60 s: no approval.
    server.room.state.seen[first.device] -= 61
    third = Phone(server.info.url)
    status, data = third.claim(world.people["Nguyễn Thị Lan"])
    assert status == 200 and data["attempt_id"] == attempt["attempt_id"]
    q = attempt["questions"][0]
    status, data = first.answer(attempt["attempt_id"], q["key"], [0])
    assert status == 409 and "điện thoại khác" in data["message"]


def test_approved_second_phone_takes_over(server: PhoneServer, world: World,
                                          events: Events) -> None:
    _first, attempt = _join(server, world)
    assert server.info is not None
    second = Phone(server.info.url)
    assert second.claim(world.people["Nguyễn Thị Lan"])[0] == 409
    claim = events.wait_for("claims", lambda c: len(c) == 1)[0]
    server.decide_claim(claim.id, True)
    events.wait_for("claims", lambda c: c == [])
    status, data = second.claim(world.people["Nguyễn Thị Lan"])
    assert status == 200 and data["attempt_id"] == attempt["attempt_id"]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_offline_two_minutes_then_answers_arrive(server: PhoneServer, world: World) -> None:
    phone, attempt = _join(server, world)
    server.room.state.seen[phone.device] -= 120  # not heard from for two minutes
    q = attempt["questions"][2]
    status, data = phone.answer(attempt["attempt_id"], q["key"], [q["options"][0]["index"]],
                                counter=5)
    assert status == 200 and data["applied"] is True
    assert q["key"] in answers_in_db(world.workspace, attempt["attempt_id"])


def test_submit_result_follows_kiosk_settings_and_closes_the_attempt(
        server: PhoneServer, world: World, events: Events) -> None:
    f = world.workspace.session_factory
    phone, attempt = _join(server, world)
    aid = attempt["attempt_id"]
    for q in attempt["questions"][:3]:
        assert phone.answer(aid, q["key"], [q["options"][0]["index"]])[0] == 200
    status, result = phone.submit(aid)
    assert status == 200 and result["submitted"] is True
    assert {"score", "passed", "outcomes"} <= set(result)
    assert phone.submit(aid) == (200, result)  # a retried submit: the same result
    status, data = phone.answer(aid, attempt["questions"][4]["key"], [0])
    assert status == 409 and "đã nộp" in data["message"]
    status, data = phone.claim(world.people["Nguyễn Thị Lan"])
    assert status == 200 and data["submitted"] is True  # the same phone sees its result
    assert server.info is not None
    status, data = Phone(server.info.url).claim(world.people["Nguyễn Thị Lan"])
    assert status == 409 and "đã nộp bài" in data["message"]
    kiosk_settings.save_kiosk_settings(f, show_score=False, show_pass=False,
                                       show_answers=False)
    other, second = _join(server, world, "Trần Văn An")
    assert other.submit(second["attempt_id"]) == (200, {"submitted": True})
    status = events.wait_for("status", lambda s: s.submitted == 2)
    assert status.joined == 2 and status.answered[:1] != [0]
    detail = session_detail(f, world.session_id)
    steps = {s.phase: s.submitted for s in detail.steps if s.quiz_version_id}
    assert steps == {"pre": 2, "post": 0}


def test_finished_session_says_the_quiz_is_over(server: PhoneServer, world: World) -> None:
    phone, attempt = _join(server, world)
    f = world.workspace.session_factory
    session_service.start_session(f, world.session_id)
    session_service.finish_session(f, world.session_id)
    status, page = phone.request("GET", phone.base)
    assert status == 200 and "Bài kiểm tra đã kết thúc" in page and "app.js" not in page
    q = attempt["questions"][0]
    status, data = phone.answer(attempt["attempt_id"], q["key"], [0])
    assert status == 410 and "Bài kiểm tra đã kết thúc" in data["message"]
    status, data = Phone(server.info.url if server.info else "").claim(
        world.people["Trần Văn An"])
    assert status == 410


def test_room_code_leads_to_the_link(server: PhoneServer) -> None:
    assert server.info is not None
    phone = Phone(server.info.url)
    status, page = phone.request("GET", "/")
    assert status == 200 and "Mã phòng" in page and server.info.url not in page
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, page = phone.request("POST", "/join", raw=b"code=000000x", headers=form)
    assert status == 400 and "Mã phòng không đúng" in page
    status, _page = phone.request("POST", "/join", raw=f"code={server.info.code}".encode(),
                                  headers=form)
    assert status == 303
    for _ in range(10):
        phone.request("POST", "/join", raw=b"code=1", headers=form)
    status, page = phone.request("POST", "/join", raw=f"code={server.info.code}".encode(),
                                 headers=form)
    assert status == 400 and "quá nhiều lần" in page


def test_walk_in_waits_for_the_laptop(server: PhoneServer, world: World,
                                      events: Events) -> None:
    assert server.info is not None
    phone = Phone(server.info.url)
    status, data = phone.api("POST", "walkin", {"name": "  Võ   Thị  Mới "})
    assert status == 200 and data["status"] == "waiting"
    pending = events.wait_for("walk_ins", lambda w: len(w) == 1)
    assert pending[0].name == "Võ Thị Mới"
    server.resolve_walk_in(pending[0].id, world.people["Lê Thị Bích"])  # merged: known person
    events.wait_for("walk_ins", lambda w: w == [])
    status, data = phone.api("GET", "walkin", query=f"?id={data['id']}&device={phone.device}")
    assert data == {"id": pending[0].id, "status": "accepted",
                    "person": world.people["Lê Thị Bích"]}
    assert phone.claim(world.people["Lê Thị Bích"])[0] == 200


def test_events_stream_pokes_the_phone(server: PhoneServer, world: World,
                                       events: Events) -> None:
    import http.client

    assert server.info is not None
    _first, _attempt = _join(server, world)
    second = Phone(server.info.url)
    connection = http.client.HTTPConnection(second.host, second.port, timeout=10)
    try:
        connection.request("GET", f"{second.base}/api/events?device={second.device}")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type", "").startswith("text/event-stream")
        assert response.readline() == b"retry: 3000\n"
        assert second.claim(world.people["Nguyễn Thị Lan"])[0] == 409
        claim = events.wait_for("claims", lambda c: len(c) == 1)[0]
        server.decide_claim(claim.id, True)
        lines = [response.readline() for _ in range(2)]
        assert json.loads(lines[1].decode()[len("data: "):]) == {"type": "claim"}
    finally:
        connection.close()


def test_walk_ins_accepted_alone_when_the_name_is_new(world: World) -> None:
    from tests.phone_world import serve

    server = serve(world, auto_accept_walk_ins=True)  # `phone serve --accept-walk-ins`
    try:
        assert server.info is not None
        phone = Phone(server.info.url)
        status, data = phone.api("POST", "walkin", {"name": "vo thi moi"})
        assert status == 200 and data["status"] == "accepted"
        assert phone.claim(data["person"])[0] == 200
        # A name the roster already has waits for the trainer (the known-person rule).
        other = Phone(server.info.url)
        status, data = other.api("POST", "walkin", {"name": "Trần Văn An"})
        assert status == 200 and data["status"] == "waiting"
        assert server.room.state.walk_ins[data["id"]].candidates == [
            (world.people["Trần Văn An"], "Trần Văn An")]
        status, data = other.api("POST", "walkin", {"name": "ab"})
        assert status == 400 and "họ và tên" in data["message"]
    finally:
        server.stop()


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_taps_written_together_keep_the_good_ones(server: PhoneServer, world: World) -> None:
    from trainer_app.phone.calls import Tap, answer_batch

    phone, attempt = _join(server, world)
    other, theirs = _join(server, world, "Trần Văn An")
    aid, q = attempt["attempt_id"], attempt["questions"]
    results = answer_batch(world.workspace.session_factory, world.session_id, [
        Tap(phone.device, aid, q[0]["key"], [0], new_id(), 1),
        Tap(phone.device, aid, q[1]["key"], [99], new_id(), 2),  # no such option
        Tap(phone.device, theirs["attempt_id"], q[0]["key"], [0], new_id(), 3),  # not mine
        Tap(phone.device, aid, q[0]["key"], [1], new_id(), 4),  # same question, newer tap
        Tap(other.device, theirs["attempt_id"], q[2]["key"], [0], new_id(), 1),
    ])
    assert [r["applied"] if isinstance(r, dict) else r.code for r in results] == [
        True, "bad_option", "other_device", True, True]
    assert answers_in_db(world.workspace, aid) == {q[0]["key"]: ("[2]", 4)}
    assert answers_in_db(world.workspace, theirs["attempt_id"]) == {q[2]["key"]: ("[1]", 1)}
