"""A whole session day driven through the GUI on a real workspace, then checked with
`trainer-app session show --json` in a separate process:

create the session (dialog, invitations by khu phố) → check in 30 people on the Điểm danh
page by typing and Enter, and 2 walk-ins with its dialog (Ctrl+N) → run mode: pre-test
projected question by question and typed in from the paper sheets → a video step on the
projector → post-test, half on the kiosk and half on paper → finish."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.integration.test_quiz_cli import run as run_cli
from tests.ui.conftest import MessageRecorder, type_text
from trainer_app.domain.vntext import search_key
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.roster.reference import list_neighbourhoods
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.ui.dialogs.paper_entry_dialog import PaperEntryDialog
from trainer_app.ui.dialogs.session_dialog import SessionDialog
from trainer_app.ui.dialogs.walk_in_dialog import WalkInDialog
from trainer_app.ui.kiosk.kiosk_window import KioskWindow
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.attendance_page import AttendancePage
from trainer_app.ui.pages.sessions_page import SessionsPage
from trainer_app.ui.presenter.run_window import RunWindow

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ"]
GIVEN = ["An", "Bình", "Cúc", "Dung", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nga", "Oanh",
         "Phúc", "Quyên", "Sương"]


def _key(doc: object, q: int) -> list[int]:
    question = doc.questions[q]  # type: ignore[attr-defined]
    return [i for i, o in enumerate(question.options) if o.correct]


def _letters(indexes: list[int]) -> str:
    return "".join(chr(65 + i) for i in indexes)


def test_a_whole_session_day(qtbot: QtBot, window: MainWindow, messages: MessageRecorder,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = window.ctx
    f = ctx.factory
    hoods = list_neighbourhoods(f)[:2]
    people = []
    for n in range(32):
        name = f"{FAMILY[n % 8]} Thị {GIVEN[n % 14]} {chr(65 + n)}"  # unique last word
        people.append(add_person(f, PersonInput(full_name=name, birth_year=1960 + n,
                                                neighbourhood_id=hoods[n % 2].id)))
    # 1. Create the session from the dialog, inviting both khu phố (32 people).
    window.show_page("sessions")  # pages are built when first shown
    sessions = window.pages["sessions"]
    assert isinstance(sessions, SessionsPage)

    def fill(dialog: SessionDialog) -> int:
        type_text(dialog.venue, "Hội trường Trạm Y tế")
        for box in dialog.hood_boxes:
            box.setChecked(True)
        dialog._save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SessionDialog, "exec", fill)
    sessions.create_session()
    detail = sessions.panel.detail
    assert detail is not None and detail.counts.invited == 32
    sid = detail.id

    # 2. Check in 30 people by typing their name (without accents) and Enter.
    window.show_page("attendance")
    page = window.pages["attendance"]
    assert isinstance(page, AttendancePage)
    page.refresh()
    assert page.session_id == sid
    for person in people[:30]:
        page.search_edit.clear()
        type_text(page.search_edit, search_key(person.full_name))
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    counts = attendance_service.counts(f, sid)
    assert counts.present + counts.late == 30
    # Two walk-ins through the page's dialog (Ctrl+N), as the trainer adds them.
    for name in ("Đặng Văn Tới", "Bùi Thị Muộn"):
        def fill(dialog: WalkInDialog, name: str = name) -> int:
            type_text(dialog.name_edit, name)
            dialog.year_edit.setText("1985")
            dialog.accept()
            return dialog.result()

        monkeypatch.setattr(WalkInDialog, "exec", fill)
        qtbot.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert attendance_service.counts(f, sid).walk_ins == 2
    everyone = [p.id for p in people[:30]] + [
        r.person_id for r in attendance_service.list_attendance(f, sid) if r.walk_in]
    assert len(everyone) == 32

    # 3. Run mode: the pre-test projected question by question.
    window.show_page("sessions")
    sessions.refresh()
    runner = RunWindow(ctx, sid, open_media=None, open_kiosk=None)
    qtbot.addWidget(runner)
    runner.start()
    presenter = runner.presenter
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    pre = runner.controller.step
    assert pre.phase == "pre" and pre.quiz_version_id is not None
    pre_doc = version_doc(f, pre.quiz_version_id)
    runner.project.click()
    for number in range(len(pre_doc.questions)):
        assert pre_doc.questions[number].text in presenter.text()
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    # ... past the last question the run moves on to the first video.
    assert runner.controller.step.kind == "video"
    assert "Trẻ em nghiện game và cách khắc phục" in presenter.text()

    # 4. The pre-test sheets typed in: person k gets the first (k % 11) questions right.
    expected_pre: dict[int, float] = {}
    grid_dialog = PaperEntryDialog(ctx, sid, pre.position)
    qtbot.addWidget(grid_dialog)
    order = [r.person_id for r in grid_dialog.model.rows()]
    # Those who came, and the two invited who have not been marked absent yet.
    assert set(everyone) < set(order) and len(order) == 34
    for row, person_id in enumerate(order):
        if person_id not in everyone:
            continue  # no sheet from them: the row stays empty and is not saved
        right = everyone.index(person_id) % 11
        grid_dialog.grid.setCurrentIndex(grid_dialog.model.index(row, 1))
        for q in range(len(pre_doc.questions)):
            letters = _letters(_key(pre_doc, q)) if q < right else "-"
            for char in letters:
                qtbot.keyClick(grid_dialog.grid, char)
            if len(letters) > 1:
                qtbot.keyClick(grid_dialog.grid, Qt.Key.Key_Return)
        expected_pre[person_id] = float(right)
    grid_dialog.accept()
    assert all(not r.dirty for r in grid_dialog.model.rows())

    # 5. Walk to the post-test.
    while runner.controller.step.phase != "post":
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    post = runner.controller.step
    assert post.quiz_version_id is not None
    post_doc = version_doc(f, post.quiz_version_id)
    assert "0/32" in presenter.text()
    expected_post: dict[int, float] = {}

    # 5a. Half on the kiosk: everything right except (k % 3) questions left blank.
    kiosk = KioskWindow(ctx, sid, post.position, post.title)
    qtbot.addWidget(kiosk)
    kiosk.show()
    for person_id in everyone[:16]:
        kiosk.begin(person_id)
        blanks = everyone.index(person_id) % 3
        for number, shown in enumerate(kiosk._questions()):
            if number >= blanks:
                key = next(i for i, q in enumerate(post_doc.questions) if q.id == shown.key)
                for button in kiosk.question.buttons:
                    if int(button.property("option_index")) in _key(post_doc, key):
                        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            kiosk.question.next.click()
        if blanks:
            messages.answers.append("Nộp bài")
        kiosk.review.submit.click()
        assert kiosk.stack.currentWidget() is kiosk.result
        kiosk.result.done.click()
        expected_post[person_id] = float(10 - blanks)
    kiosk.allow_close = True
    kiosk.close()
    runner.controller.reload()
    assert "16/32" in presenter.text()

    # 5b. The other half on paper: all right.
    grid_dialog = PaperEntryDialog(ctx, sid, post.position)
    qtbot.addWidget(grid_dialog)
    for row, entry in enumerate(grid_dialog.model.rows()):
        if entry.person_id in expected_post or entry.person_id not in everyone:
            continue
        grid_dialog.grid.setCurrentIndex(grid_dialog.model.index(row, 1))
        for q in range(len(post_doc.questions)):
            letters = _letters(_key(post_doc, q))
            for char in letters:
                qtbot.keyClick(grid_dialog.grid, char)
            if len(letters) > 1:
                qtbot.keyClick(grid_dialog.grid, Qt.Key.Key_Return)
        expected_post[entry.person_id] = 10.0
    grid_dialog.accept()
    runner.close()

    # 6. Finish from the page.
    sessions.refresh()
    messages.answers.append("Kết thúc buổi")
    sessions.panel.finish.click()
    assert sessions.panel.detail is not None and sessions.panel.detail.status == "finished"

    # 7. `session show --json` in another process reports exactly that.
    shown = run_cli("session", "show", str(sid), "--json", data=ctx.data_dir.root)
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert report["status"] == "finished"
    att = report["attendance"]
    assert (att["invited"], att["arrived"], att["walk_ins"], att["absent"]) == (32, 32, 2, 2)
    results = {r["person"]: r for r in report["results"]["people"]}
    assert set(results) == set(everyone)
    for person_id in everyone:
        assert results[person_id]["pre"] == expected_pre[person_id]
        assert results[person_id]["post"] == expected_post[person_id]
    steps = {s["phase"]: s["submitted"] for s in report["agenda"] if s["kind"] == "quiz"}
    assert steps == {"pre": 32, "post": 32}
    mean = sum(expected_post.values()) / 32
    assert report["results"]["average_post"] == round(mean, 2)
