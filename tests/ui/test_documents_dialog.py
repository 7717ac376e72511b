"""The session's "Giấy tờ…" window: every document previews (real PDFs drawn by pypdfium2),
saves as PDF or Word, prints, opens its folder; saving where it cannot be saved says why and
offers another name or place.

Stand-ins (offscreen Qt has no native dialogs, no printer, no file manager):
``QFileDialog.getSaveFileName`` returns the paths the test chooses; ``QPrintDialog.exec``
points the QPrinter at a PDF file and accepts, so what reaches the "printer" is read back
with pypdf; ``QDesktopServices.openUrl`` records the URL; message boxes are answered by the
``messages`` recorder. The file open in another program (Windows) is simulated by an
injected PermissionError from the final rename, a full disk by an injected ENOSPC.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.certificate_world import Who
from tests.certificate_world import make_session as make_certificate_session
from tests.helpers import read_only_dir
from tests.letters_world import PEOPLE, TITLE, flat, make_session, set_org, step_titles
from tests.pdf_checks import all_text
from tests.ui.conftest import MessageRecorder
from trainer_app.services.sessions.documents import SPECS, DocumentKind
from trainer_app.services.sessions.results import session_detail
from trainer_app.ui import tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.documents_dialog import DocumentsDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.sessions_page import SessionsPage


def _dialog(qtbot: QtBot, ctx: AppContext, session_id: int) -> DocumentsDialog:
    dialog = DocumentsDialog(ctx, session_detail(ctx.factory, session_id))
    qtbot.addWidget(dialog)
    assert tasks.wait_all()
    return dialog


def _choose(dialog: DocumentsDialog, kind: DocumentKind) -> None:
    dialog.choose_document(kind)
    assert tasks.wait_all()


def _save_dialog(monkeypatch: pytest.MonkeyPatch, *answers: tuple[str, str]) -> list[str]:
    """``QFileDialog.getSaveFileName`` answers ``answers`` in turn; returns the proposed
    paths."""
    asked: list[str] = []
    queue = list(answers)

    def fake(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return queue.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


@pytest.fixture
def session_id(ctx: AppContext) -> int:
    set_org(ctx.workspace)
    return make_session(ctx.workspace)


def test_opens_from_the_session_page(window: MainWindow, monkeypatch: pytest.MonkeyPatch
                                     ) -> None:
    sid = make_session(window.ctx.workspace)
    opened: list[DocumentsDialog] = []

    def record(dialog: DocumentsDialog) -> int:
        opened.append(dialog)
        assert tasks.wait_all()
        return 0

    monkeypatch.setattr(DocumentsDialog, "exec", record)
    window.show_page("sessions")
    page = window.pages["sessions"]
    assert isinstance(page, SessionsPage)
    page.refresh()
    page.select(sid)
    assert page.panel.documents.text() == "Giấy tờ…" and page.panel.documents.isEnabled()
    page.panel.documents.click()
    assert len(opened) == 1 and opened[0].detail.id == sid
    assert opened[0].windowTitle() == f"Giấy tờ: {TITLE} (03/12/2026)"


def test_every_document_previews(qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        s.label for s in SPECS]
    for spec in SPECS:
        _choose(dialog, spec.kind)
        assert dialog.preview.path is not None, (spec.kind, dialog.preview.page_image.text())
        assert dialog.preview.page_count >= 1
        assert not dialog.preview.page_image.pixmap().isNull()
        assert dialog.status.text().startswith("Xem trước:"), dialog.status.text()
    _choose(dialog, DocumentKind.PLAN)
    text = flat(all_text(dialog.preview.path))
    assert flat(TITLE) in text and all(t in text for t in step_titles(ctx.workspace,
                                                                       session_id))
    assert dialog.preview.page_label.text() == "Trang 1/2"
    dialog.preview.next_button.click()
    assert dialog.preview.page_label.text() == "Trang 2/2"
    assert not dialog.preview.next_button.isEnabled()
    temp = dialog._tmp
    dialog.done(0)
    assert not temp.exists()  # previews are removed with the window


def test_options_follow_the_document(qtbot: QtBot, ctx: AppContext, session_id: int) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    dialog.show()
    _choose(dialog, DocumentKind.ATTENDANCE_BLANK)
    assert dialog.group.isVisible() and not dialog.amount.isVisible()
    _choose(dialog, DocumentKind.INVITATION)
    assert dialog.to_people.isVisible() and not dialog.group.isVisible()
    assert dialog.preview.page_count == 2  # the letter and the list of people
    dialog.to_people.setChecked(True)
    assert "Xem trước" in dialog.status.text() and "Đã đổi tùy chọn" in dialog.status.text()
    dialog.preview_button.click()
    assert tasks.wait_all()
    assert dialog.preview.page_count == len(PEOPLE)
    _choose(dialog, DocumentKind.ANSWER_SHEETS)
    assert [dialog.quiz.itemText(i) for i in range(dialog.quiz.count())] == [
        "Kiểm tra đầu vào", "Kiểm tra cuối khóa"]
    dialog.done(0)


def test_save_as_word_then_open_the_folder(qtbot: QtBot, ctx: AppContext, session_id: int,
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    asked = _save_dialog(monkeypatch, (str(tmp_path / "ke-hoach"), "Word (*.docx)"))
    assert not dialog.folder_button.isEnabled()
    dialog.save_button.click()
    assert tasks.wait_all()
    assert Path(asked[0]).name == "ke-hoach-tap-huan-2026-12-03.pdf"
    saved = tmp_path / "ke-hoach.docx"  # the extension of the chosen filter was added
    assert dialog.last_saved == saved and flat(TITLE) in flat(
        "\n".join(p.text for p in docx.Document(str(saved)).paragraphs))
    assert str(saved) in dialog.status.text()
    dialog.folder_button.click()
    assert opened == [str(tmp_path)]
    dialog.done(0)
    again = _dialog(qtbot, ctx, session_id)  # the next save starts in the same folder
    asked = _save_dialog(monkeypatch, ("", ""))
    again.save_button.click()
    assert Path(asked[0]).parent == tmp_path
    again.done(0)


def _printer_to(path: Path, accept: bool = True
                ) -> tuple[list[QPrinter], Callable[[QPrintDialog], int]]:
    """A stand-in for ``QPrintDialog.exec``: "prints" to ``path`` as PDF (or cancels)."""
    used: list[QPrinter] = []

    def exec_(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        used.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    return used, exec_


def test_print_through_the_system_dialog(qtbot: QtBot, ctx: AppContext, session_id: int,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    printed = tmp_path / "printed.pdf"
    used, exec_ = _printer_to(printed, accept=False)
    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    dialog.print_button.click()
    assert tasks.wait_all() and not printed.exists()  # cancelled in the dialog
    used, exec_ = _printer_to(printed)
    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    dialog.print_button.click()
    assert tasks.wait_all()
    reader = PdfReader(str(printed))
    assert len(reader.pages) == dialog.preview.page_count == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert used[0].docName() == "Kế hoạch tập huấn"
    assert dialog.status.text().startswith("Đã gửi 2 trang tới máy in")
    dialog.done(0)


def test_file_open_in_another_program_offers_a_free_name(
        qtbot: QtBot, ctx: AppContext, session_id: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: MessageRecorder) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    target = tmp_path / "giay-moi.pdf"
    target.write_bytes(b"open in Acrobat")
    real_replace = __import__("os").replace

    def locked(src: str, dst: str) -> None:
        if Path(dst) == target:
            raise PermissionError(errno.EACCES, "The process cannot access the file", dst)
        real_replace(src, dst)

    monkeypatch.setattr("trainer_app.reports.pdf_file.os.replace", locked)
    _choose(dialog, DocumentKind.INVITATION)
    _save_dialog(monkeypatch, (str(target), "PDF (*.pdf)"))
    messages.answers = ["Lưu với tên giay-moi-2.pdf"]
    dialog.save_button.click()
    assert tasks.wait_all()
    shown = messages.shown[0]
    assert shown.title == "Chưa lưu được"
    assert "giay-moi.pdf" in shown.text and "đang mở trong chương trình khác" in shown.text
    assert shown.buttons == ["Lưu với tên giay-moi-2.pdf", "Chọn chỗ lưu khác…", "Hủy"]
    assert target.read_bytes() == b"open in Acrobat"
    assert dialog.last_saved == tmp_path / "giay-moi-2.pdf"
    assert "GIẤY MỜI" in all_text(tmp_path / "giay-moi-2.pdf")
    dialog.done(0)


def test_read_only_folder_then_another_place(qtbot: QtBot, ctx: AppContext, session_id: int,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             messages: MessageRecorder) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    folder, elsewhere = tmp_path / "chi-doc", tmp_path / "tai-lieu"
    elsewhere.mkdir()
    with read_only_dir(folder):
        _save_dialog(monkeypatch, (str(folder / "ds.pdf"), "PDF (*.pdf)"),
                     (str(elsewhere / "ds.pdf"), "PDF (*.pdf)"))
        messages.answers = ["Chọn chỗ lưu khác…"]
        _choose(dialog, DocumentKind.ATTENDANCE_BLANK)
        dialog.save_button.click()
        assert tasks.wait_all()
        assert list(folder.iterdir()) == []
    shown = messages.shown[0]
    assert "chỉ đọc" in shown.text and str(folder) in shown.text
    assert shown.buttons == ["Chọn chỗ lưu khác…", "Hủy"]
    assert dialog.last_saved == elsewhere / "ds.pdf"
    assert "DANH SÁCH ĐIỂM DANH" in all_text(elsewhere / "ds.pdf")
    dialog.done(0)


def test_full_disk_says_so(qtbot: QtBot, ctx: AppContext, session_id: int, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch, messages: MessageRecorder) -> None:
    dialog = _dialog(qtbot, ctx, session_id)
    _choose(dialog, DocumentKind.POCKET_CARDS)

    def full(_src: str, _dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("trainer_app.reports.pdf_file.os.replace", full)
    usb = tmp_path / "usb"
    usb.mkdir()
    _save_dialog(monkeypatch, (str(usb / "the.pdf"), "PDF (*.pdf)"))
    messages.answers = ["Hủy"]
    dialog.save_button.click()
    assert tasks.wait_all()
    assert "ổ đĩa đã đầy" in messages.shown[0].text
    assert messages.shown[0].buttons == ["Chọn chỗ lưu khác…", "Hủy"]
    assert dialog.last_saved is None and list(usb.iterdir()) == []
    dialog.done(0)


def test_certificates_are_issued_only_when_confirmed(
        qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        messages: MessageRecorder) -> None:
    from trainer_app.services.certificates.service import list_certificates

    set_org(ctx.workspace)
    sid = make_certificate_session(ctx.workspace, [Who("Lê Thị Ánh"), Who("Trần Văn Bình",
                                                                          gender="male")])
    dialog = _dialog(qtbot, ctx, sid)
    _choose(dialog, DocumentKind.CERTIFICATES)
    assert "Không có giấy chứng nhận nào để in." in all_text(dialog.preview.path)
    assert list_certificates(ctx.factory, session_id=sid) == []  # preview issues nothing
    changed: list[str] = []
    ctx.events.data_changed.connect(changed.append)
    _save_dialog(monkeypatch, (str(tmp_path / "gcn.pdf"), "PDF (*.pdf)"))
    messages.answers = ["Hủy"]
    dialog.save_button.click()
    assert tasks.wait_all() and not (tmp_path / "gcn.pdf").exists()
    assert "2 người đủ điều kiện" in messages.shown[0].text
    messages.answers = ["Cấp số và tiếp tục"]
    dialog.save_button.click()
    assert tasks.wait_all()
    assert len(list_certificates(ctx.factory, session_id=sid)) == 2
    assert "Lê Thị Ánh" in all_text(tmp_path / "gcn.pdf") and changed == ["certificates"]
    dialog.done(0)
