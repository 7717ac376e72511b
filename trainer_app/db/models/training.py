"""What happens: sessions, their agenda, attendance, quiz attempts, answers, certificates."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer_app.db.base import Base, one_of, utcnow
from trainer_app.domain.enums import (
    AgendaKind,
    AttemptMode,
    AttemptPhase,
    AttendanceStatus,
    SessionStatus,
    values,
)


class TrainingSession(Base):
    __tablename__ = "training_session"
    __table_args__ = (
        one_of("status", values(SessionStatus), "status_valid"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time >= start_time",
            name="times_ordered",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    trainers: Mapped[str] = mapped_column(String(500), default="", nullable=False)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    status: Mapped[str] = mapped_column(String(20), default=SessionStatus.PLANNED, nullable=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The agenda step shown when the session was last run (resumed after a restart).
    current_position: Mapped[int | None] = mapped_column(Integer)

    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_item"
    __table_args__ = (
        one_of("kind", values(AgendaKind), "kind_valid"),
        UniqueConstraint("session_id", "position"),
        CheckConstraint("duration_min IS NULL OR duration_min >= 0", name="duration_ok"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    media_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_item.id", ondelete="SET NULL")
    )
    quiz_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("quiz_version.id", ondelete="RESTRICT")
    )
    quiz_phase: Mapped[str | None] = mapped_column(String(10))
    duration_min: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)

    session: Mapped[TrainingSession] = relationship(back_populates="agenda")


class Attendance(Base):
    """A person's place in a session: invited and/or checked in, with a status."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        one_of("status", values(AttendanceStatus), "status_valid"),
        CheckConstraint("sheet_row IS NULL OR sheet_row > 0", name="sheet_row_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    invited: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    status: Mapped[str] = mapped_column(
        String(20), default=AttendanceStatus.UNKNOWN, nullable=False
    )
    # The laptop's local wall-clock time (what the sheet and the room read), unlike the
    # other timestamps of the schema, which are UTC.
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    sheet_row: Mapped[int | None] = mapped_column(Integer)


class Attempt(Base):
    """One participant's pass through one frozen quiz version in one session."""

    __tablename__ = "attempt"
    __table_args__ = (
        one_of("phase", values(AttemptPhase), "phase_valid"),
        one_of("mode", values(AttemptMode), "mode_valid"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 10)", name="score_range"),
        # One open (not yet handed in) attempt per session, person, quiz version and phase:
        # a kiosk and a phone, or two phones, never start a second one for the same person.
        Index("uq_attempt_one_open", "session_id", "person_id", "quiz_version_id", "phase",
              unique=True, sqlite_where=text("submitted_at IS NULL"),
              postgresql_where=text("submitted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    # NULL once the person's data was erased on request: the figures stay, anonymous.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    quiz_version_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_version.id", ondelete="RESTRICT"), index=True
    )
    phase: Mapped[str] = mapped_column(String(10), nullable=False)
    mode: Mapped[str] = mapped_column(String(10), nullable=False)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Seed of the question/option shuffle shown (domain.scoring.presentation); NULL: no shuffle.
    shuffle_seed: Mapped[int | None] = mapped_column(Integer)
    # On the 10-point scale; NULL until submitted.
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # The phone that answers this attempt (a random id the phone's page made); NULL on the
    # kiosk and on paper. Another phone takes it over only when approved or this one is silent.
    device_id: Mapped[str | None] = mapped_column(String(64))

    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan")


class Answer(Base):
    """One answer, committed as soon as it is given."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_key"),
        CheckConstraint("points >= 0 AND points <= 1", name="points_range"),
        # The item analysis groups the answers per question and chosen options
        # (services.quizzes.item_sums): covering, so SQLite reads them in order, no sort.
        Index("ix_answer_question_chosen", "question_key", "chosen_json", "points",
              "attempt_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(String(100), nullable=False)
    # JSON list of the chosen option positions in the frozen version.
    chosen_json: Mapped[str] = mapped_column(Text, nullable=False)
    is_correct: Mapped[bool] = mapped_column(Boolean, nullable=False)
    # Share of the question's points earned, 0..1 (partial credit for multiple answers).
    points: Mapped[float] = mapped_column(Float, nullable=False)
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    # Phone answers: the id the phone gave this tap, and its per-attempt tap counter. A
    # retried or late tap (counter not above the stored one) never overwrites a newer one.
    client_id: Mapped[str | None] = mapped_column(String(64))
    counter: Mapped[int | None] = mapped_column(Integer)


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("person_id", "session_id"),
        UniqueConstraint("serial_year", "serial_no"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    # The sequential part of the number, per calendar year; never reused.
    serial_year: Mapped[int | None] = mapped_column(Integer)
    serial_no: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="RESTRICT"), index=True
    )
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id", ondelete="SET NULL"))
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
