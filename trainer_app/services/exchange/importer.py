"""Taking packages in (``import_packages``), each in one transaction: all of it or nothing.

Rules: the same package twice changes nothing (``unchanged``); a newer export of the same
station for an overlapping period replaces that station's data for the new package's
period, rows matched by the station's own ids (``replaced``); an older or equal export for
an overlapping period is refused; a package signed by another key than the one recorded
for the station code is refused unless ``accept_new_key``; a station code seen with another
name is taken with a warning. Erasures travel: people the station erased are erased here."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.locks import take_turn
from trainer_app.db.models import (
    ExchangeAttempt,
    ExchangeAttendance,
    ExchangeCertificate,
    ExchangeNeighbourhood,
    ExchangePackage,
    ExchangePerson,
    ExchangeProgramme,
    ExchangeSession,
    ExchangeStation,
)
from trainer_app.domain.certificate_code import clean_station_code
from trainer_app.services.exchange import keys
from trainer_app.services.exchange.package import OpenedPackage, PackageRefused, read_package
from trainer_app.services.exchange.rows import typed_rows

__all__ = ["ImportReport", "ImportedPackage", "PackagePreview", "RefusedPackage",
           "import_packages", "preview_package"]

Factory = sessionmaker[Session]
_CHUNK = 500


@dataclass(frozen=True)
class ImportedPackage:
    file: str
    station: str
    period: dict[str, str]
    sessions: int
    people: int
    attempts: int
    certificates: int
    replaced: bool
    station_name: str = ""
    fingerprint: str = ""
    first_time: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RefusedPackage:
    file: str
    reason: str
    code: str = "refused"


@dataclass
class ImportReport:
    imported: list[ImportedPackage] = field(default_factory=list)
    unchanged: list[ImportedPackage] = field(default_factory=list)
    refused: list[RefusedPackage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


@dataclass(frozen=True)
class PackagePreview:
    """What the import dialog shows before anything is stored."""

    file: str
    station: str
    station_name: str
    period: dict[str, str]
    made_at: str
    sequence: int
    counts: dict[str, int]
    fingerprint: str
    known: bool  # the station was seen before
    key_changed: bool  # recorded with another key
    recorded_fingerprint: str
    recorded_name: str
    status: str  # new | newer | unchanged | older | key_changed


@dataclass(frozen=True)
class _Head:
    code: str
    name: str
    parent_body: str
    place_name: str
    start: date
    end: date
    label: str
    sequence: int
    made_at: datetime


def _head(manifest: dict[str, Any]) -> _Head:
    try:
        station = manifest["station"]
        period = manifest["period"]
        code = clean_station_code(str(station["code"]))
        if not code:
            raise ValueError("mã trạm trống")
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        if end < start:
            raise ValueError("kỳ ngược")
        sequence = manifest["sequence"]
        if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
            raise ValueError("số thứ tự")
        return _Head(code, str(station["name"]), str(station.get("parent_body", "")),
                     str(station.get("place_name", "")), start, end,
                     str(period.get("label", "")), sequence,
                     datetime.fromisoformat(manifest["made_at"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise PackageRefused(f"manifest.json thiếu hoặc sai thông tin trạm, kỳ hay số thứ tự "
                             f"({exc}).", "damaged") from exc


def _period(head: _Head) -> dict[str, str]:
    return {"start": head.start.isoformat(), "end": head.end.isoformat(), "label": head.label}


def _overlapping(session: Session, station_id: int, head: _Head) -> list[ExchangePackage]:
    return list(session.scalars(select(ExchangePackage).where(
        ExchangePackage.station_id == station_id, ExchangePackage.period_start <= head.end,
        ExchangePackage.period_end >= head.start)))


def _status(session: Session, station: ExchangeStation | None, opened: OpenedPackage,
            head: _Head) -> str:
    if station is None:
        return "new"
    if station.public_key != opened.public_key.hex():
        return "key_changed"
    if session.scalar(select(ExchangePackage.id).where(
            ExchangePackage.station_id == station.id,
            ExchangePackage.digest == opened.digest)) is not None:
        return "unchanged"
    if any(p.sequence >= head.sequence for p in _overlapping(session, station.id, head)):
        return "older"
    return "newer"


def preview_package(factory: Factory, path: str | Path) -> PackagePreview:
    """Check a package and say what importing it would do; ``PackageRefused`` if it cannot
    be read at all."""
    opened = read_package(Path(path))
    head = _head(opened.manifest)
    with factory() as session:
        station = session.scalar(select(ExchangeStation).where(ExchangeStation.code == head.code))
        status = _status(session, station, opened, head)
        recorded_fp = keys.fingerprint(bytes.fromhex(station.public_key)) if station else ""
        recorded_name = station.name if station else ""
    counts = opened.manifest.get("counts")
    return PackagePreview(str(path), head.code, head.name, _period(head),
                          head.made_at.isoformat(sep=" "), head.sequence,
                          counts if isinstance(counts, dict) else {},
                          keys.fingerprint(opened.public_key), station is not None,
                          status == "key_changed", recorded_fp, recorded_name, status)


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:  # a Core executemany: no ORM bookkeeping for rows nobody loads as objects
        session.execute(insert(model.__table__), rows)


def _replace_by_id(session: Session, model: Any, station_id: int,
                   rows: list[dict[str, Any]], fresh: bool) -> None:
    if not fresh:  # a station seen for the first time has nothing to replace
        for chunk in _chunks([r["id"] for r in rows]):
            session.execute(delete(model).where(model.station_id == station_id,
                                                model.id.in_(chunk)))
    _insert(session, model, rows)


def _store(session: Session, station: ExchangeStation, opened: OpenedPackage, head: _Head,
           newest: bool, fresh: bool) -> dict[str, list[dict[str, Any]]]:
    sid = station.id
    rows = {member: typed_rows(member, opened.data[member], sid)
            for member in ("programmes", "sessions", "attendance", "people", "neighbourhoods",
                           "attempts", "certificates")}
    for row in rows["sessions"]:
        if not head.start <= row["held_on"] <= head.end:
            raise PackageRefused(f"Buổi tập huấn số {row['id']} ngày {row['held_on']:%d/%m/%Y} "
                                 "nằm ngoài kỳ của gói.", "damaged")
    incoming = [r["id"] for r in rows["sessions"]]
    old = [] if fresh else list(session.scalars(select(ExchangeSession.id).where(
        ExchangeSession.station_id == sid, ExchangeSession.held_on >= head.start,
        ExchangeSession.held_on <= head.end)))
    gone = [] if fresh else sorted(set(old) | set(incoming))
    for chunk in _chunks(gone):
        for model in (ExchangeAttendance, ExchangeAttempt):
            session.execute(delete(model).where(model.station_id == sid,
                                                model.session_id.in_(chunk)))
        session.execute(delete(ExchangeSession).where(ExchangeSession.station_id == sid,
                                                      ExchangeSession.id.in_(chunk)))
    _insert(session, ExchangeSession, rows["sessions"])
    _replace_by_id(session, ExchangeAttendance, sid, fresh=fresh, rows=rows["attendance"])
    _replace_by_id(session, ExchangeAttempt, sid, fresh=fresh, rows=rows["attempts"])
    _replace_by_id(session, ExchangeCertificate, sid, fresh=fresh, rows=rows["certificates"])
    _replace_by_id(session, ExchangeProgramme, sid, fresh=fresh, rows=rows["programmes"])
    _replace_by_id(session, ExchangePerson, sid, fresh=fresh, rows=rows["people"])
    if newest:  # the station's current khu phố list
        session.execute(delete(ExchangeNeighbourhood).where(
            ExchangeNeighbourhood.station_id == sid))
        _insert(session, ExchangeNeighbourhood, rows["neighbourhoods"])
    _erase(session, sid, opened.data["erased"])
    return rows


def _erase(session: Session, sid: int, erased: list[Any]) -> None:
    ids = [i for i in erased if isinstance(i, int) and not isinstance(i, bool)]
    for chunk in _chunks(ids):
        session.execute(update(ExchangePerson).where(
            ExchangePerson.station_id == sid, ExchangePerson.id.in_(chunk)).values(
            full_name="", gender=None, birth_year=None, neighbourhood_id=None, role="",
            erased=True))
        for model in (ExchangeAttempt, ExchangeCertificate):
            session.execute(update(model).where(model.station_id == sid,
                                                model.person_id.in_(chunk))
                            .values(person_id=None))


def _one(factory: Factory, path: Path, accept_new_key: bool,
         ) -> tuple[str, ImportedPackage]:
    opened = read_package(path)
    head = _head(opened.manifest)
    fingerprint = keys.fingerprint(opened.public_key)
    warnings: list[str] = []
    with factory.begin() as session:
        # Two officers importing the same station's package at once (on a database server):
        # the second waits, then finds it unchanged or newer, and it is stored once.
        take_turn(session, f"exchange-import:{head.code}")
        station = session.scalar(select(ExchangeStation).where(ExchangeStation.code == head.code))
        first_time = station is None
        status = _status(session, station, opened, head)
        if status == "key_changed" and station is not None:
            old_fp = keys.fingerprint(bytes.fromhex(station.public_key))
            if not accept_new_key:
                raise PackageRefused(
                    f"Gói của trạm {head.code} được ký bằng khóa khác (dấu vân tay {fingerprint}) "
                    f"với khóa đã ghi nhận ({old_fp}). Có thể trạm đã cài lại máy, hoặc gói bị "
                    "giả. Hãy gọi điện cho trạm, đọc dấu vân tay để đối chiếu; nếu đúng, nhập lại "
                    "với --accept-new-key (trên giao diện: chọn \"Chấp nhận khóa mới\").",
                    "key_changed")
            station.public_key = opened.public_key.hex()
            station.key_changed_at = datetime.now()
            warnings.append(f"Đã chấp nhận khóa mới của trạm {head.code} (dấu vân tay "
                            f"{fingerprint}; khóa cũ {old_fp}).")
            status = _status(session, station, opened, head)
        counts = opened.manifest.get("counts") or {}
        summary = {"file": str(path), "station": head.code, "period": _period(head),
                   "station_name": head.name, "fingerprint": fingerprint,
                   "first_time": first_time}
        if status == "unchanged":
            return "unchanged", ImportedPackage(
                **summary, sessions=int(counts.get("sessions", 0)),
                people=int(counts.get("people", 0)), attempts=int(counts.get("attempts", 0)),
                certificates=int(counts.get("certificates", 0)), replaced=False,
                warnings=warnings)
        if status == "older":
            raise PackageRefused(
                f"Gói số {head.sequence} của trạm {head.code} ({head.label}) cũ hơn gói đã nhập "
                "cho cùng kỳ (hoặc kỳ trùng một phần); không nhập, để số liệu mới hơn được giữ.",
                "older")
        if station is None:
            station = ExchangeStation(code=head.code, name=head.name,
                                      parent_body=head.parent_body, place_name=head.place_name,
                                      public_key=opened.public_key.hex())
            session.add(station)
            session.flush()
            warnings.append(f"Lần đầu nhận gói của trạm {head.code}: hãy gọi điện cho trạm để "
                            f"đối chiếu dấu vân tay {fingerprint}.")
        elif station.name != head.name:
            warnings.append(f"Cảnh báo: mã trạm {head.code} trước đây là \"{station.name}\", gói "
                            f"này ghi \"{head.name}\". Hãy hỏi lại trạm nếu đây không phải đổi "
                            "tên.")
            station.name = head.name
        overlapping = _overlapping(session, station.id, head)
        latest = session.scalar(select(ExchangePackage.sequence).where(
            ExchangePackage.station_id == station.id).order_by(
            ExchangePackage.sequence.desc()).limit(1))
        rows = _store(session, station, opened, head, latest is None or head.sequence > latest,
                      fresh=latest is None)
        session.add(ExchangePackage(
            station_id=station.id, sequence=head.sequence, period_start=head.start,
            period_end=head.end, made_at=head.made_at, digest=opened.digest,
            app_version=str(opened.manifest.get("app_version", ""))[:40],
            file_name=path.name[:300], counts_json=json.dumps(counts),
            coverage_json=json.dumps(opened.manifest.get("coverage") or {},
                                     ensure_ascii=False),
            marks_json=json.dumps({
                "pattern": opened.manifest.get("certificate_pattern", ""),
                "marks": opened.manifest.get("certificate_marks") or {}})))
    return "imported", ImportedPackage(
        **summary, sessions=len(rows["sessions"]), people=len(rows["people"]),
        attempts=len(rows["attempts"]), certificates=len(rows["certificates"]),
        replaced=bool(overlapping), warnings=warnings)


def import_packages(factory: Factory, paths: Iterable[str | Path], *,
                    accept_new_key: bool = False) -> ImportReport:
    """Import each file in turn (one transaction each); a refused file changes nothing."""
    report = ImportReport()
    for raw in paths:
        path = Path(raw)
        try:
            outcome, item = _one(factory, path, accept_new_key)
        except PackageRefused as exc:
            report.refused.append(RefusedPackage(str(path), exc.message, exc.code))
            continue
        except IntegrityError:  # another officer imported the same station at that moment
            report.refused.append(RefusedPackage(
                str(path), "Cùng lúc có người khác đang nhập số liệu của trạm này; chưa nhập gì. "
                "Hãy nhập lại tệp này.", "busy"))
            continue
        (report.imported if outcome == "imported" else report.unchanged).append(item)
    return report
