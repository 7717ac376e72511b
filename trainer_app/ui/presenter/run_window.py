"""Run mode: the trainer's controls for the day (current and next step, Next/Back, black
screen, the quiz of the step on the laptop or projected question by question, the step's
video or document), driving the presenter window that the room sees.

With a second screen the presenter is full screen there and these controls stay on the
laptop. With one screen (or a projector that duplicates the laptop's screen) the presenter
is full screen on the laptop and these controls hide: the trainer uses the keyboard or the
presenter's small bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from trainer_app.services.errors import UserError
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import show_error
from trainer_app.ui.models.session_models import STEP_KIND_LABELS
from trainer_app.ui.player.screens import (
    plan_screens,
    screen_of,
    show_full_screen_on,
    system_screens,
)
from trainer_app.ui.presenter import slide_content
from trainer_app.ui.presenter.presenter_window import PresenterWindow
from trainer_app.ui.presenter.run_controller import RunController

REFRESH_MS = 2000  # quiz status on the projector: "23/31 đã nộp bài"
MediaOpener = Callable[[QWidget, int], object]
KioskOpener = Callable[[int, str], object]
PhoneOpener = Callable[[int], object]


class RunWindow(QWidget):
    finished = Signal()

    def __init__(self, ctx: AppContext, session_id: int, *, open_media: MediaOpener | None,
                 open_kiosk: KioskOpener | None, open_phone: PhoneOpener | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ctx = ctx
        self.session_id = session_id
        self.open_phone = open_phone
        self.controller = RunController(ctx, session_id)
        self.open_media = open_media
        self.open_kiosk = open_kiosk
        self.setWindowTitle(f"Điều khiển buổi tập huấn — {self.controller.detail.title}")
        self.steps = QListWidget()
        self.steps.setObjectName("runSteps")
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for step in self.controller.detail.steps:
            kind = STEP_KIND_LABELS.get(step.kind, step.kind)
            self.steps.addItem(f"{step.position}. {step.title} ({kind})")
        self.steps.itemActivated.connect(lambda item: self.controller.go_to(self.steps.row(item)))
        self.current = QLabel()
        self.current.setProperty("role", "h2")
        self.current.setWordWrap(True)
        self.upcoming = QLabel()
        self.upcoming.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("runPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background:#0b2545;color:#ffffff;padding:10px;")
        self.back = self._button("◀ Lùi (Page Up)", self.controller.back)
        self.next = self._button("Tiếp (Page Down) ▶", self.controller.next)
        self.next.setProperty("role", "primary")
        self.black = self._button("Màn hình đen (B)", self.controller.toggle_black)
        self.project = self._button("Chiếu từng câu hỏi", self._toggle_questions)
        self.kiosk = self._button("Làm bài trên máy…", self._kiosk)
        self.phone = self._button("Làm bài trên điện thoại…", self._phone)
        self.media = self._button("Phát video / mở tài liệu (P)…", self._media)
        self.leave = self._button("Thoát chế độ trình chiếu", self.close)
        moves = QHBoxLayout()
        for button in (self.back, self.next, self.black):
            moves.addWidget(button)
        extra = QHBoxLayout()
        for button in (self.project, self.kiosk, self.phone, self.media, self.leave):
            extra.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.current)
        right.addWidget(self.notes)
        right.addWidget(QLabel("Màn chiếu đang hiện:"))
        right.addWidget(self.preview, 1)
        right.addWidget(self.upcoming)
        right.addLayout(moves)
        right.addLayout(extra)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps, 2)
        layout.addLayout(right, 3)
        self.presenter = PresenterWindow(with_bar=True)
        self.presenter.next_requested.connect(self.controller.next)
        self.presenter.back_requested.connect(self.controller.back)
        self.presenter.black_requested.connect(self.controller.toggle_black)
        self.presenter.leave_requested.connect(self.close)
        self.presenter.media_requested.connect(self._media)
        self.controller.changed.connect(self.render)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        ctx.events.data_changed.connect(self._data_changed)
        self.projecting = False
        self.closed = False
        self.render()

    def _button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self._safely(action))
        return button

    def _safely(self, action: Callable[[], object]) -> None:
        try:
            action()
        except UserError as exc:
            show_error(self, "Không thực hiện được", exc.message)

    # --- screens ----------------------------------------------------------------------------

    def start(self, anchor: QWidget | None = None) -> None:
        """Show the presenter on the projector and these controls on the laptop; with one
        screen, the presenter full screen and the controls hidden."""
        screens = system_screens()
        plan = plan_screens(screens, screen_of(anchor) if anchor is not None else None)
        self.projecting = plan.projecting
        if plan.projecting:
            show_full_screen_on(self.presenter, plan.presentation)
            self.show()
        else:
            show_full_screen_on(self.presenter, plan.control)
            self.presenter.activateWindow()
        self.ctx.events.data_changed.emit("sessions")

    # --- rendering --------------------------------------------------------------------------

    def render(self) -> None:
        c = self.controller
        step = c.step
        self.steps.setCurrentRow(c.index)
        question = f" — câu {c.question + 1}" if c.question is not None else ""
        self.current.setText(f"Đang ở bước {step.position}/{len(c.detail.steps)}: "
                             f"{step.title}{question}")
        self.notes.setText("\n".join(x for x in (step.notes, slide_content.media_hint(step))
                                     if x))
        upcoming = c.next_step
        self.upcoming.setText(f"Tiếp theo: {upcoming.title}" if upcoming else
                              "Đây là bước cuối.")
        slide = c.slide()
        self.presenter.show_slide(slide)
        self.preview.setText(self.presenter.text() or "(màn hình đen)")
        is_quiz = step.kind == "quiz" and step.quiz_version_id is not None
        self.project.setEnabled(is_quiz)
        self.project.setText("Thôi chiếu câu hỏi" if c.question is not None
                             else "Chiếu từng câu hỏi")
        self.kiosk.setEnabled(is_quiz and self.open_kiosk is not None)
        self.phone.setEnabled(is_quiz and self.open_phone is not None)
        self.media.setEnabled(step.media_item_id is not None and self.open_media is not None)
        self.back.setEnabled(c.index > 0 or c.question is not None)
        self.black.setText("Bỏ màn hình đen (B)" if c.black else "Màn hình đen (B)")

    def _toggle_questions(self) -> None:
        self.controller.project_questions(self.controller.question is None)

    def _kiosk(self) -> None:
        step = self.controller.step
        if self.open_kiosk is not None:
            self.open_kiosk(step.position, step.title)

    def _phone(self) -> None:
        step = self.controller.step
        if self.open_phone is not None:
            self.open_phone(step.position)

    def _media(self) -> None:
        step = self.controller.step
        if self.open_media is not None and step.media_item_id is not None:
            self.open_media(self, step.media_item_id)

    def _tick(self) -> None:
        if self.controller.step.kind == "quiz":
            self.controller.reload()

    def _data_changed(self, kind: str) -> None:
        if kind in ("attempt", "attendance", "*"):
            self.controller.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_PageDown:
            self._safely(self.controller.next)
        elif key == Qt.Key.Key_PageUp:
            self._safely(self.controller.back)
        elif key == Qt.Key.Key_B:
            self.controller.toggle_black()
        elif key == Qt.Key.Key_P:
            self._media()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        if self.closed:
            return
        self.closed = True
        self.timer.stop()
        self.presenter.hide()
        self.ctx.events.data_changed.disconnect(self._data_changed)
        self.finished.emit()
