"""Exchange packages from two demo stations to a district workspace: export, import rules,
and every bad input of the issue (each refused with a Vietnamese reason, changing nothing)."""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.integration.exchange_helpers import (
    Q4,
    absent_one,
    cli,
    make_station,
    members,
    opened,
    resign,
    write_zip,
)
from trainer_app.db.models import (
    Certificate,
    ExchangePerson,
    ExchangeSession,
    Person,
    TrainingSession,
)
from trainer_app.services.exchange.export import export_package
from trainer_app.services.exchange.importer import import_packages
from trainer_app.services.exchange.package import PERSONAL_DATA
from trainer_app.services.reporting.period_report import year_period


@dataclass
class Stations:
    a: Path
    b: Path
    pack_a: Path
    pack_b: Path
    tmp: Path


@pytest.fixture(scope="module")
def stations(tmp_path_factory: pytest.TempPathFactory) -> Stations:
    tmp = tmp_path_factory.mktemp("exchange")
    a = make_station(tmp / "a", "TA", "TRẠM Y TẾ PHƯỜNG AN")
    b = make_station(tmp / "b", "TB", "TRẠM Y TẾ PHƯỜNG BÌNH", absent_one)
    with opened(a) as ws:
        export_package(ws.session_factory, ws.data_dir, Q4, tmp / "a.ctvpack")
    with opened(b) as ws:
        export_package(ws.session_factory, ws.data_dir, Q4, tmp / "b.ctvpack")
    return Stations(a, b, tmp / "a.ctvpack", tmp / "b.ctvpack", tmp)


def _count(root: Path, model: type) -> int:
    with opened(root) as ws, ws.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_export_json_and_manifest(stations: Stations, capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path) -> None:
    code, out, err = cli(capsys, stations.a, "exchange", "export", "--year", "2026",
                         "--quarter", "4", "--out", str(tmp_path / "q4.ctvpack"), "--json")
    assert code == 0, err
    assert set(out) == {"file", "station", "period", "sessions", "people", "attempts",
                        "certificates", "fingerprint"}
    assert out["station"] == "TA" and out["sessions"] == 2 and out["people"] == 40
    assert out["attempts"] == 56 and out["certificates"] == 27
    assert len(out["fingerprint"].replace(" ", "")) == 20 and out["fingerprint"][4] == " "
    content = members(tmp_path / "q4.ctvpack")
    manifest = json.loads(content["manifest.json"])
    assert manifest["sequence"] >= 2  # the fixture's export was number 1
    assert manifest["personal_data"] == PERSONAL_DATA and "KHÔNG có số điện thoại" in \
        content["README.txt"].decode()
    for name, entry in manifest["members"].items():
        assert hashlib.sha256(content[name]).hexdigest() == entry["sha256"]
    people = json.loads(content["data/people.json"])
    assert people and all(set(p) == {"id", "erased", "full_name", "gender", "birth_year",
                                     "neighbourhood_id", "role"} for p in people)
    with opened(stations.a) as ws, ws.session_factory() as session:
        phones = [p for p in session.scalars(select(Person.phone)) if p]
    assert phones and not any(phone.encode() in b"".join(content.values()) for phone in phones)
    # the sequence lives outside the database too: a restored older database goes on counting
    seq_file = json.loads((stations.a / "exchange" / "sequence.json").read_text())
    assert seq_file["last"] == manifest["sequence"]


def test_export_needs_a_station_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = cli(capsys, tmp_path / "empty", "exchange", "export", "--year", "2026",
                          "--out", str(tmp_path / "x.ctvpack"))
    assert code == 2 and "mã trạm" in err
    assert not (tmp_path / "x.ctvpack").exists()


def test_district_imports_both_apart_from_its_own_data(
        stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "district"
    code, out, err = cli(capsys, district, "exchange", "import", str(stations.pack_a),
                         str(stations.pack_b), "--json")
    assert code == 0, err
    assert set(out) == {"imported", "unchanged", "refused"}
    assert [i["station"] for i in out["imported"]] == ["TA", "TB"]
    assert set(out["imported"][0]) == {"station", "period", "sessions", "people", "attempts",
                                       "certificates", "replaced"}
    assert out["imported"][0]["replaced"] is False
    assert "Lần đầu nhận gói của trạm TA" in err
    # kept apart: the district's own tables stay empty
    assert _count(district, TrainingSession) == 0 and _count(district, Certificate) == 0
    assert _count(district, ExchangeSession) == 4
    # the same packages again: nothing changes
    code, again, _ = cli(capsys, district, "exchange", "import", str(stations.pack_a),
                         str(stations.pack_b), "--json")
    assert code == 0 and again["imported"] == [] and len(again["unchanged"]) == 2
    code, listing, _ = cli(capsys, district, "exchange", "stations", "--json")
    assert [s["code"] for s in listing] == ["TA", "TB"]
    assert listing[0]["packages"] == 1 and len(listing[0]["fingerprint"]) == 24


def test_a_station_workspace_is_unchanged_by_an_import(
        stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    station = tmp_path / "a-copy"
    shutil.copytree(stations.a, station)
    period = ["--year", "2026", "--quarter", "4"]
    _c, before, _ = cli(capsys, station, "report", "period", *period, "--out",
                        str(tmp_path / "before.xlsx"), "--json")
    numbers_before = _count(station, Certificate)
    code, _out, err = cli(capsys, station, "exchange", "import", str(stations.pack_b))
    assert code == 0, err
    _c, after, _ = cli(capsys, station, "report", "period", *period, "--out",
                       str(tmp_path / "after.xlsx"), "--json")
    for key in ("sessions", "attended", "people", "pre_average", "post_average", "pass_rate"):
        assert after[key] == before[key]
    assert _count(station, Certificate) == numbers_before


def _refused(district: Path, path: Path, capsys: pytest.CaptureFixture[str],
             *flags: str) -> str:
    code, out, _err = cli(capsys, district, "exchange", "import", str(path), *flags, "--json")
    assert code == 1
    assert out["imported"] == [] and len(out["refused"]) == 1
    return str(out["refused"][0]["reason"])


def test_tampered_data_byte_and_manifest_are_refused(
        stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "district"
    content = members(stations.pack_a)
    body = bytearray(content["data/attempts.json"])
    body[len(body) // 2] ^= 0x01
    altered = write_zip(tmp_path / "altered.ctvpack", {**content,
                                                       "data/attempts.json": bytes(body)})
    assert "không khớp" in _refused(district, altered, capsys)
    raw = bytearray(content["manifest.json"])
    index = raw.index(b'"sequence"') + 12
    raw[index] = ord("9") if raw[index] != ord("9") else ord("8")
    forged = write_zip(tmp_path / "forged.ctvpack", {**content, "manifest.json": bytes(raw)})
    assert "Chữ ký không khớp" in _refused(district, forged, capsys)
    extra = write_zip(tmp_path / "extra.ctvpack", {**content, "data/more.json": b"[]"})
    assert "không ghi trong manifest" in _refused(district, extra, capsys)
    # a flipped byte in the file itself (compressed data)
    whole = bytearray(stations.pack_a.read_bytes())
    whole[len(whole) // 3] ^= 0xFF
    (tmp_path / "flip.ctvpack").write_bytes(bytes(whole))
    assert _refused(district, tmp_path / "flip.ctvpack", capsys)
    assert _count(district, ExchangeSession) == 0


def test_bad_files(stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "district"
    whole = stations.pack_a.read_bytes()
    (tmp_path / "cut.ctvpack").write_bytes(whole[: len(whole) // 2])
    assert "không phải tệp nén hợp lệ" in _refused(district, tmp_path / "cut.ctvpack", capsys)
    (tmp_path / "text.ctvpack").write_text("xin chào", encoding="utf-8")
    assert "không phải tệp nén" in _refused(district, tmp_path / "text.ctvpack", capsys)
    wrong = write_zip(tmp_path / "report.xlsx", {"[Content_Types].xml": b"<x/>"})
    assert "Không phải gói số liệu" in _refused(district, wrong, capsys)
    for name in ("../../evil.json", "/etc/evil.json", "data\\..\\evil.json"):
        bad = write_zip(tmp_path / "names.ctvpack", {**members(stations.pack_a), name: b"[]"})
        assert "không an toàn" in _refused(district, bad, capsys)
    assert not (tmp_path.parent / "evil.json").exists()
    missing = tmp_path / "nowhere.ctvpack"
    assert "Không mở được" in _refused(district, missing, capsys)
    assert _count(district, ExchangeSession) == 0


def test_zip_bomb_is_stopped_while_reading(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.ctvpack"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("manifest.json", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of zeros: a few hundred KB packed
                member.write(chunk)
        archive.writestr("manifest.sig", b"00")
    assert bomb.stat().st_size < 2_000_000
    reason = _refused(tmp_path / "district", bomb, capsys)
    assert "tệp nén độc hại" in reason


def test_future_format_and_unknown_fields(stations: Stations, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "district"
    key = secrets.token_bytes(32)

    def future(m: dict) -> None:  # type: ignore[type-arg]
        m["format_version"] = 2

    newer = resign(stations.pack_a, tmp_path / "future.ctvpack", key, future)
    assert "cập nhật ứng dụng" in _refused(district, newer, capsys)

    def extra_fields(m: dict) -> None:  # type: ignore[type-arg]
        m["station"]["zalo_group"] = "abc"
        m["new_section"] = {"x": 1}

    tolerant = resign(stations.pack_a, tmp_path / "tolerant.ctvpack", key, extra_fields)
    code, out, err = cli(capsys, district, "exchange", "import", str(tolerant), "--json")
    assert code == 0, err
    assert out["imported"][0]["station"] == "TA"


def test_key_change_refused_then_accepted(stations: Stations, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "district"
    assert cli(capsys, district, "exchange", "import", str(stations.pack_a))[0] == 0

    def later(m: dict) -> None:  # type: ignore[type-arg]
        m["sequence"] += 10

    new_key = resign(stations.pack_a, tmp_path / "newkey.ctvpack", secrets.token_bytes(32), later)
    reason = _refused(district, new_key, capsys)
    assert "khóa khác" in reason and "--accept-new-key" in reason
    code, out, err = cli(capsys, district, "exchange", "import", str(new_key),
                         "--accept-new-key", "--json")
    assert code == 0, err
    assert out["imported"][0]["replaced"] is True
    assert "Đã chấp nhận khóa mới" in err
    # the old key is now the stranger
    _c, listing, _ = cli(capsys, district, "exchange", "stations", "--json")
    assert listing[0]["packages"] == 2


def test_newer_replaces_older_refused_overlap_merges(
        stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    station = tmp_path / "a"
    shutil.copytree(stations.a, station)
    district = tmp_path / "district"
    with opened(station) as ws:
        first = export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "q4-1.ctvpack")
        with ws.session_factory.begin() as session:  # a late correction at the station
            session.execute(text("UPDATE training_session SET title = 'Buổi đã sửa' WHERE "
                                 "status = 'finished'"))
        second_q4 = export_package(ws.session_factory, ws.data_dir, Q4,
                                   tmp_path / "q4-2.ctvpack")
        year = export_package(ws.session_factory, ws.data_dir, year_period(2026),
                              tmp_path / "year.ctvpack")
    assert year.sequence > first.sequence
    assert cli(capsys, district, "exchange", "import", first.file)[0] == 0
    code, out, err = cli(capsys, district, "exchange", "import", year.file, "--json")
    assert code == 0, err
    assert out["imported"][0]["replaced"] is True
    with opened(district) as ws, ws.session_factory() as session:
        titles = set(session.scalars(select(ExchangeSession.title)))
    assert "Buổi đã sửa" in titles and len(titles) == 2
    # a package already taken is "unchanged"; one older than the newest overlapping one
    # that was never taken is refused, and nothing changes
    code, out, _ = cli(capsys, district, "exchange", "import", first.file, "--json")
    assert code == 0 and len(out["unchanged"]) == 1
    reason = _refused(district, Path(second_q4.file), capsys)
    assert "cũ hơn" in reason
    assert _count(district, ExchangeSession) == 2


def test_same_code_other_name_warns_and_erasures_travel(
        stations: Stations, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from trainer_app.services.roster.privacy import erase_person
    from trainer_app.services.workspace import settings_keys

    station = tmp_path / "a"
    shutil.copytree(stations.a, station)
    district = tmp_path / "district"
    assert cli(capsys, district, "exchange", "import", str(stations.pack_a))[0] == 0
    with opened(station) as ws:
        with ws.session_factory() as session:
            person_id = session.scalar(select(func.min(Person.id)))
        erase_person(ws.session_factory, person_id)
        settings_keys.set_setting(ws.session_factory, "unit_name", "TRẠM Y TẾ PHƯỜNG AN MỚI")
        later = export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "later.ctvpack")
    code, _out, err = cli(capsys, district, "exchange", "import", later.file, "--json")
    assert code == 0, err
    assert "trước đây là \"TRẠM Y TẾ PHƯỜNG AN\"" in err
    with opened(district) as ws, ws.session_factory() as session:
        erased = session.scalar(select(ExchangePerson).where(ExchangePerson.id == person_id))
        assert erased is not None and erased.erased and erased.full_name == ""


def test_service_report_lists_refusals_without_stopping(stations: Stations, tmp_path: Path) -> None:
    (tmp_path / "junk.ctvpack").write_bytes(b"PK\x03\x04junk")
    with opened(tmp_path / "district") as ws:
        report = import_packages(ws.session_factory, [tmp_path / "junk.ctvpack",
                                                      stations.pack_b])
    assert [i.station for i in report.imported] == ["TB"]
    assert report.refused[0].file.endswith("junk.ctvpack") and not report.ok


def test_huge_file_is_refused_before_opening(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.ctvpack"
    with huge.open("wb") as handle:  # sparse: 65 MB on paper, nothing on disk
        handle.truncate(65 * 1024 * 1024)
    assert "quá giới hạn" in _refused(tmp_path / "district", huge, capsys)


def test_key_and_sequence_survive_a_lost_file_or_an_older_database(
        stations: Stations, tmp_path: Path) -> None:
    from trainer_app.db.models import Setting
    from trainer_app.services.exchange import keys

    station = tmp_path / "a"
    shutil.copytree(stations.a, station)
    with opened(station) as ws:
        first = export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "1.ctvpack")
        (station / "exchange" / "station.key").unlink()  # the file lost: back from the database
        second = export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "2.ctvpack")
        assert second.fingerprint == first.fingerprint
        assert (station / "exchange" / "station.key").exists()
        with ws.session_factory.begin() as session:  # an older backup restored
            session.execute(text("DELETE FROM setting WHERE key IN (:k, :s)"),
                            {"k": keys.KEY_SETTING, "s": keys.SEQUENCE_SETTING})
        third = export_package(ws.session_factory, ws.data_dir, Q4, tmp_path / "3.ctvpack")
        assert third.fingerprint == first.fingerprint  # the file's key, never a new one
        assert third.sequence == second.sequence + 1
        with ws.session_factory() as session:
            assert session.get(Setting, keys.KEY_SETTING) is not None  # copied back
