"""`trainer-app certificates …` and `trainer-app certificate …` as a script drives them:
real processes on a real data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.certificate_world import Who, make_session, set_org
from tests.integration.test_certificates import payloads
from tests.integration.test_cli import run
from tests.pdf_checks import page_count
from trainer_app.services.workspace.opening import Workspace


def test_issue_verify_revoke_reissue_register(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace, [Who("Lê Thị Ánh"), Who("Trần Văn Bình", gender="male"),
                                   Who("Phạm Thị Chi", score=2.0)])
    data = workspace.data_dir.root

    dry = run("certificates", str(sid), "--dry-run", "--json", data=data)
    assert dry.returncode == 0, dry.stderr
    assert len([c for c in json.loads(dry.stdout)["candidates"] if c["eligible"]]) == 2

    done = run("certificates", str(sid), "--out", str(tmp_path / "gcn.pdf"), "--per-person",
               str(tmp_path / "tung"), "--date", "2026-11-20", "--json", data=data)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["issued"] == ["001/2026/GCN-TYT", "002/2026/GCN-TYT"]
    assert result["printed"] == 2 and len(result["per_person_files"]) == 2
    assert page_count(tmp_path / "gcn.pdf") == 2
    first, second = payloads(tmp_path / "gcn.pdf")

    ok = run("certificate", "verify", first, "--json", data=data)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["status"] == "valid"
    assert "HỢP LỆ" in run("certificate", "verify", first, data=data).stdout
    tampered = first[:-3] + ("999" if not first.endswith("999") else "000")
    bad = run("certificate", "verify", tampered, "--json", data=data)
    assert bad.returncode == 1 and json.loads(bad.stdout)["status"] == "bad_signature"

    revoked = run("certificate", "revoke", "001/2026/GCN-TYT", "--reason", "Sai tên",
                  data=data)
    assert revoked.returncode == 0 and "Đã thu hồi" in revoked.stdout
    checked = run("certificate", "verify", first, data=data)
    assert checked.returncode == 1 and "ĐÃ THU HỒI" in checked.stdout
    again = run("certificate", "revoke", "001/2026/GCN-TYT", "--reason", "x", data=data)
    assert again.returncode == 2 and "đã bị thu hồi" in again.stderr

    lai = run("certificate", "reissue", "002/2026/GCN-TYT", "--out", str(tmp_path / "l.pdf"),
              "--json", data=data)
    assert lai.returncode == 0 and json.loads(lai.stdout)["number"] == "002/2026/GCN-TYT"
    assert payloads(tmp_path / "l.pdf") == [second]

    listing = json.loads(run("certificate", "list", "--json", data=data).stdout)
    assert [(r["number"], r["revoked_reason"]) for r in listing] == [
        ("001/2026/GCN-TYT", "Sai tên"), ("002/2026/GCN-TYT", "")]
    for name in ("so.pdf", "so.xlsx"):
        reg = run("certificate", "register", "--out", str(tmp_path / name), "--year", "2026",
                  "--json", data=data)
        assert reg.returncode == 0 and json.loads(reg.stdout)["revoked"] == 1


def test_forms_and_bad_usage(workspace: Workspace, tmp_path: Path) -> None:
    data = workspace.data_dir.root
    moved = run("certificate", "form-layout", "--set", "name.x=150", "--offset-y", "1.5",
                "--json", data=data)
    assert moved.returncode == 0, moved.stderr
    layout = json.loads(moved.stdout)
    assert layout["fields"]["name"]["x_mm"] == 150 and layout["offset_y_mm"] == 1.5
    wrong = run("certificate", "form-layout", "--set", "name.x", data=data)
    assert wrong.returncode == 2 and "TRƯỜNG.x=SỐ" in wrong.stderr
    test = run("certificate", "form-test", "--out", str(tmp_path / "t.pdf"), data=data)
    assert test.returncode == 0 and page_count(tmp_path / "t.pdf") == 1
    missing = run("certificates", "42", "--out", str(tmp_path / "x.pdf"), data=data)
    assert missing.returncode == 2 and "Không tìm thấy buổi tập huấn số 42" in missing.stderr
    no_out = run("certificates", "42", data=data)
    assert no_out.returncode == 2 and "--out" in no_out.stderr
    bad_date = run("certificates", "1", "--out", str(tmp_path / "x.pdf"), "--date", "20/11",
                   data=data)
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    garbage = run("certificate", "verify", "abc", data=data)
    assert garbage.returncode == 1 and "không đúng định dạng" in garbage.stdout


@pytest.mark.sqlite_only("number marks file and backups outside the database: SQLite only")
def test_backup_restore_prints_the_number_warning(workspace: Workspace,
                                                  tmp_path: Path) -> None:
    data = workspace.data_dir.root
    backup = run("backup", "create", "--json", data=data)
    assert backup.returncode == 0, backup.stderr
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    assert run("certificates", str(sid), "--out", str(tmp_path / "g.pdf"), "--date",
               "2026-11-20", data=data).returncode == 0
    workspace.close()
    restored = run("backup", "restore", json.loads(backup.stdout)["backup"], data=data)
    assert restored.returncode == 0, restored.stderr
    assert "Cảnh báo: năm 2026" in restored.stdout and "số 2" in restored.stdout
