"""Attendance sheet (blank and filled, grouped by khu phố) and allowance sheet, read back
from the PDF; the CLI; bad inputs (nobody invited, a 60-character name, 1,000 people)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from tests.pdf_checks import (
    all_text,
    assert_fonts_embedded_no_base14,
    ink_outside,
    page_count,
    page_texts,
)
from trainer_app.db.models import Attendance, Neighbourhood, Person, TrainingSession
from trainer_app.domain.enums import AttendanceStatus
from trainer_app.domain.vnnumber import amount_in_words
from trainer_app.domain.vntext import name_sort_key, search_key
from trainer_app.services.errors import UserError
from trainer_app.services.sessions.attendance_sheets import (
    EMPTY_NOTE,
    NOBODY_CAME,
    write_allowance,
    write_attendance,
)
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.opening import Workspace

SIXTY = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Châu"
PEOPLE = [("Trần Văn Út", "Khu phố 10"), ("Lê Thị Ánh", "Khu phố 2"),
          ("Nguyễn Thị Ăn", "Khu phố 2"), ("Phạm Đức Anh", "Khu phố 10"),
          ("Võ Thị Đào", ""), ("Hồ Văn Dũng", "Khu phố 1")]


def _session(ws: Workspace, people: list[tuple[str, str]]) -> int:
    with ws.session_factory.begin() as s:
        training = TrainingSession(title="Tập huấn tháng 12", held_on=date(2026, 12, 3),
                                   start_time=time(8, 0), end_time=time(11, 0),
                                   venue="Hội trường khu phố 2")
        s.add(training)
        s.flush()
        hoods: dict[str, Neighbourhood] = {}
        for name, hood in people:
            person = Person(full_name=name, search_key=search_key(name), birth_year=1975)
            if hood:
                if hood not in hoods:
                    hoods[hood] = Neighbourhood(name=hood + f" ({training.id})")
                    s.add(hoods[hood])
                    s.flush()
                person.neighbourhood_id = hoods[hood].id
            s.add(person)
            s.flush()
            s.add(Attendance(session_id=training.id, person_id=person.id, invited=True))
        return training.id


def _mark(ws: Workspace, session_id: int, statuses: dict[str, str]) -> None:
    with ws.session_factory.begin() as s:
        for attendance, person in s.query(Attendance, Person).join(
                Person, Person.id == Attendance.person_id).filter(
                Attendance.session_id == session_id):
            status = statuses.get(person.full_name, AttendanceStatus.ABSENT)
            attendance.status = status
            if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
                attendance.checked_in_at = datetime(2026, 12, 3, 7, 50)


def _names(text: str) -> list[str]:
    """Names in the order of the table (pypdf puts each cell on its own line)."""
    return re.findall(r"^\d+\n(.+)\n1975$", text, flags=re.M)


def test_blank_sheet_in_vietnamese_order(workspace: Workspace, tmp_path: Path) -> None:
    session_id = _session(workspace, PEOPLE)
    out = tmp_path / "trong.pdf"
    result = write_attendance(workspace.session_factory, session_id, out, blank=True)
    assert (result.people, result.filled) == (6, False)
    assert_fonts_embedded_no_base14(out)
    text = all_text(out)
    expected = sorted((n for n, _h in PEOPLE), key=name_sort_key)
    assert _names(text) == expected
    numbers = re.findall(r"^(\d+)\n.+\n1975$", text, flags=re.M)
    assert [int(n) for n in numbers] == list(range(1, 7))
    flat = " ".join(text.split())
    for part in ("DANH SÁCH ĐIỂM DANH", "Tập huấn tháng 12", "Ký tên",
                 "Thời gian: 08:00 – 11:00, ngày 03/12/2026", "Địa điểm: Hội trường khu phố 2",
                 "Người đến thêm (ghi tay)", "Tổng số người được mời: 6.",
                 "NGƯỜI LẬP DANH SÁCH"):
        assert part in flat, part
    assert "Có mặt" not in text


def test_filled_and_grouped(workspace: Workspace, tmp_path: Path) -> None:
    session_id = _session(workspace, PEOPLE)
    _mark(workspace, session_id, {"Trần Văn Út": AttendanceStatus.PRESENT,
                                  "Lê Thị Ánh": AttendanceStatus.LATE,
                                  "Võ Thị Đào": AttendanceStatus.EXCUSED})
    out = tmp_path / "nhom.pdf"
    write_attendance(workspace.session_factory, session_id, out, group=True)
    flat = " ".join(all_text(out).split())
    headings = re.findall(r"(Khu phố \d+ \(\d+\)|Chưa có khu phố) \((\d) người\)", flat)
    assert [h[0].split(" (")[0] for h in headings] == ["Khu phố 1", "Khu phố 2", "Khu phố 10",
                                                       "Chưa có khu phố"]
    assert [h[1] for h in headings] == ["1", "2", "2", "1"]
    assert "Có mặt 07:50" in flat and "Đến muộn 07:50" in flat and "Vắng có phép" in flat
    assert ("Có mặt: 2 (trong đó đến muộn 1); vắng có phép: 1; vắng: 3; chưa điểm danh: 0."
            in flat)
    assert "Người đến thêm" not in flat


def test_allowance_sheet(workspace: Workspace, tmp_path: Path) -> None:
    session_id = _session(workspace, PEOPLE)
    _mark(workspace, session_id, {"Trần Văn Út": AttendanceStatus.PRESENT,
                                  "Lê Thị Ánh": AttendanceStatus.LATE})
    out = tmp_path / "tien.pdf"
    result = write_allowance(workspace.session_factory, session_id, out, amount=75_000)
    assert (result.people, result.amount_total) == (2, 150_000)
    flat = " ".join(all_text(out).split())
    assert "DANH SÁCH NHẬN TIỀN HỖ TRỢ" in flat and "Ký nhận" in flat
    assert "Tổng số tiền: 150.000 đồng. Bằng chữ: Một trăm năm mươi nghìn đồng." in flat
    assert flat.count("75.000") == 3  # two rows and the rate line
    assert "Lê Thị Ánh" in flat and "Trần Văn Út" in flat and "Võ Thị Đào" not in flat
    for title in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"):
        assert title in flat
    with pytest.raises(UserError, match="Số tiền hỗ trợ"):
        write_allowance(workspace.session_factory, session_id, tmp_path / "x.pdf", amount=0)


def test_nobody_invited_or_came(workspace: Workspace, tmp_path: Path) -> None:
    session_id = _session(workspace, [])
    write_attendance(workspace.session_factory, session_id, tmp_path / "a.pdf", blank=True)
    flat = " ".join(all_text(tmp_path / "a.pdf").split())
    assert EMPTY_NOTE in flat and "Tổng số người được mời: 0." in flat
    result = write_allowance(workspace.session_factory, session_id, tmp_path / "b.pdf",
                             amount=50_000)
    assert result.amount_total == 0
    flat = " ".join(all_text(tmp_path / "b.pdf").split())
    assert NOBODY_CAME in flat and f"Bằng chữ: {amount_in_words(0)}." in flat


def test_long_name_and_a_thousand_people(workspace: Workspace, tmp_path: Path) -> None:
    names = [f"Đặng Thị Hoa {i:04d}" for i in range(999)] + [SIXTY]
    session_id = _session(workspace, [(n, "Khu phố 3") for n in names])
    out = tmp_path / "nghin.pdf"
    write_attendance(workspace.session_factory, session_id, out, blank=True)
    pages = page_count(out)
    assert pages >= 1000 // 25
    texts = page_texts(out)
    flat = " ".join(" ".join(texts).split())
    for name in names:
        assert flat.count(name) == 1, name
    assert all("Họ và tên" in t for t in texts[:-1])
    assert ink_outside(out, left_mm=30, right_mm=15, bottom_mm=19, tmp_dir=tmp_path) == []


def test_cli(workspace: Workspace, tmp_path: Path) -> None:
    session_id = _session(workspace, PEOPLE)
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    base = [sys.executable, "-m", "trainer_app", "--data-dir", str(workspace.data_dir.root),
            "report", "attendance", str(session_id)]
    ok = subprocess.run([*base, "--allowance", "--amount", "50000", "--blank", "--out",
                         str(tmp_path / "t.pdf"), "--json"], capture_output=True, text=True,
                        env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {"file": str(tmp_path / "t.pdf"), "session": session_id,
                                     "kind": "allowance", "filled": False, "people": 6,
                                     "amount_total": 300_000}
    # Without --amount the amount comes from Settings; with none set there, it is asked for.
    org = settings_service.load_org(workspace.session_factory)
    org = replace(org, unit_name="TRẠM Y TẾ PHƯỜNG TÂN HƯNG", parent_body="TTYT KHU VỰC",
                  place_name="Tân Hưng", signer_name="Nguyễn Thị Lan")
    settings_service.save_org(workspace.session_factory, replace(org, allowance_amount=70_000))
    default = subprocess.run([*base, "--allowance", "--blank", "--out", str(tmp_path / "v.pdf"),
                              "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert json.loads(default.stdout)["amount_total"] == 6 * 70_000, default.stderr
    settings_service.save_org(workspace.session_factory, replace(org, allowance_amount=0))
    missing = subprocess.run([*base, "--allowance", "--out", str(tmp_path / "u.pdf")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2 and "--amount" in missing.stderr
    assert not (tmp_path / "u.pdf").exists()
