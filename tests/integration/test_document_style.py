"""The shared document style, read back from real PDFs: header block, date line, page
numbers from page 2, signature block, long tables inside the margins, embedded fonts only,
NFC text, atomic saves and the Vietnamese messages when a save fails."""

from __future__ import annotations

import errno
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import read_only_dir
from tests.pdf_checks import (
    MM,
    all_text,
    assert_fonts_embedded_no_base14,
    ink_outside,
    page_count,
    page_texts,
    positioned_text,
)
from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.reports.document_style import (
    MOTTO,
    NATION,
    body,
    date_line,
    header_block,
    number_line,
    signature_and_recipients,
    title_block,
)
from trainer_app.reports.paged_table import GROUP, TOTAL, PagedTable, TableColumn, TableRow
from trainer_app.reports.pdf_file import atomic_write, build_pdf, portrait_a4
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document

HEADER = DocumentHeader(
    unit_name="Trạm Y tế phường Tân Hưng", parent_body="Trung tâm Y tế khu vực Tân Hưng",
    place_name="Tân Hưng", symbol="KH-TYT",
    signer_title="KT. TRƯỞNG TRẠM / PHÓ TRƯỞNG TRẠM", signer_name="Nguyễn Thị Hồng Nhung",
    recipients=("UBND phường Tân Hưng", "TTYT khu vực Tân Hưng;", "Lưu: VT"))
LONG_NAME = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Châu Ái"  # 60+ chars


def _names(n: int) -> list[str]:
    given = ["Lan", "Huệ", "Đào", "Ánh", "Ưng", "Yến", "Tuyết", "Hường"]
    return [f"Trần Thị {given[i % len(given)]} {i:04d}" for i in range(n)]


def _sample(path: Path, names: list[str]) -> Path:
    setup = portrait_a4()
    columns = [TableColumn("STT", 1, "center"), TableColumn("Họ và tên", 6),
               TableColumn("Năm sinh", 1.6, "center"), TableColumn("Ký tên", 2.4)]
    rows = [TableRow(["Khu phố 1"], GROUP)]
    rows += [TableRow([str(i), name, "1970", ""]) for i, name in enumerate(names, start=1)]
    rows.append(TableRow(["", f"Tổng cộng: {len(names)} người", "", ""], TOTAL))
    story = [*header_block(HEADER, setup.frame_width),
             *title_block("Danh sách mẫu", "Bảo vệ trẻ em trên môi trường mạng"),
             *body("Đoạn văn bản thử: ệ ữ ặ ỗ đ Ư & <b>không phải thẻ</b>."),
             PagedTable(columns, rows, width=setup.frame_width),
             signature_and_recipients(HEADER, setup.frame_width)]
    return build_pdf(path, story, title="Mẫu")


def test_date_and_number_lines() -> None:
    assert date_line("Tân Hưng", date(2026, 2, 5)) == "Tân Hưng, ngày 05 tháng 02 năm 2026"
    assert date_line("Tân Hưng", date(2026, 11, 20)) == "Tân Hưng, ngày 20 tháng 11 năm 2026"
    assert date_line("Tân Hưng", date(2026, 3, 9)) == "Tân Hưng, ngày 09 tháng 3 năm 2026"
    assert date_line("Tân Hưng", None) == "Tân Hưng, ngày …… tháng …… năm 20……"
    assert number_line(HEADER) == "Số: ……/KH-TYT"
    assert number_line(DocumentHeader("X", number="12", symbol="DS-TYT")) == "Số: 12/DS-TYT"


def test_a_document_reads_back_as_written(tmp_path: Path) -> None:
    names = [*_names(120), LONG_NAME]
    pdf = _sample(tmp_path / "mau.pdf", names)
    assert_fonts_embedded_no_base14(pdf)
    text = all_text(pdf)
    assert unicodedata.is_normalized("NFC", text)
    flat = " ".join(text.split())
    assert "TRUNG TÂM Y TẾ\nKHU VỰC TÂN HƯNG" in text.replace("\n ", "\n")  # balanced lines
    for expected in [NATION, MOTTO, "TRUNG TÂM Y TẾ KHU VỰC TÂN HƯNG", "TRẠM Y TẾ PHƯỜNG TÂN HƯNG",
                     "Số: ……/KH-TYT", "DANH SÁCH MẪU", "ệ ữ ặ ỗ đ Ư & <b>không phải thẻ</b>",
                     "KT. TRƯỞNG TRẠM", "PHÓ TRƯỞNG TRẠM", "Nguyễn Thị Hồng Nhung",
                     "Nơi nhận:", "- UBND phường Tân Hưng;", "- TTYT khu vực Tân Hưng;",
                     "- Lưu: VT.", "Tổng cộng: 121 người"]:
        assert expected in flat, expected
    assert text.count("Lưu: VT") == 1
    for name in names[:-1]:
        assert text.count(name) == 1, name
    # the 62-character name wraps inside its cell: both halves are there, nothing lost
    assert "Nguyễn Thị Ngọc Bích Phương Thảo Hồng" in text and "Châu Ái" in text


def test_header_block_layout(tmp_path: Path) -> None:
    pdf = _sample(tmp_path / "mau.pdf", _names(5))
    runs = positioned_text(pdf, 0)
    width = 595.27

    def find(fragment: str) -> tuple[float, float]:
        for x, y, text in runs:
            if fragment in text:
                return x, y
        raise AssertionError(f"{fragment!r} not on page 1: {[r[2] for r in runs][:20]}")

    unit_x, unit_y = find("TRẠM Y TẾ PHƯỜNG")
    nation_x, nation_y = find("CỘNG HÒA")
    _motto_x, motto_y = find("Độc lập")
    _title_x, title_y = find("DANH SÁCH MẪU")
    assert unit_x < width / 2 < nation_x  # unit on the left, Quốc hiệu on the right
    assert motto_y < nation_y and abs(unit_y - motto_y) < 20
    assert title_y < motto_y - 30
    assert 30 * MM - 1 <= unit_x


def test_page_numbers_from_page_two_in_the_top_margin(tmp_path: Path) -> None:
    pdf = _sample(tmp_path / "dai.pdf", _names(200))
    pages = page_count(pdf)
    assert pages >= 5
    top_margin = 842 - 20 * MM
    for index in range(pages):
        in_margin = [text for _x, y, text in positioned_text(pdf, index) if y > top_margin]
        assert in_margin == ([] if index == 0 else [str(index + 1)]), (index, in_margin)


def test_table_header_repeats_and_stays_inside_the_margins(tmp_path: Path) -> None:
    pdf = _sample(tmp_path / "dai.pdf", [*_names(300), LONG_NAME, LONG_NAME + " Hai"])
    texts = page_texts(pdf)
    assert all("Họ và tên" in t for t in texts[:-1])  # the last page may be the signature
    assert ink_outside(pdf, left_mm=30, right_mm=15, tmp_dir=tmp_path) == []


def test_nfd_input_comes_out_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    pdf = _sample(tmp_path / "nfd.pdf", [nfd])
    assert "Nguyễn Thị Ánh Tuyết" in all_text(pdf)


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "cu.pdf"
    target.write_bytes(b"old")

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError) as caught:
        save_document(target, lambda p: atomic_write(p, broken))
    assert "ổ đĩa đã đầy" in caught.value.message and "cu.pdf" in caught.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu.pdf"]


def test_read_only_folder_gives_a_vietnamese_message(tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    with read_only_dir(folder):
        with pytest.raises(UserError) as caught:
            save_document(folder / "mau.pdf", lambda p: _sample(p, _names(3)))
        assert "chỉ đọc" in caught.value.message and str(folder) in caught.value.message
        assert list(folder.iterdir()) == []


def test_bad_targets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"đuôi \.pdf"):
        save_document(tmp_path / "mau.docx", lambda p: p)
    with pytest.raises(UserError, match="Không có thư mục"):
        save_document(tmp_path / "khong-co" / "mau.pdf", lambda p: p)
