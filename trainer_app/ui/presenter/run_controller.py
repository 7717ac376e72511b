"""Run mode's state: which agenda step is on, whether a quiz is projected question by
question (and which), and the black screen. Next/Back walk the questions of a projected
quiz first, then the steps. The step is saved at each move, so closing the app in the
middle of a session resumes at the same step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from trainer_app.domain.quiz import QuizDoc
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.sessions import results as session_results
from trainer_app.services.sessions import service as session_service
from trainer_app.services.sessions.results import SessionDetail, StepStatus
from trainer_app.services.workspace import settings as settings_service
from trainer_app.services.workspace.hotlines import load_hotlines
from trainer_app.ui.context import AppContext
from trainer_app.ui.presenter import slide_content
from trainer_app.ui.presenter.slides import Slide


class RunController(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, session_id: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.session_id = session_id
        session_service.start_session(ctx.factory, session_id)
        self.detail: SessionDetail = session_results.session_detail(ctx.factory, session_id)
        self.org = settings_service.load_org(ctx.factory)
        self.hotlines = load_hotlines(ctx.factory)
        positions = [s.position for s in self.detail.steps]
        start = self.detail.current_position or (positions[0] if positions else 1)
        self.index = positions.index(start) if start in positions else 0
        self.question: int | None = None  # projected question, None: not projecting
        self.black = False
        self._docs: dict[int, QuizDoc] = {}

    # --- reading ----------------------------------------------------------------------------

    @property
    def step(self) -> StepStatus:
        return self.detail.steps[self.index]

    @property
    def next_step(self) -> StepStatus | None:
        return self.detail.steps[self.index + 1] if self.index + 1 < len(self.detail.steps) \
            else None

    def doc(self) -> QuizDoc | None:
        version = self.step.quiz_version_id
        if version is None:
            return None
        if version not in self._docs:
            self._docs[version] = version_doc(self.ctx.factory, version)
        return self._docs[version]

    def slide(self) -> Slide:
        if self.black:
            return Slide("black")
        doc = self.doc()
        if self.question is not None and doc is not None:
            return slide_content.question_slide(doc, self.question, self.step)
        return slide_content.step_slide(self.step, self.detail, self.org, self.hotlines)

    # --- moving -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Fresh counts (quiz status, attendance) without moving."""
        self.detail = session_results.session_detail(self.ctx.factory, self.session_id)
        self.changed.emit()

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.detail.steps):
            return
        self.index = index
        self.question = None
        self.black = False
        session_service.set_current_step(self.ctx.factory, self.session_id, self.step.position)
        self.reload()

    def next(self) -> None:
        doc = self.doc()
        if self.question is not None and doc is not None \
                and self.question + 1 < len(doc.questions):
            self.question += 1
            self.black = False
            self.changed.emit()
            return
        self.go_to(self.index + 1)

    def back(self) -> None:
        if self.question is not None and self.question > 0:
            self.question -= 1
            self.black = False
            self.changed.emit()
            return
        if self.question == 0:
            self.question = None
            self.changed.emit()
            return
        self.go_to(self.index - 1)

    def project_questions(self, on: bool) -> None:
        """Show the quiz's questions one at a time (paper mode), or its status again."""
        self.question = 0 if on and self.doc() is not None else None
        self.black = False
        self.changed.emit()

    def toggle_black(self) -> None:
        self.black = not self.black
        self.changed.emit()
