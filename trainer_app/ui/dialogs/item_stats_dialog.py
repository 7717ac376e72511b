"""Phân tích câu hỏi: the item analysis of one quiz over every session, one session or a
period of days, before and/or after training, one table per frozen version. The figures
come from ``services.quizzes.item_stats``; the words under the table say what they mean."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import item_stats
from trainer_app.services.quizzes.item_stats import QuizStats, VersionStats
from trainer_app.services.quizzes.service import Factory
from trainer_app.ui.models.item_stats_table_model import (
    COL_FLAGS,
    COL_TEXT,
    ItemStatsTableModel,
    decimal,
)

LEGEND = (
    "Đúng: tỷ lệ bài trả lời đúng (bỏ trống tính là sai). Phân biệt: người làm đúng câu "
    "này có làm tốt các câu còn lại không — trên 0,2 là tốt, dưới 0 là đáng ngờ. Cảnh báo chỉ "
    "hiện khi có từ 20 bài trở lên; bài sau tập huấn dễ là chuyện bình thường nên không báo "
    "“quá dễ”. KR-20: độ tin cậy của cả bài, từ 0 đến 1 (từ 0,7 trở lên là tốt)."
)
PHASES = (("Cả trước và sau tập huấn", None), ("Chỉ bài trước tập huấn", "pre"),
          ("Chỉ bài sau tập huấn", "post"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def summary_line(v: VersionStats) -> str:
    t = v.test
    if t.n == 0:
        return f"Phiên bản {v.version_no}: chưa có bài nào."
    return (f"Phiên bản {v.version_no}: {t.n} bài ({v.pre_attempts} trước, {v.post_attempts} "
            f"sau tập huấn); trung bình {decimal(t.mean)}/{t.items} câu đúng, độ lệch chuẩn "
            f"{decimal(t.sd)}; KR-20 {decimal(t.kr20)}.")


class ItemStatsDialog(QDialog):
    def __init__(self, factory: Factory, quiz_code: str, quiz_title: str,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.factory, self.quiz_code = factory, quiz_code
        self.result: QuizStats | None = None
        self.setWindowTitle(f"Phân tích câu hỏi — {quiz_title}")
        today = today or date.today()
        self.all_radio = QRadioButton("Mọi buổi tập huấn")
        self.session_radio = QRadioButton("Một buổi:")
        self.period_radio = QRadioButton("Từ ngày")
        self.scope = QButtonGroup(self)
        for button in (self.all_radio, self.session_radio, self.period_radio):
            self.scope.addButton(button)
        self.all_radio.setChecked(True)
        self.session_combo = QComboBox()
        for choice in item_stats.sessions_using_quiz(factory, quiz_code):
            self.session_combo.addItem(f"{choice.label} ({choice.attempts} bài)",
                                       choice.session_id)
        self.session_radio.setEnabled(self.session_combo.count() > 0)
        self.start = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.phase_combo = QComboBox()
        for label, value in PHASES:
            self.phase_combo.addItem(label, value)
        self.version_combo = QComboBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "strong")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.hide()
        self.model = ItemStatsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_FLAGS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_FLAGS, 190)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        legend.setProperty("role", "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)

        scope = QGridLayout()
        scope.addWidget(self.all_radio, 0, 0)
        scope.addWidget(self.session_radio, 1, 0)
        scope.addWidget(self.session_combo, 1, 1, 1, 3)
        scope.addWidget(self.period_radio, 2, 0)
        scope.addWidget(self.start, 2, 1)
        scope.addWidget(QLabel("đến ngày"), 2, 2)
        scope.addWidget(self.end, 2, 3)
        scope.addWidget(QLabel("Bài làm:"), 3, 0)
        scope.addWidget(self.phase_combo, 3, 1, 1, 3)
        scope.addWidget(QLabel("Phiên bản:"), 4, 0)
        scope.addWidget(self.version_combo, 4, 1, 1, 3)
        scope.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(scope)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(buttons)
        self.resize(1180, 660)

        self.scope.buttonToggled.connect(lambda *_: self.compute())
        self.session_combo.currentIndexChanged.connect(self._session_chosen)
        self.session_combo.activated.connect(self._session_chosen)  # the same one again
        self.start.dateChanged.connect(self._period_chosen)
        self.end.dateChanged.connect(self._period_chosen)
        self.phase_combo.currentIndexChanged.connect(lambda *_: self.compute())
        self.version_combo.currentIndexChanged.connect(lambda *_: self._show_version())
        self.compute()

    def _session_chosen(self) -> None:
        if self.session_radio.isChecked():
            self.compute()
        else:
            self.session_radio.setChecked(True)  # toggling computes

    def _period_chosen(self) -> None:
        if self.period_radio.isChecked():
            self.compute()
        else:
            self.period_radio.setChecked(True)

    def compute(self) -> QuizStats | None:
        """Run the analysis for the chosen scope; a bad scope shows its message."""
        session_id = start = end = None
        if self.session_radio.isChecked():
            session_id = self.session_combo.currentData()
        elif self.period_radio.isChecked():
            start, end = self.start.date().toPython(), self.end.date().toPython()
        try:
            self.result = item_stats.quiz_stats(
                self.factory, self.quiz_code, session_id=session_id, start=start, end=end,
                phase=self.phase_combo.currentData())
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.result = None
            self.model.set_rows([])
            self.summary.setText("")
            return None
        self.error.hide()
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in self.result.versions:
            self.version_combo.addItem(f"Phiên bản {v.version_no} ({v.test.n} bài)", v.version_no)
        self.version_combo.setCurrentIndex(self.version_combo.count() - 1)
        self.version_combo.setEnabled(self.version_combo.count() > 1)
        self.version_combo.blockSignals(False)
        self._show_version()
        return self.result

    def current_version(self) -> VersionStats | None:
        if self.result is None or not self.result.versions:
            return None
        index = max(0, self.version_combo.currentIndex())
        return self.result.versions[min(index, len(self.result.versions) - 1)]

    def _show_version(self) -> None:
        version = self.current_version()
        if version is None:
            self.model.set_rows([])
            self.summary.setText(f"Chưa có bài làm nào đã nộp ({self.result.scope})."
                                 if self.result else "")
            return
        self.model.set_rows(version.questions)
        self.summary.setText(f"{summary_line(version)} Phạm vi: {self.result.scope}."
                             if self.result else "")
        self.table.resizeRowsToContents()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
