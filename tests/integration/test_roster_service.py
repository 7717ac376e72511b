"""The roster service on a real SQLite workspace: search, Vietnamese order, field checks,
doubles, archive, khu phố and roles, XLSX export read back."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from trainer_app.domain.vntext import name_sort_key
from trainer_app.services.errors import UserError
from trainer_app.services.roster import service as rs
from trainer_app.services.roster.service import DuplicatePerson, PersonInput, PersonInvalid
from trainer_app.services.workspace.opening import Workspace

TODAY = date(2026, 11, 20)

PEOPLE = {
    "lan": ("Nguyễn Thị Lan", "0912345678"),
    "lan2": ("Trần Văn Lân", "0987654321"),
    "thuy_old_style": ("Lê Thị Thuý", "0933111222"),
    "thuy_new_style": ("Phạm Thúy Hằng", None),
    "an": ("Nguyễn Văn An", "0355000111"),
    "anh": ("Trần Thị Ánh", None),
    "an_hat": ("Đỗ Thị Ân", "02838123456"),
    "binh": ("Lê Văn Bình", None),
}


def add(ws: Workspace, name: str, phone: str | None = None, **fields: object) -> rs.PersonRow:
    return rs.add_person(ws.session_factory, PersonInput(full_name=name, phone=phone,
                                                         **fields), today=TODAY)  # type: ignore[arg-type]


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    return {key: add(workspace, name, phone).id for key, (name, phone) in PEOPLE.items()}


def names(rows: list[rs.PersonRow]) -> list[str]:
    return [r.full_name for r in rows]


def search(ws: Workspace, text: str, **filters: object) -> list[str]:
    return names(rs.list_people(ws.session_factory, search=text, **filters))  # type: ignore[arg-type]


# --- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "expected"), [
    ("nguyen thi lan", ["Nguyễn Thị Lan"]),
    ("NGUYEN", ["Nguyễn Văn An", "Nguyễn Thị Lan"]),
    ("lan", ["Nguyễn Thị Lan", "Trần Văn Lân"]),
    ("lân", ["Nguyễn Thị Lan", "Trần Văn Lân"]),  # accents ignored both ways
    ("lan nguyen", ["Nguyễn Thị Lan"]),  # words in any order
    ("  Nguyễn   THỊ  ", ["Nguyễn Thị Lan"]),
    (unicodedata.normalize("NFD", "Nguyễn Thị Lan"), ["Nguyễn Thị Lan"]),  # another keyboard
    ("thuy", ["Phạm Thúy Hằng", "Lê Thị Thuý"]),
    ("Thúy", ["Phạm Thúy Hằng", "Lê Thị Thuý"]),  # both tone placements
    ("Thuý", ["Phạm Thúy Hằng", "Lê Thị Thuý"]),
    ("dô", ["Đỗ Thị Ân"]),  # đ folds to d
    ("0912", ["Nguyễn Thị Lan"]),
    ("912 345", ["Nguyễn Thị Lan"]),
    ("0912.345.678", ["Nguyễn Thị Lan"]),
    ("+84 912 345 678", ["Nguyễn Thị Lan"]),
    ("lan 0912", ["Nguyễn Thị Lan"]),  # name and phone together
    ("lân 0987", ["Trần Văn Lân"]),
    ("thuy 0912", []),
    ("3812", ["Đỗ Thị Ân"]),  # a landline
    ("xyz", []),
    ("%", []),  # LIKE wildcards are escaped
    ("_", []),
])
def test_search(workspace: Workspace, people: dict[str, int], typed: str,
                expected: list[str]) -> None:
    assert search(workspace, typed) == expected


def test_empty_search_lists_everyone_in_vietnamese_order(workspace: Workspace,
                                                         people: dict[str, int]) -> None:
    listed = search(workspace, "")
    # Given name first (An < Ánh < Ân < Bình: a, then tones, then â), then middle, family.
    assert listed == ["Nguyễn Văn An", "Trần Thị Ánh", "Đỗ Thị Ân", "Lê Văn Bình",
                      "Phạm Thúy Hằng", "Nguyễn Thị Lan", "Trần Văn Lân", "Lê Thị Thuý"]
    assert listed == sorted(listed, key=name_sort_key)
    assert listed != sorted(listed)  # not plain string order


def test_order_follows_name_sort_key_on_many_names(workspace: Workspace) -> None:
    from trainer_app.services.workspace import demo_content as c

    made = [f"{family} {middle} {given}" for family in c.FAMILY_NAMES[:6]
            for middle in c.FEMALE_MIDDLE[:3] for given in c.FEMALE_GIVEN[:8]]
    for name in made:
        add(workspace, name)
    listed = search(workspace, "")
    assert listed == sorted(made, key=name_sort_key)


def test_filters_and_archived(workspace: Workspace, people: dict[str, int]) -> None:
    factory = workspace.session_factory
    nb = rs.list_neighbourhoods(factory)
    roles = rs.list_roles(factory)
    rs.update_person(factory, people["lan"], PersonInput(
        full_name="Nguyễn Thị Lan", phone="0912345678", neighbourhood_id=nb[4].id,
        role_id=roles[0].id), today=TODAY)
    assert search(workspace, "", neighbourhood_id=nb[4].id) == ["Nguyễn Thị Lan"]
    assert search(workspace, "", role_id=roles[0].id) == ["Nguyễn Thị Lan"]
    assert search(workspace, "", neighbourhood_id=nb[5].id) == []
    rs.archive_person(factory, people["lan"])
    assert "Nguyễn Thị Lan" not in search(workspace, "")
    assert rs.count_people(factory) == len(PEOPLE) - 1
    assert rs.count_people(factory, include_archived=True) == len(PEOPLE)
    shown = rs.list_people(factory, search="lan", include_archived=True)
    assert [(p.full_name, p.archived) for p in shown] == [
        ("Nguyễn Thị Lan", True), ("Trần Văn Lân", False)]
    row = rs.unarchive(factory, people["lan"])
    assert row.archived is False
    assert "Nguyễn Thị Lan" in search(workspace, "lan")


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_counts_of_sessions_and_certificates(demo_workspace: Workspace) -> None:
    rows = rs.list_people(demo_workspace.session_factory)
    conn = sqlite3.connect(demo_workspace.data_dir.db_path)
    try:
        attended = dict(conn.execute(
            "SELECT person_id, count(*) FROM attendance WHERE status IN ('present', 'late') "
            "GROUP BY person_id").fetchall())
        certificates = dict(conn.execute(
            "SELECT person_id, count(*) FROM certificate WHERE revoked_at IS NULL "
            "GROUP BY person_id").fetchall())
    finally:
        conn.close()
    assert len(rows) == 40
    assert {r.id: r.sessions_attended for r in rows if r.sessions_attended} == attended
    assert {r.id: r.certificates for r in rows if r.certificates} == certificates
    assert sum(attended.values()) > 0 and sum(certificates.values()) > 0


# --- add / update ---------------------------------------------------------------------------


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_cleaning_on_the_way_in(workspace: Workspace) -> None:
    typed = unicodedata.normalize("NFD", "  nguyễn   THỊ  lan\u200b ")
    row = add(workspace, typed, "+84 912.345.678", unit="  Hội  Phụ nữ ",
              notes="dòng 1\r\n  dòng   2 ", birth_year=" 1975 ")
    assert row.full_name == "Nguyễn Thị Lan"
    assert unicodedata.is_normalized("NFC", row.full_name)
    assert (row.phone, row.unit, row.notes, row.birth_year) == (
        "0912345678", "Hội Phụ nữ", "dòng 1\ndòng 2", 1975)
    conn = sqlite3.connect(workspace.data_dir.db_path)
    try:
        assert conn.execute("SELECT search_key FROM person").fetchone()[0] == "nguyen thi lan"
    finally:
        conn.close()


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"full_name": "   "}, "full_name", "Chưa nhập họ tên."),
    ({"phone": "0912 345"}, "phone", "Số điện thoại không hợp lệ: thiếu số."),
    ({"phone": "09123456789"}, "phone", "Số điện thoại không hợp lệ: thừa số."),
    ({"phone": "gọi bà Tư"}, "phone", "Số điện thoại không hợp lệ: có chữ hoặc ký tự lạ."),
    ({"birth_year": "1919"}, "birth_year", "Năm sinh phải từ 1920 đến 2016."),
    ({"birth_year": 2020}, "birth_year", "Năm sinh phải từ 1920 đến 2016."),
    ({"birth_year": "19a5"}, "birth_year", "Năm sinh phải là số có 4 chữ số, ví dụ 1975."),
    ({"neighbourhood_id": 9999}, "neighbourhood_id",
     "Khu phố đã chọn không còn trong danh sách; hãy chọn lại."),
    ({"role_id": 9999}, "role_id", "Chức danh đã chọn không còn trong danh sách; hãy chọn lại."),
    ({"gender": "nam"}, "gender", "Giới tính phải là Nam, Nữ hoặc Khác."),
    ({"consent_date": date(2026, 11, 21), "consent_method": "Ký phiếu"}, "consent_date",
     "Ngày đồng ý không được sau hôm nay."),
    ({"consent_date": date(2026, 1, 2)}, "consent_method",
     "Hãy ghi cách người này đồng ý, ví dụ “Ký phiếu đồng ý”."),
])
def test_field_checks(workspace: Workspace, fields: dict[str, object], field: str,
                      message: str) -> None:
    data = {"full_name": "Nguyễn Thị Lan", **fields}
    with pytest.raises(PersonInvalid) as caught:
        rs.add_person(workspace.session_factory, PersonInput(**data), today=TODAY)  # type: ignore[arg-type]
    assert caught.value.problems == {field: message}
    assert caught.value.message == message
    assert rs.count_people(workspace.session_factory, include_archived=True) == 0


def test_every_problem_is_listed_at_once(workspace: Workspace) -> None:
    with pytest.raises(PersonInvalid) as caught:
        rs.add_person(workspace.session_factory,
                      PersonInput(full_name="", phone="12", birth_year="1800"), today=TODAY)
    assert set(caught.value.problems) == {"full_name", "phone", "birth_year"}


def test_exact_double_is_refused_with_the_existing_person_named(workspace: Workspace) -> None:
    factory = workspace.session_factory
    nb = rs.list_neighbourhoods(factory)[2]
    first = add(workspace, "Nguyễn Thị Thuý", "0912345678", neighbourhood_id=nb.id,
                birth_year=1970)
    with pytest.raises(DuplicatePerson) as caught:
        add(workspace, "NGUYỄN THỊ THÚY", "+84912345678")  # case, tone style, phone style
    assert caught.value.existing_id == first.id
    assert "Nguyễn Thị Thuý" in caught.value.message
    assert f"mã {first.id}" in caught.value.message and "Khu phố 3" in caught.value.message
    # Same name, another phone; same phone, another name: different people.
    add(workspace, "Nguyễn Thị Thuý", "0987654321")
    other = add(workspace, "Nguyễn Thị Thu", "0912345678")
    with pytest.raises(DuplicatePerson):
        rs.update_person(factory, other.id, PersonInput(full_name="nguyễn thị thuý",
                                                        phone="0912345678"), today=TODAY)
    rs.archive_person(factory, first.id)
    with pytest.raises(DuplicatePerson) as archived:
        add(workspace, "Nguyễn Thị Thúy", "0912345678")
    assert "lưu trữ" in archived.value.message
    assert rs.count_people(factory, include_archived=True) == 3


def test_update_keeps_an_archived_khu_pho_but_refuses_to_choose_one(
        workspace: Workspace) -> None:
    factory = workspace.session_factory
    nb = rs.list_neighbourhoods(factory)
    person = add(workspace, "Lê Văn Tám", neighbourhood_id=nb[7].id)
    rs.archive_neighbourhood(factory, nb[7].id)
    kept = rs.update_person(factory, person.id, PersonInput(
        full_name="Lê Văn Tám", neighbourhood_id=nb[7].id, unit="Tổ 8"), today=TODAY)
    assert (kept.neighbourhood_name, kept.unit) == ("Khu phố 8", "Tổ 8")
    with pytest.raises(PersonInvalid) as caught:
        add(workspace, "Lê Văn Chín", neighbourhood_id=nb[7].id)
    assert "đã được lưu trữ" in caught.value.problems["neighbourhood_id"]


@pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")
def test_audit_holds_field_names_not_values(workspace: Workspace) -> None:
    factory = workspace.session_factory
    person = add(workspace, "Nguyễn Thị Lan", "0912345678")
    rs.update_person(factory, person.id, PersonInput(full_name="Nguyễn Thị Lan",
                                                     phone="0987000111", birth_year=1980),
                     today=TODAY)
    rs.archive_person(factory, person.id)
    conn = sqlite3.connect(workspace.data_dir.db_path)
    try:
        entries = conn.execute("SELECT action, entity_id, before, after FROM audit_entry "
                               "WHERE entity = 'person' ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [e[0] for e in entries] == ["person.add", "person.update", "person.archive"]
    assert json.loads(entries[1][3]) == {"fields": ["birth_year", "phone"]}
    text = repr(entries)
    assert "Lan" not in text and "0912" not in text and "0987" not in text


def test_unknown_person(workspace: Workspace) -> None:
    with pytest.raises(UserError, match="Không tìm thấy cộng tác viên mã 42"):
        rs.get_person(workspace.session_factory, 42)


# --- khu phố and roles ----------------------------------------------------------------------


def test_default_khu_pho_are_created_once_and_edited(workspace: Workspace) -> None:
    from trainer_app.services.roster import reference as roster_reference
    from trainer_app.services.roster.import_match import DEFAULT_NEIGHBOURHOODS

    factory = workspace.session_factory
    listed = rs.list_neighbourhoods(factory)
    assert [(n.number, n.name) for n in listed] == [
        (i, f"Khu phố {i}") for i in DEFAULT_NEIGHBOURHOODS]
    assert list(roster_reference.DEFAULT_NEIGHBOURHOODS) == list(DEFAULT_NEIGHBOURHOODS)
    assert len(rs.list_neighbourhoods(factory)) == 75  # not created twice

    extra = rs.add_neighbourhood(factory, "  ấp   Bình Thuận ")
    assert (extra.name, extra.number) == ("ấp Bình Thuận", None)
    numbered = rs.add_neighbourhood(factory, "", 76)
    assert numbered.name == "Khu phố 76"
    with pytest.raises(UserError, match="Đã có khu phố số 5"):
        rs.add_neighbourhood(factory, "Tổ 5", 5)
    with pytest.raises(UserError, match="Đã có khu phố tên “Khu phố 7”"):
        rs.add_neighbourhood(factory, "KHU PHO 7")
    with pytest.raises(UserError, match="Hãy nhập số hoặc tên"):
        rs.add_neighbourhood(factory, " ")
    renamed = rs.rename_neighbourhood(factory, listed[0].id, "Khu phố 1 (Chợ)")
    assert (renamed.number, renamed.name) == (1, "Khu phố 1 (Chợ)")
    rs.archive_neighbourhood(factory, listed[1].id)
    active = rs.list_neighbourhoods(factory)
    assert listed[1].id not in [n.id for n in active]
    assert active[-1].name == "ấp Bình Thuận"  # no number: after the numbered ones
    everything = rs.list_neighbourhoods(factory, include_archived=True)
    assert any(n.id == listed[1].id and n.archived for n in everything)


def test_roles(workspace: Workspace) -> None:
    factory = workspace.session_factory
    assert [r.name for r in rs.list_roles(factory)] == [
        "CTV bảo vệ chăm sóc trẻ em", "CTV dân số", "CTV sức khỏe cộng đồng"]
    role = rs.add_role(factory, "  Tổ trưởng   tổ dân phố ")
    assert role.name == "Tổ trưởng tổ dân phố"
    with pytest.raises(UserError, match="Đã có chức danh “CTV dân số”"):
        rs.add_role(factory, "ctv DAN SO")
    with pytest.raises(UserError, match="Hãy nhập tên chức danh"):
        rs.add_role(factory, "")


# --- export ---------------------------------------------------------------------------------


def test_export_read_back(workspace: Workspace, people: dict[str, int],
                          tmp_path: Path) -> None:
    factory = workspace.session_factory
    formula = add(workspace, "=HYPERLINK(\"http://x\")", "0900000001",
                  notes="+84 gọi sau\n@ghi chú", unit="-Tổ 1", birth_year=1960)
    rs.archive_person(factory, people["binh"])
    target = tmp_path / "danh sách.xlsx"
    result = rs.export_roster(factory, target)
    assert result.people == len(PEOPLE)  # the archived one left out, the new one in
    workbook = load_workbook(target)
    ws = workbook.active
    assert ws.title == "Cộng tác viên"
    header = [c.value for c in ws[1]]
    assert header[:9] == ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại",
                          "Khu phố", "Chức danh", "Đơn vị", "Ghi chú"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 28
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    listed = rs.list_people(factory)
    assert [r[1] for r in rows] == [p.full_name for p in listed]
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    by_name = {r[1]: r for r in rows}
    lan = by_name["Nguyễn Thị Lan"]
    assert lan[4] == "0912345678"  # text: the leading 0 kept
    assert ws.cell(row=2 + [r[1] for r in rows].index("Nguyễn Thị Lan"), column=5
                   ).number_format == "@"
    odd_row = 2 + [r[1] for r in rows].index(formula.full_name)
    name_cell = ws.cell(row=odd_row, column=2)
    assert name_cell.value == formula.full_name and formula.full_name.startswith("=")
    assert name_cell.data_type == "s" and name_cell.quotePrefix
    assert ws.cell(row=odd_row, column=4).value == 1960  # a number, not text
    assert isinstance(ws.cell(row=odd_row, column=4).value, int)
    assert ws.cell(row=odd_row, column=8).value == "-Tổ 1"
    assert ws.cell(row=odd_row, column=8).data_type == "s"
    assert ws.cell(row=odd_row, column=9).value == "+84 gọi sau\n@ghi chú"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # Raw XML: no formula element anywhere.
    import zipfile

    with zipfile.ZipFile(target) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_export_refuses_bad_targets(workspace: Workspace, tmp_path: Path) -> None:
    factory = workspace.session_factory
    with pytest.raises(UserError, match=r"đuôi \.xlsx"):
        rs.export_roster(factory, tmp_path / "a.csv")
    with pytest.raises(UserError, match="Không có thư mục"):
        rs.export_roster(factory, tmp_path / "missing" / "a.xlsx")


def test_exported_roster_imports_back_as_the_same_people(
        demo_workspace: Workspace, workspace_factory: object, tmp_path: Path) -> None:
    from trainer_app.services.roster.importer import commit_import, plan_import

    target = tmp_path / "ctv.xlsx"
    rs.export_roster(demo_workspace.session_factory, target)
    other = workspace_factory()  # type: ignore[operator]
    plan = plan_import(other.session_factory, target)
    result = commit_import(other.session_factory, plan)
    assert (result.added, result.merged, result.skipped) == (40, 0, [])

    def fields(ws: Workspace) -> list[tuple[object, ...]]:
        return [(p.full_name, p.gender, p.birth_year, p.phone, p.neighbourhood_name,
                 p.role_name, p.unit) for p in rs.list_people(ws.session_factory)]

    assert fields(other) == fields(demo_workspace)


@pytest.fixture
def workspace_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.workspace.opening import open_workspace

    opened: list[Workspace] = []

    def make() -> Workspace:
        ws = open_workspace(DataDir(tmp_path / f"other{len(opened)}", DataDirSource.ARGUMENT))
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()
