"""The certificate register (PDF and XLSX, read back) and printing onto pre-printed forms
(positions in millimetres from a setting, the test page)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.certificate_world import SIXTY, Who, make_session, set_org
from tests.pdf_checks import (
    MM,
    all_text,
    assert_fonts_embedded_no_base14,
    page_count,
    positioned_text,
)
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates.documents import (
    reissue,
    write_form_test_page,
    write_register,
    write_session_certificates,
)
from trainer_app.services.certificates.form_settings import (
    load_form_layout,
    reset_form_layout,
    update_form_layout,
)
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.opening import Workspace


def _issued(ws: Workspace) -> int:
    set_org(ws)
    sid = make_session(ws, [Who(SIXTY), Who("Đặng Thị Thuý Hằng"), Who("Lê Văn Ửng")])
    certs.issue(ws.session_factory, ws.data_dir, sid, issued_on=date(2026, 11, 20))
    certs.revoke(ws.session_factory, "003/2026/GCN-TYT", "Cấp nhầm người")
    return sid


def test_register_pdf(workspace: Workspace, tmp_path: Path) -> None:
    _issued(workspace)
    result = write_register(workspace.session_factory, tmp_path / "so.pdf", year=2026)
    assert (result.entries, result.revoked) == (3, 1)
    pdf = tmp_path / "so.pdf"
    assert_fonts_embedded_no_base14(pdf)
    text = " ".join(all_text(pdf).split())
    for expected in ("SỔ CẤP GIẤY CHỨNG NHẬN", "Năm 2026", SIXTY, "Đặng Thị Thuý Hằng",
                     "001/2026/GCN-TYT", "003/2026/GCN-TYT", "Còn hiệu lực",
                     "Cấp nhầm người", "Ký nhận", "Tổng số: 3 giấy chứng nhận (còn hiệu lực 2, "
                     "đã thu hồi 1)."):
        assert expected in text, expected
    assert text.index("001/2026/GCN-TYT") < text.index("002/2026/GCN-TYT") < text.index(
        "003/2026/GCN-TYT")


def test_register_xlsx(workspace: Workspace, tmp_path: Path) -> None:
    sid = _issued(workspace)
    write_register(workspace.session_factory, tmp_path / "so.xlsx", session_id=sid)
    sheet = load_workbook(tmp_path / "so.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Số giấy chứng nhận", "Họ và tên")
    assert [r[1] for r in rows[1:]] == ["001/2026/GCN-TYT", "002/2026/GCN-TYT",
                                        "003/2026/GCN-TYT"]
    assert rows[1][2] == SIXTY and rows[1][7].date() == date(2026, 11, 20)
    assert rows[3][8].startswith("Đã thu hồi ngày") and "Cấp nhầm người" in rows[3][8]


def test_register_refuses_other_formats_and_empty_is_fine(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.pdf hoặc \.xlsx"):
        write_register(workspace.session_factory, tmp_path / "so.docx")
    empty = write_register(workspace.session_factory, tmp_path / "trong.pdf", year=2030)
    assert empty.entries == 0
    assert "Chưa cấp giấy chứng nhận nào" in all_text(tmp_path / "trong.pdf")


def test_printing_onto_forms_puts_only_fields_where_the_setting_says(
        workspace: Workspace, tmp_path: Path) -> None:
    ws = workspace
    sid = _issued(ws)
    update_form_layout(ws.session_factory, {"name.x": 150, "name.y": 90, "number.x": 50},
                       offset_x_mm=2.5, offset_y_mm=-1.5)
    result = write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                        tmp_path / "phoi.pdf", issue=False, on_forms=True)
    pdf = tmp_path / "phoi.pdf"
    assert result.printed == 2 and page_count(pdf) == 2
    assert_fonts_embedded_no_base14(pdf)
    text = all_text(pdf)
    assert "GIẤY CHỨNG NHẬN" not in text and "CỘNG HÒA" not in text  # printed on the form
    assert "001/2026/GCN-TYT" in text and "Đặng Thị Thuý Hằng" in text
    runs = positioned_text(pdf, 1)
    x, y, _ = next(r for r in runs if r[2].startswith("002/2026/GCN-TYT"))
    assert abs(x / MM - (50 + 2.5)) < 0.5  # left-aligned at x, offset applied
    assert abs((210 - y / MM) - (160 - 1.5)) < 0.5  # the baseline, from the top
    one = reissue(ws.session_factory, ws.data_dir, "002/2026/GCN-TYT", tmp_path / "1.pdf",
                  on_form=True)
    assert one.number == "002/2026/GCN-TYT" and "CỘNG HÒA" not in all_text(tmp_path / "1.pdf")


def test_form_layout_is_checked_and_resettable(workspace: Workspace, tmp_path: Path) -> None:
    factory = workspace.session_factory
    with pytest.raises(UserError, match="ngoài tờ"):
        update_form_layout(factory, {"name.x": 400})
    with pytest.raises(UserError, match="Không biết trường"):
        update_form_layout(factory, {"tên.x": 10})
    with pytest.raises(UserError, match="quá lớn"):
        update_form_layout(factory, {}, offset_x_mm=80)
    with pytest.raises(UserError, match="cỡ 2 pt"):
        update_form_layout(factory, {"name.size": 2})
    assert load_form_layout(factory).fields["name"].x_mm == 148.5  # nothing was stored
    update_form_layout(factory, {"qr.size": 30})
    assert load_form_layout(factory).fields["qr"].size == 30
    assert reset_form_layout(factory).fields["qr"].size == 22


def test_form_test_page(workspace: Workspace, tmp_path: Path) -> None:
    update_form_layout(workspace.session_factory, {"day.x": 200})
    path = Path(write_form_test_page(workspace.session_factory, tmp_path / "thu.pdf"))
    assert page_count(path) == 1
    assert_fonts_embedded_no_base14(path)
    text = all_text(path)
    for expected in ("TRANG IN THỬ", "Họ và tên", "148.5; 92", "Ngày", "200; 152", "Mã QR",
                     "Nguyễn Thị Ngọc Ánh", "Độ lệch cả trang: ngang 0 mm, dọc 0 mm"):
        assert expected in text, expected
