"""`trainer-app settings show|set`: the same checks as the Settings page, lists as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer_app.cli import parse_args, run_command


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = run_command(parse_args(["--data-dir", str(data), *args]))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_set_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert cli(capsys, data, "settings", "set", "station_code", "th 1")[0] == 0
    assert cli(capsys, data, "settings", "set", "unit_name", "TRẠM Y TẾ PHƯỜNG AN")[0] == 0
    assert cli(capsys, data, "settings", "set", "recipients",
               '["Văn phòng UBND phường", "Lưu: VT"]')[0] == 0
    assert cli(capsys, data, "settings", "set", "allowance_amount", "70.000")[0] == 0
    assert cli(capsys, data, "settings", "set", "hardware_decoding", "false")[0] == 0
    code, out, _ = cli(capsys, data, "settings", "show", "--json")
    assert code == 0
    shown = json.loads(out)
    org = shown["organisation"]
    assert org["station_code"] == "TH1"
    assert org["unit_name"] == "TRẠM Y TẾ PHƯỜNG AN"
    assert org["recipients"] == ["Văn phòng UBND phường", "Lưu: VT"]
    assert org["allowance_amount"] == 70000
    assert shown["preferences"]["hardware_decoding"] is False
    assert shown["exchange"]["fingerprint"] == ""
    code, out, _ = cli(capsys, data, "settings", "show")
    assert "station_code = TH1" in out


def test_hotlines_take_a_json_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    shown = json.loads(cli(capsys, data, "settings", "show", "--json")[1])
    assert [h["number"] for h in shown["organisation"]["hotlines"]] == [
        "111", "113", "1900.54.55.59"]  # the ward letter's three by default
    value = json.dumps([{"number": "111", "label": "Tổng đài quốc gia bảo vệ trẻ em"},
                        {"number": "0283 123 4567", "label": "Công an phường Tân Hưng"}],
                       ensure_ascii=False)
    code, out, err = cli(capsys, data, "settings", "set", "hotlines", value, "--json")
    assert code == 0, err
    assert json.loads(out)["new"][1] == {"number": "0283 123 4567",
                                         "label": "Công an phường Tân Hưng"}
    shown = json.loads(cli(capsys, data, "settings", "show", "--json")[1])
    assert len(shown["organisation"]["hotlines"]) == 2
    code, _out, err = cli(capsys, data, "settings", "set", "hotlines", '[{"number": "111"}]')
    assert code == 2 and err.strip()
    after = json.loads(cli(capsys, data, "settings", "show", "--json")[1])
    assert after == shown


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("bogus", "1", "Không có cài đặt \"bogus\""),
    ("allowance_amount", "năm chục", "phải là một số nguyên"),
    ("allowance_amount", "-5", "từ 0 đến 100.000.000"),
    ("station_code", "Tân Hưng số 1", "Mã trạm"),
    ("certificate_pattern", "GCN", "{seq}"),
    ("recipients", '{"a": 1}', "mảng JSON"),
    ("recipients", '["a", ', "mảng JSON"),
    ("recipients", '[1, 2]', "chuỗi"),
    ("text_scale_percent", "900", "Cỡ chữ"),
    ("hardware_decoding", "maybe", "true hoặc false"),
])
def test_bad_values_are_refused_and_change_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str,
        expected: str) -> None:
    data = tmp_path / "d"
    cli(capsys, data, "settings", "set", "station_code", "TH1")
    before = json.loads(cli(capsys, data, "settings", "show", "--json")[1])
    code, _out, err = cli(capsys, data, "settings", "set", key, value)
    assert code == 2
    assert expected in err
    after = json.loads(cli(capsys, data, "settings", "show", "--json")[1])
    assert after == before
