"""Cài đặt → Cơ sở dữ liệu: what is in use, a connection check off the GUI thread, and the
server kept for the next start in a file only its owner can read."""

from __future__ import annotations

import stat

from pytestqt.qtbot import QtBot

from trainer_app.datadir import read_url_file
from trainer_app.ui.context import AppContext
from trainer_app.ui.widgets.database_box import DatabaseBox


def test_shows_sqlite_and_refuses_a_bad_address(qtbot: QtBot, ctx: AppContext) -> None:
    box = DatabaseBox(ctx)
    qtbot.addWidget(box)
    if ctx.data_dir.on_server:
        assert "PostgreSQL" in box.in_use.text()
    else:
        assert f"SQLite — {ctx.data_dir.db_path}" in box.in_use.text()
    box.url_edit.setText("mysql://x@y/z")
    box.save_button.click()
    assert "không phải PostgreSQL" in box.feedback.text()
    assert read_url_file(ctx.data_dir.root) == (ctx.data_dir.database_url or None) or \
        not ctx.data_dir.on_server


def test_check_then_save_a_server(qtbot: QtBot, ctx: AppContext, pg_url: str) -> None:
    box = DatabaseBox(ctx)
    qtbot.addWidget(box)
    password_url = pg_url.replace("postgres@", "postgres:s3cret@")
    box.url_edit.setText(password_url)
    box.check_button.click()
    qtbot.waitUntil(lambda: "Kết nối được" in box.feedback.text(), timeout=20_000)
    assert "cơ sở dữ liệu trống" in box.feedback.text()
    assert "s3cret" not in box.feedback.text()
    box.url_edit.setText(password_url)
    box.save_button.click()
    assert "Lần mở sau" in box.in_use.text() and "***" in box.in_use.text()
    assert "s3cret" not in box.in_use.text()
    kept = ctx.data_dir.root / "database-url"
    assert read_url_file(ctx.data_dir.root) == password_url
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    box.url_edit.clear()
    box.save_button.click()
    assert read_url_file(ctx.data_dir.root) is None
    assert "SQLite" in box.feedback.text()


def test_an_unreachable_server_is_said_plainly(qtbot: QtBot, ctx: AppContext) -> None:
    box = DatabaseBox(ctx)
    qtbot.addWidget(box)
    box.url_edit.setText("postgresql://someone@/x?host=/nonexistent-socket-dir&port=1")
    box.check_button.click()
    qtbot.waitUntil(lambda: "Không kết nối được" in box.feedback.text(), timeout=20_000)
    assert box.check_button.isEnabled()
