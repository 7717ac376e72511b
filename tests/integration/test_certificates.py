"""Certificates end to end on a real database and real files: who gets one by the
programme's rule, numbers (sequential per year, never reused, also across a backup restore),
revoke and re-issue (logged), QR payloads (verified, tampered, revoked), the PDF read back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.certificate_world import SIXTY, Who, make_session, set_org
from tests.pdf_checks import assert_fonts_embedded_no_base14, page_count, page_texts
from trainer_app.db.models import AuditEntry, Certificate, Setting
from trainer_app.domain.certificate_code import check_payload
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates import store
from trainer_app.services.certificates.documents import reissue, write_session_certificates
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace, open_workspace
from trainer_app.services.workspace.settings import OrgSettings, load_org

MIXED = [Who("Lê Thị Ánh", "present", 9.0), Who("Trần Văn Bình", "late", 6.5, "male"),
         Who("Phạm Thị Chi", "present", 3.0), Who("Võ Văn Dũng", "absent", None, "male"),
         Who("Đỗ Thị Em", "present", None), Who("Hồ Thị Giang", "excused", 7.0)]


def payloads(pdf: Path) -> list[str]:
    """The payload printed under each QR code (wrapped at spaces), one per page."""
    found = []
    for text in page_texts(pdf):
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("GCN1:"))
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("Tra cứu"))
        found.append(" ".join(line.strip() for line in lines[start:end]))
    return found


@pytest.mark.parametrize(("rule", "expected"), [
    ("attended", {"Lê Thị Ánh", "Trần Văn Bình", "Phạm Thị Chi", "Đỗ Thị Em"}),
    ("passed", {"Lê Thị Ánh", "Trần Văn Bình", "Hồ Thị Giang"}),
    ("attended_and_passed", {"Lê Thị Ánh", "Trần Văn Bình"}),
])
def test_eligibility_follows_the_programme_rule(workspace: Workspace, rule: str,
                                                expected: set[str]) -> None:
    sid = make_session(workspace, MIXED, rule=rule)
    found = certs.eligibility(workspace.session_factory, sid)
    assert found.rule == rule
    assert {c.full_name for c in found.to_issue} == expected
    chi = next(c for c in found.candidates if c.full_name == "Phạm Thị Chi")
    assert "chưa đạt" in chi.reason and "3 điểm" in chi.reason
    assert "Võ Văn Dũng" not in {c.full_name for c in found.candidates}  # absent, no test


def test_issue_numbers_are_sequential_per_year_and_never_reused(workspace: Workspace) -> None:
    ws = workspace
    set_org(ws, certificate_pattern="{seq:03d}/{year}/GCN-TYT")
    first = make_session(ws, [Who(f"Người Thứ {n}") for n in "ABC"])
    result = certs.issue(ws.session_factory, ws.data_dir, first, issued_on=date(2026, 11, 20))
    assert [c.number for c in result.issued] == [
        "001/2026/GCN-TYT", "002/2026/GCN-TYT", "003/2026/GCN-TYT"]
    again = certs.issue(ws.session_factory, ws.data_dir, first, issued_on=date(2026, 11, 21))
    assert again.issued == [] and again.already == 3
    second = make_session(ws, [Who("Lê Văn Mới", gender="male")], held_on=date(2026, 12, 1))
    assert [c.number for c in certs.issue(ws.session_factory, ws.data_dir, second,
                                          issued_on=date(2026, 12, 1)).issued] == [
        "004/2026/GCN-TYT"]
    # a new year starts again at 1
    third = make_session(ws, [Who("Lê Thị Xuân")], held_on=date(2027, 1, 5))
    assert certs.issue(ws.session_factory, ws.data_dir, third,
                       issued_on=date(2027, 1, 5)).issued[0].number == "001/2027/GCN-TYT"
    # both marks are kept: in the database and (SQLite only) in the file outside it
    assert store.read_file_marks(ws.data_dir) == (
        {} if ws.data_dir.on_server else {2026: 4, 2027: 1})
    with ws.session_factory() as s:
        assert json.loads(s.get(Setting, store.DB_KEY).value) == {"2026": 4, "2027": 1}
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity ==
                                                            "certificate")).all()
        assert actions.count("certificate.issue") == 5
        after = json.loads(s.scalars(select(AuditEntry.after)).first())
        assert "Người" not in json.dumps(after, ensure_ascii=False)  # ids, not names


@pytest.mark.sqlite_only("number marks file and backups outside the database: SQLite only")
def test_file_mark_ahead_of_database_is_honoured(workspace: Workspace) -> None:
    ws = workspace
    store.write_file_marks(ws.data_dir, {2026: 41})
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    issued = certs.issue(ws.session_factory, ws.data_dir, sid, issued_on=date(2026, 11, 20))
    assert issued.issued[0].serial_no == 42


def test_station_code_goes_into_the_number(workspace: Workspace) -> None:
    set_org(workspace, station_code="th2")
    assert load_org(workspace.session_factory).station_code == "TH2"
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    number = certs.issue(workspace.session_factory, workspace.data_dir, sid,
                         issued_on=date(2026, 11, 20)).issued[0].number
    assert number == "001/2026/GCN-TYT-TH2"
    with pytest.raises(UserError, match="Mã trạm"):
        set_org(workspace, station_code="TRẠM SỐ HAI MƯƠI")


def test_old_settings_json_still_loads(workspace: Workspace) -> None:
    with workspace.session_factory.begin() as s:
        s.add(Setting(key="organisation", value=json.dumps(
            {"unit_name": "Trạm", "certificate_pattern": "{seq:03d}/GCN-TYT"})))
    org = load_org(workspace.session_factory)
    assert isinstance(org, OrgSettings) and org.station_code == ""
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    number = certs.issue(workspace.session_factory, workspace.data_dir, sid,
                         issued_on=date(2026, 11, 20)).issued[0].number
    assert number == "001/GCN-TYT/2026"  # the year is added so years never clash


def test_demo_certificates_without_serials(demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    rows = certs.list_certificates(ws.session_factory, session_id=1)
    assert len(rows) == 27 and all(r.serial_no is None for r in rows)
    out = write_session_certificates(ws.session_factory, ws.data_dir, 1, tmp_path / "d.pdf")
    assert out.issued == [] and out.printed == 27
    assert page_count(tmp_path / "d.pdf") == 27
    key = store.load_key(ws.data_dir)
    assert all(check_payload(key, p).signature_ok for p in payloads(tmp_path / "d.pdf"))


def test_pdf_names_fonts_pages_and_payloads(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    set_org(ws)
    people = [Who(SIXTY), Who("Đặng Thị Thuý Hằng"), Who("Trương Văn Ửng", gender="male"),
              Who("Phạm Thị Chi", score=3.0)]
    sid = make_session(ws, people)
    result = write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                        tmp_path / "gcn.pdf", per_person=tmp_path / "tung",
                                        issued_on=date(2026, 11, 20))
    pdf = tmp_path / "gcn.pdf"
    assert result.printed == 3 and page_count(pdf) == 3
    assert_fonts_embedded_no_base14(pdf)
    texts = page_texts(pdf)
    by_name = {p.name: t for p in people for t in texts if p.name in t}
    assert set(by_name) == {SIXTY, "Đặng Thị Thuý Hằng", "Trương Văn Ửng"}
    for text in texts:
        assert "GIẤY CHỨNG NHẬN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "Bảo vệ trẻ em trên môi trường mạng" in text and "8/10 điểm" in text
        assert "Tân Hưng, ngày 20 tháng 11 năm 2026" in text
    assert "Ông:" in by_name["Trương Văn Ửng"] and "Bà:" in by_name[SIXTY]
    numbers = [re.search(r"Số: (\S+)", t).group(1) for t in texts]
    assert numbers == [f"00{i}/2026/GCN-TYT" for i in (1, 2, 3)]
    key = store.load_key(ws.data_dir)
    checks = [check_payload(key, p) for p in payloads(pdf)]
    assert all(c.signature_ok for c in checks)
    assert [c.number for c in checks] == numbers
    files = sorted(Path(f).name for f in result.per_person_files)
    assert files == [  # numbers in Vietnamese name order: Chi, Hằng, Ửng
        "001-2026-GCN-TYT_Nguyen-Thi-Ngoc-Bich-Phuong-Thao-Hong-Nhung-Lan-Anh-Minh-Chi.pdf",
        "002-2026-GCN-TYT_Dang-Thi-Thuy-Hang.pdf", "003-2026-GCN-TYT_Truong-Van-Ung.pdf"]
    one = tmp_path / "tung" / files[2]
    assert page_count(one) == 1 and "Trương Văn Ửng" in page_texts(one)[0]


def test_qr_code_drawn_encodes_the_printed_payload(workspace: Workspace,
                                                   tmp_path: Path) -> None:
    """Render the page, read the QR modules back at their centres and compare them with
    the QR code of the payload printed under it."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils) to render the PDF")
    from PIL import Image
    from reportlab.graphics.barcode import qrencoder

    sid = make_session(workspace, [Who(SIXTY)])
    pdf = tmp_path / "qr.pdf"
    write_session_certificates(workspace.session_factory, workspace.data_dir, sid, pdf)
    payload = payloads(pdf)[0]
    subprocess.run(["pdftoppm", "-gray", "-r", "400", str(pdf), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p-*.pgm")))
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    px = 400 / 25.4
    left, top, side = (20 - 1.2) * px, 153.5 * px, 24 * px
    cell = side / (count + 4)
    read = [[image.getpixel((int(left + (c + 2.5) * cell), int(top + (r + 2.5) * cell))) < 128
             for c in range(count)] for r in range(count)]
    assert read == [[bool(v) for v in row] for row in code.modules]


def test_revoke_then_verify_and_reissue(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh"), Who("Trần Văn Bình", gender="male")])
    write_session_certificates(ws.session_factory, ws.data_dir, sid, tmp_path / "a.pdf")
    first, second = payloads(tmp_path / "a.pdf")
    assert certs.verify(ws.session_factory, ws.data_dir, second).status == "valid"
    number = check_payload(store.load_key(ws.data_dir), first).number
    with pytest.raises(UserError, match="lý do"):
        certs.revoke(ws.session_factory, number, "   ")
    row = certs.revoke(ws.session_factory, number, "Cấp nhầm buổi")
    assert row.revoked_on is not None
    checked = certs.verify(ws.session_factory, ws.data_dir, first)
    assert checked.status == "revoked" and not checked.ok
    assert "ĐÃ THU HỒI" in checked.message and "Cấp nhầm buổi" in checked.message
    with pytest.raises(UserError, match="đã bị thu hồi"):
        certs.revoke(ws.session_factory, number, "lần nữa")
    with pytest.raises(UserError, match="không cấp lại"):
        reissue(ws.session_factory, ws.data_dir, number, tmp_path / "lai.pdf")
    # the other one: re-issued with the same number, logged
    other = check_payload(store.load_key(ws.data_dir), second).number
    again = reissue(ws.session_factory, ws.data_dir, other, tmp_path / "lai.pdf")
    assert again.number == other and f"Số: {other}" in page_texts(tmp_path / "lai.pdf")[0]
    assert payloads(tmp_path / "lai.pdf") == [second]
    reprinted = write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                           tmp_path / "b.pdf")
    assert reprinted.printed == 1 and reprinted.issued == []  # revoked ones are not printed
    with ws.session_factory() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "certificate").order_by(AuditEntry.id)))
    assert actions == ["certificate.issue", "certificate.issue", "certificate.revoke",
                       "certificate.reissue"]


def test_tampered_unknown_and_malformed_payloads(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    write_session_certificates(ws.session_factory, ws.data_dir, sid, tmp_path / "a.pdf")
    payload = payloads(tmp_path / "a.pdf")[0]
    for i in (6, payload.index("LE") + 1, len(payload) - 14, len(payload) - 1):
        changed = payload[:i] + ("7" if payload[i] != "7" else "8") + payload[i + 1:]
        result = certs.verify(ws.session_factory, ws.data_dir, changed)
        assert result.status in ("bad_signature", "malformed") and not result.ok
    assert certs.verify(ws.session_factory, ws.data_dir, "xin chào").status == "malformed"
    bad = certs.verify(ws.session_factory, ws.data_dir, payload[:-1] + (
        "0" if payload[-1] != "0" else "1"))
    assert bad.status == "bad_signature" and "KHÔNG HỢP LỆ" in bad.message
    # the number is gone from the register (an older backup restored): signature ok, unknown
    with ws.session_factory.begin() as s:
        s.query(Certificate).delete()
    assert certs.verify(ws.session_factory, ws.data_dir, payload).status == "unknown"


@pytest.mark.sqlite_only("number marks file and backups outside the database: SQLite only")
def test_restore_of_an_older_backup_warns_and_numbers_go_on(workspace: Workspace) -> None:
    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh"), Who("Lê Thị Bé")])
    certs.issue(ws.session_factory, ws.data_dir, sid, issued_on=date(2026, 11, 20))
    backup = backup_service.create_manual(ws)
    later = make_session(ws, [Who(f"Người {n}") for n in "CDE"], held_on=date(2026, 12, 2))
    certs.issue(ws.session_factory, ws.data_dir, later, issued_on=date(2026, 12, 2))
    ws.close()
    result = backup_service.restore(ws.data_dir, backup)
    assert len(result.warnings) == 1
    assert "đến số thứ tự 5" in result.warnings[0] and "chỉ có đến số 2" in result.warnings[0]
    assert "3–5" in result.warnings[0] and "số 6" in result.warnings[0]
    ws2 = open_workspace(ws.data_dir, daily_backup=False)
    try:
        again = make_session(ws2, [Who("Người Sau")], held_on=date(2026, 12, 5))
        number = certs.issue(ws2.session_factory, ws2.data_dir, again,
                             issued_on=date(2026, 12, 5)).issued[0].number
        assert number == "006/2026/GCN-TYT"
    finally:
        ws2.close()
    # a restore of the newest state does not warn
    ws3 = open_workspace(ws.data_dir, daily_backup=False)
    newest = backup_service.create_manual(ws3)
    ws3.close()
    assert backup_service.restore(ws.data_dir, newest).warnings == ()


def test_no_one_eligible_is_not_a_crash(workspace: Workspace, tmp_path: Path) -> None:
    sid = make_session(workspace, [Who("Phạm Thị Chi", score=2.0)])
    result = write_session_certificates(workspace.session_factory, workspace.data_dir, sid,
                                        tmp_path / "khong.pdf")
    assert result.printed == 0 and result.not_eligible == 1
    assert "Không có giấy chứng nhận nào để in" in page_texts(tmp_path / "khong.pdf")[0]


def test_unknown_session_and_bad_pattern(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy buổi tập huấn số 99"):
        certs.issue(workspace.session_factory, workspace.data_dir, 99)
    with pytest.raises(UserError, match="Không có giấy chứng nhận số"):
        certs.find_certificate(workspace.session_factory, "999/2026/GCN")
    with pytest.raises(UserError, match=r"đuôi \.pdf"):
        write_session_certificates(workspace.session_factory, workspace.data_dir, 1,
                                   tmp_path / "x.docx")


def test_concurrent_issuing_never_gives_a_number_twice(workspace: Workspace) -> None:
    """Four windows (or a window and the CLI) issuing at once: one writer at a time."""
    import threading

    sids = [make_session(workspace, [Who(f"Người {i} Số {j}") for j in range(25)],
                         code=f"song-song-{i}") for i in range(4)]
    others = [open_workspace(workspace.data_dir, daily_backup=False) for _ in sids]
    errors: list[str] = []

    def go(ws: Workspace, sid: int) -> None:
        try:
            certs.issue(ws.session_factory, ws.data_dir, sid, issued_on=date(2026, 11, 20))
        except Exception as exc:  # reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=go, args=pair) for pair in zip(others, sids,
                                                                      strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for ws in others:
        ws.close()
    assert errors == []
    serials = sorted(r.serial_no for r in certs.list_certificates(workspace.session_factory))
    assert serials == list(range(1, 101))
    assert store.read_file_marks(workspace.data_dir) == (
        {} if workspace.data_dir.on_server else {2026: 100})


@pytest.mark.sqlite_only("number marks file and backups outside the database: SQLite only")
def test_the_signing_key_travels_with_the_backup(workspace: Workspace, tmp_path: Path) -> None:
    """A laptop that dies takes no key with it: its USB backup restored into a new data
    folder still verifies every certificate, and a deleted key file comes back."""
    from trainer_app.datadir import DataDir, DataDirSource

    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh")])
    write_session_certificates(ws.session_factory, ws.data_dir, sid, tmp_path / "a.pdf")
    (payload,) = payloads(tmp_path / "a.pdf")
    key_file = store.folder(ws.data_dir) / store.KEY_FILE
    key = key_file.read_text()
    key_file.unlink()
    assert certs.verify(ws.session_factory, ws.data_dir, payload).status == "valid"
    assert key_file.read_text() == key  # rebuilt from the database's copy
    copy = tmp_path / "usb.db"  # the database alone, as a USB backup holds it
    import sqlite3
    src = sqlite3.connect(ws.data_dir.db_path)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    fresh = DataDir(tmp_path / "new-laptop", DataDirSource.ARGUMENT)
    open_workspace(fresh, daily_backup=False).close()
    backup_service.restore(fresh, copy)
    # the restore brought the key file back from the database's copy
    assert (store.folder(fresh) / store.KEY_FILE).read_text() == key
    restored = open_workspace(fresh, daily_backup=False)
    try:
        assert certs.verify(restored.session_factory, fresh, payload).status == "valid"
    finally:
        restored.close()
