"""An import does not start while a quiz is being answered (kiosk, or phones): SQLite has
one writer at a time, and an import's one transaction must never make an answer wait or
fail with "database is locked". Answering is read from the database (an attempt not yet
submitted, started or answered recently), so it holds across processes: the GUI's kiosk,
the phone server, or another app instance."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trainer_app.db.base import utcnow
from trainer_app.db.models import Answer, Attempt
from trainer_app.services.errors import UserError

__all__ = ["ACTIVE_WINDOW", "QuizInProgress", "answering_count", "ensure_no_quiz_running"]

# An attempt untouched this long is someone who walked away, not someone answering.
ACTIVE_WINDOW = timedelta(minutes=10)


class QuizInProgress(UserError):
    """Raised instead of starting an import while people are answering a quiz."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"Đang có {count} người làm bài kiểm tra (trên máy hoặc trên điện thoại). Chưa "
            "nhập danh sách để không làm chậm hay chặn việc lưu câu trả lời của họ: hãy đợi "
            "mọi người nộp bài (hoặc đóng chế độ làm bài) rồi bấm “Thử lại”.",
            code="quiz_in_progress")
        self.count = count


def answering_count(session: Session, now: datetime | None = None) -> int:
    """Attempts not yet submitted that were started or answered within ``ACTIVE_WINDOW``
    (stored times are naive UTC)."""
    since = (now or utcnow()) - ACTIVE_WINDOW
    recent_answer = select(Answer.id).where(Answer.attempt_id == Attempt.id,
                                            Answer.answered_at >= since).exists()
    query = select(func.count(Attempt.id)).where(
        Attempt.submitted_at.is_(None), or_(Attempt.started_at >= since, recent_answer))
    return int(session.scalar(query) or 0)


def ensure_no_quiz_running(session: Session, now: datetime | None = None) -> None:
    count = answering_count(session, now)
    if count:
        raise QuizInProgress(count)
