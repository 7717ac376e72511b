"""Báo cáo page: choose the hand-worked session, preview its first page, save it as PDF and
Word, the results as Excel, a period (dates typed backwards are refused in red, then the
right ones saved as XLSX), bad photos refused with a message, print through the system
dialog. Real workspace, real files; work runs on the thread pool as in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests import report_world
from tests.pdf_checks import all_text
from trainer_app.ui.context import AppContext
from trainer_app.ui.pages.reports_page import ReportsPage
from trainer_app.ui.tasks import Outcome
from trainer_app.ui.widgets.report_chooser import PERIOD, RESULTS, SESSION

from .conftest import MessageRecorder


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ReportsPage:
    report_world.build(ctx.workspace)
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    page.set_ready()
    return page


def save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kw: (str(path), chosen))


def test_preview_shows_the_first_page(page: ReportsPage) -> None:
    assert page.chooser.session_box.count() == 1
    assert "Tập huấn bảo vệ trẻ em" in page.chooser.session_box.currentText()
    task = page.make_preview()
    assert task is not None and task.wait(60_000) and task.outcome is Outcome.DONE
    pixmap = page.preview.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.height() > 300
    assert page.pages_note.text().startswith("Trang 1/")
    pdf = page.preview.pdf
    assert pdf is not None and "tăng 3,36 điểm" in all_text(pdf)
    page.chooser.set_kind(PERIOD)  # a changed choice drops the stale preview
    assert page.preview.pdf is None and page.pages_note.text() == ""


def test_save_session_report_as_pdf_and_docx(page: ReportsPage, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    save_dialog(monkeypatch, tmp_path / "bao-cao", "Word (*.docx)")  # no ending typed
    page.save_as()
    assert page.task is not None and page.task.wait(60_000)
    assert (tmp_path / "bao-cao.docx").exists()
    assert page.result.isVisible() and "bao-cao.docx" in page.result.text()
    assert page.folder_button.isEnabled()
    save_dialog(monkeypatch, tmp_path / "bao-cao.pdf", "PDF (*.pdf)")
    page.save_as()
    assert page.task.wait(60_000)
    assert "Điểm trung bình sau tập huấn: 7,34/10" in all_text(tmp_path / "bao-cao.pdf")


def test_results_spreadsheet_has_no_preview(page: ReportsPage, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    page.chooser.set_kind(RESULTS)
    assert not page.preview_button.isEnabled() and not page.print_button.isEnabled()
    assert "Excel" in page.preview.text()
    save_dialog(monkeypatch, tmp_path / "ket-qua.xlsx", "Excel (*.xlsx)")
    page.save_as()
    assert page.task is not None and page.task.wait(60_000)
    assert load_workbook(tmp_path / "ket-qua.xlsx").sheetnames[1] == "Kết quả"


def test_period_dates_backwards_are_refused_then_saved(
        page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    chooser = page.chooser
    chooser.set_kind(PERIOD)
    assert chooser.period_box.isVisible() and not chooser.session_box.isVisible()
    chooser.period_kind.setCurrentIndex(2)
    chooser.start.setDate(QDate(2026, 12, 31))
    chooser.end.setDate(QDate(2026, 10, 1))
    assert chooser.period_error.isVisible()
    assert "ghi ngược" in chooser.period_error.text()
    save_dialog(monkeypatch, tmp_path / "x.xlsx", "Excel (*.xlsx)")
    page.save_as()
    assert messages.shown and "ghi ngược" in messages.shown[-1].text
    assert not (tmp_path / "x.xlsx").exists()
    chooser.start.setDate(QDate(2026, 10, 1))
    chooser.end.setDate(QDate(2026, 12, 31))
    assert not chooser.period_error.isVisible()
    save_dialog(monkeypatch, tmp_path / "quy4.xlsx", "Excel (*.xlsx)")
    page.save_as()
    assert page.task is not None and page.task.wait(60_000)
    figures = {r[0].value: r[1].value for r in
               load_workbook(tmp_path / "quy4.xlsx")["Tổng hợp"].iter_rows(min_row=2)}
    assert figures["Kỳ báo cáo"] == "Quý IV năm 2026"
    assert figures["Số lượt người tham dự (có mặt)"] == 6


def test_bad_photos_are_refused(page: ReportsPage, tmp_path: Path,
                                messages: MessageRecorder) -> None:
    assert page.chooser.kind() == SESSION and page.chooser.photo_box.isVisible()
    text = tmp_path / "ghi-chu.jpg"
    text.write_text("không phải ảnh", encoding="utf-8")
    huge = tmp_path / "to.jpg"
    with huge.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    page.chooser.add_photo_paths([str(text), str(huge)])
    assert page.chooser.photos == []
    shown = messages.shown[-1].text
    assert "ghi-chu.jpg" in shown and "không phải là ảnh" in shown and "quá lớn" in shown


def test_print_goes_through_the_system_dialog(page: ReportsPage,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    asked: list[str] = []

    def refuse(dialog: QPrintDialog) -> int:
        asked.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", refuse)
    task = page.print_report()
    assert task is not None and task.wait(60_000)
    assert asked and asked[0].startswith("In: ")
