"""Merging two people, a person's history, consent, the export of one person's data and
erasure on request: on a real SQLite workspace, read back with sqlite3 and openpyxl."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.helpers import table_dump
from trainer_app.db.models import Attempt, Attendance, Certificate, QuizVersion, TrainingSession
from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.workspace.opening import Workspace

pytestmark = pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")

TODAY = date(2026, 11, 20)


class World:
    """Two fresh people and three sessions in the demo workspace, with helpers to give
    them attendance, attempts and certificates."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.factory = ws.session_factory
        nb = rs.list_neighbourhoods(self.factory)
        self.keep = rs.add_person(self.factory, PersonInput(
            full_name="Nguyễn Thị Hồng Gấm", gender="female", neighbourhood_id=nb[2].id,
            notes="Tổ trưởng"), today=TODAY).id
        self.drop = rs.add_person(self.factory, PersonInput(
            full_name="Nguyễn T. Hồng Gấm", gender="male", birth_year=1971,
            phone="0912000111", neighbourhood_id=nb[5].id, unit="Hội Phụ nữ",
            notes="Số cũ: 0168 000 111", consent_date=date(2026, 1, 5),
            consent_method="Ký phiếu đồng ý số 17"), today=TODAY).id
        with self.factory.begin() as session:
            self.version = session.scalars(select(QuizVersion.id)).first()
            self.sessions = []
            for n in range(3):
                training = TrainingSession(title=f"Buổi thử {n + 1}",
                                           held_on=date(2026, 3 + n, 10))
                session.add(training)
                session.flush()
                self.sessions.append(training.id)

    def attend(self, person: int, session: int, status: str, **extra: object) -> int:
        with self.factory.begin() as s:
            row = Attendance(session_id=session, person_id=person, status=status, **extra)
            s.add(row)
            s.flush()
            return row.id

    def attempt(self, person: int, session: int, phase: str, score: float) -> int:
        with self.factory.begin() as s:
            row = Attempt(session_id=session, person_id=person, quiz_version_id=self.version,
                          phase=phase, mode="kiosk", submitted_at=datetime(2026, 3, 10, 9),
                          score=score, passed=score >= 5)
            s.add(row)
            s.flush()
            return row.id

    def certificate(self, person: int, session: int, number: str, *,
                    issued: date = date(2026, 3, 10), revoked: bool = False) -> int:
        with self.factory.begin() as s:
            row = Certificate(number=number, person_id=person, session_id=session,
                              issued_on=issued,
                              revoked_at=datetime(2026, 4, 1) if revoked else None)
            s.add(row)
            s.flush()
            return row.id

    def sql(self, query: str, *args: object) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(self.ws.data_dir.db_path)
        try:
            return conn.execute(query, args).fetchall()
        finally:
            conn.close()


@pytest.fixture
def world(demo_workspace: Workspace) -> World:
    return World(demo_workspace)


# --- merge ----------------------------------------------------------------------------------


def test_merge_moves_everything_and_combines_a_shared_session(world: World) -> None:
    s1, s2, s3 = world.sessions
    kept_row = world.attend(world.keep, s1, "absent", invited=True, sheet_row=4)
    world.attend(world.drop, s1, "present", invited=False, walk_in=True,
                 checked_in_at=datetime(2026, 3, 10, 7, 45), sheet_row=9)
    moved_row = world.attend(world.drop, s2, "late")
    attempts = [world.attempt(world.drop, s1, "pre", 4.0),
                world.attempt(world.drop, s1, "post", 8.0)]
    certificate = world.certificate(world.drop, s1, "001/GCN-THU")

    preview = rs.merge_preview(world.factory, world.keep, world.drop)
    assert (preview.attendance_moved, preview.attendance_combined, preview.attempts_moved,
            preview.certificates_moved, preview.certificate_conflicts) == (1, 1, 2, 1, 0)
    assert preview.drop_deleted is True
    assert "Năm sinh: 1971" in preview.fills and "Số điện thoại: 0912000111" in preview.fills
    assert any(c.startswith("Giới tính: giữ Nữ, bỏ Nam") for c in preview.conflicts)
    assert any(c.startswith("Khu phố: giữ Khu phố 3, bỏ Khu phố 6") for c in preview.conflicts)

    result = rs.merge_people(world.factory, world.keep, world.drop, today=TODAY)
    assert result.drop_deleted is True
    assert world.sql("SELECT count(*) FROM person WHERE id = ?", world.drop) == [(0,)]
    attendance = world.sql("SELECT id, session_id, status, invited, walk_in, checked_in_at, "
                           "sheet_row FROM attendance WHERE person_id = ? ORDER BY session_id",
                           world.keep)
    assert attendance == [
        (kept_row, s1, "present", 1, 0, "2026-03-10 07:45:00.000000", 4),
        (moved_row, s2, "late", 1, 0, None, None),
    ]
    assert world.sql("SELECT count(*) FROM attendance WHERE session_id = ?", s1) == [(1,)]
    assert sorted(world.sql("SELECT id FROM attempt WHERE person_id = ?", world.keep)) == [
        (a,) for a in attempts]
    assert world.sql("SELECT person_id FROM certificate WHERE id = ?", certificate) == [
        (world.keep,)]
    assert s3  # the third session is untouched

    keep = rs.get_person(world.factory, world.keep)
    assert (keep.full_name, keep.gender, keep.birth_year, keep.phone, keep.unit) == (
        "Nguyễn Thị Hồng Gấm", "female", 1971, "0912000111", "Hội Phụ nữ")
    assert keep.neighbourhood_name == "Khu phố 3"  # not overwritten
    assert keep.notes == "Tổ trưởng\nSố cũ: 0168 000 111"
    assert (keep.consent_date, keep.consent_method) == (date(2026, 1, 5),
                                                        "Ký phiếu đồng ý số 17")
    assert (keep.sessions_attended, keep.certificates) == (2, 1)

    audit = world.sql("SELECT entity_id, before, after FROM audit_entry "
                      "WHERE action = 'person.merge'")
    assert len(audit) == 1 and audit[0][0] == world.keep
    before, after = json.loads(audit[0][1]), json.loads(audit[0][2])
    assert (before["keep_id"], before["drop_id"]) == (world.keep, world.drop)
    assert sorted(before["drop_attempt_ids"]) == sorted(attempts)
    assert after["attendance_moved_ids"] == [moved_row]
    assert after["attendance_combined"][0]["kept_id"] == kept_row
    assert after["certificate_moved_ids"] == [certificate]
    assert after["drop"] == "deleted"
    assert set(after["filled_fields"]) >= {"birth_year", "phone", "unit", "notes"}
    text = audit[0][1] + audit[0][2]
    assert "Gấm" not in text and "0912000111" not in text and "1971" not in text


def test_merge_with_certificates_for_the_same_session(world: World) -> None:
    s1, s2, _ = world.sessions
    world.attend(world.keep, s1, "present")
    world.attend(world.drop, s1, "present")
    mine = world.certificate(world.keep, s1, "002/GCN-THU")
    theirs = world.certificate(world.drop, s1, "003/GCN-THU")
    # Second session: the kept person's certificate was revoked, the other one is valid.
    revoked = world.certificate(world.keep, s2, "004/GCN-THU", revoked=True)
    valid = world.certificate(world.drop, s2, "005/GCN-THU")

    preview = rs.merge_preview(world.factory, world.keep, world.drop)
    assert (preview.certificate_conflicts, preview.drop_deleted) == (2, False)
    result = rs.merge_people(world.factory, world.keep, world.drop, today=TODAY)
    assert result.drop_deleted is False
    owners = dict(world.sql("SELECT id, person_id FROM certificate WHERE id IN (?, ?, ?, ?)",
                            mine, theirs, revoked, valid))
    assert owners == {mine: world.keep, theirs: world.drop, valid: world.keep,
                      revoked: world.drop}
    reasons = dict(world.sql("SELECT id, revoked_reason FROM certificate WHERE id IN (?, ?)",
                             theirs, revoked))
    assert "giữ giấy chứng nhận số 002/GCN-THU" in reasons[theirs]
    assert reasons[revoked] is None  # revoked before, for its own reason
    assert world.sql("SELECT revoked_at FROM certificate WHERE id = ?", valid) == [(None,)]
    drop = rs.list_people(world.factory, search="Nguyễn T. Hồng Gấm", include_archived=True)
    dropped = [p for p in drop if p.id == world.drop]
    assert dropped and dropped[0].archived
    assert f"Đã gộp vào người mã {world.keep} ngày 20/11/2026." in dropped[0].notes
    assert rs.get_person(world.factory, world.keep).certificates == 2


def test_merge_refusals(world: World) -> None:
    with pytest.raises(UserError, match="hai người khác nhau"):
        rs.merge_people(world.factory, world.keep, world.keep)
    with pytest.raises(UserError, match="Không tìm thấy cộng tác viên mã 99999"):
        rs.merge_preview(world.factory, world.keep, 99999)
    rs.erase_person(world.factory, world.drop)
    with pytest.raises(UserError, match="đã được xóa theo yêu cầu"):
        rs.merge_people(world.factory, world.keep, world.drop)


def test_merged_person_leaves_its_import_batch(world: World, tmp_path: Path) -> None:
    from trainer_app.services.roster.importer import commit_import, plan_import, undo_import

    csv = tmp_path / "ds.csv"
    csv.write_text("Họ và tên,Năm sinh,Số điện thoại\nPhan Thị Mới,1980,0909111222\n",
                   encoding="utf-8")
    batch = commit_import(world.factory, plan_import(world.factory, csv)).batch_id
    assert batch is not None
    imported = rs.list_people(world.factory, search="Phan Thị Mới")[0].id
    rs.merge_people(world.factory, imported, world.drop, today=TODAY)
    undo_import(world.factory, batch)  # would otherwise delete the merged person
    assert rs.get_person(world.factory, imported).phone == "0909111222"


# --- history, consent -----------------------------------------------------------------------


def test_history(world: World) -> None:
    s1, s2, s3 = world.sessions
    world.attend(world.keep, s1, "present")
    world.attend(world.keep, s3, "excused")
    world.attempt(world.keep, s1, "pre", 4.5)
    world.attempt(world.keep, s1, "post", 9.0)
    world.attempt(world.keep, s2, "post", 3.0)  # an attempt without an attendance row
    world.certificate(world.keep, s1, "010/GCN-THU")
    history = rs.person_history(world.factory, world.keep)
    assert [(h.title, h.attendance, h.pre_score, h.post_score, h.passed)
            for h in history.sessions] == [
        ("Buổi thử 3", "Vắng có phép", None, None, None),
        ("Buổi thử 2", "", None, 3.0, False),
        ("Buổi thử 1", "Có mặt", 4.5, 9.0, True),
    ]
    assert [(c.number, c.session_title, c.revoked) for c in history.certificates] == [
        ("010/GCN-THU", "Buổi thử 1", False)]
    assert history.source.startswith("Thêm vào danh sách ngày")


def test_consent(world: World) -> None:
    row = rs.record_consent(world.factory, world.keep, date(2026, 11, 1),
                            "  Ký  phiếu đồng ý ", today=TODAY)
    assert (row.consent_date, row.consent_method) == (date(2026, 11, 1), "Ký phiếu đồng ý")
    with pytest.raises(UserError, match="không được sau hôm nay"):
        rs.record_consent(world.factory, world.keep, date(2026, 11, 21), "Ký", today=TODAY)
    with pytest.raises(UserError, match="Hãy ghi cách"):
        rs.record_consent(world.factory, world.keep, date(2026, 11, 1), " ", today=TODAY)
    audit = world.sql("SELECT after FROM audit_entry WHERE action = 'person.consent'")
    assert json.loads(audit[0][0]) == {"fields": ["consent_date", "consent_method"]}


# --- personal data: export and erasure ------------------------------------------------------


def test_export_person_data(world: World, tmp_path: Path) -> None:
    s1, _s2, _s3 = world.sessions
    world.attend(world.drop, s1, "present")
    world.attempt(world.drop, s1, "pre", 6.5)
    world.certificate(world.drop, s1, "020/GCN-THU")
    target = tmp_path / "du lieu.xlsx"
    rs.export_person_data(world.factory, world.drop, target)
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Thông tin cá nhân", "Buổi tập huấn", "Bài kiểm tra",
                                   "Câu trả lời", "Giấy chứng nhận", "Nhật ký thay đổi"]
    details = {r[0]: r[1] for r in workbook["Thông tin cá nhân"].iter_rows(
        min_row=2, values_only=True)}
    assert details["Họ và tên"] == "Nguyễn T. Hồng Gấm"
    assert details["Số điện thoại"] == "0912000111"
    assert details["Năm sinh"] == 1971
    assert details["Cách đồng ý"] == "Ký phiếu đồng ý số 17"
    assert details["Ngày đồng ý xử lý dữ liệu"].date() == date(2026, 1, 5)
    sessions = list(workbook["Buổi tập huấn"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5]) for r in sessions] == [("Buổi thử 1", "Có mặt")]
    attempts = list(workbook["Bài kiểm tra"].iter_rows(min_row=2, values_only=True))
    assert [(r[4], r[8]) for r in attempts] == [("Trước tập huấn", 6.5)]
    certificates = list(workbook["Giấy chứng nhận"].iter_rows(min_row=2, values_only=True))
    assert certificates[0][0] == "020/GCN-THU"
    log = list(workbook["Nhật ký thay đổi"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in log] == ["person.add"]
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2"


def test_erase_keeps_anonymous_figures_and_no_name(world: World, tmp_path: Path) -> None:
    from trainer_app.services.roster.importer import commit_import, plan_import

    s1, s2, _ = world.sessions
    world.attend(world.drop, s1, "present", sheet_row=3)
    world.attend(world.drop, s2, "absent")
    attempts = [world.attempt(world.drop, s1, "pre", 5.5),
                world.attempt(world.drop, s1, "post", 9.5)]
    certificate = world.certificate(world.drop, s1, "030/GCN-THU")
    # An import that filled a field of this person remembers the value for its undo.
    csv = tmp_path / "bo sung.csv"
    csv.write_text("Họ và tên,Số điện thoại,Đơn vị\nNguyễn T. Hồng Gấm,0912000111,Tổ 9\n"
                   "Người Khác Hẳn,0909333444,Tổ 1\n", encoding="utf-8")
    rs.update_person(world.factory, world.drop, PersonInput(
        full_name="Nguyễn T. Hồng Gấm", phone="0912000111", birth_year=1971,
        notes="Số cũ: 0168 000 111"), today=TODAY)
    commit_import(world.factory, plan_import(world.factory, csv))
    assert "Tổ 9" in repr(table_dump(world.ws.data_dir.db_path)["import_batch"])
    scores_before = world.sql("SELECT id, score, passed FROM attempt ORDER BY id")

    result = rs.erase_person(world.factory, world.drop)
    assert (result.attempts_detached, result.certificates_detached, result.attendance_kept,
            result.import_records_cleaned) == (2, 1, 2, 1)

    dump = table_dump(world.ws.data_dir.db_path)
    for table in ("person", "attendance", "attempt", "answer", "certificate",
                  "import_batch", "audit_entry"):
        text = repr(dump[table])
        for secret in ("Nguyễn T. Hồng Gấm", "nguyen t. hong gam", "0912000111", "Tổ 9",
                       "0168 000 111", "Hội Phụ nữ", "Ký phiếu đồng ý số 17"):
            assert secret not in text, (table, secret)
    shell = world.sql("SELECT full_name, search_key, gender, birth_year, phone, "
                      "neighbourhood_id, role_id, unit, notes, consent_date, consent_method, "
                      "archived, erased FROM person WHERE id = ?", world.drop)
    assert shell == [(rs.ERASED_NAME, "", None, None, None, None, None, "", "", None, None,
                      1, 1)]
    # The figures stay: the same scores, now without a person; attendance counts intact.
    assert world.sql("SELECT id, score, passed FROM attempt ORDER BY id") == scores_before
    assert world.sql("SELECT person_id FROM attempt WHERE id IN (?, ?)", *attempts) == [
        (None,), (None,)]
    assert world.sql("SELECT person_id FROM certificate WHERE id = ?", certificate) == [
        (None,)]
    assert world.sql("SELECT status FROM attendance WHERE person_id = ? ORDER BY session_id",
                     world.drop) == [("present",), ("absent",)]
    # Gone from every list; refused everywhere else.
    assert all(p.id != world.drop for p in rs.list_people(world.factory,
                                                          include_archived=True))
    assert rs.list_people(world.factory, search="gam") == [
        rs.get_person(world.factory, world.keep)]
    for call in (lambda: rs.get_person(world.factory, world.drop),
                 lambda: rs.person_history(world.factory, world.drop),
                 lambda: rs.export_person_data(world.factory, world.drop, tmp_path / "x.xlsx"),
                 lambda: rs.archive_person(world.factory, world.drop)):
        with pytest.raises(UserError, match="đã được xóa theo yêu cầu"):
            call()
    with pytest.raises(UserError, match="đã được xóa trước đây"):
        rs.erase_person(world.factory, world.drop)
    audit = world.sql("SELECT entity_id, after FROM audit_entry WHERE action = 'person.erase'")
    assert audit[0][0] == world.drop
    assert json.loads(audit[0][1])["attempts_detached"] == 2
