"""Sessions and check-in on a real SQLite file: create from the shipped programme, invite,
check in, sheet rows, walk-ins, undo, finish and lock, resume, results."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from trainer_app.db.models import AuditEntry, Person
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.attempts import record_attempt_from_letters
from trainer_app.services.roster.service import PersonInput, add_person, archive_person
from trainer_app.services.sessions import attendance as att
from trainer_app.services.sessions import programmes as programme_service
from trainer_app.services.sessions import results as session_results
from trainer_app.services.sessions import service as session_service
from trainer_app.services.workspace.opening import Workspace, open_workspace

DAY = date(2026, 12, 5)


def _people(ws: Workspace, names: list[str]) -> list[int]:
    return [add_person(ws.session_factory, PersonInput(full_name=n, birth_year=1970)).id
            for n in names]


def _session(ws: Workspace, **kw: object) -> int:
    draft = session_service.SessionDraft(held_on=DAY, start_time=time(8, 0),
                                         end_time=time(11, 0), venue="Hội trường trạm", **kw)
    return session_service.create_session(ws.session_factory, draft).session_id


def test_created_from_the_shipped_programme_with_frozen_quizzes(workspace: Workspace) -> None:
    sid = _session(workspace)
    detail = session_results.session_detail(workspace.session_factory, sid)
    assert [s.kind for s in detail.steps] == [
        "slide", "quiz", "video", "video", "video", "video", "hotline", "quiz", "closing"]
    quizzes = [(s.quiz_code, s.phase) for s in detail.steps if s.kind == "quiz"]
    assert quizzes == [("bvte-kiem-tra-dau-vao", "pre"), ("bvte-kiem-tra-cuoi-khoa", "post")]
    assert all(s.quiz_version_id for s in detail.steps if s.kind == "quiz")
    assert next(s.media_title for s in detail.steps if s.kind == "video") == (
        "Trẻ em nghiện game và cách khắc phục")
    assert detail.title == "Tập huấn bảo vệ trẻ em trên môi trường mạng"
    assert detail.status == "planned"


def test_end_before_start_is_refused(workspace: Workspace) -> None:
    draft = session_service.SessionDraft(held_on=DAY, start_time=time(11, 0),
                                         end_time=time(8, 0))
    with pytest.raises(UserError, match=r"Giờ kết thúc \(08:00\) trước giờ bắt đầu \(11:00\)"):
        session_service.create_session(workspace.session_factory, draft)
    assert session_service.list_sessions(workspace.session_factory) == []


def test_same_time_and_place_warns(workspace: Workspace) -> None:
    first = _session(workspace)
    draft = session_service.SessionDraft(held_on=DAY, start_time=time(10, 30),
                                         end_time=time(12, 0), venue="HỘI TRƯỜNG TRẠM")
    result = session_service.create_session(workspace.session_factory, draft)
    assert len(result.warnings) == 1 and f"buổi số {first}" in result.warnings[0]
    later = session_service.SessionDraft(held_on=DAY, start_time=time(13, 0),
                                         venue="Hội trường trạm")
    assert session_service.create_session(workspace.session_factory, later).warnings == []


def test_invite_check_in_late_twice_and_undo(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, ["Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Bích"])
    sid = _session(workspace)
    assert session_service.invite(f, sid, person_ids=tuple(ids)) == 3
    assert session_service.invite(f, sid, person_ids=tuple(ids)) == 0
    rows = att.list_attendance(f, sid)
    # Sheet rows follow the Vietnamese order: An, Bích, Lan.
    assert [(r.row, r.full_name) for r in rows] == [
        (1, "Trần Văn An"), (2, "Lê Thị Bích"), (3, "Nguyễn Thị Lan")]

    on_time = att.check_in(f, sid, ids[0], now=datetime(2026, 12, 5, 7, 55))
    assert on_time.rows[0].status == "present"
    late = att.check_in(f, sid, ids[1], now=datetime(2026, 12, 5, 8, 20))
    assert late.rows[0].status == "late"
    with pytest.raises(UserError, match="đã điểm danh lúc 07:55"):
        att.check_in(f, sid, ids[0], now=datetime(2026, 12, 5, 8, 30))
    assert att.counts(f, sid).arrived == 2

    att.restore(f, late.previous)
    assert att.counts(f, sid).arrived == 1
    assert {r.person_id: r.status for r in att.list_attendance(f, sid)}[ids[1]] == "unknown"


def test_clock_turned_back_warns(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, ["Nguyễn Thị Lan", "Trần Văn An"])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=tuple(ids))
    att.check_in(f, sid, ids[0], now=datetime(2026, 12, 5, 9, 0))
    result = att.check_in(f, sid, ids[1], now=datetime(2026, 12, 5, 7, 0))
    assert any("Đồng hồ máy tính" in w for w in result.warnings)
    assert result.rows[0].checked_in_at == datetime(2026, 12, 5, 7, 0)


def test_rows_from_the_signed_sheet(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, [f"Nguyễn Văn {n}" for n in
                              ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa")])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=tuple(ids))
    result = att.mark_rows(f, sid, "1 3-5, 7")
    assert sorted(r.row for r in result.rows) == [1, 3, 4, 5, 7]
    assert att.counts(f, sid).present == 5
    with pytest.raises(UserError) as bad:
        att.mark_rows(f, sid, "2 x 6-4 12")
    assert "\"x\" không phải số thứ tự" in bad.value.message
    assert "\"6-4\": số đầu lớn hơn số cuối" in bad.value.message
    assert "\"12\": danh sách chỉ có số 1 đến 7" in bad.value.message
    assert att.counts(f, sid).present == 5  # nothing changed
    assert att.parse_rows("5-9 1 1", 10) == [1, 5, 6, 7, 8, 9]


def test_walk_in_that_looks_known_is_stopped_then_added(workspace: Workspace) -> None:
    f = workspace.session_factory
    (known,) = _people(workspace, ["Nguyễn Thị Hoà"])
    sid = _session(workspace)
    with pytest.raises(att.WalkInLooksKnown) as stopped:
        att.add_walk_in(f, sid, PersonInput(full_name="nguyen thi hoa"),
                        now=datetime(2026, 12, 5, 8, 0))
    assert stopped.value.candidates == [(known, "Nguyễn Thị Hoà")]
    result = att.add_walk_in(f, sid, PersonInput(full_name="Nguyễn Thị Hòa", birth_year=1990),
                             force=True, now=datetime(2026, 12, 5, 8, 0))
    row = result.rows[0]
    assert row.walk_in and not row.invited and row.status == "present"
    assert att.counts(f, sid).walk_ins == 1


def test_archived_after_invitation_is_still_listed_and_flagged(workspace: Workspace) -> None:
    f = workspace.session_factory
    (pid,) = _people(workspace, ["Phạm Văn Tú"])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=(pid,))
    archive_person(f, pid)
    (row,) = att.list_attendance(f, sid)
    assert row.archived
    result = att.check_in(f, sid, pid, now=datetime(2026, 12, 5, 8, 0))
    assert any("đã được lưu trữ" in w for w in result.warnings)
    with pytest.raises(UserError, match="không có cộng tác viên đang hoạt động mã"):
        session_service.invite(f, sid, person_ids=(pid,))


def test_finish_locks_and_a_confirmed_change_is_audited(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, ["Nguyễn Thị Lan", "Trần Văn An"])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=tuple(ids))
    att.check_in(f, sid, ids[0], now=datetime(2026, 12, 5, 8, 0))
    session_service.finish_session(f, sid)
    assert att.counts(f, sid).absent == 1
    with pytest.raises(UserError, match="đã kết thúc"):
        att.check_in(f, sid, ids[1])
    draft = session_service.SessionDraft(held_on=DAY, title="Tên mới", venue="Hội trường trạm",
                                         start_time=time(8, 0), end_time=time(11, 0))
    with pytest.raises(UserError, match="cần xác nhận"):
        session_service.update_session(f, sid, draft)
    session_service.update_session(f, sid, draft, confirm_locked=True)
    with f() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "session_update")).one()
    assert json.loads(entry.before or "{}") == {
        "title": "Tập huấn bảo vệ trẻ em trên môi trường mạng"}
    assert json.loads(entry.after or "{}") == {"title": "Tên mới"}


def test_current_step_survives_closing_the_app(workspace: Workspace) -> None:
    f = workspace.session_factory
    sid = _session(workspace)
    session_service.start_session(f, sid)
    session_service.set_current_step(f, sid, 4)
    data_dir = workspace.data_dir
    workspace.close()
    reopened = open_workspace(data_dir, daily_backup=False)
    try:
        detail = session_results.session_detail(reopened.session_factory, sid)
        assert detail.status == "in_progress" and detail.current_position == 4
        assert [s.done for s in detail.steps][:4] == [True, True, True, False]
    finally:
        reopened.close()


def test_results_pre_post_gain_and_pass_list(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, ["Nguyễn Thị Lan", "Trần Văn An"])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=tuple(ids))
    pre = "bvte-kiem-tra-dau-vao"
    post = "bvte-kiem-tra-cuoi-khoa"
    wrong = ",".join(["-"] * 10)
    record_attempt_from_letters(f, session_id=sid, quiz=pre, person_id=ids[0], answers=wrong)
    detail = session_results.session_detail(f, sid)
    key = _answer_key(workspace, sid, post)
    record_attempt_from_letters(f, session_id=sid, quiz=post, person_id=ids[0], answers=key)
    detail = session_results.session_detail(f, sid)
    lan = next(r for r in detail.results if r.person_id == ids[0])
    assert (lan.pre, lan.post, lan.gain, lan.passed) == (0.0, 10.0, 10.0, True)
    assert [r.person_id for r in detail.passed] == [ids[0]]
    assert detail.average("post") == 10.0 and detail.average_gain == 10.0
    assert next(s for s in detail.steps if s.phase == "post").submitted == 1


def _answer_key(ws: Workspace, sid: int, code: str) -> str:
    from trainer_app.domain.quiz import letter
    from trainer_app.services.quizzes.service import version_doc

    detail = session_results.session_detail(ws.session_factory, sid)
    step = next(s for s in detail.steps if s.quiz_code == code)
    assert step.quiz_version_id is not None
    doc = version_doc(ws.session_factory, step.quiz_version_id)
    return ",".join("".join(letter(i) for i, o in enumerate(q.options) if o.correct)
                    for q in doc.questions)


def test_duplicate_copies_agenda_and_invitations(workspace: Workspace) -> None:
    f = workspace.session_factory
    ids = _people(workspace, ["Nguyễn Thị Lan", "Trần Văn An"])
    sid = _session(workspace)
    session_service.invite(f, sid, person_ids=tuple(ids))
    copy = session_service.duplicate_session(f, sid, date(2027, 1, 9)).session_id
    a = session_results.session_detail(f, sid)
    b = session_results.session_detail(f, copy)
    assert [(s.kind, s.title, s.quiz_version_id) for s in a.steps] == [
        (s.kind, s.title, s.quiz_version_id) for s in b.steps]
    assert b.counts.invited == 2 and b.held_on == date(2027, 1, 9) and b.status == "planned"


def test_programme_agenda_edit_checks_every_step(workspace: Workspace) -> None:
    f = workspace.session_factory
    pid = programme_service.ensure_shipped_programme(f)
    steps = programme_service.get_agenda(f, pid)
    reordered = [steps[-1], *steps[:-1]]
    saved = programme_service.set_agenda(f, pid, reordered)
    assert saved[0].kind == "closing" and len(saved) == len(steps)
    bad = [programme_service.StepRow("quiz", "Kiểm tra"), programme_service.StepRow("video", "")]
    with pytest.raises(UserError) as refused:
        programme_service.set_agenda(f, pid, bad)
    assert "Bước 1: chưa chọn bộ câu hỏi" in refused.value.message
    assert "Bước 2: chưa có tên" in refused.value.message
    assert len(programme_service.get_agenda(f, pid)) == len(steps)  # unchanged


def test_people_are_not_invited_twice_by_khu_pho_and_role(demo_workspace: Workspace) -> None:
    f = demo_workspace.session_factory
    sid = _session(demo_workspace)
    with f() as s:
        people = s.scalars(select(Person).where(Person.archived.is_(False))).all()
        hood = people[0].neighbourhood_id
        role = people[0].role_id
        expected = {p.id for p in people if p.neighbourhood_id == hood or p.role_id == role}
    assert hood is not None and role is not None
    added = session_service.invite(f, sid, neighbourhood_ids=(hood,), role_ids=(role,))
    assert added == len(expected)
    assert {r.person_id for r in att.list_attendance(f, sid)} == expected


def test_cli_create_mark_finish_show(tmp_path: object) -> None:
    """The command line as a colleague's script drives it (real processes)."""
    from tests.integration.test_quiz_cli import run

    data = tmp_path / "d"  # type: ignore[operator]
    assert run("demo", data=data).returncode == 0
    made = run("session", "create", "--date", "2026-12-08", "--start", "08:00", "--end",
               "10:00", "--venue", "Nhà văn hóa khu phố 3", "--invite-person", "1,2,3",
               "--json", data=data)
    assert made.returncode == 0, made.stderr
    sid = json.loads(made.stdout)["session"]
    assert json.loads(made.stdout)["invited"] == 3
    marked = run("attendance", "mark", str(sid), "2", "--status", "late", "--json", data=data)
    assert json.loads(marked.stdout)["marked"][0]["status"] == "late"
    bad = run("attendance", "rows", str(sid), "1 9", data=data)
    assert bad.returncode == 2 and "\"9\": danh sách chỉ có số 1 đến 3" in bad.stderr
    assert run("session", "finish", str(sid), data=data).returncode == 0
    shown = json.loads(run("session", "show", str(sid), "--json", data=data).stdout)
    assert shown["status"] == "finished"
    assert shown["attendance"]["late"] == 1 and shown["attendance"]["absent"] == 2
    listed = json.loads(run("session", "list", "--json", data=data).stdout)
    assert sid in [row["id"] for row in listed]
    end_first = run("session", "create", "--date", "2026-12-09", "--start", "10:00", "--end",
                    "08:00", data=data)
    assert end_first.returncode == 2 and "Giờ kết thúc" in end_first.stderr


def test_preflight_names_missing_videos_and_empty_invitations(workspace: Workspace) -> None:
    from trainer_app.services.sessions.preflight import preflight

    sid = _session(workspace)
    findings = preflight(workspace.session_factory, workspace.data_dir.media_dir, sid)
    errors = [f for f in findings if f.severity == "error"]
    assert [f.position for f in errors] == [3, 4, 5, 6]  # the four videos, not imported
    assert "tongdai111.vn/xem-video/tre-em-nghien-game" in errors[0].message
    assert any("Chưa mời ai" in f.message for f in findings)
