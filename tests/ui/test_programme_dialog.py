"""Editing a programme's agenda: reorder from the keyboard, add a quiz step, refuse an
incomplete step with the step's number, save; sessions created before keep their copy."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from trainer_app.services.sessions import programmes as programme_service
from trainer_app.services.sessions import results as session_results
from trainer_app.services.sessions import service as session_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs import programme_dialog
from trainer_app.ui.dialogs.programme_dialog import ProgrammeDialog
from trainer_app.ui.dialogs.step_dialog import StepDialog


def test_reorder_add_and_save(qtbot: QtBot, ctx: AppContext,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    f = ctx.factory
    before = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 12, 5))).session_id
    dialog = ProgrammeDialog(ctx)
    qtbot.addWidget(dialog)
    steps = dialog.agenda.steps()
    assert len(steps) == 9 and steps[0].title == "Khai mạc, giới thiệu chương trình"
    dialog.agenda.setCurrentRow(0)
    qtbot.keyClick(dialog.agenda, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert dialog.agenda.steps()[1].title == "Khai mạc, giới thiệu chương trình"

    def fill(step_dialog: StepDialog) -> int:
        step_dialog.kind.setCurrentIndex(step_dialog.kind.findData("quiz"))
        step_dialog.title.setText("Kiểm tra giữa buổi")
        step_dialog.quiz.setCurrentIndex(1)
        step_dialog.phase.setCurrentIndex(step_dialog.phase.findData("other"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StepDialog, "exec", fill)
    dialog.agenda.setCurrentRow(4)
    dialog.add_step()
    assert dialog.agenda.steps()[5].title == "Kiểm tra giữa buổi"
    dialog.save()
    saved = programme_service.get_agenda(f, dialog.programme_id() or 0)
    assert [s.title for s in saved][:2] == ["Kiểm tra đầu vào",
                                           "Khai mạc, giới thiệu chương trình"]
    assert saved[5].kind == "quiz" and saved[5].quiz_id is not None and len(saved) == 10
    # The session made before keeps its own agenda.
    assert len(session_results.session_detail(f, before).steps) == 9


def test_incomplete_step_is_refused_with_its_number(qtbot: QtBot, ctx: AppContext,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ProgrammeDialog(ctx)
    qtbot.addWidget(dialog)

    def fill(step_dialog: StepDialog) -> int:
        step_dialog.kind.setCurrentIndex(step_dialog.kind.findData("video"))
        step_dialog.title.setText("Video chưa chọn tệp")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StepDialog, "exec", fill)
    dialog.agenda.setCurrentRow(dialog.agenda.count() - 1)
    dialog.add_step()
    dialog.save()
    assert "Bước 10: chưa chọn video hoặc tài liệu" in dialog.status.text()
    assert len(programme_service.get_agenda(ctx.factory, dialog.programme_id() or 0)) == 9


def test_new_programme(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ProgrammeDialog(ctx)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(programme_dialog.QInputDialog, "getText",
                        lambda *a, **k: ("Phòng chống đuối nước trẻ em", True))
    dialog.add_programme()
    assert dialog.programmes.count() == 2
    assert dialog.programmes.currentItem().text().startswith("Phòng chống đuối nước trẻ em")
    assert dialog.agenda.count() == 0


def test_certificate_rule_per_programme(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = ProgrammeDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.rule.currentData() == "attended_and_passed"
    dialog.rule.setCurrentIndex(dialog.rule.findData("attended"))
    dialog.rule.activated.emit(dialog.rule.currentIndex())
    (row,) = programme_service.list_programmes(ctx.factory)
    assert row.certificate_rule == "attended"
