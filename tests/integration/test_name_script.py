"""Finding 8 of issue 14: a name with no Latin letter (Arabic, Chinese…) printed as a blank
cell and gave a certificate payload with an empty name that verify rejects. Such names are
refused at every input path; every certificate the app issues verifies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.certificate_world import Who, make_session
from trainer_app.domain.certificate_code import build_payload, check_payload
from trainer_app.domain.person_name import name_script_problem
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates import store
from trainer_app.services.certificates.documents import write_session_certificates
from trainer_app.services.roster import service as roster
from trainer_app.services.roster.importer import plan_import
from trainer_app.services.sessions import attendance
from trainer_app.services.workspace.opening import Workspace

ARABIC = "محمد علي"
CHINESE = "王小明"
MIXED = "Nguyễn محمد"


@pytest.mark.parametrize("name", [ARABIC, CHINESE, MIXED, "---", "Ivan Петров"])
def test_foreign_script_names_refused_by_the_rule(name: str) -> None:
    problem = name_script_problem(name)
    assert problem is not None and name in problem


@pytest.mark.parametrize("name", ["Nguyễn Thị Lan", "H'Hen Niê", "Y-Moan Êban", "Đặng Văn Đức",
                                  "Lò Thị Ư", "Anna Müller", "Hʼ Hen Niê"])
def test_latin_names_pass(name: str) -> None:
    assert name_script_problem(name) is None


def test_add_and_edit_refuse_foreign_script(workspace: Workspace) -> None:
    factory = workspace.session_factory
    with pytest.raises(roster.PersonInvalid) as caught:
        roster.add_person(factory, roster.PersonInput(full_name=ARABIC))
    assert "chữ Latinh" in caught.value.problems["full_name"]
    person = roster.add_person(factory, roster.PersonInput(full_name="Lê Thị Ánh"))
    with pytest.raises(roster.PersonInvalid):
        roster.update_person(factory, person.id, roster.PersonInput(full_name=CHINESE))
    assert roster.get_person(factory, person.id).full_name == "Lê Thị Ánh"


def test_walk_in_refuses_foreign_script(workspace: Workspace) -> None:
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    from trainer_app.db.models import TrainingSession

    with workspace.session_factory.begin() as s:  # a session still being held
        s.get(TrainingSession, sid).status = "in_progress"
    with pytest.raises(roster.PersonInvalid, match="chữ Latinh"):
        attendance.add_walk_in(workspace.session_factory, sid,
                               roster.PersonInput(full_name=ARABIC))


def test_import_row_with_foreign_script_is_an_error_naming_the_row(
        workspace: Workspace, tmp_path: Path) -> None:
    csv = tmp_path / "ds.csv"
    csv.write_text("Họ và tên,Năm sinh\nNguyễn Thị Lan,1980\n" + ARABIC + ",1975\n",
                   encoding="utf-8")
    plan = plan_import(workspace.session_factory, csv)
    by_row = {r.row: r for r in plan.rows}
    assert by_row[2].action == "add"
    assert by_row[3].action == "error" and "chữ Latinh" in by_row[3].reason


def test_every_issued_certificate_verifies(workspace: Workspace, tmp_path: Path) -> None:
    """Names the input accepts, plus a legacy row stored before the rule (straight into
    the database): each certificate's printed payload verifies."""
    names = ["Nguyễn Thị Lan", "H'Hen Niê", "Y-Moan Êban", "Anna Müller", ARABIC]
    sid = make_session(workspace, [Who(n) for n in names])
    write_session_certificates(workspace.session_factory, workspace.data_dir, sid,
                               tmp_path / "gcn.pdf")
    issued = certs.list_certificates(workspace.session_factory, session_id=sid)
    assert len(issued) == len(names)
    key = store.load_key(workspace.data_dir)
    assert key is not None
    for row in issued:
        payload = build_payload(key, row.number, row.full_name, row.issued_on or date.today())
        assert check_payload(key, payload).signature_ok, row.full_name
        checked = certs.verify(workspace.session_factory, workspace.data_dir, payload)
        assert checked.status == "valid", (row.full_name, checked.message)
