"""Phân tích câu hỏi on the Câu hỏi page: the demo quiz analysed over every session, one
session, a period and one phase; figures the same as the service's; a bad period refused in
words; flagged rows carry their warning as text."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from trainer_app.services.quizzes.item_stats import quiz_stats
from trainer_app.services.workspace.opening import Workspace
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.item_stats_dialog import ItemStatsDialog
from trainer_app.ui.models.item_stats_table_model import COL_CHANGE, COL_FACILITY, COL_FLAGS

from .test_questions_page import DEMO_QUIZ, make_page


def open_dialog(qtbot: QtBot, ctx: AppContext) -> ItemStatsDialog:
    page = make_page(qtbot, ctx)
    page.select_quiz(DEMO_QUIZ)
    assert page.stats_button.isEnabled()
    dialog = page.show_item_stats(modal=False)
    assert isinstance(dialog, ItemStatsDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cell(dialog: ItemStatsDialog, row: int, column: int) -> str:
    return str(dialog.model.data(dialog.model.index(row, column)))


def test_all_sessions_match_the_service(qtbot: QtBot, ctx: AppContext,
                                        demo_workspace: Workspace, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ctx)
    expected = quiz_stats(ctx.factory, DEMO_QUIZ).versions[-1]
    assert dialog.model.rowCount() == len(expected.questions) == 5
    first = expected.questions[0]
    assert cell(dialog, 0, COL_FACILITY) == f"{100 * first.facility:.0f}%"
    assert "→" in cell(dialog, 0, COL_CHANGE)
    assert f"{expected.test.n} bài" in dialog.summary.text()
    assert "KR-20" in dialog.summary.text()
    for row, q in enumerate(expected.questions):
        assert cell(dialog, row, COL_FLAGS) == "; ".join(q.flags)
        if q.flags:
            assert dialog.model.data(dialog.model.index(row, COL_FLAGS),
                                     Qt.ItemDataRole.BackgroundRole) is not None
    shot = Path(os.environ.get("ITEM_STATS_SHOT", tmp_path / "item-stats.png"))
    dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0


def test_one_session_then_post_only(qtbot: QtBot, ctx: AppContext,
                                    demo_workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert dialog.session_combo.count() >= 1
    dialog.session_combo.activated.emit(0)  # picking a session switches the scope to it
    assert dialog.session_radio.isChecked()
    session_id = dialog.session_combo.currentData()
    one = quiz_stats(ctx.factory, DEMO_QUIZ, session_id=session_id)
    assert dialog.result is not None and dialog.result.scope == one.scope
    dialog.phase_combo.setCurrentIndex(2)  # only after training
    post = quiz_stats(ctx.factory, DEMO_QUIZ, session_id=session_id, phase="post")
    assert dialog.result is not None
    assert dialog.result.versions[-1].test.n == post.versions[-1].test.n
    assert cell(dialog, 0, COL_CHANGE) == "–"
    assert all("quá dễ" not in cell(dialog, r, COL_FLAGS) for r in range(5))


def test_backwards_period_is_refused_in_words(qtbot: QtBot, ctx: AppContext,
                                              demo_workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.start.setDate(QDate(2026, 12, 31))
    dialog.end.setDate(QDate(2026, 1, 1))
    assert dialog.period_radio.isChecked()
    assert not dialog.error.isHidden() and "ghi ngược" in dialog.error.text()
    assert dialog.model.rowCount() == 0
    dialog.end.setDate(QDate(2020, 1, 1))
    dialog.start.setDate(QDate(2019, 1, 1))
    assert dialog.error.isHidden() and "Chưa có bài làm nào" in dialog.summary.text()
    assert date(2019, 1, 1) == dialog.start.date().toPython()
