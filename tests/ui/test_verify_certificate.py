"""Tra cứu giấy chứng nhận in the GUI: a genuine payload, the same with one character
changed, and a revoked certificate."""

from __future__ import annotations

from datetime import date, time

from pytestqt.qtbot import QtBot

from trainer_app.domain.certificate_code import build_payload
from trainer_app.services.certificates import service as certificate_service
from trainer_app.services.certificates import store as certificate_store
from trainer_app.services.roster.service import PersonInput, add_person
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.services.sessions import programmes as programme_service
from trainer_app.services.sessions import service as session_service
from trainer_app.ui.dialogs.verify_certificate_dialog import VerifyCertificateDialog
from trainer_app.ui.main_window import MainWindow


def test_verify_in_the_app(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    f = ctx.factory
    pid = add_person(f, PersonInput(full_name="Nguyễn Thị Lan", birth_year=1970)).id
    programme = programme_service.add_programme(f, "Sơ cứu ban đầu", certificate_rule="attended")
    sid = session_service.create_session(f, session_service.SessionDraft(
        held_on=date(2026, 11, 20), start_time=time(8, 0), programme=programme)).session_id
    session_service.invite(f, sid, person_ids=(pid,))
    attendance_service.mark_rows(f, sid, "1")
    session_service.finish_session(f, sid)
    issued = certificate_service.issue(f, ctx.data_dir, sid, issued_on=date(2026, 11, 20))
    (certificate,) = issued.issued
    key = certificate_store.load_key(ctx.data_dir)
    assert key is not None
    payload = build_payload(key, certificate.number, certificate.full_name, date(2026, 11, 20))

    dialog = VerifyCertificateDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.payload.setText(payload)
    dialog.check()
    assert dialog.verdict.text() == "HỢP LỆ" and "Nguyễn Thị Lan" in dialog.details.text()
    tampered = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    dialog.payload.setText(tampered)
    dialog.check()
    assert dialog.verdict.text() == "KHÔNG HỢP LỆ"
    certificate_service.revoke(f, certificate.number, "Cấp nhầm người")
    dialog.payload.setText(payload)
    dialog.check()
    assert dialog.verdict.text() == "ĐÃ THU HỒI"
