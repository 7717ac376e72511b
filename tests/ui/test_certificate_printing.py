"""Certificate printing in the GUI: the "Giấy tờ…" window's certificate options (print onto
pre-printed forms, score or not, one more file per person in a folder chosen when saving)
and "Vị trí in trên phôi…" (positions in millimetres, whole-page offset, test page previewed
and printed, defaults restored).

Stand-ins: ``QFileDialog.getSaveFileName`` / ``getExistingDirectory`` return the test's
paths; ``QPrintDialog.exec`` points the QPrinter at a PDF file and accepts; message boxes
are answered by the ``messages`` recorder; where the form window is opened from the
documents window its ``exec`` is replaced by the test's clicks. Positions are read back
from the PDFs with pypdf (``positioned_text``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.certificate_world import Who, make_session, set_org
from tests.pdf_checks import MM, all_text, page_count, positioned_text
from tests.ui.conftest import MessageRecorder
from trainer_app.services.certificates import service as certificate_service
from trainer_app.services.certificates.form_settings import load_form_layout
from trainer_app.services.sessions.documents import DocumentKind
from trainer_app.services.sessions.results import session_detail
from trainer_app.ui import tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.certificate_form_dialog import UNSAVED, CertificateFormDialog
from trainer_app.ui.dialogs.documents_dialog import STALE, DocumentsDialog

SAMPLE = "Nguyễn Thị Ngọc Ánh"  # the name on the test page


def _where(pdf: Path, text: str, page: int = 0) -> tuple[float, float]:
    """(x from the left, baseline from the top) in mm of the first run starting with
    ``text``."""
    x, y, _ = next(r for r in positioned_text(pdf, page) if r[2].startswith(text))
    return x / MM, 210 - y / MM


@pytest.fixture
def session_id(ctx: AppContext) -> int:
    set_org(ctx.workspace)
    return make_session(ctx.workspace, [Who("Lê Thị Ánh"), Who("Trần Văn Bình", gender="male"),
                                        Who("Đỗ Thị Hoa", score=3.0)])


def _documents(qtbot: QtBot, ctx: AppContext, session_id: int) -> DocumentsDialog:
    dialog = DocumentsDialog(ctx, session_detail(ctx.factory, session_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_document(DocumentKind.CERTIFICATES)
    assert tasks.wait_all()
    return dialog


def _form(qtbot: QtBot, ctx: AppContext) -> CertificateFormDialog:
    dialog = CertificateFormDialog(ctx)
    qtbot.addWidget(dialog)
    assert tasks.wait_all()
    return dialog


def test_options_and_one_file_per_person(qtbot: QtBot, ctx: AppContext, session_id: int,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         messages: MessageRecorder) -> None:
    dialog = _documents(qtbot, ctx, session_id)
    options = dialog.certificate
    assert options.isVisible() and options.show_score.isChecked()
    assert not options.on_forms.isChecked() and not options.per_person.isChecked()
    options.per_person.setChecked(True)
    options.show_score.setChecked(False)
    folder = tmp_path / "tung-nguoi"
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a: (str(tmp_path / "gcn.pdf"), "PDF (*.pdf)")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(
        lambda _parent, _title, start: asked.append(start) or str(folder)))
    messages.answers = ["Cấp số và tiếp tục"]
    dialog.save_button.click()
    assert tasks.wait_all()
    assert asked == [str(tmp_path)]  # the folder is asked for after the file, beside it
    assert sorted(p.name for p in folder.iterdir()) == [
        "001-2026-GCN-TYT_Le-Thi-Anh.pdf", "002-2026-GCN-TYT_Tran-Van-Binh.pdf"]
    one = folder / "002-2026-GCN-TYT_Tran-Van-Binh.pdf"
    assert page_count(one) == 1 and "Trần Văn Bình" in all_text(one)
    text = all_text(tmp_path / "gcn.pdf")
    assert page_count(tmp_path / "gcn.pdf") == 2 and "GIẤY CHỨNG NHẬN" in text
    assert "/10 điểm" not in text and "Đỗ Thị Hoa" not in text  # no score; Hoa failed
    assert "2 tệp riêng từng người" in dialog.status.text()

    options.on_forms.setChecked(True)  # remembered for the next window
    assert dialog.status.text() == STALE
    dialog.preview_button.click()
    assert tasks.wait_all()
    preview = dialog.preview.path
    assert preview is not None
    assert "CỘNG HÒA" not in all_text(preview) and "001/2026/GCN-TYT" in all_text(preview)
    dialog.done(0)
    again = _documents(qtbot, ctx, session_id)
    assert again.certificate.on_forms.isChecked() and not again.certificate.show_score \
        .isChecked() and not again.certificate.per_person.isChecked()
    again.choose_document(DocumentKind.PLAN)
    assert tasks.wait_all() and not again.certificate.isVisible()
    again.done(0)


def test_form_offset_moves_the_printed_name(qtbot: QtBot, ctx: AppContext, session_id: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    certificate_service.issue(ctx.factory, ctx.data_dir, session_id)
    dialog = _documents(qtbot, ctx, session_id)
    dialog.certificate.on_forms.setChecked(True)
    dialog.preview_button.click()
    assert tasks.wait_all()
    assert dialog.preview.path is not None
    before = _where(dialog.preview.path, "Lê Thị Ánh")

    def adjust(form: CertificateFormDialog) -> int:
        assert tasks.wait_all()
        form.offset_x.setValue(5)
        form.offset_y.setValue(-2.5)
        form.save_button.click()
        form.done(0)
        return 0

    monkeypatch.setattr(CertificateFormDialog, "exec", adjust)
    dialog.certificate.form_button.click()  # saved positions: the preview is drawn again
    assert tasks.wait_all()
    after = _where(dialog.preview.path, "Lê Thị Ánh")
    assert after[0] == pytest.approx(before[0] + 5, abs=0.2)
    assert after[1] == pytest.approx(before[1] - 2.5, abs=0.2)
    dialog.done(0)


def test_form_positions_test_page_and_defaults(qtbot: QtBot, ctx: AppContext, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               messages: MessageRecorder) -> None:
    dialog = _form(qtbot, ctx)
    name_x, name_y = dialog.spins["name"]
    assert (name_x.value(), name_y.value()) == (148.5, 92.0)
    assert dialog.anchors["name"].text() == "giữa dòng"
    assert dialog.anchors["qr"].text() == "góc trên trái"
    page = dialog.preview.path
    assert page is not None and "TRANG IN THỬ" in all_text(page)
    x0, y0 = _where(page, SAMPLE)

    dialog.offset_x.setValue(3)
    name_y.setValue(100)
    dialog.spins["number"][0].setValue(50)
    assert dialog.status.text() == UNSAVED
    assert load_form_layout(ctx.factory).offset_x_mm == 0  # not stored yet
    dialog.preview_button.click()  # stores, then draws the test page again
    assert tasks.wait_all()
    stored = load_form_layout(ctx.factory)
    assert stored.offset_x_mm == 3 and stored.fields["name"].y_mm == 100
    assert stored.fields["number"].x_mm == 50
    x1, y1 = _where(dialog.preview.path, SAMPLE)
    assert (x1 - x0, y1 - y0) == (pytest.approx(3, abs=0.2), pytest.approx(8, abs=0.2))
    assert "Độ lệch cả trang: ngang 3 mm, dọc 0 mm" in all_text(dialog.preview.path)

    printed = tmp_path / "may-in.pdf"

    def to_file(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_file)
    dialog.print_button.click()
    assert tasks.wait_all()
    box = PdfReader(str(printed)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # landscape
    assert "Đã gửi trang in thử" in dialog.status.text()

    messages.answers = ["Hủy"]
    dialog.reset_button.click()
    assert load_form_layout(ctx.factory).offset_x_mm == 3  # "Hủy": nothing changed
    messages.answers = ["Khôi phục mặc định"]
    dialog.reset_button.click()
    assert tasks.wait_all()
    assert (name_y.value(), dialog.offset_x.value()) == (92.0, 0.0)
    stored = load_form_layout(ctx.factory)
    assert stored.offset_x_mm == 0 and stored.fields["name"].y_mm == 92
    assert _where(dialog.preview.path, SAMPLE) == (pytest.approx(x0), pytest.approx(y0))

    dialog.show()
    dialog.offset_y.setValue(-4)  # closing with changes asks
    messages.answers = ["Hủy"]
    dialog.close_button.click()
    assert dialog.isVisible() and messages.shown[-1].buttons == ["Lưu", "Không lưu", "Hủy"]
    temp = dialog._tmp
    messages.answers = ["Không lưu"]
    dialog.close_button.click()
    assert not dialog.isVisible() and not temp.exists()
    assert load_form_layout(ctx.factory).offset_y_mm == 0
