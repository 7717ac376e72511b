"""The Buổi tập huấn page: create a session with invitations, start, type in paper sheets
on the keyboard (mistakes flagged), results shown, finish and lock."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MessageRecorder, type_text
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import service as session_service
from trainer_app.ui.dialogs import paper_entry_dialog as ped
from trainer_app.ui.dialogs.session_dialog import SessionDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.sessions_page import SessionsPage


def _page(window: MainWindow) -> SessionsPage:
    window.show_page("sessions")
    page = window.pages["sessions"]
    assert isinstance(page, SessionsPage)
    return page


def test_empty_state_then_create_with_invitations(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    ctx = window.ctx
    for name in ("Nguyễn Thị Lan", "Trần Văn An"):
        add_person(ctx.factory, PersonInput(full_name=name))
    page = _page(window)
    page.refresh()
    assert page.empty.isVisible() and not page.splitter.isVisible()

    def fill(dialog: SessionDialog) -> int:
        dialog.venue.setText("")
        type_text(dialog.venue, "Nhà văn hóa khu phố 3")
        assert dialog.hood_boxes == []  # nobody is filed under a khu phố yet
        dialog._save()
        return QDialog.DialogCode.Accepted if dialog.result() else 0

    monkeypatch.setattr(SessionDialog, "exec", fill)
    page.create_session()
    assert page.model.rowCount() == 1 and page.splitter.isVisible()
    detail = page.panel.detail
    assert detail is not None and detail.venue == "Nhà văn hóa khu phố 3"
    assert page.panel.agenda_model.rowCount() == 9
    assert page.panel.agenda_model.index(1, 1).data() == "Kiểm tra đầu vào"


def test_invite_by_khu_pho_in_the_dialog(qtbot: QtBot, window: MainWindow,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.services.roster.reference import list_neighbourhoods

    ctx = window.ctx
    hood = list_neighbourhoods(ctx.factory)[2]
    add_person(ctx.factory, PersonInput(full_name="Lê Thị Bích", neighbourhood_id=hood.id))
    add_person(ctx.factory, PersonInput(full_name="Võ Văn Cường"))
    page = _page(window)

    def fill(dialog: SessionDialog) -> int:
        (box,) = dialog.hood_boxes
        assert box.text() == f"{hood.name} (1)"
        box.setChecked(True)
        dialog._save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SessionDialog, "exec", fill)
    page.create_session()
    detail = page.panel.detail
    assert detail is not None and detail.counts.invited == 1


def test_paper_entry_grid_scores_rows_and_flags_mistakes(
        qtbot: QtBot, window: MainWindow, messages: MessageRecorder) -> None:
    ctx = window.ctx
    f = ctx.factory
    ids = [add_person(f, PersonInput(full_name=n)).id for n in ("Nguyễn Thị Lan", "Trần Văn An")]
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date.today())).session_id
    session_service.invite(f, sid, person_ids=tuple(ids))
    attendance_service.mark_rows(f, sid, "1 2")
    page = _page(window)
    page.refresh()
    detail = page.panel.detail
    assert detail is not None and detail.id == sid
    pre = next(s for s in detail.steps if s.phase == "pre")
    assert pre.quiz_version_id is not None
    doc = version_doc(f, pre.quiz_version_id)
    keys = ["".join(chr(65 + i) for i, o in enumerate(q.options) if o.correct)
            for q in doc.questions]

    dialog = ped.PaperEntryDialog(ctx, sid, pre.position, page)
    qtbot.addWidget(dialog)
    dialog.show()
    grid = dialog.grid
    assert [r.name for r in dialog.model.rows()] == ["Trần Văn An", "Nguyễn Thị Lan"]
    # Row 1 (An): all right, typed as fast as possible; multi-answer cells need Enter.
    presses = 0
    for number, answer in enumerate(keys):
        for char in answer:
            qtbot.keyClick(grid, char)
            presses += 1
        if doc.questions[number].options and len(answer) > 1:
            qtbot.keyClick(grid, Qt.Key.Key_Return)
            presses += 1
    assert presses <= len(keys) + sum(len(k) for k in keys)
    # Now on row 2: the first row was saved when the cursor left it.
    assert grid.currentIndex().row() == 1
    an = dialog.model.rows()[0]
    assert an.score == 10.0 and not an.dirty
    # Row 2 (Lan): a letter that is not an option is flagged and not saved.
    qtbot.keyClick(grid, "Z")
    lan = dialog.model.rows()[1]
    assert dialog.model.problem(0, lan.letters[0]).startswith("Câu 1 chỉ có A–")
    assert not dialog.save_row(1)
    assert "Dòng 2 (Nguyễn Thị Lan) chưa lưu" in dialog.status.text()
    grid.setCurrentIndex(dialog.model.index(1, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)
    qtbot.keyClick(grid, "-")  # blank, moves on
    assert dialog.save_row(1)
    assert lan.score is not None and lan.score < 10
    dialog.accept()

    page.refresh()
    results = {r.full_name: r.pre for r in page.panel.results_model.rows()}
    assert results == {"Trần Văn An": 10.0, "Nguyễn Thị Lan": lan.score}
    assert "Điểm trung bình: đầu vào" in page.panel.summary.text()


def test_start_then_finish_locks(qtbot: QtBot, window: MainWindow,
                                 messages: MessageRecorder) -> None:
    ctx = window.ctx
    (pid,) = [add_person(ctx.factory, PersonInput(full_name="Nguyễn Thị Lan")).id]
    sid = session_service.create_session(ctx.factory, session_service.SessionDraft(
        held_on=date.today())).session_id
    session_service.invite(ctx.factory, sid, person_ids=(pid,))
    page = _page(window)
    page.refresh()
    # The pre-flight check lists the videos not yet in the library; start anyway.
    messages.answers.append("Vẫn bắt đầu")
    qtbot.mouseClick(page.panel.start, Qt.MouseButton.LeftButton)
    assert "Trẻ em nghiện game và cách khắc phục" in messages.shown[-1].details
    assert page.panel.detail is not None and page.panel.detail.status == "in_progress"
    messages.answers.append("Kết thúc buổi")
    qtbot.mouseClick(page.panel.finish, Qt.MouseButton.LeftButton)
    assert "1 người chưa điểm danh sẽ được ghi là vắng" in messages.shown[-1].text
    detail = page.panel.detail
    assert detail is not None and detail.status == "finished" and detail.counts.absent == 1
    assert not page.panel.finish.isEnabled()
    page.panel.agenda.selectRow(1)
    assert not page.panel.kiosk.isEnabled() and page.panel.paper.isEnabled()


def test_start_refused_when_the_trainer_says_later(qtbot: QtBot, window: MainWindow,
                                                   messages: MessageRecorder) -> None:
    ctx = window.ctx
    session_service.create_session(ctx.factory, session_service.SessionDraft(
        held_on=date.today()))
    page = _page(window)
    page.refresh()
    messages.answers.append("Để sau")
    qtbot.mouseClick(page.panel.start, Qt.MouseButton.LeftButton)
    assert page.panel.detail is not None and page.panel.detail.status == "planned"
    assert "Chưa mời ai" in messages.shown[-1].details


def test_print_answer_sheets_from_a_quiz_step(qtbot: QtBot, window: MainWindow,
                                              monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: object) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    ctx = window.ctx
    ids = [add_person(ctx.factory, PersonInput(full_name=n)).id
           for n in ("Nguyễn Thị Lan", "Trần Văn An")]
    sid = session_service.create_session(ctx.factory, session_service.SessionDraft(
        held_on=date(2026, 12, 5))).session_id
    session_service.invite(ctx.factory, sid, person_ids=tuple(ids))
    target = tmp_path / "phiếu.pdf"  # type: ignore[operator]
    opened: list[str] = []
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (3, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page = _page(window)
    page.refresh()
    page.panel.agenda.selectRow(1)
    assert page.panel.sheets.isEnabled()
    page.panel.sheets.click()
    assert opened == [str(target)]
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Nguyễn Thị Lan" in text and "Trần Văn An" in text


def test_invite_by_hand(qtbot: QtBot, window: MainWindow) -> None:
    from trainer_app.ui.dialogs.invite_dialog import InviteDialog

    ctx = window.ctx
    ids = [add_person(ctx.factory, PersonInput(full_name=n)).id
           for n in ("Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Lành")]
    sid = session_service.create_session(ctx.factory, session_service.SessionDraft(
        held_on=date.today())).session_id
    session_service.invite(ctx.factory, sid, person_ids=(ids[1],))
    dialog = InviteDialog(ctx, sid)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3 and not dialog.ok.isEnabled()
    type_text(dialog.search, "lan")  # "Lan" and "Lành", accents aside
    assert dialog.list.count() == 2
    for n in range(dialog.list.count()):
        dialog.list.item(n).setCheckState(Qt.CheckState.Checked)
    dialog.search.clear()  # the ticks survive a new search
    assert dialog.list.count() == 3 and "Đã chọn 2 người" in dialog.summary.text()
    dialog.ok.click()
    rows = attendance_service.list_attendance(ctx.factory, sid)
    assert {r.person_id for r in rows} == set(ids)
