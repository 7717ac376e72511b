"""The hotline setting: a JSON list of {number, label} under one key, the ward letter's three
by default, every bad entry refused with a Vietnamese message naming it (nothing stored)."""

from __future__ import annotations

import json

import pytest

from trainer_app.services.errors import UserError
from trainer_app.services.workspace.hotlines import (
    HOTLINES_KEY,
    LETTER_HOTLINES,
    Hotline,
    hotlines_json,
    load_hotlines,
    parse_hotlines,
    save_hotlines,
)
from trainer_app.services.workspace.opening import Workspace


def stored(ws: Workspace) -> object:
    """The stored value, read on its own connection (either engine)."""
    from sqlalchemy import text

    with ws.engine.connect() as connection:
        row = connection.execute(text("SELECT value FROM setting WHERE key = :k"),
                                 {"k": HOTLINES_KEY}).first()
    return None if row is None else json.loads(row[0])


def test_defaults_are_the_letters_three_with_their_owners(workspace: Workspace) -> None:
    assert load_hotlines(workspace.session_factory) == [
        Hotline("111", "Tổng đài quốc gia bảo vệ trẻ em"),
        Hotline("113", "Lực lượng phản ứng nhanh Công an Thành phố"),
        Hotline("1900.54.55.59",
                "Trung tâm Công tác xã hội - Giáo dục dạy nghề Thiếu niên Thành phố")]
    assert stored(workspace) is None


def test_round_trip_as_one_json_list(workspace: Workspace) -> None:
    text = '[{"number": " 111 ", "label": "Tổng  đài quốc gia bảo vệ trẻ em"},' \
           ' {"number": "0909.123.456", "label": "Cán bộ bảo vệ trẻ em phường"}]'
    saved = save_hotlines(workspace.session_factory, parse_hotlines(text))
    assert saved[0] == Hotline("111", "Tổng đài quốc gia bảo vệ trẻ em")
    assert stored(workspace) == [{"number": "111", "label": "Tổng đài quốc gia bảo vệ trẻ em"},
                                 {"number": "0909.123.456",
                                  "label": "Cán bộ bảo vệ trẻ em phường"}]
    assert load_hotlines(workspace.session_factory) == saved
    assert parse_hotlines(hotlines_json(LETTER_HOTLINES)) == list(LETTER_HOTLINES)


@pytest.mark.parametrize("text, message", [
    ("111", "phải là một mảng JSON"),
    ("[]", "ít nhất một"),
    ('[{"number": "111"', "không đúng dạng JSON (dòng 1"),
    ('[{"number": "111", "label": ""}]', "thứ 1 (111) chưa có tên cơ quan"),
    ('[{"number": "11", "label": "x"}]', "số \"11\" không hợp lệ"),
    ('[{"number": "111a", "label": "x"}]', "không hợp lệ"),
    ('[{"number": 111, "label": "x"}]', "phải là chuỗi"),
    ('["111"]', "thứ 1 phải có dạng"),
    ('[{"number": "111", "label": "x", "owner": "y"}]', "khóa lạ owner"),
    ('[{"number": "111", "label": "a"}, {"number": "1.1.1", "label": "b"}]',
     "thứ 2: số 1.1.1 trùng với đường dây nóng thứ 1"),
    (json.dumps([{"number": f"11{i}", "label": "x"} for i in range(9)]), "Tối đa 8"),
    (json.dumps([{"number": "111", "label": "x" * 121}]), "dài quá 120"),
])
def test_bad_lists_are_refused_and_nothing_is_stored(workspace: Workspace, text: str,
                                                     message: str) -> None:
    with pytest.raises(UserError) as caught:
        save_hotlines(workspace.session_factory, parse_hotlines(text))
    assert caught.value.code == "invalid_hotlines" and message in caught.value.message
    assert stored(workspace) is None


def test_numbers_kept_by_an_older_version_get_their_owner(workspace: Workspace) -> None:
    with workspace.session_factory.begin() as s:
        from trainer_app.db.models import Setting

        s.add(Setting(key="organisation", value=json.dumps(
            {"unit_name": "x", "hotlines": ["111", "1900 54 55 59", "0909123456"]})))
    assert load_hotlines(workspace.session_factory) == [
        LETTER_HOTLINES[0], Hotline("1900 54 55 59", LETTER_HOTLINES[2].label),
        Hotline("0909123456", "Đường dây nóng")]
