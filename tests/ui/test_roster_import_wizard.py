"""The roster import wizard, driven as a user would (offscreen), on real files and a real
database, through to a commit and an undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.fixtures.roster import make_fixtures as fx
from trainer_app.services.roster.importer import ADD, DOUBLE, ERROR, PlannedRow, RowNote
from trainer_app.ui import tasks
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.roster_import.preview_model import (
    COL_ACTION,
    COL_DETAIL,
    COL_NAME,
    COL_ROW,
    ImportPreviewModel,
)
from trainer_app.ui.dialogs.roster_import_wizard import (
    STEP_FILE,
    STEP_LEGACY,
    STEP_MAPPING,
    STEP_PREVIEW,
    STEP_RESULT,
    ImportWizard,
    run_import_wizard,
)

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "roster"


def names(ctx: AppContext) -> list[str]:
    conn = sqlite3.connect(ctx.data_dir.db_path)
    try:
        return [r[0] for r in conn.execute("SELECT full_name FROM person ORDER BY id")]
    finally:
        conn.close()


def make(qtbot, ctx: AppContext, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.set_path(path)
    return wizard


def settle() -> None:
    """Reading, planning and storing run on a worker: wait until the step has moved on."""
    assert tasks.wait_all(20_000), "the wizard's work did not end"


def row_of(wizard: ImportWizard, excel_row: int) -> int:
    model = wizard.preview_step.model
    return next(i for i in range(model.rowCount()) if model.entry(i).row == excel_row)


def test_messy_list_through_preview_commit_and_undo(qtbot, ctx: AppContext,  # type: ignore[no-untyped-def]
                                                    messages) -> None:
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)
    wizard = make(qtbot, ctx, ROSTER / "messy_ward_list.xlsx")
    assert wizard.next_button.text() == "Tiếp tục" and wizard.cancel_button.text() == "Hủy"

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.step == STEP_MAPPING
    combos = wizard.mapping_step.combos
    assert combos["full_name"].currentText().startswith("Cột B: Họ tên")
    assert combos["phone"].currentData() == 5 and combos["given_name"].currentData() is None
    assert wizard.mapping_step.header_spin.value() == 4

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.step == STEP_PREVIEW  # no legacy text: that step is skipped
    assert wizard.next_button.text() == "Nhập các dòng hợp lệ"
    assert wizard.cancel_button.text() == "Không nhập gì"
    summary = wizard.preview_step.summary_label.text()
    assert "7 người thêm mới" in summary and "4 dòng lỗi" in summary
    model = wizard.preview_step.model
    actions = {model.entry(i).row: model.index(i, COL_ACTION).data() for i in
               range(model.rowCount())}
    assert actions[6] == "Thêm mới" and actions[8] == "Gộp với dòng 6"
    assert actions[13].startswith("Có thể trùng") and actions[14].startswith("Lỗi")
    assert actions[28].startswith("Không nhập")
    colour = {r: model.index(row_of(wizard, r), COL_ACTION).data(Qt.ItemDataRole.BackgroundRole)
              .color().name() for r in (6, 13, 14)}
    assert len(set(colour.values())) == 3  # and words too (above)
    assert model.index(row_of(wizard, 28), COL_DETAIL).data() == (
        "Phần ký tên cuối danh sách: Nguyễn Văn Bình · Trần Thị Hạnh")

    wizard.preview_step.view.selectRow(row_of(wizard, 13))
    assert wizard.preview_step.detail_label.text().startswith("Dòng 13: Có thể trùng")
    qtbot.mouseClick(wizard.preview_step.merge_button, Qt.MouseButton.LeftButton)
    assert model.index(row_of(wizard, 13), COL_ACTION).data() == "Có thể trùng → gộp"

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.step == STEP_RESULT
    assert wizard.batch_id is not None
    assert "thêm 7 người mới, gộp 3 dòng" in wizard.result_step.summary_label.text()
    assert "Dòng 14: Thiếu họ tên" in wizard.result_step.details.toPlainText()
    assert changes == ["people"]
    assert sorted(names(ctx)) == sorted(p[0] for p in fx.MESSY_PEOPLE)

    messages.answers.append("Hoàn tác")
    qtbot.mouseClick(wizard.result_step.undo_button, Qt.MouseButton.LeftButton)
    assert names(ctx) == []
    assert changes == ["people", "people"]
    assert not wizard.result_step.undo_button.isEnabled()
    assert "xóa 7 người" in wizard.result_step.undo_label.text()
    assert wizard.batch_id is None
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # "Xong"
    assert wizard.result() == wizard.DialogCode.Accepted


def test_legacy_file_shows_converted_names_before_anything_is_stored(
        qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    wizard = make(qtbot, ctx, ROSTER / "tcvn3_list.xlsx")
    wizard.go_next()
    settle()
    wizard.go_next()
    settle()
    assert wizard.step == STEP_LEGACY
    table = wizard.legacy_step.table
    pairs = [(table.item(i, 0).text(), table.item(i, 1).text()) for i in range(table.rowCount())]
    assert ("NguyÔn ThÞ Lan", "Nguyễn Thị Lan") in pairs
    assert "TCVN3" in wizard.legacy_step.info_label.text()
    assert names(ctx) == []
    wizard.legacy_step.combo.setCurrentIndex(wizard.legacy_step.combo.findData("unicode"))
    wizard.legacy_step.legacy_changed.emit("unicode")
    settle()
    assert wizard.plan is not None and wizard.plan.source.legacy.converted_cells == 0
    wizard.legacy_step.legacy_changed.emit("auto")
    settle()
    wizard.go_next()
    assert wizard.step == STEP_PREVIEW
    wizard.go_next()
    settle()
    assert names(ctx) == fx.LEGACY_NAMES


def test_a_bad_file_is_explained_on_the_first_step(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    wizard = make(qtbot, ctx, ROSTER / "encrypted.xlsx")
    wizard.go_next()
    settle()
    assert wizard.step == STEP_FILE
    assert wizard.file_step.error_label.isVisible()
    assert "mật khẩu" in wizard.file_step.error_label.text()


def test_the_user_corrects_the_mapping(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    wizard = make(qtbot, ctx, ROSTER / "no_name_column.xlsx")
    wizard.go_next()
    settle()
    assert wizard.step == STEP_MAPPING
    assert wizard.mapping_step.combos["full_name"].currentData() is None
    wizard.go_next()
    settle()
    assert wizard.step == STEP_MAPPING
    assert "họ tên" in wizard.mapping_step.error_label.text()
    combo = wizard.mapping_step.combos["phone"]
    combo.setCurrentIndex(combo.findData(3))
    name = wizard.mapping_step.combos["full_name"]
    name.setCurrentIndex(name.findData(3))  # the same column twice
    wizard.go_next()
    settle()
    assert wizard.step == STEP_MAPPING and "hai mục" in wizard.mapping_step.error_label.text()
    combo.setCurrentIndex(0)
    wizard.go_next()
    settle()
    assert wizard.step == STEP_PREVIEW
    assert wizard.plan is not None and wizard.plan.column_map["full_name"] == 3


def test_run_import_wizard_returns_false_when_nothing_was_stored(
        qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportWizard)
        dialog.cancel_button.click()

    QTimer.singleShot(0, close)
    assert run_import_wizard(None, ctx) is False
    assert names(ctx) == []


def test_preview_model_is_database_free() -> None:
    model = ImportPreviewModel()
    rows = [
        PlannedRow(3, ADD, "Lê Văn Tám", None, 1960, "male", "0912345678", "5", "",
                   effective=ADD),
        PlannedRow(4, DOUBLE, "Lê Văn Tám", None, 1960, None, "", "5", "",
                   reason="Có thể trùng với Lê Văn Tám (dòng 3)", target_row=3),
        PlannedRow(6, ERROR, "", None, None, None, "", "", "", reason="Thiếu họ tên"),
    ]
    model.set_rows(rows, [RowNote(5, "Dòng tổng cộng", "Tổng cộng: 2")])
    assert model.rowCount() == 4 and model.columnCount() == 8
    assert [model.index(i, COL_ROW).data() for i in range(4)] == ["3", "4", "5", "6"]
    assert model.index(0, COL_ACTION).data() == "Thêm mới"
    assert model.index(0, 3).data() == "Nam"
    assert model.index(1, COL_ACTION).data() == "Có thể trùng — chưa chọn"
    assert model.index(1, COL_DETAIL).data().startswith("Chưa chọn thì không nhập")
    assert model.index(2, COL_DETAIL).data() == "Dòng tổng cộng: Tổng cộng: 2"
    assert model.index(3, COL_NAME).data() == "(không có tên)"
    assert model.index(3, 7).data() == "Thiếu họ tên"
    assert model.headerData(COL_ACTION, Qt.Orientation.Horizontal) == "Việc sẽ làm"
