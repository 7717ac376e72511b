"""What is taught: programmes and their agenda templates, media items, quizzes and versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer_app.db.base import Base, one_of, utcnow
from trainer_app.domain.enums import (
    AgendaKind,
    CertificateRule,
    MediaKind,
    QuestionKind,
    values,
)
from trainer_app.domain.quiz import SCORING_ALL_OR_NOTHING, SCORINGS


class Programme(Base):
    """A training topic with a default agenda (e.g. protecting children online)."""

    __tablename__ = "programme"
    __table_args__ = (one_of("certificate_rule", values(CertificateRule), "rule_valid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    topic: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    certificate_rule: Mapped[str] = mapped_column(
        String(30), default=CertificateRule.ATTENDED_AND_PASSED, nullable=False
    )
    archived: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    agenda: Mapped[list[ProgrammeAgendaItem]] = relationship(
        back_populates="programme",
        order_by="ProgrammeAgendaItem.position",
        cascade="all, delete-orphan",
    )


class MediaItem(Base):
    """A communication product: from the shipped catalogue or imported by the user. Its
    files (a video, or the several PDFs of a set of booklets) are `MediaFile` rows."""

    __tablename__ = "media_item"
    __table_args__ = (one_of("kind", values(MediaKind), "kind_valid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalogue_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    source_url: Mapped[str] = mapped_column(String(500), default="", nullable=False)
    topic: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    files: Mapped[list[MediaFile]] = relationship(
        back_populates="item", order_by="MediaFile.position", cascade="all, delete-orphan"
    )


class MediaFile(Base):
    """One file of a media item, copied into ``<data>/media/`` with its sha256."""

    __tablename__ = "media_file"
    __table_args__ = (
        UniqueConstraint("media_item_id", "position"),
        CheckConstraint("position > 0", name="position_positive"),
        CheckConstraint("size_bytes >= 0", name="size_non_negative"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration_non_negative"),
        CheckConstraint("page_count IS NULL OR page_count >= 0", name="pages_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    media_item_id: Mapped[int] = mapped_column(
        ForeignKey("media_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    # Relative to <data>/media/, with "/" separators on every platform.
    file_path: Mapped[str] = mapped_column(String(500), nullable=False)
    original_name: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    duration_s: Mapped[float | None] = mapped_column(Float)
    page_count: Mapped[int | None] = mapped_column(Integer)
    # The .srt copied beside a video, relative like file_path.
    subtitle_path: Mapped[str | None] = mapped_column(String(500))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    item: Mapped[MediaItem] = relationship(back_populates="files")


class PlaybackPosition(Base):
    """Where a video stopped in a training session, to resume it for the same audience."""

    __tablename__ = "playback_position"
    __table_args__ = (
        UniqueConstraint("session_id", "media_file_id"),
        CheckConstraint("position_s >= 0", name="position_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    media_file_id: Mapped[int] = mapped_column(
        ForeignKey("media_file.id", ondelete="CASCADE"), index=True
    )
    position_s: Mapped[float] = mapped_column(Float, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


class Quiz(Base):
    """An editable quiz. Sessions use frozen `QuizVersion`s of it, never the quiz itself."""

    __tablename__ = "quiz"
    __table_args__ = (
        CheckConstraint("pass_mark >= 0 AND pass_mark <= 10", name="pass_mark_range"),
        one_of("scoring", list(SCORINGS), "scoring_valid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    topic: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    # all_or_nothing (default) or partial credit from the option weights.
    scoring: Mapped[str] = mapped_column(
        String(20), default=SCORING_ALL_OR_NOTHING, nullable=False
    )
    # On the 10-point scale used in Vietnamese schools and reports.
    pass_mark: Mapped[float] = mapped_column(Float, default=5.0, nullable=False)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    source_name: Mapped[str] = mapped_column(String(500), default="", nullable=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )

    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(Base):
    __tablename__ = "question"
    __table_args__ = (
        one_of("kind", values(QuestionKind), "kind_valid"),
        CheckConstraint("length(text) > 0", name="text_not_empty"),
        UniqueConstraint("quiz_id", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    explanation: Mapped[str] = mapped_column(Text, default="", nullable=False)
    source: Mapped[str] = mapped_column(Text, default="", nullable=False)
    # The ::name:: of a GIFT question, or a short label; may be empty.
    name: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    # JSON list of tag strings.
    tags_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False)

    quiz: Mapped[Quiz] = relationship(back_populates="questions")
    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question",
        order_by="QuestionOption.position",
        cascade="all, delete-orphan",
    )


class QuestionOption(Base):
    __tablename__ = "question_option"
    __table_args__ = (
        CheckConstraint("weight >= -100 AND weight <= 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    is_correct: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # Percentage of the question's points (GIFT weights); 100 for a plain correct option.
    weight: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    feedback: Mapped[str] = mapped_column(Text, default="", nullable=False)

    question: Mapped[Question] = relationship(back_populates="options")


class QuizVersion(Base):
    """A frozen snapshot (JSON) of a quiz as participants saw it. Never edited."""

    __tablename__ = "quiz_version"
    __table_args__ = (
        UniqueConstraint("quiz_id", "version_no"),
        CheckConstraint("version_no >= 1", name="version_positive"),
        CheckConstraint("pass_mark >= 0 AND pass_mark <= 10", name="pass_mark_range"),
        CheckConstraint("question_count >= 0", name="question_count_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="RESTRICT"), index=True)
    version_no: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    pass_mark: Mapped[float] = mapped_column(Float, nullable=False)
    question_count: Mapped[int] = mapped_column(Integer, nullable=False)
    content_json: Mapped[str] = mapped_column(Text, nullable=False)
    content_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    frozen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)


class ProgrammeAgendaItem(Base):
    """One step of a programme's default agenda; copied into each new session."""

    __tablename__ = "programme_agenda_item"
    __table_args__ = (
        one_of("kind", values(AgendaKind), "kind_valid"),
        UniqueConstraint("programme_id", "position"),
        CheckConstraint("duration_min IS NULL OR duration_min >= 0", name="duration_ok"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    media_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_item.id", ondelete="SET NULL")
    )
    quiz_id: Mapped[int | None] = mapped_column(ForeignKey("quiz.id", ondelete="SET NULL"))
    quiz_phase: Mapped[str | None] = mapped_column(String(10))
    duration_min: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)

    programme: Mapped[Programme] = relationship(back_populates="agenda")
