"""A certificate checked anywhere (``verify_anywhere``). The QR's check digits come from a
key that never leaves the issuing station, so a workspace that did not issue it compares
the whole payload (number, name, date, check digits) with the station's signed register
from its packages, and names the station. A number issued after the station's last package
is "not yet in the figures sent on …", never called fake. A certificate this workspace
issued itself is checked as before, offline, with its own key."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trainer_app.datadir import DataDir
from trainer_app.db.models import (
    ExchangeCertificate,
    ExchangePackage,
    ExchangePerson,
    ExchangeSession,
    ExchangeStation,
)
from trainer_app.domain.certificate_code import check_payload, format_number, payload_name
from trainer_app.services.certificates import service as certificate_service

__all__ = ["StationVerification", "verify_anywhere"]

Factory = sessionmaker[Session]
_LOCAL_FINAL = {"valid", "revoked", "mismatch", "malformed", "unknown"}


@dataclass(frozen=True)
class StationVerification:
    """As ``certificates.service.Verification``, plus the station that issued it.
    Statuses beyond the local ones: ``not_in_register`` (the station's register has no such
    certificate) and ``not_yet_sent`` (issued after the station's last package)."""

    status: str
    message: str
    number: str = ""
    payload_name: str = ""
    issued_on: date | None = None
    full_name: str = ""
    session_title: str = ""
    revoked_on: date | None = None
    revoked_reason: str = ""
    station: str = ""
    station_name: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def _serial(pattern: str, code: str, number: str) -> tuple[int, int] | None:
    """(year, sequence) when ``number`` has the shape of the station's numbers."""
    try:
        sample = format_number(pattern, 987654321, 8765, code)
    except (KeyError, ValueError, IndexError):
        return None
    regex = re.escape(sample).replace("987654321", r"(?P<seq>\d+)", 1) \
        .replace("8765", r"(?P<year>\d{4})", 1)
    match = re.fullmatch(regex, number)
    return (int(match["year"]), int(match["seq"])) if match else None


def _last_packages(session: Session) -> dict[int, tuple[datetime, dict[str, object]]]:
    out: dict[int, tuple[datetime, dict[str, object]]] = {}
    for station_id, made_at, marks in session.execute(
            select(ExchangePackage.station_id, ExchangePackage.made_at,
                   ExchangePackage.marks_json).order_by(ExchangePackage.made_at)):
        try:
            data = json.loads(marks)
        except ValueError:
            data = {}
        out[station_id] = (made_at, data if isinstance(data, dict) else {})
    return out


def verify_anywhere(factory: Factory, data_dir: DataDir, payload: str) -> StationVerification:
    local = certificate_service.verify(factory, data_dir, payload)
    if local.status in _LOCAL_FINAL:
        return StationVerification(**asdict(local))
    check = check_payload(None, payload)
    signature = payload.strip().rsplit(":", 1)[-1]
    with factory() as session:
        stations = {s.id: s for s in session.scalars(select(ExchangeStation))}
        if not stations:
            return StationVerification(**asdict(local))
        base = {"number": check.number, "payload_name": check.name,
                "issued_on": check.issued_on}
        rows = session.execute(
            select(ExchangeCertificate, ExchangePerson.full_name, ExchangePerson.erased,
                   ExchangeSession.title)
            .outerjoin(ExchangePerson, (ExchangePerson.station_id == ExchangeCertificate.station_id)
                       & (ExchangePerson.id == ExchangeCertificate.person_id))
            .outerjoin(ExchangeSession,
                       (ExchangeSession.station_id == ExchangeCertificate.station_id)
                       & (ExchangeSession.id == ExchangeCertificate.session_id))
            .where(ExchangeCertificate.number == check.number)).all()
        last = _last_packages(session)
    for cert, full_name, erased, title in rows:
        station = stations[cert.station_id]
        name_ok = not full_name or erased or payload_name(full_name) == check.name
        if cert.check_digits != signature or cert.issued_on != check.issued_on or not name_ok:
            continue
        found = {**base, "full_name": full_name or "", "session_title": title or "",
                 "revoked_on": cert.revoked_on, "revoked_reason": cert.revoked_reason,
                 "station": station.code, "station_name": station.name}
        if cert.revoked_on is not None:
            return StationVerification(
                "revoked", f"ĐÃ THU HỒI: giấy chứng nhận số {cert.number} của {station.name} "
                f"(mã {station.code}) đã bị thu hồi ngày {cert.revoked_on:%d/%m/%Y}. Lý do: "
                f"{cert.revoked_reason}", **found)
        return StationVerification(
            "valid", f"HỢP LỆ: giấy chứng nhận số {cert.number} do {station.name} (mã "
            f"{station.code}) cấp ngày {cert.issued_on:%d/%m/%Y}"
            + (f" cho {full_name}" if full_name else "") + ", khớp sổ cấp trạm đã gửi.", **found)
    if rows:
        station = stations[rows[0][0].station_id]
        return StationVerification(
            "mismatch", f"KHÔNG KHỚP SỔ: số {check.number} có trong sổ cấp của {station.name} "
            f"(mã {station.code}), nhưng họ tên, ngày cấp hoặc mã kiểm tra trên giấy khác với "
            "sổ. Giấy có thể đã bị sửa hoặc đã được cấp lại; hãy gọi điện cho trạm.",
            **base, station=station.code, station_name=station.name)
    for station_id, station in sorted(stations.items(), key=lambda item: item[1].code):
        made_at, marks = last.get(station_id, (None, {}))
        serial = _serial(str(marks.get("pattern", "")), station.code, check.number) \
            if made_at is not None else None
        if made_at is None or serial is None:
            continue
        sent = f"{made_at:%d/%m/%Y}"
        where = {**base, "station": station.code, "station_name": station.name}
        year_marks = marks.get("marks")
        high = year_marks.get(str(serial[0]), 0) if isinstance(year_marks, dict) else 0
        later = (check.issued_on is not None and check.issued_on > made_at.date()) or \
            serial[1] > (high if isinstance(high, int) else 0)
        if later:
            return StationVerification(
                "not_yet_sent", f"CHƯA CÓ TRONG SỐ LIỆU: số {check.number} chưa có trong số liệu "
                f"gửi ngày {sent} của {station.name} (mã {station.code}) — giấy có thể được cấp "
                "sau lần gửi đó. Hãy kiểm tra lại sau khi nhận gói số liệu mới, hoặc gọi điện "
                "cho trạm.", **where)
        return StationVerification(
            "not_in_register", f"KHÔNG CÓ TRONG SỔ: số {check.number} không có trong sổ cấp của "
            f"{station.name} (mã {station.code}) gửi ngày {sent}. Hãy gọi điện cho trạm để xác "
            "minh.", **where)
    return StationVerification(
        "not_in_register", f"KHÔNG CÓ TRONG SỔ: số {check.number} không có trong sổ cấp của "
        "máy này và của các trạm đã gửi số liệu (" + ", ".join(
            sorted(s.code for s in stations.values())) + ").", **base)
