"""Tổng quan: the figures that matter, the next session, the backup reminder, and — when
there is nothing yet — what to do first."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.reporting import dashboard as dashboard_service
from trainer_app.services.reporting import overview as overview_service
from trainer_app.services.reporting.overview import Overview
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.models.backup_table_model import format_time
from trainer_app.ui.pages.base import Page, paragraph
from trainer_app.ui.widgets.coverage_grid import CoverageGrid
from trainer_app.ui.widgets.flow_layout import FlowLayout
from trainer_app.ui.widgets.station_tiles import StationTiles
from trainer_app.ui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from trainer_app.services.exchange.district import StationTile


def format_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


class FigureCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.figure = QLabel("–")
        self.figure.setProperty("role", "figure")
        self.caption = paragraph(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.figure.setText(str(value))


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(8)
    layout.addWidget(paragraph(title, "h2"))
    return frame, layout


class OverviewPage(Page):
    watches = (events.ORG, events.BACKUP, "people", "sessions", "attendance", "attempt",
               events.EXCHANGE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tổng quan", parent)
        self.overview: Overview | None = None
        self.dashboard: dashboard_service.Dashboard | None = None

        self.unit_label = paragraph("", "h2")
        self.body_layout.addWidget(self.unit_label)

        # What to do when the unit's details are missing.
        self.org_missing, org_layout = card("Chưa có thông tin đơn vị")
        org_layout.addWidget(paragraph(
            "Tên đơn vị, địa danh và người ký được in trên mọi giấy tờ. Hãy nhập trước khi "
            "tổ chức buổi tập huấn."))
        self.org_button = QPushButton("Nhập thông tin đơn vị…")
        self.org_button.clicked.connect(lambda: ctx.events.navigate_requested.emit("settings"))
        org_layout.addWidget(self.org_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body_layout.addWidget(self.org_missing)

        # At the centre: the stations whose packages were imported.
        self.stations_frame, stations_layout = card("Các trạm đã gửi số liệu")
        self.station_tiles = StationTiles()
        stations_layout.addWidget(self.station_tiles)
        self.stations_frame.hide()
        self.body_layout.addWidget(self.stations_frame)

        # The empty state: nothing recorded yet.
        self.empty_state, empty_layout = card("Chưa có dữ liệu tập huấn")
        empty_layout.addWidget(paragraph(
            "Bắt đầu bằng hai bước: (1) nhập danh sách cộng tác viên, "
            "(2) lên kế hoạch buổi tập huấn đầu tiên."))
        buttons = FlowLayout()
        self.people_button = QPushButton("Thêm cộng tác viên…")
        self.people_button.setProperty("role", "primary")
        self.people_button.clicked.connect(
            lambda: ctx.events.navigate_requested.emit("people"))
        self.plan_button = QPushButton("Lên kế hoạch buổi tập huấn…")
        self.plan_button.clicked.connect(
            lambda: ctx.events.navigate_requested.emit("sessions"))
        buttons.addWidget(self.people_button)
        buttons.addWidget(self.plan_button)
        empty_layout.addLayout(buttons)
        self.body_layout.addWidget(self.empty_state)

        # Figures.
        grid = QGridLayout()
        grid.setSpacing(12)
        self.people_card = FigureCard("cộng tác viên")
        self.finished_card = FigureCard("buổi tập huấn đã tổ chức")
        self.planned_card = FigureCard("buổi đã lên kế hoạch")
        for column, figure in enumerate((self.people_card, self.finished_card,
                                         self.planned_card)):
            grid.addWidget(figure, 0, column)
        self.body_layout.addLayout(grid)

        # This quarter, the khu phố, and how the sessions went.
        quarter_grid = QGridLayout()
        quarter_grid.setSpacing(12)
        self.quarter_sessions_card = FigureCard("buổi tập huấn trong quý")
        self.quarter_people_card = FigureCard("người được tập huấn trong quý")
        self.gaps_card = FigureCard("khu phố chưa ai được tập huấn")
        for column, figure in enumerate((self.quarter_sessions_card, self.quarter_people_card,
                                         self.gaps_card)):
            quarter_grid.addWidget(figure, 0, column)
        self.quarter_label = paragraph("", "h2")
        self.body_layout.addWidget(self.quarter_label)
        self.body_layout.addLayout(quarter_grid)
        coverage_frame, coverage_layout = card("Độ phủ theo khu phố (đã tập huấn / số CTV)")
        self.coverage = CoverageGrid()
        self.coverage.setObjectName("coverageGrid")
        coverage_layout.addWidget(self.coverage)
        self.body_layout.addWidget(coverage_frame)
        trend_frame, trend_layout = card("Kết quả các buổi gần đây")
        charts = FlowLayout()
        self.pass_chart = TrendChart(lambda t: None if t.pass_rate is None
                                     else 100 * t.pass_rate, 100, lambda v: f"{v:.0f}%")
        self.gain_chart = TrendChart(lambda t: t.gain, 10,
                                     lambda v: f"+{v:.1f}".replace(".", ","), "#1b6e20")
        for caption, chart in (("Tỉ lệ đạt bài kiểm tra cuối khóa", self.pass_chart),
                               ("Điểm tiến bộ (sau − trước, thang 10)", self.gain_chart)):
            box = QWidget()
            column_layout = QVBoxLayout(box)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.addWidget(paragraph(caption))
            column_layout.addWidget(chart)
            box.setMinimumWidth(300)
            charts.addWidget(box)
        trend_layout.addLayout(charts)
        self.body_layout.addWidget(trend_frame)

        # Next session.
        next_frame, next_layout = card("Buổi tập huấn sắp tới")
        self.next_label = paragraph("")
        next_layout.addWidget(self.next_label)
        self.body_layout.addWidget(next_frame)

        # Backups.
        backup_frame, backup_layout = card("Sao lưu dữ liệu")
        self.backup_label = paragraph("")
        backup_layout.addWidget(self.backup_label)
        self.usb_button = QPushButton("Sao lưu ra USB…")
        self.usb_button.clicked.connect(self._backup_to_external)
        backup_layout.addWidget(self.usb_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body_layout.addWidget(backup_frame)
        self.body_layout.addStretch(1)

    def _backup_to_external(self) -> None:
        from trainer_app.ui import commands  # with its task runner: when first used

        commands.backup_to_external(self, self.ctx)

    def refresh(self, kind: str = events.ALL) -> None:
        reads = self.ctx.reads  # plain SQL: no SQLAlchemy needed for this page on SQLite
        org = settings_service.load_org(reads)
        self.unit_label.setText(org.unit_name or "")
        self.unit_label.setVisible(bool(org.unit_name))
        self.org_missing.setVisible(not org.is_complete)

        overview = overview_service.get_overview(reads)
        self.overview = overview
        if events.concerns(kind, events.EXCHANGE):
            tiles: list[StationTile] = []
            if overview.stations:  # a regional centre: the stations' figures (the ORM)
                from trainer_app.services.exchange.district import station_tiles

                tiles = station_tiles(self.ctx.factory)
            self.station_tiles.set_tiles(tiles)
            self.stations_frame.setVisible(bool(tiles))

        self.people_card.set_value(overview.people)
        self.finished_card.set_value(overview.sessions_finished)
        self.planned_card.set_value(overview.sessions_planned)
        nothing_yet = overview.people == 0 and (
            overview.sessions_finished + overview.sessions_planned) == 0
        # At the centre (stations imported, nothing of its own) the first steps do not apply.
        self.empty_state.setVisible(nothing_yet and self.stations_frame.isHidden())
        if overview.next_session_title and overview.next_session_date:
            self.next_label.setText(
                f"{overview.next_session_title} — ngày {format_date(overview.next_session_date)}")
        else:
            self.next_label.setText(
                "Chưa có buổi nào được lên kế hoạch. Vào trang “Buổi tập huấn” để lên kế hoạch.")

        figures = dashboard_service.dashboard(reads)
        self.dashboard = figures
        self.quarter_label.setText(f"{figures.quarter}")
        self.quarter_sessions_card.set_value(figures.sessions_held)
        self.quarter_people_card.set_value(figures.people_trained)
        self.gaps_card.set_value(len(figures.hoods_without_anyone))
        self.coverage.set_hoods(figures.hoods)
        self.pass_chart.set_trend(figures.trend)
        self.gain_chart.set_trend(figures.trend)

        reminder = backup_service.external_reminder(self.ctx.workspace)
        entries = backup_service.list_entries(self.ctx.data_dir)
        newest = (f"Bản sao lưu gần nhất trên máy: {format_time(entries[0].created_at)}."
                  if entries else "Chưa có bản sao lưu nào trên máy.")
        self.backup_label.setText(f"{newest}\n{reminder}" if reminder
                                  else f"{newest}\nĐã có bản sao lưu ra USB trong tuần này.")
        style.set_role(self.backup_label, "warning" if reminder else "ok")
