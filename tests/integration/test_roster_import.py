"""Roster import end to end: real files, a real SQLite database per test, real commits."""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.fixtures.roster import make_fixtures as fx
from tests.helpers import table_dump
from trainer_app.db.models import Attendance, TrainingSession
from trainer_app.services.errors import UserError
from trainer_app.services.roster.importer import (
    DOUBLE,
    ERROR,
    MERGE,
    ImportOptions,
    commit_import,
    plan_import,
    preview_result,
    read_source,
    undo_import,
)
from trainer_app.services.workspace.opening import Workspace

pytestmark = pytest.mark.sqlite_only("compares whole tables dumped with sqlite3 (table_dump)")

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"
MESSY = ROSTER / "messy_ward_list.xlsx"
BOOKKEEPING = ("import_batch", "audit_entry")


def people(ws: Workspace) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(ws.data_dir.db_path)
    try:
        return conn.execute(
            "SELECT p.full_name, p.birth_year, p.phone, n.number, p.gender, r.name, p.unit, "
            "p.notes, p.search_key FROM person p LEFT JOIN neighbourhood n "
            "ON n.id = p.neighbourhood_id LEFT JOIN role r ON r.id = p.role_id "
            "ORDER BY p.id").fetchall()
    finally:
        conn.close()


def dump(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    return {t: rows for t, rows in table_dump(ws.data_dir.db_path).items()
            if t not in BOOKKEEPING}


def run(ws: Workspace, path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    plan = plan_import(ws.session_factory, path)
    return commit_import(ws.session_factory, plan, **kwargs)  # type: ignore[arg-type]


# --- the messy ward list (the "Done when") -----------------------------------------


def test_messy_list_gives_exactly_the_distinct_people(workspace: Workspace) -> None:
    plan = plan_import(workspace.session_factory, MESSY)
    actions = {r.row: r.action for r in plan.rows}
    assert {row for row, a in actions.items() if a == ERROR} == set(fx.MESSY_BAD)
    assert {row for row, a in actions.items() if a == MERGE} == set(fx.MESSY_MERGED)
    assert {row for row, a in actions.items() if a == DOUBLE} == set(fx.MESSY_DOUBLE)
    for row, earlier in {**fx.MESSY_MERGED, **fx.MESSY_DOUBLE}.items():
        assert next(r for r in plan.rows if r.row == row).target_row == earlier
    assert {n.row for n in plan.ignored} == fx.MESSY_IGNORED

    result = commit_import(workspace.session_factory, plan)

    stored = people(workspace)
    assert {(name, year, phone, nb) for name, year, phone, nb, *_ in stored} == fx.MESSY_PEOPLE
    assert len(stored) == len(fx.MESSY_PEOPLE)
    assert (result.added, result.merged) == (7, 2)
    assert {s["row"] for s in result.skipped} == set(fx.MESSY_BAD)
    for item in result.skipped:
        assert fx.MESSY_BAD[item["row"]] in item["reason"].lower(), item
    assert any(w.startswith("Dòng 13:") and "trùng" in w for w in result.warnings)
    for name, *_rest, search in stored:
        assert unicodedata.is_normalized("NFC", name)
        assert search == unicodedata.normalize("NFC", search) and search.islower()
    lan = next(p for p in stored if p[0] == "Nguyễn Thị Lan")
    assert lan[4:8] == ("female", "CTV dân số", "Trạm Y tế", "Có Zalo")  # row 8 filled notes


def test_running_the_messy_list_twice_adds_nobody(workspace: Workspace) -> None:
    first = run(workspace, MESSY)
    before = dump(workspace)
    second = run(workspace, MESSY)
    assert first.added == 7
    assert second.added == 0
    assert second.merged == 8  # every row with a phone is the same person again
    assert {s["row"] for s in second.skipped} == set(fx.MESSY_BAD)
    assert [w[:8] for w in second.warnings if "trùng" in w] == ["Dòng 12:", "Dòng 13:"]
    after = dump(workspace)
    assert after["person"] == before["person"]
    assert after == before


def test_undo_restores_the_database_exactly(workspace: Workspace) -> None:
    before = dump(workspace)
    result = run(workspace, MESSY)
    assert len(people(workspace)) == 7
    undone = undo_import(workspace.session_factory, result.batch_id)  # type: ignore[arg-type]
    assert (undone.removed, undone.restored) == (7, 0)
    assert dump(workspace) == before  # also the 75 khu phố and 3 roles it created are gone
    with pytest.raises(UserError) as caught:
        undo_import(workspace.session_factory, result.batch_id)  # type: ignore[arg-type]
    assert caught.value.code == "already_undone"
    batch = table_dump(workspace.data_dir.db_path)["import_batch"]
    assert len(batch) == 1 and batch[0][5] is not None  # kept, marked undone


def _second_list(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "SĐT", "Đơn vị", "Ghi chú", "Khu phố"])
    ws.append(["TRẦN VĂN ĐỨC", 1971, "0912 345 679", "Trạm Y tế", "Đã chuyển nhà", 5])
    ws.append(["Phạm Văn Hùng", 1980, "0977000111", None, None, 3])
    ws.append(["Hồ Thị Mới", 1990, "0977000222", None, None, 4])
    wb.save(path)


def test_merge_fills_empty_fields_reports_conflicts_and_undo_gives_them_back(
        workspace: Workspace, tmp_path: Path) -> None:
    run(workspace, MESSY)
    before = dump(workspace)
    second = tmp_path / "bo_sung.xlsx"
    _second_list(second)
    plan = plan_import(workspace.session_factory, second)
    assert [r.action for r in plan.rows] == [MERGE, DOUBLE, "add"]
    result = commit_import(workspace.session_factory, plan, decisions={3: "merge"})
    assert (result.added, result.merged) == (1, 2)
    assert any("năm sinh khác" in w and "giữ 1970" in w for w in result.warnings)
    assert any("ghi chú khác" in w for w in result.warnings)
    stored = {p[0]: p for p in people(workspace)}
    assert stored["Trần Văn Đức"][1] == 1970  # never overwritten
    assert stored["Trần Văn Đức"][6] == "Trạm Y tế"  # an empty field filled
    assert stored["Trần Văn Đức"][7] == "Tổ trưởng"
    assert stored["Phạm Văn Hùng"][2] == "0977000111"  # the double, merged by decision
    undone = undo_import(workspace.session_factory, result.batch_id)  # type: ignore[arg-type]
    assert (undone.removed, undone.restored) == (1, 2)
    assert dump(workspace) == before


def test_possible_doubles_are_settled_by_decisions(workspace: Workspace) -> None:
    plan = plan_import(workspace.session_factory, MESSY)
    assert preview_result(plan).added == 7
    added = commit_import(workspace.session_factory, plan, decisions={13: "add"})
    assert added.added == 8
    assert sum(1 for p in people(workspace) if p[0] == "Phạm Văn Hùng") == 2
    assert not any(w.startswith("Dòng 13:") for w in added.warnings)


def test_a_user_can_skip_any_row(workspace: Workspace) -> None:
    result = run(workspace, MESSY, decisions={6: "skip", 13: "skip"})
    assert result.added == 7  # row 8 (same person as row 6) now adds Nguyễn Thị Lan
    assert {s["row"] for s in result.skipped} == {6, 13, *fx.MESSY_BAD}
    with pytest.raises(ValueError):
        run(workspace, MESSY, decisions={6: "delete"})


def test_bad_rows_can_be_imported_without_their_bad_values(workspace: Workspace) -> None:
    result = run(workspace, MESSY, include_bad_rows=True)
    assert result.added == 9  # rows 15 and 16 too; 14 and 18 have no name
    assert {s["row"] for s in result.skipped} == {14, 18}
    stored = {p[0]: p for p in people(workspace)}
    assert stored["Võ Thị Hoa"][2] is None and "12345" in stored["Võ Thị Hoa"][7]
    assert stored["Đặng Văn Minh"][1] is None and "1850" in stored["Đặng Văn Minh"][7]


def test_preview_stores_nothing(workspace: Workspace) -> None:
    before = table_dump(workspace.data_dir.db_path)
    plan = plan_import(workspace.session_factory, MESSY)
    result = preview_result(plan)
    assert result.dry_run and (result.added, result.merged) == (7, 2)
    assert table_dump(workspace.data_dir.db_path) == before


# --- safety: one transaction, stale plans, undo refusals --------------------------------------


def test_cancel_during_commit_stores_nothing(workspace: Workspace) -> None:
    before = table_dump(workspace.data_dir.db_path)
    plan = plan_import(workspace.session_factory, MESSY)
    with pytest.raises(UserError) as caught:
        commit_import(workspace.session_factory, plan, cancel=lambda: True)
    assert caught.value.code == "cancelled"
    assert table_dump(workspace.data_dir.db_path) == before


def test_a_plan_made_before_other_changes_is_refused(workspace: Workspace) -> None:
    plan = plan_import(workspace.session_factory, MESSY)
    run(workspace, MESSY)
    with pytest.raises(UserError) as caught:
        commit_import(workspace.session_factory, plan)
    assert caught.value.code == "stale_plan"
    assert len(people(workspace)) == 7


def test_undo_is_refused_once_someone_has_attendance(demo_workspace: Workspace,
                                                     tmp_path: Path) -> None:
    ws = demo_workspace
    path = tmp_path / "moi.xlsx"
    _second_list(path)
    result = run(ws, path)
    assert result.added == 3
    with ws.session_factory.begin() as session:
        person_id = session.execute(
            __import__("sqlalchemy").text("SELECT id FROM person WHERE full_name='Hồ Thị Mới'")
        ).scalar_one()
        training = TrainingSession(title="Buổi thử", held_on=date(2026, 12, 1))
        session.add(training)
        session.flush()
        session.add(Attendance(session_id=training.id, person_id=person_id))
    before = table_dump(ws.data_dir.db_path)
    with pytest.raises(UserError) as caught:
        undo_import(ws.session_factory, result.batch_id)  # type: ignore[arg-type]
    assert caught.value.code == "import_in_use"
    assert "Hồ Thị Mới" in caught.value.message
    assert table_dump(ws.data_dir.db_path) == before


def test_undo_of_an_earlier_import_waits_for_a_later_one_that_built_on_it(
        workspace: Workspace, tmp_path: Path) -> None:
    first = run(workspace, MESSY)
    path = tmp_path / "bo_sung.xlsx"
    _second_list(path)
    second = run(workspace, path)
    assert second.merged == 1
    with pytest.raises(UserError) as caught:
        undo_import(workspace.session_factory, first.batch_id)  # type: ignore[arg-type]
    assert caught.value.code == "later_import"
    undo_import(workspace.session_factory, second.batch_id)  # type: ignore[arg-type]
    undo_import(workspace.session_factory, first.batch_id)  # type: ignore[arg-type]
    assert people(workspace) == []


# --- khu phố and roles ----------------------------------------------------------------------


def test_khu_pho_must_exist_when_the_list_is_not_empty(demo_workspace: Workspace,
                                                       tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "KP", "Vai trò"])
    ws.append(["Lý Thị Tám", "KP 80", "CTV dân số"])
    ws.append(["Lý Văn Chín", "Khu phố 7", "ctv DÂN SỐ"])
    ws.append(["Lý Văn Mười", "Khu phố 8", "Tổ trưởng tổ dân phố"])
    ws.append(["Lý Văn Một", "Khu phố Bắc", None])
    path = tmp_path / "kp.xlsx"
    wb.save(path)
    plan = plan_import(demo_workspace.session_factory, path)
    assert [r.action for r in plan.rows] == [ERROR, "add", "add", ERROR]
    assert "Khu phố 80 không có" in plan.rows[0].reason
    assert "“Khu phố Bắc” không có" in plan.rows[3].reason
    assert any("Tổ trưởng tổ dân phố" in n for n in plan.notes)
    result = commit_import(demo_workspace.session_factory, plan)
    assert result.added == 2
    assert any("Đã tạo chức danh mới: Tổ trưởng tổ dân phố" in w for w in result.warnings)
    conn = sqlite3.connect(demo_workspace.data_dir.db_path)
    assert conn.execute("SELECT count(*) FROM neighbourhood").fetchone()[0] == 75
    role = conn.execute("SELECT r.name FROM person p JOIN role r ON r.id = p.role_id "
                        "WHERE p.full_name = 'Lý Văn Chín'").fetchone()[0]
    conn.close()
    assert role == "CTV dân số"  # matched case- and accent-insensitively, not created


# --- other files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ward_cp1258.csv", "ward_cp1252_tcvn3.csv",
                                  "ward_utf8_bom.csv"])
def test_csv_files_in_every_encoding(workspace: Workspace, name: str) -> None:
    result = run(workspace, ROSTER / name)
    assert result.added == 4
    assert [p[0] for p in people(workspace)] == fx.CSV_NAMES
    assert people(workspace)[1][1] == 1970  # "12/05/1970" typed as text
    if name == "ward_utf8_bom.csv":
        assert result.merged == 1  # the NFD, capitalised Nguyễn Thị Lan with a bare phone


@pytest.mark.parametrize("name", ["tcvn3_list.xlsx", "vni_list.xlsx"])
def test_legacy_files_are_converted_and_shown_before_storing(workspace: Workspace,
                                                             name: str) -> None:
    plan = plan_import(workspace.session_factory, ROSTER / name)
    assert plan.source.legacy.encoding in name
    assert plan.legacy_samples[0][1] == "Nguyễn Thị Lan"
    assert plan.legacy_samples[0][0] != "Nguyễn Thị Lan"
    assert any("bảng mã cũ" in n for n in plan.notes)
    commit_import(workspace.session_factory, plan)
    assert [p[0] for p in people(workspace)] == fx.LEGACY_NAMES


def test_two_row_header_file(workspace: Workspace) -> None:
    result = run(workspace, ROSTER / "two_row_header.xlsx")
    assert result.added == 4
    assert {(p[0], p[4], p[1], p[3], p[5]) for p in people(workspace)} == fx.TWO_ROW_PEOPLE


def test_a_later_sheet_with_names_is_found(workspace: Workspace, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Điền danh sách vào trang bên cạnh."])
    sheet = wb.create_sheet("Danh sách")
    sheet.append(["Họ và tên", "SĐT"])
    sheet.append(["Võ Văn Kiệt", "0911222333"])
    path = tmp_path / "hai_trang.xlsx"
    wb.save(path)
    source = read_source(path)
    assert source.sheet_name == "Danh sách"
    with pytest.raises(UserError) as caught:
        plan_import(workspace.session_factory, path, ImportOptions(sheet="Hướng dẫn"))
    assert caught.value.code == "no_name_column"


def test_no_name_column_lists_the_headers(workspace: Workspace) -> None:
    with pytest.raises(UserError) as caught:
        plan_import(workspace.session_factory, ROSTER / "no_name_column.xlsx")
    assert caught.value.code == "no_name_column"
    assert "“Ngày sinh”, “Điện thoại”" in caught.value.message
    plan = plan_import(workspace.session_factory, ROSTER / "no_name_column.xlsx",
                       ImportOptions(header_row=1, column_map={"full_name": 1, "phone": 3}))
    assert [r.action for r in plan.rows] == [ERROR]  # the STT number is not a name


@pytest.mark.parametrize(("name", "code"), [
    ("not_a_spreadsheet.pdf", "not_spreadsheet"), ("encrypted.xlsx", "encrypted"),
    ("truncated.xlsx", "damaged"), ("empty_sheet.xlsx", "empty_sheet"),
])
def test_unusable_files_raise_user_errors(workspace: Workspace, name: str, code: str) -> None:
    with pytest.raises(UserError) as caught:
        plan_import(workspace.session_factory, ROSTER / name)
    assert caught.value.code == code and name in caught.value.message


def test_mixed_nfc_and_nfd_names_are_one_person(workspace: Workspace, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ tên", "Điện thoại"])
    ws.append([unicodedata.normalize("NFC", "Nguyễn Thị Thuý"), "0912000001"])
    ws.append([unicodedata.normalize("NFD", "nguyễn thị thúy"), 912000001])
    ws.append([unicodedata.normalize("NFD", "NGUYỄN  THỊ THUÝ"), "+84912000001"])
    path = tmp_path / "nfd.xlsx"
    wb.save(path)
    result = run(workspace, path)
    assert (result.added, result.merged) == (1, 2)
    assert [p[0] for p in people(workspace)] == ["Nguyễn Thị Thuý"]


def test_ten_thousand_rows(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    fx.write_big_list(path, 10_000)
    seen: list[int] = []
    start = time.perf_counter()
    plan = plan_import(workspace.session_factory, path, progress=lambda d, t: seen.append(d))
    result = commit_import(workspace.session_factory, plan)
    elapsed = time.perf_counter() - start
    assert (result.added, result.merged, result.skipped) == (10_000, 0, [])
    assert seen and seen[-1] == 100 and seen == sorted(seen)
    assert elapsed < 60  # the benchmark (bench/bench_roster_import.py) has the real target
    again = run(workspace, path)
    assert (again.added, again.merged) == (0, 10_000)
