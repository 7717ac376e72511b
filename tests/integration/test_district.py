"""The centre's side: the district report equals each station's own period report (same
function), written as PDF/DOCX/XLSX and read back; certificates of a station verified in
the district (genuine, revoked, altered, not in the register, not yet sent)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from tests.integration.exchange_helpers import Q4, absent_one, cli, make_station, opened
from trainer_app.db.models import Certificate, Person, Setting
from trainer_app.domain.certificate_code import build_payload
from trainer_app.services.certificates import store as certificate_store
from trainer_app.services.certificates.service import revoke
from trainer_app.services.exchange.export import export_package
from trainer_app.services.reporting.period_report import build_period_report

FIGURES = ("sessions", "people", "pass_rate", "pre_average", "post_average", "gain")


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("district")
    a = make_station(tmp / "a", "TA", "TRẠM Y TẾ PHƯỜNG AN")
    b = make_station(tmp / "b", "TB", "TRẠM Y TẾ PHƯỜNG BÌNH", absent_one)
    with opened(a) as ws:
        certificate_store.load_or_create_key(ws.data_dir)  # as when certificates are printed
        with ws.session_factory.begin() as session:  # numbers up to 50 issued this year
            session.add(Setting(key=certificate_store.DB_KEY, value=json.dumps({"2026": 50})))
        export_package(ws.session_factory, ws.data_dir, Q4, tmp / "a.ctvpack")
    with opened(b) as ws:
        export_package(ws.session_factory, ws.data_dir, Q4, tmp / "b.ctvpack")
    district = tmp / "district"
    with opened(district) as ws:
        from trainer_app.services.exchange.importer import import_packages

        report = import_packages(ws.session_factory, [tmp / "a.ctvpack", tmp / "b.ctvpack"])
        assert report.ok, report.refused
    return {"a": a, "b": b, "district": district, "tmp": tmp}


def test_district_report_equals_each_station_own_period_report(
        centre: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    period = ["--year", "2026", "--quarter", "4"]
    code, district, err = cli(capsys, centre["district"], "report", "district", *period,
                              "--out", str(tmp_path / "d.xlsx"), "--json")
    assert code == 0, err
    assert set(district) == {"stations", "total"}
    assert [s["code"] for s in district["stations"]] == ["TA", "TB"]
    assert set(district["stations"][0]) == {"code", "name", "sessions", "people",
                                            "neighbourhoods_without", "pass_rate",
                                            "pre_average", "post_average", "gain"}
    for line, key in zip(district["stations"], ("a", "b"), strict=True):
        _c, own, _ = cli(capsys, centre[key], "report", "period", *period, "--out",
                         str(tmp_path / f"{key}.xlsx"), "--json")
        for figure in FIGURES:
            assert line[figure] == own[figure], (key, figure)
        with opened(centre[key]) as ws:
            report = build_period_report(ws.session_factory, Q4)
        assert line["neighbourhoods_without"] == len(report.not_yet_trained)
    a, b = district["stations"]
    assert a["people"] == b["people"] + 1  # station B had one absent more
    total = district["total"]
    assert total["sessions"] == a["sessions"] + b["sessions"]
    assert total["people"] == a["people"] + b["people"]
    assert 0 < total["pass_rate"] <= 1
    book = load_workbook(tmp_path / "d.xlsx")
    rows = list(book["Các trạm"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows[:2]] == ["TA", "TB"] and rows[0][3] == a["people"]


def test_district_report_pdf_and_docx(centre: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from docx import Document

    code, _out, err = cli(capsys, centre["district"], "report", "district", "--from",
                          "01/10/2026", "--to", "31/12/2026", "--out", str(tmp_path / "d.pdf"))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "d.pdf").pages)
    assert "TRẠM Y TẾ PHƯỜNG BÌNH" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tỷ lệ đạt sau tập huấn theo trạm" in text
    assert cli(capsys, centre["district"], "report", "district", "--year", "2026", "--out",
               str(tmp_path / "d.docx"))[0] == 0
    doc_text = "\n".join(p.text for p in Document(str(tmp_path / "d.docx")).paragraphs)
    assert "BÁO CÁO TỔNG HỢP" in doc_text.upper()
    code, _o, err = cli(capsys, centre["district"], "report", "district", "--year", "2026",
                        "--out", str(tmp_path / "d.txt"))
    assert code == 2 and ".pdf, .docx hoặc .xlsx" in err


def _payload(station: Path) -> tuple[str, str]:
    with opened(station) as ws, ws.session_factory() as session:
        cert, name = session.execute(
            select(Certificate, Person.full_name).join(Person, Person.id == Certificate.person_id)
            .order_by(Certificate.id)).first()  # type: ignore[misc]
        key = certificate_store.load_key(ws.data_dir)
        assert key is not None
        return cert.number, build_payload(key, cert.number, name, cert.issued_on)


def test_certificate_of_station_a_verified_in_the_district(
        centre: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _number, payload = _payload(centre["a"])
    code, out, _ = cli(capsys, centre["district"], "certificate", "verify", payload, "--json")
    assert code == 0 and out["status"] == "valid" and out["station"] == "TA"
    assert "TRẠM Y TẾ PHƯỜNG AN" in out["message"]
    # one letter of the name changed: the register does not match
    altered = payload.replace(payload.split(":")[2], payload.split(":")[2][:-1] + "X")
    code, out, _ = cli(capsys, centre["district"], "certificate", "verify", altered, "--json")
    assert code == 1 and out["status"] == "mismatch" and out["station"] == "TA"
    # the station's own check is unchanged (its own key, offline)
    code, out, _ = cli(capsys, centre["a"], "certificate", "verify", payload, "--json")
    assert code == 0 and out["status"] == "valid" and out["station"] == ""


def test_numbers_not_in_the_register_or_not_yet_sent(
        centre: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with opened(centre["a"]) as ws:
        key = certificate_store.load_key(ws.data_dir)
    assert key is not None
    early = build_payload(key, "007/2026/GCN-TYT-TA", "Nguyen Van A", date(2026, 11, 1))
    code, out, _ = cli(capsys, centre["district"], "certificate", "verify", early, "--json")
    assert code == 1 and out["status"] == "not_in_register" and out["station"] == "TA"
    later = build_payload(key, "051/2026/GCN-TYT-TA", "Nguyen Van A", date(2026, 11, 1))
    code, out, _ = cli(capsys, centre["district"], "certificate", "verify", later, "--json")
    assert code == 1 and out["status"] == "not_yet_sent"
    assert "chưa có trong số liệu gửi ngày" in out["message"]
    assert "giả" not in out["message"]
    stranger = build_payload(b"k" * 32, "001/2026/GCN-XYZ", "Nguyen Van A", date(2026, 11, 1))
    code, out, _ = cli(capsys, centre["district"], "certificate", "verify", stranger, "--json")
    assert code == 1 and out["status"] == "not_in_register" and "TA, TB" in out["message"]


def test_revocation_travels(centre: dict[str, Path], capsys: pytest.CaptureFixture[str],
                            tmp_path: Path) -> None:
    station = tmp_path / "a"
    shutil.copytree(centre["a"], station)
    district = tmp_path / "district"
    shutil.copytree(centre["district"], district)
    number, payload = _payload(station)
    with opened(station) as ws:
        revoke(ws.session_factory, number, "Cấp nhầm người")
        export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "a2.ctvpack")
    code, out, err = cli(capsys, district, "exchange", "import", str(tmp_path / "a2.ctvpack"),
                         "--json")
    assert code == 0 and out["imported"][0]["replaced"] is True, err
    code, out, _ = cli(capsys, district, "certificate", "verify", payload, "--json")
    assert code == 1 and out["status"] == "revoked" and "Cấp nhầm người" in out["message"]
