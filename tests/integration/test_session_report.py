"""The session report (PDF, DOCX) and the results spreadsheet (XLSX), read back and compared
with the hand-worked session of ``tests/report_world.py`` and with counts taken straight
from the database; bad inputs: a session with no quiz, a person erased on request, photos
that are not images, too large, or carry a GPS location."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from tests import report_world
from tests.pdf_checks import all_text, assert_fonts_embedded_no_base14, assert_nfc_text
from trainer_app.reports.photos import MAX_PHOTO_BYTES
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.files import (
    export_session_results,
    write_session_report,
)
from trainer_app.services.reporting.session_report import build_session_report
from trainer_app.services.workspace.opening import Workspace

NAMED = ["Nguyễn Thị An", "Trần Thị Bình", "Phạm Thị Chi", "Võ Văn Dũng"]


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row
                     if c.value is not None)


def db_counts(ws: Workspace, session_id: int) -> dict[str, object]:
    """The figures the report must show, straight from the SQLite file."""
    conn = sqlite3.connect(str(ws.data_dir.db_path))
    try:
        one = conn.execute
        return {
            "invited": one("SELECT count(*) FROM attendance WHERE session_id=? AND invited=1",
                           (session_id,)).fetchone()[0],
            "attended": one("SELECT count(*) FROM attendance WHERE session_id=? AND status IN "
                            "('present','late')", (session_id,)).fetchone()[0],
            "pre": one("SELECT count(*), avg(score) FROM attempt WHERE session_id=? AND "
                       "phase='pre' AND submitted_at IS NOT NULL", (session_id,)).fetchone(),
            "post": one("SELECT count(*), avg(score), sum(passed) FROM attempt WHERE "
                        "session_id=? AND phase='post' AND submitted_at IS NOT NULL",
                        (session_id,)).fetchone(),
            "anonymous": one("SELECT count(*) FROM attempt WHERE session_id=? AND person_id "
                             "IS NULL", (session_id,)).fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture
def world(workspace: Workspace) -> report_world.World:
    return report_world.build(workspace)


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_figures_match_the_hand_worked_example(workspace: Workspace,
                                               world: report_world.World) -> None:
    report = build_session_report(workspace.session_factory, world.session_id)
    scores = report.scores
    assert (scores.pre_count, scores.post_count) == (5, 5)
    assert scores.pre_average == pytest.approx(report_world.PRE_AVERAGE)
    assert scores.post_average == pytest.approx(report_world.POST_AVERAGE)
    assert scores.gain == pytest.approx(report_world.GAIN)
    assert (scores.passed, scores.pass_rate) == (4, pytest.approx(0.8))
    shares = [(q.number, q.post_share, q.pre_share) for q in report.questions]
    assert shares == [(3, 0.6, 0.2), (1, 0.8, 0.6), (2, 0.8, 0.4)]  # weakest first
    assert report.questions[0].upper_lower == pytest.approx(1.0)
    assert [b.post for b in report.bands] == [1, 0, 2, 2]  # 3,3 | – | 6,7 6,7 | 10 10
    assert [b.pre for b in report.bands] == [4, 0, 1, 0]
    counts = db_counts(workspace, world.session_id)
    assert (report.invited, report.attended) == (counts["invited"], counts["attended"])
    assert report.anonymous_attempts == counts["anonymous"] == 2
    assert scores.post_count == counts["post"][0] and scores.passed == counts["post"][2]
    assert scores.post_average == pytest.approx(counts["post"][1], abs=0.005)
    assert [p.full_name for p in report.participants] == [*NAMED, report_world.WALK_IN]
    genders = {r.label: (r.invited, r.attended) for r in report.by_gender}
    assert genders == {"Nam": (2, 2), "Nữ": (4, 3), "Không rõ": (1, 1)}


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_pdf_reads_back_totals_and_hides_the_erased_name(
        workspace: Workspace, world: report_world.World, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    result = write_session_report(workspace.session_factory, world.session_id, out)
    assert result.file == str(out) and result.pass_rate == pytest.approx(0.8)
    assert_fonts_embedded_no_base14(out)
    counts = db_counts(workspace, world.session_id)
    assert_nfc_text(out, [
        "BÁO CÁO KẾT QUẢ TẬP HUẤN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:",
        f"Số người được mời: {counts['invited']}; có mặt: {counts['attended']}",
        "Điểm trung bình trước tập huấn: 3,98/10 (5 bài)",
        "Điểm trung bình sau tập huấn: 7,34/10 (5 bài)", "tăng 3,36 điểm",
        "Số bài đạt yêu cầu: 4/5, tỷ lệ đạt 80%", "Ai cần đồng ý khi đăng ảnh trẻ",
        "60%", "Trẻ em và mạng xã hội", *NAMED,
        "Trong đó 2 bài của người đã xóa dữ liệu", "Phân bố điểm trước và sau tập huấn"])
    text = all_text(out)
    assert report_world.ERASED_NAME not in text and "Én" not in text
    assert text.index("Ai cần đồng ý") < text.index("Tổng đài quốc gia")  # weakest first


def test_docx_reads_back_the_same(workspace: Workspace, world: report_world.World,
                                  tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    result = write_session_report(workspace.session_factory, world.session_id, out)
    assert result.format == "docx"
    text = docx_text(out)
    for expected in ("BÁO CÁO KẾT QUẢ TẬP HUẤN", "Số người được mời: 7; có mặt: 6",
                     "Điểm trung bình sau tập huấn: 7,34/10 (5 bài).", "tăng 3,36 điểm",
                     "tỷ lệ đạt 80%", "Nơi nhận:", *NAMED):
        assert expected in text, expected
    assert report_world.ERASED_NAME not in text
    assert len(Document(str(out)).inline_shapes) == 1  # the chart


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_results_xlsx(workspace: Workspace, world: report_world.World, tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.xlsx"
    export_session_results(workspace.session_factory, world.session_id, out)
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Kết quả", "Theo câu hỏi", "Điểm danh"]
    figures = {r[0].value: r[1].value for r in book["Tổng hợp"].iter_rows(min_row=2)}
    counts = db_counts(workspace, world.session_id)
    assert figures["Số người được mời"] == counts["invited"]
    assert figures["Số người có mặt"] == counts["attended"]
    assert figures["Điểm trung bình sau tập huấn"] == pytest.approx(7.34)
    assert figures["Tỷ lệ đạt (%)"] == 80.0
    results = book["Kết quả"]
    assert results.freeze_panes == "A2" and results["B1"].value == "Họ và tên"
    rows = [[c.value for c in r] for r in results.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == [*NAMED, report_world.WALK_IN]
    assert rows[0][4:8] == [3.3, 10, 6.7, "Đạt"]
    walk_in = results.cell(row=6, column=2)
    assert walk_in.data_type == "s" and walk_in.quotePrefix  # text, never a formula
    questions = [[c.value for c in r] for r in book["Theo câu hỏi"].iter_rows(min_row=2)]
    assert [(q[0], q[2], q[3]) for q in questions] == [(3, 20.0, 60.0), (1, 60.0, 80.0),
                                                       (2, 40.0, 80.0)]
    sheet = book["Điểm danh"]
    assert sheet.max_row - 1 == 8
    assert report_world.ERASED_NAME not in xlsx_text(out)


def test_session_without_quiz_says_so(workspace: Workspace, tmp_path: Path) -> None:
    world = report_world.build(workspace, with_quiz=False, erase=False)
    for suffix in (".pdf", ".docx"):
        out = tmp_path / f"khong-kiem-tra{suffix}"
        result = write_session_report(workspace.session_factory, world.session_id, out)
        assert result.pre_average is None and result.pass_rate is None
        text = all_text(out) if suffix == ".pdf" else docx_text(out)
        assert "Buổi tập huấn này không có bài kiểm tra" in " ".join(text.split())
    export_session_results(workspace.session_factory, world.session_id, tmp_path / "r.xlsx")
    figures = {r[0].value: r[1].value for r in
               load_workbook(tmp_path / "r.xlsx")["Tổng hợp"].iter_rows(min_row=2)}
    assert figures["Bộ câu hỏi"] == "Không có bài kiểm tra"


def _gps_jpeg(path: Path) -> None:
    image = Image.new("RGB", (640, 480), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 45.0, 30.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (106.0, 40.0, 12.0)
    image.save(path, "JPEG", exif=exif)
    assert b"PhoneMaker" in path.read_bytes()


def test_photos_are_attached_without_location(workspace: Workspace, world: report_world.World,
                                              tmp_path: Path) -> None:
    photo = tmp_path / "anh-buoi-tap-huan.jpg"
    _gps_jpeg(photo)
    out = tmp_path / "co-anh.pdf"
    result = write_session_report(workspace.session_factory, world.session_id, out,
                                  photos=[photo, photo])
    assert result.photos == 2
    images = [img for page in PdfReader(str(out)).pages for img in page.images]
    assert images  # the same photo twice is stored once
    for img in images:
        assert b"PhoneMaker" not in img.data and b"Exif" not in img.data
        assert not Image.open(io.BytesIO(img.data)).getexif()
    assert b"PhoneMaker" not in out.read_bytes()
    assert_nfc_text(out, ["HÌNH ẢNH BUỔI TẬP HUẤN", "Ảnh 1", "Ảnh 2"])
    docx = tmp_path / "co-anh.docx"
    write_session_report(workspace.session_factory, world.session_id, docx, photos=[photo])
    assert b"PhoneMaker" not in docx.read_bytes()
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 2  # the chart and the photo
        assert all(b"PhoneMaker" not in archive.read(n) for n in media)


def test_bad_photos_are_refused_with_a_message(workspace: Workspace,
                                               world: report_world.World,
                                               tmp_path: Path) -> None:
    not_image = tmp_path / "danh-sach.jpg"
    not_image.write_text("Họ và tên; khu phố\n", encoding="utf-8")
    huge = tmp_path / "anh-40MB.jpg"
    with huge.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    assert huge.stat().st_size > MAX_PHOTO_BYTES
    out = tmp_path / "bao-cao.pdf"
    with pytest.raises(UserError) as not_image_error:
        write_session_report(workspace.session_factory, world.session_id, out,
                             photos=[not_image])
    assert not_image_error.value.code == "bad_photo"
    assert "danh-sach.jpg" in not_image_error.value.message
    assert "không phải là ảnh" in not_image_error.value.message
    with pytest.raises(UserError) as huge_error:
        write_session_report(workspace.session_factory, world.session_id, out, photos=[huge])
    assert "quá lớn (40 MB" in huge_error.value.message
    with pytest.raises(UserError) as too_many:
        photo = tmp_path / "a.jpg"
        _gps_jpeg(photo)
        write_session_report(workspace.session_factory, world.session_id, out,
                             photos=[photo] * 5)
    assert "tối đa 4 ảnh" in too_many.value.message
    assert not out.exists()


def test_wrong_ending_and_unknown_session(workspace: Workspace, world: report_world.World,
                                          tmp_path: Path) -> None:
    with pytest.raises(UserError) as ending:
        write_session_report(workspace.session_factory, world.session_id, tmp_path / "a.xlsx")
    assert ".pdf hoặc .docx" in ending.value.message
    with pytest.raises(UserError) as unknown:
        write_session_report(workspace.session_factory, 999, tmp_path / "a.pdf")
    assert unknown.value.code == "unknown_session"
