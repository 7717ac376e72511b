"""Data imported from other stations' exchange packages, kept apart from the workspace's
own tables (nothing here is ever joined to them). Every row carries its station and the
station's own id (composite primary keys), so a newer package replaces rows by those ids.
The columns the period report reads have the same names as in the workspace's own tables
(``services/reporting/period_report`` reads either)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
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
)
from sqlalchemy.orm import Mapped, mapped_column

from trainer_app.db.base import Base, utcnow


class ExchangeStation(Base):
    """A station known from its packages: code, name and the public key first seen."""

    __tablename__ = "xch_station"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    parent_body: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    place_name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)  # hex, 32 bytes
    first_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    key_changed_at: Mapped[datetime | None] = mapped_column(DateTime)


def _station() -> Mapped[int]:
    return mapped_column(ForeignKey("xch_station.id", ondelete="CASCADE"), primary_key=True)


class ExchangePackage(Base):
    """One package imported (kept after a newer one replaces its data: the history)."""

    __tablename__ = "xch_package"
    __table_args__ = (UniqueConstraint("station_id", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(
        ForeignKey("xch_station.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    made_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)  # SHA-256 of the manifest
    app_version: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    file_name: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    # JSON: the manifest's counts, and khu phố id -> people trained up to the period's end.
    counts_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False)
    coverage_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False)
    # JSON: the station's certificate number pattern and highest serial per year when made.
    marks_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False)


class ExchangeProgramme(Base):
    __tablename__ = "xch_programme"

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)


class ExchangeSession(Base):
    __tablename__ = "xch_session"
    __table_args__ = (Index("ix_xch_session_station_held", "station_id", "held_on"),)

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    programme_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    trainers: Mapped[str] = mapped_column(String(500), default="", nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)


class ExchangeAttendance(Base):
    __tablename__ = "xch_attendance"
    __table_args__ = (Index("ix_xch_attendance_station_session", "station_id", "session_id"),)

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    session_id: Mapped[int] = mapped_column(Integer, nullable=False)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    invited: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class ExchangePerson(Base):
    """Who took part: no phone number, no notes (never in a package)."""

    __tablename__ = "xch_person"

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    full_name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    neighbourhood_id: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    erased: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class ExchangeNeighbourhood(Base):
    __tablename__ = "xch_neighbourhood"

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    number: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class ExchangeAttempt(Base):
    __tablename__ = "xch_attempt"
    __table_args__ = (Index("ix_xch_attempt_station_session", "station_id", "session_id"),)

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    session_id: Mapped[int] = mapped_column(Integer, nullable=False)
    person_id: Mapped[int | None] = mapped_column(Integer)
    quiz_version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    quiz_code: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    quiz_title: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    phase: Mapped[str] = mapped_column(String(10), nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    answers: Mapped[str] = mapped_column(Text, default="", nullable=False)  # "1101": right/wrong


class ExchangeCertificate(Base):
    __tablename__ = "xch_certificate"

    station_id: Mapped[int] = _station()
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    number: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    serial_year: Mapped[int | None] = mapped_column(Integer)
    serial_no: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoked_reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    check_digits: Mapped[str] = mapped_column(String(20), default="", nullable=False)
