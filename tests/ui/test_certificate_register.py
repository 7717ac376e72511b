"""Sổ cấp giấy chứng nhận in the GUI: opened from Tệp and from a session's "Giấy tờ…"
window, filtered by year and session, revoke (reason required; the QR code then checks as
ĐÃ THU HỒI), re-issue (same number, new PDF, logged), the register saved as PDF and Excel.

Stand-ins: ``QFileDialog.getSaveFileName`` returns the test's path; the revocation reason
window (``RevokeDialog.exec``) is filled and accepted by the test; message boxes are
answered by the ``messages`` recorder; the dialogs' ``exec`` is replaced where the test only
checks what was opened.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.certificate_world import Who, make_session, set_org
from tests.pdf_checks import all_text
from tests.ui.conftest import MessageRecorder, type_text
from trainer_app.db.models import AuditEntry
from trainer_app.domain.certificate_code import build_payload
from trainer_app.services.certificates import service as certificate_service
from trainer_app.services.certificates import store as certificate_store
from trainer_app.services.sessions.documents import DocumentKind
from trainer_app.services.sessions.results import session_detail
from trainer_app.ui import tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.certificate_register_dialog import (
    CertificateRegisterDialog,
    RevokeDialog,
)
from trainer_app.ui.dialogs.documents_dialog import DocumentsDialog
from trainer_app.ui.dialogs.verify_certificate_dialog import VerifyCertificateDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.models.certificate_table_model import COL_STATUS, REVOKED_INK

NEW = ("001/2026/GCN-TYT", "002/2026/GCN-TYT")


@pytest.fixture
def world(ctx: AppContext) -> tuple[int, int]:
    """An older session (2025, one certificate) and a finished one (2026: two passed, one
    failed the post-test), certificates issued through the service."""
    set_org(ctx.workspace)
    old = make_session(ctx.workspace, [Who("Phạm Văn Cường", gender="male")],
                       held_on=date(2025, 12, 5), title="Sơ cứu ban đầu")
    new = make_session(ctx.workspace, [Who("Lê Thị Ánh"), Who("Trần Văn Bình", gender="male"),
                                       Who("Đỗ Thị Hoa", score=3.0)])
    certificate_service.issue(ctx.factory, ctx.data_dir, old, issued_on=date(2025, 12, 5))
    certificate_service.issue(ctx.factory, ctx.data_dir, new, issued_on=date(2026, 11, 20))
    return old, new


def _dialog(qtbot: QtBot, ctx: AppContext, **kwargs: int) -> CertificateRegisterDialog:
    dialog = CertificateRegisterDialog(ctx, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def _texts(dialog: CertificateRegisterDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _pick(dialog: CertificateRegisterDialog, name: str) -> None:
    dialog.table.selectRow(_texts(dialog, 1).index(name))


def _save_to(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[str]:
    asked: list[str] = []
    queue = list(paths)

    def fake(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(queue.pop(0)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def _reason(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    def fill(dialog: RevokeDialog) -> int:
        dialog.reason.setText(text)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RevokeDialog, "exec", fill)


def test_opens_from_the_file_menu(window: MainWindow, world: tuple[int, int],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[CertificateRegisterDialog] = []
    monkeypatch.setattr(CertificateRegisterDialog, "exec",
                        lambda dialog: opened.append(dialog) or 0)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("Sổ &cấp giấy chứng nhận…") == texts.index(
        "&Tra cứu giấy chứng nhận…") + 1
    window.register_action.trigger()
    assert len(opened) == 1
    assert _texts(opened[0], 0) == ["001/2025/GCN-TYT", *NEW]  # issue order, all years


def test_opens_from_the_session_documents(qtbot: QtBot, ctx: AppContext,
                                          world: tuple[int, int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _old, new = world
    documents = DocumentsDialog(ctx, session_detail(ctx.factory, new))
    qtbot.addWidget(documents)
    documents.show()
    documents.choose_document(DocumentKind.CERTIFICATES)
    assert tasks.wait_all()
    assert documents.certificate.register_button.isVisible()
    seen: list[tuple[object, list[str]]] = []
    monkeypatch.setattr(CertificateRegisterDialog, "exec", lambda dialog: seen.append(
        (dialog.session.currentData(), _texts(dialog, 0))) or 0)
    documents.certificate.register_button.click()
    assert seen == [(new, list(NEW))]  # that session chosen
    documents.done(0)


def test_filter_by_year_and_session(qtbot: QtBot, ctx: AppContext,
                                    world: tuple[int, int]) -> None:
    old, new = world
    dialog = _dialog(qtbot, ctx)
    assert [dialog.year.itemText(i) for i in range(dialog.year.count())] == [
        "Tất cả các năm", "2026", "2025"]
    assert [dialog.session.itemText(i) for i in range(dialog.session.count())] == [
        "Tất cả các buổi", "20/11/2026 – Bảo vệ trẻ em trên môi trường mạng",
        "05/12/2025 – Sơ cứu ban đầu"]
    assert dialog.count.text() == "3 giấy, 0 đã thu hồi"
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    assert _texts(dialog, 1) == ["Phạm Văn Cường"]
    dialog.session.setCurrentIndex(dialog.session.findData(new))
    assert _texts(dialog, 1) == [] and dialog.count.text() == "Chưa có giấy nào"
    assert not dialog.pdf_button.isEnabled()
    dialog.year.setCurrentIndex(0)
    assert _texts(dialog, 1) == ["Lê Thị Ánh", "Trần Văn Bình"]
    assert _texts(dialog, 3) == ["20/11/2026"] * 2
    assert _texts(dialog, COL_STATUS) == ["Còn hiệu lực"] * 2
    assert not dialog.revoke_button.isEnabled()  # nothing chosen yet
    dialog.session.setCurrentIndex(dialog.session.findData(old))
    assert _texts(dialog, 2) == ["Sơ cứu ban đầu (05/12/2025)"]


def test_revoke_needs_a_reason_then_checks_as_revoked(
        qtbot: QtBot, ctx: AppContext, world: tuple[int, int],
        monkeypatch: pytest.MonkeyPatch, messages: MessageRecorder) -> None:
    dialog = _dialog(qtbot, ctx)
    changed: list[str] = []
    ctx.events.data_changed.connect(changed.append)
    _pick(dialog, "Lê Thị Ánh")
    row = dialog.selected()
    assert row is not None and row.number == NEW[0] and dialog.revoke_button.isEnabled()

    asking = RevokeDialog(row)  # the real window: no reason, no "Thu hồi"
    qtbot.addWidget(asking)
    assert not asking.ok_button.isEnabled()
    type_text(asking.reason, "Cấp nhầm người")
    assert asking.ok_button.isEnabled()

    _reason(monkeypatch, "   ")
    dialog.revoke_button.click()
    assert messages.shown[-1].title == "Chưa thu hồi được"
    assert messages.shown[-1].text == "Hãy ghi lý do thu hồi giấy chứng nhận."
    assert changed == [] and _texts(dialog, COL_STATUS)[1] == "Còn hiệu lực"

    _reason(monkeypatch, "Cấp nhầm người")
    dialog.revoke_button.click()
    assert changed == ["certificates"]
    today = f"{date.today():%d/%m/%Y}"
    assert _texts(dialog, COL_STATUS)[1] == f"Đã thu hồi ngày {today}"
    index = dialog.model.index(1, COL_STATUS)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == REVOKED_INK
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Lý do thu hồi: Cấp nhầm người"
    assert dialog.selected() is not None and dialog.selected().number == NEW[0]
    assert not dialog.revoke_button.isEnabled() and not dialog.reissue_button.isEnabled()
    assert "ĐÃ THU HỒI" in dialog.status.text() and dialog.count.text() == (
        "3 giấy, 1 đã thu hồi")

    key = certificate_store.load_key(ctx.data_dir)
    assert key is not None
    verify = VerifyCertificateDialog(ctx)
    qtbot.addWidget(verify)
    verify.payload.setText(build_payload(key, NEW[0], "Lê Thị Ánh", date(2026, 11, 20)))
    verify.check()
    assert verify.verdict.text() == "ĐÃ THU HỒI" and "Cấp nhầm người" in verify.details.text()


def test_reissue_keeps_the_number(qtbot: QtBot, ctx: AppContext, world: tuple[int, int],
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  messages: MessageRecorder) -> None:
    dialog = _dialog(qtbot, ctx)
    changed: list[str] = []
    ctx.events.data_changed.connect(changed.append)
    before = certificate_service.find_certificate(ctx.factory, NEW[1])
    _pick(dialog, "Trần Văn Bình")
    asked = _save_to(monkeypatch, tmp_path / "cap-lai")
    messages.answers = ["Đóng"]
    dialog.reissue_button.click()
    assert tasks.wait_all()
    assert Path(asked[0]).name == "002-2026-GCN-TYT_Tran-Van-Binh-cap-lai.pdf"
    pdf = tmp_path / "cap-lai.pdf"  # the extension was added
    text = all_text(pdf)
    assert NEW[1] in text and "Trần Văn Bình" in text
    assert messages.shown[-1].title == "Đã cấp lại" and "giữ nguyên số" in (
        messages.shown[-1].text)
    assert messages.shown[-1].buttons == ["In…", "Mở thư mục", "Đóng"]
    assert changed == ["certificates"] and dialog.last_saved == pdf
    after = certificate_service.find_certificate(ctx.factory, NEW[1])
    assert (after.id, after.number, after.issued_on) == (before.id, before.number,
                                                         before.issued_on)
    assert _texts(dialog, 0) == ["001/2025/GCN-TYT", *NEW]  # no new number
    key = certificate_store.load_key(ctx.data_dir)
    assert key is not None
    payload = build_payload(key, NEW[1], "Trần Văn Bình", date(2026, 11, 20))
    assert re.sub(r"\s", "", payload) in re.sub(r"\s", "", text)  # printed under the QR
    assert certificate_service.verify(ctx.factory, ctx.data_dir, payload).ok
    with ctx.factory() as session:
        logged = session.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.action == "certificate.reissue")).all()
    assert logged == [before.id]


def test_save_the_register_as_pdf_and_excel(qtbot: QtBot, ctx: AppContext,
                                            world: tuple[int, int], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    certificate_service.revoke(ctx.factory, NEW[1], "Không dự đủ buổi")
    dialog = _dialog(qtbot, ctx)
    dialog.year.setCurrentIndex(dialog.year.findData(2026))
    asked = _save_to(monkeypatch, tmp_path / "so.pdf", tmp_path / "so")
    dialog.pdf_button.click()
    assert tasks.wait_all()
    assert Path(asked[0]).name == "so-cap-giay-chung-nhan-2026.pdf"
    text = all_text(tmp_path / "so.pdf")
    assert "Năm 2026" in text and "Lê Thị Ánh" in text and "Phạm Văn Cường" not in text
    assert "Khôngdựđủbuổi" in re.sub(r"\s", "", text)  # the reason, wrapped in its cell
    assert dialog.status.text().startswith("Đã lưu sổ (2 giấy, 1 đã thu hồi)")
    dialog.xlsx_button.click()
    assert tasks.wait_all()
    sheet = openpyxl.load_workbook(tmp_path / "so.xlsx").active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert set(NEW) <= cells and "Trần Văn Bình" in cells
    assert dialog.folder_button.isEnabled()
