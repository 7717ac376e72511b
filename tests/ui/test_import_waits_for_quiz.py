"""Finding 10 of issue 14, GUI side: the import wizard does not store while people are
answering a quiz; it says so with “Thử lại”, and stores once they are done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.integration.test_import_atomic import open_attempt, roster_csv, submit
from tests.ui.test_roster_import_wizard import make, settle
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.roster_import_wizard import STEP_PREVIEW, STEP_RESULT


def count(ctx: AppContext) -> int:
    conn = sqlite3.connect(ctx.data_dir.db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def test_wizard_waits_for_the_quiz_then_retries(qtbot, ctx: AppContext, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    attempt_id = open_attempt(ctx.workspace)
    before = count(ctx)
    wizard = make(qtbot, ctx, roster_csv(tmp_path / "ds.csv", 12))
    while wizard.step != STEP_PREVIEW:
        wizard.go_next()
        settle()
    shown: list[tuple[str, list[str]]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), [b.text() for b in box.buttons()]))
        wanted = "Để sau" if len(shown) == 1 else "Thử lại"
        if wanted == "Thử lại":
            submit(ctx.workspace, attempt_id)  # the last person hands in meanwhile
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    wizard.go_next()
    settle()
    assert len(shown) == 1 and "đang có 1 người làm bài" in shown[0][0].lower()
    assert shown[0][1] == ["Thử lại", "Để sau"]
    assert wizard.step == STEP_PREVIEW and count(ctx) == before  # “Để sau”: nothing stored

    wizard.go_next()
    settle()
    settle()  # “Thử lại” started the store again
    assert len(shown) == 2
    assert wizard.step == STEP_RESULT and count(ctx) == before + 12
