"""The exchange packages in the GUI: the station's export dialog, the centre's import dialog
with its preview (first-time fingerprint warning, key-change warning and choice), station
tiles on Tổng quan, the district report on Báo cáo, and the Tệp menu entries."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.exchange_helpers import Q4, make_station, opened, resign
from trainer_app.services.exchange.export import export_package
from trainer_app.ui.dialogs.exchange_export_dialog import ExchangeExportDialog, last_quarter
from trainer_app.ui.dialogs.exchange_import_dialog import ExchangeImportDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.pages.overview_page import OverviewPage
from trainer_app.ui.pages.reports_page import ReportsPage
from trainer_app.ui.tasks import Outcome
from trainer_app.ui.widgets.report_chooser import DISTRICT


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("gui-exchange")
    station = make_station(tmp / "a", "TA", "TRẠM Y TẾ PHƯỜNG AN")
    with opened(station) as ws:
        export_package(ws.session_factory, ws.data_dir, Q4, tmp / "a.ctvpack")
    return tmp / "a.ctvpack"


def test_menu_entries(window: MainWindow) -> None:
    assert window.send_action.text().replace("&", "") == "Gửi số liệu lên Trung tâm Y tế…"
    assert window.receive_action.text().replace("&", "") == "Nhận số liệu các trạm…"


def test_import_dialog_preview_and_key_change(qtbot: QtBot, window: MainWindow, package: Path,
                                              tmp_path: Path) -> None:
    ctx = window.ctx
    junk = tmp_path / "junk.ctvpack"
    junk.write_bytes(b"not a zip")
    dialog = ExchangeImportDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.set_files([package, junk])
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "TA — TRẠM Y TẾ PHƯỜNG AN"
    assert table.item(0, 2).text() == "Quý IV năm 2026"
    assert table.item(0, 4).text() == "2" and table.item(0, 5).text() == "40"
    fingerprint = table.item(0, 8).text()
    assert len(fingerprint) == 24
    assert "Trạm mới" in table.item(0, 3).text()
    assert "KHÔNG ĐỌC ĐƯỢC" in table.item(1, 3).text()
    assert not dialog.first_time.isHidden() and fingerprint in dialog.first_time.text()
    assert dialog.key_warning.isHidden() and dialog.accept_key.isHidden()
    task = dialog.start_import()
    assert task is not None and task.wait(60_000) and task.outcome is Outcome.DONE
    assert dialog.report is not None and [i.station for i in dialog.report.imported] == ["TA"]
    assert "Đã nhập (mới): TA" in dialog.outcome.text()
    assert "Đã nhập trước đây" in table.item(0, 3).text()
    # Tổng quan shows the station; Báo cáo offers the district report
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: not overview.stations_frame.isHidden(), timeout=5000)
    assert [t.objectName() for t in overview.station_tiles.tiles] == ["station_TA"]
    assert "28 người" in overview.station_tiles.tiles[0].people.text()
    window.show_page("reports")  # pages are built when first shown
    reports = window.pages["reports"]
    assert isinstance(reports, ReportsPage)
    qtbot.waitUntil(lambda: not reports.chooser.kind_buttons[DISTRICT].isHidden(), timeout=5000)

    # the same station, another key: warned, refused unless the box is ticked
    def later(m: dict) -> None:  # type: ignore[type-arg]
        m["sequence"] += 5

    other = resign(package, tmp_path / "other-key.ctvpack", secrets.token_bytes(32), later)
    dialog.set_files([other])
    assert "KHÓA KHÁC" in table.item(0, 3).text()
    assert not dialog.key_warning.isHidden() and fingerprint in dialog.key_warning.text()
    assert not dialog.accept_key.isHidden() and not dialog.accept_key.isChecked()
    task = dialog.start_import()
    assert task is not None and task.wait(60_000)
    assert dialog.report is not None and dialog.report.refused
    assert "khóa khác" in dialog.outcome.text()
    dialog.accept_key.setChecked(True)
    task = dialog.start_import()
    assert task is not None and task.wait(60_000)
    assert dialog.report is not None and dialog.report.imported[0].replaced


def test_district_report_from_the_reports_page(qtbot: QtBot, window: MainWindow,
                                               package: Path, tmp_path: Path) -> None:
    from trainer_app.services.exchange.importer import import_packages

    import_packages(window.ctx.factory, [package])
    window.ctx.events.data_changed.emit("exchange")
    window.show_page("reports")  # pages are built when first shown
    reports = window.pages["reports"]
    assert isinstance(reports, ReportsPage)
    qtbot.waitUntil(lambda: not reports.chooser.kind_buttons[DISTRICT].isHidden(), timeout=5000)
    reports.chooser.set_kind(DISTRICT)
    reports.chooser.year.setValue(2026)
    reports.chooser.period_kind.setCurrentIndex(1)  # the whole year
    choice = reports.chooser.choice()
    task = reports.save_to(choice, tmp_path / "tong-hop.pdf")
    assert task.wait(60_000) and task.outcome is Outcome.DONE
    assert (tmp_path / "tong-hop.pdf").stat().st_size > 1000


def test_export_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    ctx = window.ctx
    dialog = ExchangeExportDialog(ctx, window, today=date(2026, 12, 7))
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # no station code yet
    from trainer_app.services.workspace import settings_keys

    settings_keys.set_setting(ctx.factory, "station_code", "TC")
    dialog = ExchangeExportDialog(ctx, window, today=date(2026, 12, 7))
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()
    assert dialog.period().label == "Quý IV năm 2026"
    assert dialog.default_name().startswith("so-lieu-TC-2026-10-01")
    task = dialog.save_to(tmp_path / "goi.ctvpack")
    assert task.wait(60_000) and task.outcome is Outcome.DONE
    assert dialog.result is not None and (tmp_path / "goi.ctvpack").exists()
    assert dialog.fingerprint.text() == dialog.result.fingerprint
    assert "Hãy gửi tệp này" in dialog.outcome.text()


def test_last_quarter() -> None:
    assert last_quarter(date(2027, 1, 5)) == (2026, 4)
    assert last_quarter(date(2026, 4, 10)) == (2026, 1)
    assert last_quarter(date(2026, 12, 7)) == (2026, 4)


def test_verify_dialog_names_the_station(qtbot: QtBot, window: MainWindow,
                                         package: Path) -> None:
    from trainer_app.domain.certificate_code import build_payload
    from trainer_app.services.exchange.importer import import_packages
    from trainer_app.ui.dialogs.verify_certificate_dialog import VerifyCertificateDialog

    import_packages(window.ctx.factory, [package])
    dialog = VerifyCertificateDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.payload.setText(build_payload(b"k" * 32, "051/2026/GCN-TYT-TA", "Nguyễn Văn A",
                                         date(2026, 12, 1)))
    dialog.check()
    assert dialog.verdict.text() == "CHƯA CÓ TRONG SỐ LIỆU ĐÃ GỬI"
    assert "Trạm cấp: TRẠM Y TẾ PHƯỜNG AN (mã TA)" in dialog.details.text()
    assert "chưa có trong số liệu gửi ngày" in dialog.details.text()
