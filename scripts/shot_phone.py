"""Screenshots of the phone quiz: the phone page in Debian's chromium at 360×740 (each step),
and the projector view and the trainer's window (Qt offscreen), on the demo data.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/shot_phone.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def phone_shots(url: str, out: Path, typed: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740},
                                      device_scale_factor=1, is_mobile=True, has_touch=True,
                                      locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(10_000)

        def shot(name: str) -> None:
            page.wait_for_timeout(250)
            page.screenshot(path=str(out / f"phone-{name}.png"))

        page.goto(url)
        shot("01-open")
        page.locator("#name").press_sequentially(typed, delay=15)
        page.locator(".match").first.wait_for()
        shot("02-matches")
        page.locator(".match").first.click()
        shot("03-confirm")
        page.get_by_role("button", name="Bắt đầu").click()
        page.locator("#q-number").wait_for()
        shot("04-question")
        page.locator("#options .option").nth(1).click()
        page.locator("#q-saved", has_text="Đã lưu").wait_for()
        shot("05-saved")
        total = int(page.locator("#q-number").inner_text().split("/")[1])
        multi = False
        for _ in range(total - 1):
            page.get_by_role("button", name="Tiếp ▶").click()
            if not multi and page.locator("#q-multi").is_visible():
                page.locator("#options .option").nth(0).click()
                page.locator("#options .option").nth(2).click()
                page.locator("#q-saved", has_text="Đã lưu").wait_for()
                shot("06-multiple")
                multi = True
        context.set_offline(True)
        page.locator("#options .option").nth(0).click()
        page.locator("#banner").wait_for(state="visible")
        shot("07-offline")
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.locator("#q-saved", has_text="Đã lưu").wait_for()
        page.get_by_role("button", name="Xem lại bài ▶").click()
        shot("08-review")
        page.get_by_role("button", name="Nộp bài").click()
        shot("09-confirm-submit")
        page.get_by_role("button", name="Xác nhận nộp bài").click()
        page.locator("#s-result").wait_for(state="visible")
        shot("10-result")
        page.screenshot(path=str(out / "phone-10-result-full.png"), full_page=True)
        page.evaluate("localStorage.clear()")
        page.goto(url)
        page.get_by_role("button", name="Tôi không có trong danh sách").click()
        page.locator("#walkin-name").fill("Võ Thị Mới")
        page.get_by_role("button", name="Gửi tên cho cán bộ").click()
        page.locator("#walkin-msg", has_text="Chờ cán bộ").wait_for()
        shot("11-walk-in")
        base = url.rsplit("/p/", 1)[0]
        page.goto(base + "/p/sai-duong-dan")
        shot("12-wrong-link")
        page.goto(base + "/")
        shot("13-room-code")
        browser.close()


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.phone_world import Phone
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.quizzes import phone_quiz
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace
    from trainer_app.services.workspace.settings import load_org
    from trainer_app.ui import style
    from trainer_app.ui.context import AppContext
    from trainer_app.ui.events import AppEvents
    from trainer_app.ui.phone_quiz.phone_quiz import PhoneQuiz

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    style.apply_style(app, 100)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT)
        ws = open_workspace(data_dir)
        fill_demo(ws, today=date(2026, 11, 20))
        f = ws.session_factory
        step = phone_quiz.find_step(f, 2, "demo-kiem-tra-nhanh", "pre")
        ctx = AppContext(data_dir, ws, AppEvents())
        quiz = PhoneQuiz(ctx)
        assert quiz.open(None, step.session_id, step.position, host="127.0.0.1")  # type: ignore[arg-type]
        info = quiz.bridge.server.info
        print(f"serving {info.url} for {load_org(f).unit_name}")
        # A few phones answer, so the projector has figures.
        from trainer_app.services.sessions.attendance import list_attendance

        rows = list_attendance(f, 2)
        people = [r.person_id for r in rows[1:5]]
        for number, person in enumerate(people):
            phone = Phone(info.url)
            status, attempt = phone.claim(person)
            assert status == 200, attempt
            for q in attempt["questions"][: 3 + number]:
                phone.answer(attempt["attempt_id"], q["key"],
                             [q["options"][number % len(q["options"])]["index"]])
            if number % 2 == 0:
                phone.submit(attempt["attempt_id"])
        phone_shots(info.url, out, " ".join(rows[0].search_key.split()[:2]))
        end = __import__("time").monotonic() + 3
        while __import__("time").monotonic() < end:
            app.processEvents()
        quiz.projector.resize(1280, 720)
        quiz.projector.show()
        app.processEvents()
        quiz.projector.grab().save(str(out / "projector-live.png"))
        quiz.window.resize(820, 680)
        app.processEvents()
        quiz.window.grab().save(str(out / "laptop-window.png"))
        quiz.window.spread.setChecked(True)
        app.processEvents()
        quiz.projector.grab().save(str(out / "projector-distribution.png"))
        quiz.stop()
        ws.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/phone-shots"))
