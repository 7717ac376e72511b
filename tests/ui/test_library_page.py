"""Thư viện page: the 11 catalogue items with status word and colour, the source address to
copy, import in the background (progress, Hủy, refusal), add, remove, the check before a
session. Real workspace, real files, real libvlc for probing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from trainer_app.resources import shipped_dir
from trainer_app.services.media import importer as media_import
from trainer_app.services.media import service as media_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.media_table_model import COL_LENGTH, COL_SOURCE, COL_STATUS
from trainer_app.ui.pages.library_page import LibraryPage
from trainer_app.ui.tasks import Outcome

from .conftest import MessageRecorder

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"
GAME = "Trẻ em nghiện game và cách khắc phục"


def make_page(qtbot: QtBot, ctx: AppContext) -> LibraryPage:
    page = LibraryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    page.set_ready()
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> LibraryPage:
    return make_page(qtbot, ctx)


def row_of(page: LibraryPage, title: str) -> int:
    return next(i for i, r in enumerate(page.model.rows()) if r.title == title)


def cell(page: LibraryPage, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, column), role)


def big_valid_clip(path: Path, size: int) -> Path:
    """The sample clip followed by a huge (sparse) "free" box: a whole MP4 that libvlc
    accepts, big enough for the copy to be cancelled half way."""
    data = CLIP.read_bytes()
    pad = size - len(data)
    with path.open("wb") as f:
        f.write(data)
        f.write(pad.to_bytes(4, "big") + b"free")
        f.truncate(size)
    return path


def test_page_lists_the_11_items_with_status_word_and_colour(page: LibraryPage) -> None:
    rows = page.model.rows()
    assert len(rows) == 11
    status = cell(page, 0, COL_STATUS)
    assert status.endswith("chưa tải về")
    ink = cell(page, 0, COL_STATUS, Qt.ItemDataRole.ForegroundRole).color().name()
    assert ink == "#5c3b00"
    assert "Có sẵn 0/11 mục" in page.summary.text()
    assert cell(page, 0, COL_SOURCE).startswith("https://tongdai111.vn/")


def test_missing_item_shows_its_address_and_copies_it(page: LibraryPage) -> None:
    page.table.selectRow(row_of(page, GAME))
    item = page.current_item()
    assert item is not None
    assert page.copy_button.isVisible()
    assert page.source_label.text() == f"Tải về tại: {item.source_url}"
    page.copy_button.click()
    assert QApplication.clipboard().text() == item.source_url


def test_import_in_background_makes_the_item_available(
        qtbot: QtBot, page: LibraryPage, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "USB 16GB" / "Trẻ em nghiện game.mp4"
    usb.parent.mkdir()
    shutil.copy(CLIP, usb)
    shutil.copy(CLIP.with_suffix(".srt"), usb.with_suffix(".srt"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(usb)], ""))  # the dialog is a human's choice
    page.table.selectRow(row_of(page, GAME))
    page.import_button.click()
    handle = page.last_task
    assert handle is not None and handle.wait(20_000)
    assert handle.outcome is Outcome.DONE
    row = row_of(page, GAME)
    assert cell(page, row, COL_STATUS).endswith("có sẵn")
    assert cell(page, row, COL_LENGTH) == "0:06"
    assert page.current_item().title == GAME
    assert not page.copy_button.isVisible()
    assert "có phụ đề" in page.file_combo.currentText()


def test_bad_file_is_refused_with_a_message_and_nothing_changes(
        qtbot: QtBot, page: LibraryPage, tmp_path: Path, messages: MessageRecorder) -> None:
    fake = tmp_path / "phim.mp4"
    fake.write_text("<html>không phải video</html>", encoding="utf-8")
    page.table.selectRow(row_of(page, GAME))
    assert page.import_selected([str(fake)])
    handle = page.last_task
    assert handle is not None and handle.wait(20_000)
    assert handle.outcome is Outcome.FAILED
    assert messages.shown and messages.shown[-1].title == "Chưa nhập được"
    assert "phim.mp4" in messages.shown[-1].text
    assert cell(page, row_of(page, GAME), COL_STATUS).endswith("chưa tải về")
    assert not page.ctx.data_dir.media_dir.exists() or not any(
        p.is_file() for p in page.ctx.data_dir.media_dir.rglob("*"))


def test_cancel_a_long_copy_leaves_no_file(qtbot: QtBot, page: LibraryPage,
                                           tmp_path: Path) -> None:
    big = big_valid_clip(tmp_path / "Phim dài.mp4", 1536 * 1024 * 1024)
    page.table.selectRow(row_of(page, GAME))
    page.import_selected([str(big)])
    handle = page.last_task
    assert handle is not None
    qtbot.waitUntil(lambda: handle.last_progress is not None and handle.last_progress[0] > 0,
                    timeout=20_000)
    handle.cancel()
    assert handle.wait(30_000)
    assert handle.outcome is Outcome.CANCELLED
    assert cell(page, row_of(page, GAME), COL_STATUS).endswith("chưa tải về")
    media_dir = page.ctx.data_dir.media_dir
    assert not media_dir.exists() or not any(p.is_file() for p in media_dir.rglob("*"))


def test_add_item_then_remove_it(qtbot: QtBot, page: LibraryPage,
                                 messages: MessageRecorder) -> None:
    assert page.actions.add_item([str(CLIP)], title="Phim thử của trạm")
    assert page.last_task is not None and page.last_task.wait(20_000)
    assert len(page.model.rows()) == 12
    assert page.current_item().title == "Phim thử của trạm"
    messages.answers.append("Bỏ khỏi thư viện")
    assert page.remove_selected()
    assert "Xóa mục “Phim thử của trạm”" in messages.shown[-1].text
    assert len(page.model.rows()) == 11


def test_check_before_session_finds_a_changed_file(
        qtbot: QtBot, page: LibraryPage, messages: MessageRecorder) -> None:
    factory, media_dir = page.ctx.factory, page.ctx.data_dir.media_dir
    game_id = page.model.rows()[row_of(page, GAME)].id
    stored = Path(media_import.import_files(factory, media_dir, game_id, [CLIP]).files[0].path)
    data = bytearray(stored.read_bytes())
    data[-100] ^= 0xFF
    stored.write_bytes(bytes(data))
    page.refresh()
    assert cell(page, row_of(page, GAME), COL_STATUS).endswith("có sẵn")  # same size
    handle = page.check_all()
    assert handle.wait(20_000)
    assert cell(page, row_of(page, GAME), COL_STATUS).endswith("tệp bị hỏng")
    shown = messages.shown[-1]
    assert shown.title == "Kiểm tra trước buổi tập huấn"
    assert "Có sẵn 0/11 mục" in shown.text and "1 mục có tệp bị hỏng" in shown.text
    assert GAME in shown.details


def test_page_is_registered_in_the_shell(qtbot: QtBot, window) -> None:
    window.show_page("library")
    page = window.pages["library"]
    assert isinstance(page, LibraryPage)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 11, timeout=5_000)
    assert media_service.list_items(page.ctx.factory, page.ctx.data_dir.media_dir)


def test_hardware_decoding_setting_reaches_the_player(qtbot: QtBot, window,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.player.backend import BackendOptions
    from trainer_app.services.workspace import settings as settings_service
    from trainer_app.ui.player import launcher

    window.show_page("settings")
    settings = window.pages["settings"]
    assert not settings.no_hw_decoding.isChecked()
    settings.no_hw_decoding.setChecked(True)
    settings.save_prefs_button.click()
    assert settings_service.load_preferences(window.ctx.factory).hardware_decoding is False
    asked: list[BackendOptions] = []
    monkeypatch.setattr(launcher, "_backends", {})
    monkeypatch.setattr(launcher, "load_backend", lambda options: asked.append(options)
                        or launcher.Unavailable("recorded"))
    assert isinstance(launcher.get_backend(False), launcher.Unavailable)
    assert asked == [BackendOptions(hardware_decoding=False)]
