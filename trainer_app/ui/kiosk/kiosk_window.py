"""The kiosk: a full-screen window that walks each participant from their name through the
questions, a review and the result, then waits for the next one. Answers are saved as they
are given; leaving needs the trainer's PIN (Esc, Alt+F4 and closing all ask for it), with a
growing wait after wrong tries. The app's other windows are hidden while it runs. A trainer
who forgot the PIN closes the app from the system: nothing reopens the kiosk at start."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from trainer_app.domain.pin_lockout import PinLockout, countdown_text
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import kiosk as kiosk_service
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.services.quizzes.kiosk import KioskAttempt
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.sessions import attendance as attendance_service
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_error
from trainer_app.ui.kiosk.kiosk_style import KIOSK_QSS
from trainer_app.ui.kiosk.name_screen import NameScreen
from trainer_app.ui.kiosk.pin_dialog import PinDialog
from trainer_app.ui.kiosk.question_screen import QuestionScreen
from trainer_app.ui.kiosk.result_screen import ResultScreen
from trainer_app.ui.kiosk.review_screen import ReviewScreen
from trainer_app.ui.kiosk.walk_in_dialog import WalkInDialog

# Windows left visible while the kiosk runs: the projector's view (no answers on it).
KEEP_VISIBLE = frozenset({"presenter"})


class KioskWindow(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, session_id: int, position: int, title: str, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ctx = ctx
        self.lockout = PinLockout(clock)
        self.hidden_windows: list[QWidget] = []
        self.session_id = session_id
        self.position = position
        self.attempt: KioskAttempt | None = None
        self.answers: dict[str, list[int]] = {}
        self.current = 0
        self.allow_close = False
        self.setObjectName("kiosk")
        self.setWindowTitle(f"Làm bài: {title}")
        self.setStyleSheet(KIOSK_QSS)
        self.names = NameScreen(title)
        self.question = QuestionScreen()
        self.review = ReviewScreen()
        self.result = ResultScreen()
        self.stack = QStackedWidget()
        for screen in (self.names, self.question, self.review, self.result):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.names.person_chosen.connect(self.begin)
        self.names.walk_in_requested.connect(self._walk_in)
        self.question.answered.connect(self._save)
        self.question.next_requested.connect(lambda: self._go(self.current + 1))
        self.question.back_requested.connect(lambda: self._go(self.current - 1))
        self.review.go_to.connect(self._go)
        self.review.back.clicked.connect(lambda: self._go(len(self._questions()) - 1))
        self.review.submit_requested.connect(self._submit)
        self.result.next_person.connect(self.reset)
        self.reset()

    # --- flow ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the name screen for the next participant."""
        self.attempt = None
        self.answers = {}
        self.current = 0
        self.names.set_people(kiosk_service.kiosk_people(self.ctx.factory, self.session_id,
                                                         self.position))
        self.stack.setCurrentWidget(self.names)

    def begin(self, person_id: int) -> None:
        try:
            self.attempt = kiosk_service.start_attempt(self.ctx.factory, self.session_id,
                                                       self.position, person_id)
        except UserError as exc:
            show_error(self, "Không bắt đầu được", exc.message)
            self.reset()
            return
        self.answers = dict(self.attempt.answers)
        first_blank = next((n for n, q in enumerate(self.attempt.questions)
                            if q.key not in self.answers), 0)
        self._go(first_blank)

    def _questions(self) -> list[kiosk_service.KioskQuestion]:
        return self.attempt.questions if self.attempt else []

    def _go(self, number: int) -> None:
        questions = self._questions()
        if not questions:
            return
        if number >= len(questions):
            self.review.show_review([q.key in self.answers for q in questions])
            self.stack.setCurrentWidget(self.review)
            return
        self.current = max(0, number)
        q = questions[self.current]
        self.question.show_question(q, self.current + 1, len(questions),
                                    self.answers.get(q.key, []))
        self.stack.setCurrentWidget(self.question)

    def _save(self, key: str, chosen: list[int]) -> None:
        assert self.attempt is not None
        try:
            kiosk_service.save_answer(self.ctx.factory, self.attempt.attempt_id, key, chosen)
        except UserError as exc:
            self.question.mark_saved(False, exc.message)
            return
        if chosen:
            self.answers[key] = chosen
        else:
            self.answers.pop(key, None)
        self.question.mark_saved(True)

    def _submit(self) -> None:
        assert self.attempt is not None
        blanks = sum(q.key not in self.answers for q in self._questions())
        if blanks and choose(self, "Nộp bài", f"Còn {blanks} câu chưa trả lời. Vẫn nộp bài?",
                             [("Nộp bài", True), ("Làm tiếp", False)], default=False,
                             escape=False) is not True:
            return
        try:
            outcome = kiosk_service.submit(self.ctx.factory, self.attempt.attempt_id)
        except UserError as exc:
            show_error(self, "Chưa nộp được", exc.message)
            return
        settings = kiosk_settings.load_kiosk_settings(self.ctx.factory)
        self.result.show_result(self.attempt.full_name, outcome, settings)
        self.stack.setCurrentWidget(self.result)
        self.ctx.events.data_changed.emit("attempt")

    def _walk_in(self, typed: str) -> None:
        dialog = WalkInDialog(self, typed)
        if dialog.exec() != WalkInDialog.DialogCode.Accepted:
            return
        data = PersonInput(full_name=dialog.name.text(), birth_year=dialog.year.text() or None)
        try:
            try:
                result = attendance_service.add_walk_in(self.ctx.factory, self.session_id, data)
            except attendance_service.WalkInLooksKnown as known:
                choices: list[tuple[str, int]] = [
                    (f"Đây là tôi: {name}", pid) for pid, name in known.candidates[:3]]
                picked = choose(self, "Có thể bạn đã có tên", known.message,
                                [*choices, ("Tôi là người khác", 0)], escape=-1)
                if picked is None or picked == -1:
                    return
                if picked:
                    self.begin(picked)
                    return
                result = attendance_service.add_walk_in(self.ctx.factory, self.session_id,
                                                        data, force=True)
        except UserError as exc:
            show_error(self, "Chưa thêm được", exc.message)
            return
        self.ctx.events.data_changed.emit("attendance")
        self.begin(result.rows[0].person_id)

    # --- leaving needs the PIN -------------------------------------------------------------

    def ask_to_leave(self) -> bool:
        """Ask for the PIN; close the kiosk when it is right."""
        if not self._pin_accepted():
            return False
        self.allow_close = True
        self.close()
        return True

    def _pin_accepted(self) -> bool:
        settings = kiosk_settings.load_kiosk_settings(self.ctx.factory)
        dialog = PinDialog(self, "Nhập mã PIN của người tập huấn để thoát chế độ làm bài.",
                           lockout=self.lockout)
        if dialog.exec() != PinDialog.DialogCode.Accepted or self.lockout.wait_left() > 0:
            return False
        if not kiosk_settings.check_pin(settings, dialog.value()):
            wait = self.lockout.failed()
            then = (f" Hãy đợi {countdown_text(wait)} rồi thử lại." if wait else
                    f" Còn {self.lockout.tries_before_wait} lần thử trước khi phải đợi.")
            show_error(self, "Sai mã PIN",
                       "Mã PIN không đúng; chế độ làm bài vẫn tiếp tục." + then)
            return False
        self.lockout.succeeded()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.ask_to_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Asked here, not through ask_to_leave: Qt ignores a close() made inside closeEvent.
        if not self.allow_close and not self._pin_accepted():
            event.ignore()
            return
        self.allow_close = True
        event.accept()
        for other in self.hidden_windows:
            other.show()
        self.hidden_windows = []
        self.closed.emit()

    def hide_other_windows(self) -> None:
        """Hide the app's other windows (roster, results, answers) while the kiosk runs, so
        Alt+Tab reaches none of them; the projector's view stays. Shown again on leaving."""
        for other in QApplication.topLevelWidgets():
            if (other is not self and other.isVisible() and other.isWindow()
                    and other.objectName() not in KEEP_VISIBLE):
                other.hide()
                self.hidden_windows.append(other)


def open_kiosk(ctx: AppContext, parent: QWidget | None, session_id: int, position: int,
               title: str, *, full_screen: bool = True) -> KioskWindow | None:
    """Start the kiosk for one quiz step; asks the trainer to set a PIN the first time."""
    if not kiosk_settings.load_kiosk_settings(ctx.factory).has_pin:
        dialog = PinDialog(parent, "Đặt mã PIN (4–8 chữ số) của người tập huấn. Cần mã này để "
                           "thoát chế độ làm bài, để người làm bài không tự thoát.",
                           confirm_twice=True, button="Lưu mã PIN")
        if dialog.exec() != PinDialog.DialogCode.Accepted:
            return None
        try:
            kiosk_settings.set_pin(ctx.factory, dialog.value())
        except UserError as exc:
            show_error(parent, "Chưa đặt được mã PIN", exc.message)
            return None
    window = KioskWindow(ctx, session_id, position, title)
    if full_screen:
        window.showFullScreen()
    else:
        window.show()
    window.hide_other_windows()
    return window
