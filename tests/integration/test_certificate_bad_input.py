"""Certificates and bad input: read-only and full targets, a data folder that cannot keep
the number file, a 60-character name, 1,000 people."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.certificate_world import SIXTY, Who, make_session, set_org
from tests.helpers import read_only_dir
from tests.pdf_checks import page_count, page_texts
from trainer_app.db.models import Certificate
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates import store
from trainer_app.services.certificates.documents import write_session_certificates
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.opening import Workspace


def _count(ws: Workspace) -> int:
    with ws.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Certificate)) or 0


def test_read_only_target_folder_issues_nothing(workspace: Workspace, tmp_path: Path) -> None:
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    folder = tmp_path / "chi-doc"
    with read_only_dir(folder):
        with pytest.raises(UserError) as caught:
            write_session_certificates(workspace.session_factory, workspace.data_dir, sid,
                                       folder / "gcn.pdf")
        assert "chỉ đọc" in caught.value.message and str(folder) in caught.value.message
        assert list(folder.iterdir()) == []
    assert _count(workspace) == 0  # checked before any number was given


def test_read_only_per_person_folder(workspace: Workspace, tmp_path: Path) -> None:
    sid = make_session(workspace, [Who("Lê Thị Ánh")])
    folder = tmp_path / "tung-nguoi"
    with read_only_dir(folder):
        with pytest.raises(UserError, match="chỉ đọc"):
            write_session_certificates(workspace.session_factory, workspace.data_dir, sid,
                                       tmp_path / "gcn.pdf", per_person=folder)
    assert _count(workspace) == 0


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KB tmpfs, filled up but for a few KB (root and mount needed)."""
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
            try:
                handle.write(b"\0" * (256 * 1024 - 8 * 1024))
            except OSError:
                pass
        yield mount
    finally:
        gc.collect()  # a failed writer's file object may still be open (a busy mount)
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_keeps_the_numbers_and_leaves_no_half_file(
        workspace: Workspace, tmp_path: Path, full_disk: Path) -> None:
    ws = workspace
    sid = make_session(ws, [Who("Lê Thị Ánh"), Who("Trần Văn Bình", gender="male")])
    with pytest.raises(UserError) as caught:
        write_session_certificates(ws.session_factory, ws.data_dir, sid, full_disk / "g.pdf",
                                   issued_on=date(2026, 11, 20))
    message = caught.value.message
    assert caught.value.code == "disk_full" and "ổ đĩa đã đầy" in message
    assert "Đã cấp số cho 2 giấy chứng nhận mới" in message and "số không đổi" in message
    assert sorted(p.name for p in full_disk.iterdir()) == ["day.bin"]
    # printed again elsewhere: the same numbers, nothing new
    again = write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                       tmp_path / "g.pdf")
    assert again.issued == [] and again.printed == 2
    assert [t.count("/2026/GCN-TYT") >= 1 for t in page_texts(tmp_path / "g.pdf")] == [True] * 2


@pytest.mark.sqlite_only("number marks file and backups outside the database: SQLite only")
def test_data_folder_that_cannot_keep_the_mark_rolls_back(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    ws = workspace
    first = make_session(ws, [Who("Lê Thị Ánh")])
    certs.issue(ws.session_factory, ws.data_dir, first, issued_on=date(2026, 11, 20))
    second = make_session(ws, [Who("Trần Văn Bình")], held_on=date(2026, 12, 1))
    with read_only_dir(store.folder(ws.data_dir)):
        with pytest.raises(UserError) as caught:
            certs.issue(ws.session_factory, ws.data_dir, second, issued_on=date(2026, 12, 1))
    assert caught.value.code == "certificate_store_failed"
    assert "Không có giấy chứng nhận nào được cấp" in caught.value.message
    assert _count(ws) == 1 and store.read_file_marks(ws.data_dir) == {2026: 1}
    assert certs.issue(ws.session_factory, ws.data_dir, second,
                       issued_on=date(2026, 12, 1)).issued[0].serial_no == 2


def _ink_in_band(png: Path, *, outer_mm: float, inner_mm: float, dpi: int) -> bool:
    """Dark pixels between the inner frame (``outer_mm`` from the edge) and ``inner_mm``."""
    from PIL import Image

    image = Image.open(png)
    width, height = image.size
    a, b = int((outer_mm + 0.8) * dpi / 25.4), int(inner_mm * dpi / 25.4)
    boxes = [(a, a, b, height - a), (width - b, a, width - a, height - a),
             (a, a, width - a, b), (a, height - b, width - a, height - a)]
    return any(image.crop(box).getextrema()[0] < 128 for box in boxes)


def test_sixty_character_name_and_long_title_stay_inside_the_frame(
        workspace: Workspace, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils) to render the PDF")
    set_org(workspace, unit_name="Trạm Y tế phường Tân Hưng thuộc Trung tâm Y tế khu vực "
                                 "Tân Hưng mở rộng")
    title = ("Tập huấn tăng cường công tác bảo vệ trẻ em trên môi trường mạng cho cộng tác "
             "viên dân số, trẻ em và y tế khu phố năm 2026 (lớp bồi dưỡng nâng cao)")
    sid = make_session(workspace, [Who("W" * 60), Who(SIXTY)], title=title)
    pdf = tmp_path / "dai.pdf"
    write_session_certificates(workspace.session_factory, workspace.data_dir, sid, pdf)
    texts = page_texts(pdf)
    assert any(SIXTY in " ".join(t.split()) for t in texts)  # whole, on one or two lines
    subprocess.run(["pdftoppm", "-gray", "-r", "60", str(pdf), str(tmp_path / "r")], check=True)
    for png in sorted(tmp_path.glob("r-*.pgm")):
        assert not _ink_in_band(png, outer_mm=10.5, inner_mm=15, dpi=60), png.name


def test_a_thousand_people(workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    people = [Who(f"Nguyễn Thị Người Số {i:04d}") for i in range(1000)]
    sid = make_session(ws, people)
    result = write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                        tmp_path / "nghin.pdf", issued_on=date(2026, 11, 20))
    assert len(result.issued) == 1000 and result.printed == 1000
    assert page_count(tmp_path / "nghin.pdf") == 1000
    serials = sorted(r.serial_no for r in certs.list_certificates(ws.session_factory,
                                                                    session_id=sid))
    assert serials == list(range(1, 1001))
    assert result.issued[-1] == "1000/2026/GCN-TYT"
