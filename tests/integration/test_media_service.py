"""The media library service on a real SQLite workspace, real files and real libvlc:
catalogue sync, import (good and bad files), status, full check, remove and replace,
new items, samples, resume positions."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from trainer_app.datadir import DataDir
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.media import importer as media_import
from trainer_app.services.media import service as media_service
from trainer_app.services.workspace.opening import Workspace

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"
SRT = CLIP.with_suffix(".srt")
GAME_KEY = "video-nghien-game"


@pytest.fixture
def lib(workspace: Workspace, data_dir: DataDir):
    media_service.sync_catalogue(workspace.session_factory)
    return workspace.session_factory, data_dir.media_dir


def _item_id(factory, media_dir: Path, key: str) -> int:
    return next(r.id for r in media_service.list_items(factory, media_dir)
                if r.catalogue_key == key)


def _pdf(path: Path, pages: int = 2) -> Path:
    canvas = Canvas(str(path))
    for n in range(pages):
        canvas.drawString(72, 720, f"Page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_catalogue_sync_is_idempotent(workspace: Workspace, data_dir: DataDir) -> None:
    factory = workspace.session_factory
    first = media_service.sync_catalogue(factory)
    assert (first.added, first.total) == (11, 11)
    second = media_service.sync_catalogue(factory)
    assert second.added == 0
    rows = media_service.list_items(factory, data_dir.media_dir)
    assert len(rows) == 11
    assert {r.status for r in rows} == {"missing"}
    assert {r.status_label for r in rows} == {"chưa tải về"}
    booklets = next(r for r in rows if r.catalogue_key == "sach-mong-bao-ve-tre-em")
    assert booklets.expected_files == 3


def test_import_video_with_subtitle_under_a_vietnamese_path(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    usb = tmp_path / "USB của trạm" / "Video tải về"
    usb.mkdir(parents=True)
    source = usb / "Trẻ em nghiện game và cách khắc phục.mp4"
    shutil.copy(CLIP, source)
    shutil.copy(SRT, source.with_suffix(".srt"))
    item_id = _item_id(factory, media_dir, GAME_KEY)
    seen: list[tuple[int, int]] = []
    result = media_import.import_files(factory, media_dir, item_id, [source],
                                       progress=lambda d, t: seen.append((d, t)))
    assert len(result.files) == 1
    info = result.files[0]
    assert Path(info.path).read_bytes() == CLIP.read_bytes()
    assert info.duration_s == pytest.approx(6.0, abs=0.2)
    assert info.subtitle_path and Path(info.subtitle_path).read_text(encoding="utf-8") == \
        SRT.read_text(encoding="utf-8")
    assert Path(info.path).name == source.name  # Vietnamese letters and spaces kept
    assert seen[-1][0] == seen[-1][1] == CLIP.stat().st_size + SRT.stat().st_size
    row = media_service.get_item(factory, media_dir, item_id)
    assert (row.status, row.status_label) == ("available", "có sẵn")
    source.unlink()  # the USB stick leaves: the library keeps its copy
    assert media_service.get_item(factory, media_dir, item_id).status == "available"


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("đây không phải video", encoding="utf-8"), "không phải là video"),
    (lambda p: p.write_bytes(CLIP.read_bytes()[:30_000]), "thiếu phần cuối"),
    (lambda p: p.write_bytes(b""), "rỗng (0 byte)"),
], ids=["text-named-mp4", "truncated", "zero-bytes"])
def test_bad_video_is_refused_with_its_name_and_nothing_changes(lib, tmp_path: Path, make,
                                                                words: str) -> None:
    factory, media_dir = lib
    bad = tmp_path / "Phim hỏng.mp4"
    make(bad)
    item_id = _item_id(factory, media_dir, GAME_KEY)
    before = media_service.list_items(factory, media_dir)
    with pytest.raises(UserError) as caught:
        media_import.import_files(factory, media_dir, item_id, [bad])
    assert "Phim hỏng.mp4" in caught.value.message and words in caught.value.message
    assert media_service.list_items(factory, media_dir) == before
    assert not media_dir.exists() or _files_under(media_dir) == []


def test_one_bad_file_of_several_refuses_all(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    good = _pdf(tmp_path / "Sách mỏng 1.pdf")
    broken = tmp_path / "Sách mỏng 2.pdf"
    broken.write_bytes(good.read_bytes()[:200])
    wrong = tmp_path / "Sách mỏng 3.mp4"
    shutil.copy(CLIP, wrong)
    item_id = _item_id(factory, media_dir, "sach-mong-bao-ve-tre-em")
    with pytest.raises(UserError) as caught:
        media_import.import_files(factory, media_dir, item_id, [good, broken, wrong])
    lines = caught.value.message.splitlines()
    assert lines[0] == "Chưa nhập tệp nào:"
    assert any("Sách mỏng 2.pdf" in line for line in lines)
    assert any("Sách mỏng 3.mp4" in line and "PDF" in line for line in lines)
    assert not any("Sách mỏng 1.pdf" in line for line in lines)
    assert media_service.get_item(factory, media_dir, item_id).files == ()


def test_several_pdfs_then_status_and_full_check(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    item_id = _item_id(factory, media_dir, "sach-mong-bao-ve-tre-em")
    paths = [_pdf(tmp_path / f"Sách {n}.pdf", pages=n) for n in (1, 2)]
    media_import.import_files(factory, media_dir, item_id, paths)
    row = media_service.get_item(factory, media_dir, item_id)
    assert (row.status, row.status_detail) == ("missing", "Mới có 2/3 tệp.")
    assert row.page_count == 3
    media_import.import_files(factory, media_dir, item_id, [_pdf(tmp_path / "Sách 3.pdf", 3)])
    assert media_service.get_item(factory, media_dir, item_id).status == "available"
    # Same size, other bytes: only the full check (sha256) sees it.
    stored = Path(media_service.get_item(factory, media_dir, item_id).files[1].path)
    data = bytearray(stored.read_bytes())
    data[-10] ^= 0xFF
    stored.write_bytes(bytes(data))
    assert media_service.get_item(factory, media_dir, item_id).status == "available"
    checked = {r.id: r for r in media_service.check_library(factory, media_dir, full=True)}
    assert checked[item_id].status_label == "tệp bị hỏng"
    assert [f.state for f in checked[item_id].files] == ["ok", "changed", "ok"]
    stored.unlink()
    row = media_service.get_item(factory, media_dir, item_id)
    assert row.status == "damaged" and "Sách 2.pdf" in row.status_detail


def test_check_json_shape(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    item_id = _item_id(factory, media_dir, GAME_KEY)
    media_import.import_files(factory, media_dir, item_id, [CLIP])
    rows = media_service.check_library(factory, media_dir)
    data = next(r.check_json() for r in rows if r.id == item_id)
    assert set(data) == {"id", "title", "kind", "status", "files"}
    assert data["status"] == "available" and data["kind"] == "video"
    assert set(data["files"][0]) == {"path", "sha256", "duration_s"}
    assert len(data["files"][0]["sha256"]) == 64


def test_replace_and_remove(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    item_id = _item_id(factory, media_dir, GAME_KEY)
    first = media_import.import_files(factory, media_dir, item_id, [CLIP]).files[0]
    newer = tmp_path / "Bản mới.mp4"
    # Other bytes that keep the MP4 whole: one more top-level "free" box at the end.
    newer.write_bytes(CLIP.read_bytes() + b"\x00\x00\x00\x10free" + b"\x00" * 8)
    result = media_import.import_files(factory, media_dir, item_id, [newer],
                                       replace_file_id=first.id)
    assert result.replaced == ["thu-may-chieu.mp4"]
    row = media_service.get_item(factory, media_dir, item_id)
    assert [f.original_name for f in row.files] == ["Bản mới.mp4"]
    assert not Path(first.path).exists()
    assert not Path(first.subtitle_path or first.path).exists()
    media_service.remove_file(factory, media_dir, row.files[0].id)
    row = media_service.get_item(factory, media_dir, item_id)
    assert row.files == () and row.status == "missing"
    assert _files_under(media_dir) == []


def test_same_file_twice_is_skipped(lib) -> None:
    factory, media_dir = lib
    item_id = _item_id(factory, media_dir, GAME_KEY)
    media_import.import_files(factory, media_dir, item_id, [CLIP])
    again = media_import.import_files(factory, media_dir, item_id, [CLIP])
    assert again.files == [] and "giống hệt" in again.warnings[0]
    assert len(media_service.get_item(factory, media_dir, item_id).files) == 1


def test_add_new_items_video_pdf_and_saved_pages(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    page = tmp_path / "bai-viet_phong chong bat nat.html"
    page.write_text("<!DOCTYPE html><html><body>Bắt nạt</body></html>", encoding="utf-8")
    mht = tmp_path / "trang.mht"
    mht.write_text("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x--\n")
    made = [media_import.add_item(factory, media_dir, [p]) for p in
            (page, mht, _pdf(tmp_path / "Cẩm nang.pdf"), CLIP)]
    rows = {r.id: r for r in media_service.list_items(factory, media_dir)}
    kinds = [rows[m.item_id].kind for m in made]
    assert kinds == ["article", "article", "document", "video"]
    assert rows[made[0].item_id].title == "Bai viet phong chong bat nat"
    assert all(rows[m.item_id].status == "available" for m in made)
    assert len(rows) == 15


def test_add_item_refused_leaves_no_item(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    notes = tmp_path / "ghi chú.docx"
    notes.write_bytes(b"PK\x03\x04")
    fake_page = tmp_path / "trang.html"
    fake_page.write_bytes(b"\x00\x01binary")
    for bad, words in ((notes, "không phải video, PDF"), (fake_page, "không phải là trang web")):
        with pytest.raises(UserError) as caught:
            media_import.add_item(factory, media_dir, [bad])
        assert bad.name in caught.value.message and words in caught.value.message
    assert len(media_service.list_items(factory, media_dir)) == 11


def test_remove_item_keeps_catalogue_items(lib, tmp_path: Path) -> None:
    factory, media_dir = lib
    item_id = _item_id(factory, media_dir, GAME_KEY)
    media_import.import_files(factory, media_dir, item_id, [CLIP])
    assert media_service.remove_item(factory, media_dir, item_id) is False
    assert media_service.get_item(factory, media_dir, item_id).status == "missing"
    own = media_import.add_item(factory, media_dir, [CLIP], title="Phim riêng")
    assert media_service.remove_item(factory, media_dir, own.item_id) is True
    assert len(media_service.list_items(factory, media_dir)) == 11
    assert _files_under(media_dir) == []


def test_samples_installed_once(lib) -> None:
    factory, media_dir = lib
    made = media_import.install_samples(factory, media_dir)
    assert len(made) == 1
    assert media_import.install_samples(factory, media_dir) == []
    row = media_service.get_item(factory, media_dir, made[0])
    assert row.status == "available" and row.files[0].subtitle_path


def test_resume_position_per_session(lib, workspace: Workspace) -> None:
    from trainer_app.db.models import TrainingSession

    factory, media_dir = lib
    file_id = media_import.add_item(factory, media_dir, [CLIP]).files[0].id
    assert media_service.current_session_id(factory) is None
    with factory.begin() as session:
        one = TrainingSession(title="Buổi 1", held_on=date(2026, 11, 20), status="in_progress")
        session.add(one)
        session.flush()
        one_id = one.id
    assert media_service.current_session_id(factory) == one_id
    assert media_service.load_position(factory, one_id, file_id) == 0.0
    media_service.save_position(factory, one_id, file_id, 3.5)
    media_service.save_position(factory, one_id, file_id, 4.25)
    assert media_service.load_position(factory, one_id, file_id) == 4.25
    with factory.begin() as session:
        two = TrainingSession(title="Buổi 2", held_on=date(2026, 11, 21), status="in_progress")
        session.add(two)
        session.flush()
        two_id = two.id
    assert media_service.load_position(factory, two_id, file_id) == 0.0  # a new audience
