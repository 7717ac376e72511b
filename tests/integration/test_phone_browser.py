"""The phone page in a real browser: Playwright driving Debian's chromium (never a
downloaded browser) with phone emulation, against the real server on 127.0.0.1.
Join by typing a name without accents, answer, reload midway and resume, go offline and
come back, submit, see the result."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.phone_world import World, answers_in_db
from trainer_app.phone.controller import PhoneServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        snap = shutil.which("snap")
        if snap and Path("/snap/bin/chromium").exists():
            return ("this distribution ships chromium only as a snap, which Playwright cannot "
                    "drive here; the browser tests need Debian's chromium package")
        return "Debian's chromium is not installed (bash scripts/bootstrap-test.sh installs it)"
    head = CHROMIUM.read_bytes()[:4096]
    if b"snap" in head and b"/snap/bin" in head:
        return "/usr/bin/chromium only launches the snap; the browser tests need Debian's package"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _why_no_browser()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the test extra's playwright is missing")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        launched.devices = p.devices  # type: ignore[attr-defined]
        try:
            yield launched
        finally:
            launched.close()


def _phone(browser: Any, device: str) -> Any:
    spec = {k: v for k, v in browser.devices[device].items() if k != "default_browser_type"}
    context = browser.new_context(**spec, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)

    def no_dialogs(dialog: Any) -> None:
        raise AssertionError(f"the page opened a browser dialog: {dialog.message}")

    page.on("dialog", no_dialogs)
    return context, page


def _join(page: Any, url: str, typed: str, shown: str) -> None:
    page.goto(url)
    first_text = page.locator("input[type=text]").first
    assert first_text.get_attribute("id") == "name"
    first_text.press_sequentially(typed, delay=20)  # matches on every keystroke, no button
    match = page.locator(".match").filter(has=page.get_by_text(shown, exact=True))
    match.wait_for()
    assert page.locator(".match").count() <= 5
    match.click()
    page.get_by_role("button", name="Bắt đầu").click()
    page.locator("#q-number").wait_for()


def _tap(page: Any, option: int = 0) -> str:
    button = page.locator("#options .option").nth(option)
    text = button.locator(".opt-text").inner_text()
    button.click()
    page.locator("#q-saved", has_text="Đã lưu ✓").wait_for()
    return text


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_pixel_5_join_answer_reload_offline_submit(browser: Any, world: World,
                                                  server: PhoneServer) -> None:
    assert server.info is not None
    context, page = _phone(browser, "Pixel 5")
    try:
        _join(page, server.info.url, "nguyen thi lan", "Nguyễn Thị Lan")
        assert page.locator("#q-number").inner_text().startswith("Câu 1/")
        _tap(page, 1)
        assert page.locator("#q-number").inner_text().startswith("Câu 1/")  # no auto-advance
        page.get_by_role("button", name="Tiếp ▶").click()
        chosen = _tap(page, 0)
        page.reload()  # midway: the same question comes back with its answer
        page.locator("#q-number", has_text="Câu 2/").wait_for()
        picked = page.locator("#options .option.chosen")
        assert picked.count() == 1 and picked.locator(".opt-text").inner_text() == chosen
        context.set_offline(True)
        page.get_by_role("button", name="Tiếp ▶").click()
        page.locator("#options .option").nth(1).click()
        page.locator("#banner").wait_for(state="visible")
        assert "Mất kết nối" in page.locator("#banner").inner_text()
        assert "Đã lưu" not in page.locator("#q-saved").inner_text()
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.locator("#q-saved", has_text="Đã lưu ✓").wait_for()
        page.locator("#banner").wait_for(state="hidden")
        state = json.loads(page.evaluate("localStorage.getItem(Object.keys(localStorage)"
                                         ".filter(k => k.indexOf('tq:') === 0)[0])"))
        assert len(answers_in_db(world.workspace, state["attempt"]["attempt_id"])) == 3
        total = int(page.locator("#q-number").inner_text().split("/")[1])
        for _ in range(total - 3):
            page.get_by_role("button", name="Tiếp ▶").click()
        page.get_by_role("button", name="Xem lại bài ▶").click()
        page.get_by_role("button", name="Nộp bài").click()
        assert page.locator("#s-review").is_hidden()  # the confirmation replaces the review
        page.get_by_role("button", name="Xác nhận nộp bài").click()
        page.locator("#s-result").wait_for(state="visible")
        assert "Điểm:" in page.locator("#result-score").inner_text()
        page.reload()  # the result stays
        page.locator("#s-result").wait_for(state="visible")
    finally:
        context.close()


def test_iphone_se_whole_quiz(browser: Any, world: World, server: PhoneServer) -> None:
    assert server.info is not None
    context, page = _phone(browser, "iPhone SE")
    try:
        _join(page, server.info.url, "dang duc hung", "Đặng Đức Hùng")
        total = int(page.locator("#q-number").inner_text().split("/")[1])
        for number in range(total):
            _tap(page, number % 2)
            page.get_by_role("button", name="Xem lại bài ▶" if number == total - 1
                             else "Tiếp ▶").click()
        assert "Đã trả lời đủ" in page.locator("#review-summary").inner_text()
        page.get_by_role("button", name="Nộp bài").click()
        page.get_by_role("button", name="Xác nhận nộp bài").click()
        page.locator("#s-result").wait_for(state="visible")
        assert page.locator("#result-pass").inner_text() in ("Đạt ✓", "Chưa đạt")
    finally:
        context.close()


def test_browser_tests_run_on_ci_when_the_browser_is_there() -> None:
    """Where chromium is installed (CI runs scripts/bootstrap-test.sh), the browser tests
    must not be skipped silently."""
    if os.environ.get("CI") and CHROMIUM.exists():
        assert _why_no_browser() is None
