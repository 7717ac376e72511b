"""The right side of the Buổi tập huấn page: one session's details, its agenda with the
actions of each step (a quiz: on the laptop as a kiosk, or typed in from paper), and the
results as people answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.enums import SESSION_STATUS_LABELS, SessionStatus
from trainer_app.services.sessions.results import SessionDetail, StepStatus
from trainer_app.ui.models.session_models import AgendaModel, ResultsModel, score_text
from trainer_app.ui.widgets.flow_layout import FlowLayout


def _table(model: object, stretch: int) -> QTableView:
    """A read-only table that never scrolls sideways: column ``stretch`` takes the room
    left and wraps its text."""
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


class SessionDetailPanel(QWidget):
    edit_requested = Signal()
    duplicate_requested = Signal()
    start_requested = Signal()
    finish_requested = Signal()
    checkin_requested = Signal()
    invite_requested = Signal()
    run_requested = Signal()
    kiosk_requested = Signal(int, str)  # agenda position, title
    phone_requested = Signal(int, str)  # agenda position, title: answer on phones
    paper_requested = Signal(int)  # agenda position
    sheets_requested = Signal(int)  # agenda position: print the paper answer sheets
    check_requested = Signal()
    documents_requested = Signal()  # the session's printed documents (plan, sheets…)

    def __init__(self) -> None:
        super().__init__()
        self.detail: SessionDetail | None = None
        self.title = QLabel()
        self.title.setProperty("role", "h2")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        actions = FlowLayout()
        self.edit = self._button("Sửa thông tin", self.edit_requested, actions)
        self.duplicate = self._button("Nhân bản", self.duplicate_requested, actions)
        self.invite = self._button("Mời thêm người…", self.invite_requested, actions)
        self.checkin = self._button("Điểm danh", self.checkin_requested, actions)
        self.run = self._button("Trình chiếu buổi này", self.run_requested, actions)
        self.run.setProperty("role", "primary")
        self.check = self._button("Kiểm tra trước buổi", self.check_requested, actions)
        self.documents = self._button("Giấy tờ…", self.documents_requested, actions)
        self.documents.setToolTip("Kế hoạch, giấy mời, danh sách điểm danh, danh sách nhận "
                                  "tiền, phiếu trả lời, thẻ bỏ túi, giấy chứng nhận: xem "
                                  "trước, lưu, in")
        self.start = self._button("Bắt đầu buổi", self.start_requested, actions)
        self.finish = self._button("Kết thúc buổi", self.finish_requested, actions)
        self.agenda_model = AgendaModel()
        self.agenda = _table(self.agenda_model, 2)
        self.agenda.setObjectName("agendaTable")
        self.agenda.setMinimumHeight(200)
        self.agenda.selectionModel().currentRowChanged.connect(lambda *_: self._step_actions())
        step_row = FlowLayout()  # wraps on a 1024-px screen instead of widening the page
        self.kiosk = QPushButton("Làm bài trên máy (kiosk)…")
        self.kiosk.clicked.connect(self._kiosk)
        self.phone = QPushButton("Làm bài trên điện thoại…")
        self.phone.setObjectName("phoneQuizButton")
        self.phone.setToolTip("Mọi người làm bài cùng lúc trên điện thoại của mình, qua Wi-Fi "
                              "của phòng (không cần Internet)")
        self.phone.clicked.connect(self._phone)
        self.paper = QPushButton("Nhập bài làm trên giấy…")
        self.paper.clicked.connect(self._paper)
        self.sheets = QPushButton("In phiếu trả lời…")
        self.sheets.clicked.connect(self._sheets)
        step_row.addWidget(self.kiosk)
        step_row.addWidget(self.phone)
        step_row.addWidget(self.sheets)
        step_row.addWidget(self.paper)
        self.results_model = ResultsModel()
        self.results = _table(self.results_model, 0)
        self.results.setObjectName("resultsTable")
        self.results.setMinimumHeight(160)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(QLabel("Chương trình buổi tập huấn:"))
        layout.addWidget(self.agenda, 3)
        layout.addLayout(step_row)
        layout.addWidget(QLabel("Kết quả kiểm tra:"))
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 2)

    @staticmethod
    def _button(text: str, signal: Signal, layout: FlowLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(signal)
        layout.addWidget(button)
        return button

    def show_detail(self, detail: SessionDetail) -> None:
        self.detail = detail
        status = SessionStatus(detail.status)
        self.title.setText(detail.title)
        clock = ""
        if detail.start_time:
            clock = f", {detail.start_time:%H:%M}" + (
                f"–{detail.end_time:%H:%M}" if detail.end_time else "")
        self.meta.setText(
            f"Ngày {detail.held_on:%d/%m/%Y}{clock}" + (f" · {detail.venue}" if detail.venue
                                                       else "")
            + f" · {SESSION_STATUS_LABELS[status]}"
            + (f"\nNgười trình bày: {detail.trainers}" if detail.trainers else ""))
        c = detail.counts
        self.counts.setText(f"Mời {c.invited} · Có mặt {c.present} · Đến muộn {c.late} · "
                            f"Vắng có phép {c.excused} · Vắng {c.absent} · "
                            f"Người đến thêm {c.walk_ins}")
        finished = status == SessionStatus.FINISHED
        self.start.setEnabled(status == SessionStatus.PLANNED)
        self.run.setEnabled(not finished and bool(detail.steps))
        self.invite.setEnabled(not finished)
        self.finish.setEnabled(status in (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS))
        self.agenda_model.current = detail.current_position \
            if status == SessionStatus.IN_PROGRESS else None
        keep = self.agenda.currentIndex().row()
        self.agenda_model.set_rows(detail.steps)
        if 0 <= keep < len(detail.steps):
            self.agenda.selectRow(keep)
        self.results_model.set_rows(detail.results)
        pre, post, gain = detail.average("pre"), detail.average("post"), detail.average_gain
        self.summary.setText(
            f"Điểm trung bình: đầu vào {score_text(pre) or '—'}, cuối khóa "
            f"{score_text(post) or '—'}, tiến bộ {score_text(gain) or '—'}. "
            f"Đạt: {len(detail.passed)} người." if detail.results else
            "Chưa có bài làm nào.")
        self.kiosk.setToolTip("" if not finished else "Buổi đã kết thúc.")
        self._step_actions()

    def current_step(self) -> StepStatus | None:
        return self.agenda_model.row_item(self.agenda.currentIndex().row())

    def _step_actions(self) -> None:
        step = self.current_step()
        is_quiz = step is not None and step.kind == "quiz" and step.quiz_version_id is not None
        open_ = self.detail is not None and self.detail.status != SessionStatus.FINISHED
        self.kiosk.setEnabled(is_quiz and open_)
        self.phone.setEnabled(is_quiz and open_)
        self.paper.setEnabled(is_quiz)
        self.sheets.setEnabled(is_quiz)

    def _kiosk(self) -> None:
        step = self.current_step()
        if step is not None:
            self.kiosk_requested.emit(step.position, step.title)

    def _phone(self) -> None:
        step = self.current_step()
        if step is not None:
            self.phone_requested.emit(step.position, step.title)

    def _sheets(self) -> None:
        step = self.current_step()
        if step is not None:
            self.sheets_requested.emit(step.position)

    def _paper(self) -> None:
        step = self.current_step()
        if step is not None:
            self.paper_requested.emit(step.position)
