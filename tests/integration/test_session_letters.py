"""The plan (Kế hoạch tập huấn) and the invitation (Giấy mời tập huấn) as PDF (read back
with pypdf) and as DOCX (read back with python-docx), from a session created from the
shipped programme; the CLI; bad inputs (no one invited, names of 60 characters, a series,
a wrong extension)."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.certificate_world import SIXTY
from tests.helpers import read_only_dir
from tests.letters_world import (
    PEOPLE,
    TITLE,
    TRAINERS,
    VENUE,
    flat,
    make_session,
    set_org,
    step_titles,
)
from tests.pdf_checks import (
    all_text,
    assert_fonts_embedded_no_base14,
    ink_outside,
    page_count,
    page_texts,
)
from trainer_app.domain.vnnumber import amount_in_words
from trainer_app.reports.document_style import MOTTO, NATION
from trainer_app.services.errors import UserError
from trainer_app.services.sessions.letters import write_invitation, write_plan
from trainer_app.services.workspace.opening import Workspace


def _docx_text(path: Path) -> str:
    """Every paragraph of the body and of every table cell, in document order."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _expected(ws: Workspace, sid: int) -> list[str]:
    return [TITLE, "03/12/2026", VENUE, *step_titles(ws, sid)]


def test_plan_pdf_holds_the_session_in_the_document_style(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    out = tmp_path / "ke-hoach.pdf"
    result = write_plan(workspace.session_factory, sid, out)
    assert (result.format, result.invited, result.steps) == ("pdf", len(PEOPLE), 9)
    raw = all_text(out)
    assert unicodedata.is_normalized("NFC", raw)
    text = flat(raw)
    missing = [s for s in _expected(workspace, sid) if flat(s) not in text]
    assert not missing, missing
    for expected in (NATION, MOTTO, "TRUNG TÂM Y TẾ KHU VỰC TÂN HƯNG", "TRẠM Y TẾ PHƯỜNG TÂN "
                     "HƯNG", "Số: ……/KH-TYT", "Tân Hưng, ngày …… tháng …… năm 20……",
                     "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "V. KINH PHÍ", TRAINERS,
                     "từ 08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 03/12/2026",
                     "08:00 – 08:10", "Tổng thời gian: 105 phút",
                     "cộng tác viên khu phố 1, 2, 10 (6 người theo danh sách mời)",
                     "Trạm Y tế phường Tân Hưng", "Nơi nhận:", "- UBND phường Tân Hưng (để "
                     "báo cáo);", "- Lưu: VT.", "KT. TRƯỞNG TRẠM", "PHÓ TRƯỞNG TRẠM",
                     "Nguyễn Thị Hồng Nhung"):
        assert flat(expected) in text, expected
    assert_fonts_embedded_no_base14(out)
    pages = page_texts(out)
    assert len(pages) == 2 and pages[1].lstrip().startswith("2")  # numbered from page 2
    assert ink_outside(out, left_mm=28, right_mm=13, tmp_dir=tmp_path) == []


def test_plan_docx_is_the_same_document_for_word(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    out = tmp_path / "ke-hoach.docx"
    assert write_plan(workspace.session_factory, sid, out, amount=50_000).format == "docx"
    document = docx.Document(str(out))
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["TRUNG TÂM Y TẾ KHU VỰC TÂN HƯNG",
                                                       "TRẠM Y TẾ PHƯỜNG TÂN HƯNG"]
    assert header.cell(0, 1).text.split("\n")[:2] == [NATION, MOTTO]
    assert header.cell(1, 0).text == "Số: ……/KH-TYT"
    assert header.cell(1, 1).text == "Tân Hưng, ngày …… tháng …… năm 20……"
    text = _docx_text(out)
    assert unicodedata.is_normalized("NFC", text)
    for expected in [*_expected(workspace, sid), "KẾ HOẠCH", "Nơi nhận:", "- Lưu: VT.",
                     "Bằng chữ: " + amount_in_words(50_000 * len(PEOPLE)) + "."]:
        assert expected in text, expected
    agenda = next(t for t in document.tables if t.cell(0, 2).text == "Nội dung")
    assert [r.cells[2].text for r in agenda.rows[1:-1]] == step_titles(workspace, sid)
    assert agenda.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats
    signature = document.tables[-1]
    assert signature.cell(0, 1).text.split("\n")[:2] == ["KT. TRƯỞNG TRẠM", "PHÓ TRƯỞNG TRẠM"]
    assert signature.cell(0, 1).text.rstrip().endswith("Nguyễn Thị Hồng Nhung")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert section.different_first_page_header_footer
    field = section.header.paragraphs[0]._p.find(qn("w:fldSimple"))
    assert field is not None and field.get(qn("w:instr")) == "PAGE"
    fonts = {r.font.name for p in document.paragraphs for r in p.runs}
    assert fonts == {"Times New Roman"}


def test_invitation_to_the_khu_pho_with_the_list_of_people(workspace: Workspace,
                                                           tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    out = tmp_path / "giay-moi.pdf"
    result = write_invitation(workspace.session_factory, sid, out, number="15",
                              issued_on=date(2026, 2, 5))
    assert (result.letters, result.invited) == (1, len(PEOPLE))
    text = flat(all_text(out))
    for expected in [*_expected(workspace, sid), "GIẤY MỜI", "Số: 15/GM-TYT",
                     "Tân Hưng, ngày 05 tháng 02 năm 2026", "Kính gửi:",
                     "- Ban điều hành Khu phố 1;", "- Ban điều hành Khu phố 10.",
                     "- Như trên;", "DANH SÁCH NGƯỜI ĐƯỢC MỜI",
                     "(Kèm theo Giấy mời số 15/GM-TYT của Trạm Y tế phường Tân Hưng)",
                     "Tổng cộng: 6 người", *[name for name, _g, _h in PEOPLE]]:
        assert flat(expected) in text, expected
    assert_fonts_embedded_no_base14(out)


def test_one_invitation_per_person_one_page_each(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    pdf, word = tmp_path / "moi.pdf", tmp_path / "moi.docx"
    assert write_invitation(workspace.session_factory, sid, pdf, per_person=True).letters == 6
    pages = [flat(t) for t in page_texts(pdf)]
    assert len(pages) == len(PEOPLE)
    addressed = sorted(p.split("Kính gửi: ")[1].split(".")[0] for p in pages)
    assert addressed == sorted([
        "Ông Trần Văn Út, cộng tác viên Khu phố 10", "Bà Lê Thị Ánh, cộng tác viên Khu phố 2",
        "Bà Nguyễn Thị Thuý, cộng tác viên Khu phố 2",
        "Ông Phạm Đức Anh, cộng tác viên Khu phố 10", "Ông/Bà Võ Thị Đào",
        "Ông Hồ Văn Dũng, cộng tác viên Khu phố 1"])
    assert all(flat(TITLE) in p and VENUE in p for p in pages)
    write_invitation(workspace.session_factory, sid, word, per_person=True)
    document = docx.Document(str(word))
    assert len(document.sections) == len(PEOPLE)
    starts = [s._sectPr.find(qn("w:pgNumType")) for s in document.sections[1:]]
    assert all(n is not None and n.get(qn("w:start")) == "1" for n in starts)
    assert sum(1 for t in document.tables if NATION in t.cell(0, 1).text) == len(PEOPLE)


def test_nobody_invited(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace, [])
    with pytest.raises(UserError) as caught:
        write_invitation(workspace.session_factory, sid, tmp_path / "m.pdf", per_person=True)
    assert caught.value.code == "no_invitees" and "chưa có ai" in caught.value.message
    assert not (tmp_path / "m.pdf").exists()
    write_invitation(workspace.session_factory, sid, tmp_path / "k.pdf")
    text = flat(all_text(tmp_path / "k.pdf"))
    assert "Kính gửi: Ban điều hành các khu phố." in text
    assert "DANH SÁCH NGƯỜI ĐƯỢC MỜI" not in text and page_count(tmp_path / "k.pdf") == 1
    write_plan(workspace.session_factory, sid, tmp_path / "p.pdf")
    assert "(danh sách mời sẽ lập sau)" in flat(all_text(tmp_path / "p.pdf"))


def test_many_khu_pho_on_one_line_and_long_names_stay_inside(workspace: Workspace,
                                                             tmp_path: Path) -> None:
    set_org(workspace)
    people = [(f"{SIXTY[:50]} {n}", "female", f"Khu phố {n}") for n in range(1, 13)]
    long_title = "Tập huấn " + "bảo vệ trẻ em trên môi trường mạng, " * 3 + "đợt hai năm 2026"
    sid = make_session(workspace, people, title=long_title)
    out = tmp_path / "moi.pdf"
    write_invitation(workspace.session_factory, sid, out)
    text = flat(all_text(out))
    assert "Kính gửi: Ban điều hành các khu phố 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12." in text
    assert flat(long_title) in text and all(flat(name) in text for name, _g, _h in people)
    assert ink_outside(out, left_mm=28, right_mm=13, tmp_dir=tmp_path) == []
    assert page_count(out) == 2  # the letter, then the list


def test_plan_of_a_series_lists_every_sitting(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    first = make_session(workspace)
    second = make_session(workspace, [("Đặng Thị Mơ", "female", "Khu phố 5")],
                          held_on=date(2026, 12, 10), venue="Nhà văn hóa khu phố 5")
    out = tmp_path / "dot.pdf"
    result = write_plan(workspace.session_factory, [second, first], out)
    assert result.sessions == [first, second] and result.invited == len(PEOPLE) + 1
    text = flat(all_text(out))
    for expected in (f"{TITLE} (2 lớp)", "thứ Năm, ngày 03/12/2026", "thứ Năm, ngày 10/12/2026",
                     VENUE, "Nhà văn hóa khu phố 5", "Khu phố 1, 2, 10", "Khu phố 5",
                     "Cộng"):
        assert flat(expected) in text, expected


def test_bad_inputs(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    with pytest.raises(UserError, match=r"\.pdf hoặc \.docx"):
        write_plan(workspace.session_factory, sid, tmp_path / "ke-hoach.txt")
    with pytest.raises(UserError, match="Mức hỗ trợ"):
        write_plan(workspace.session_factory, sid, tmp_path / "k.pdf", amount=-5)
    with pytest.raises(UserError) as caught:
        write_invitation(workspace.session_factory, 999, tmp_path / "m.pdf")
    assert caught.value.code == "unknown_session"
    assert list(tmp_path.glob("*.pdf")) == []


def test_cli_plan_and_invitation(workspace: Workspace, tmp_path: Path) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    data = str(workspace.data_dir.root)
    workspace.close()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "kh.docx"
    done = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", data, "report", "plan", str(sid),
         "--out", str(out), "--amount", "50000", "--number", "7", "--date", "2026-11-25",
         "--json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "docx"
    assert "Số: 7/KH-TYT" in _docx_text(out)
    done = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", data, "report", "invitation",
         str(sid), "--per-person", "--out", str(tmp_path / "gm.pdf")],
        capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 6 giấy mời từng người" in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", data, "report", "invitation",
         str(sid), "--out", str(tmp_path / "gm.odt")], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and ".pdf hoặc .docx" in done.stderr


# --- saving where it cannot be saved --------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KB tmpfs, filled up but for 8 KB (needs root and mount)."""
    mount = tmp_path / "usb"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        with open(mount / "day.bin", "wb") as handle:
            with contextlib.suppress(OSError):
                handle.write(b"\0" * (256 * 1024 - 8 * 1024))
        yield mount
    finally:
        gc.collect()
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("name", ["ke-hoach.pdf", "ke-hoach.docx"])
def test_full_disk_says_so_and_leaves_no_half_file(workspace: Workspace, full_disk: Path,
                                                   name: str) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    with pytest.raises(UserError) as caught:
        write_plan(workspace.session_factory, sid, full_disk / name)
    assert caught.value.code == "disk_full" and "ổ đĩa đã đầy" in caught.value.message
    assert sorted(p.name for p in full_disk.iterdir()) == ["day.bin"]


@pytest.mark.parametrize("name", ["giay-moi.pdf", "giay-moi.docx"])
def test_read_only_folder(workspace: Workspace, tmp_path: Path, name: str) -> None:
    set_org(workspace)
    sid = make_session(workspace)
    folder = tmp_path / "chi-doc"
    with read_only_dir(folder):
        with pytest.raises(UserError) as caught:
            write_invitation(workspace.session_factory, sid, folder / name)
        assert caught.value.code == "target_read_only"
        assert "chỉ đọc" in caught.value.message and str(folder) in caught.value.message
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["ke-hoach.pdf", "ke-hoach.docx"])
def test_file_open_in_another_program(workspace: Workspace, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Windows refuses to replace a file that Word or a PDF viewer holds open: simulated by
    an injected PermissionError from the final rename (Linux would allow it)."""
    set_org(workspace)
    sid = make_session(workspace)
    target = tmp_path / name
    target.write_bytes(b"the copy the user has open")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))

    monkeypatch.setattr("trainer_app.reports.pdf_file.os.replace", locked)
    with pytest.raises(UserError) as caught:
        write_plan(workspace.session_factory, sid, target)
    assert caught.value.code == "target_read_only"
    assert "đang mở trong chương trình khác" in caught.value.message
    assert target.read_bytes() == b"the copy the user has open"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [name]
