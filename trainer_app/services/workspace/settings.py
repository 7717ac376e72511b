"""The unit's details (used on every document) and app preferences, stored in the database.

Read with plain SQL (``db.plain_reads``): the first page shows them before SQLAlchemy is
imported. Written through the ORM."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from trainer_app.db.plain_reads import ReadSource, reading
from trainer_app.domain.vntext import clean_text
from trainer_app.services.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

ORG_KEY = "organisation"
PREFS_KEY = "preferences"
DEFAULT_CERTIFICATE_PATTERN = "{seq:03d}/{year}/GCN-TYT"
T = TypeVar("T")


@dataclass
class OrgSettings:
    """The unit's details, printed on documents (Nghị định 30/2020 header and signature)."""

    unit_name: str = ""  # e.g. "TRẠM Y TẾ PHƯỜNG TÂN HƯNG"
    parent_body: str = ""  # e.g. "TRUNG TÂM Y TẾ KHU VỰC …"
    place_name: str = ""  # used in the date line: "Tân Hưng, ngày … tháng … năm …"
    signer_name: str = ""
    signer_title: str = ""  # e.g. "TRƯỞNG TRẠM" or "KT. TRƯỞNG TRẠM / PHÓ TRƯỞNG TRẠM"
    certificate_pattern: str = DEFAULT_CERTIFICATE_PATTERN
    # Set a different code on each laptop that issues certificates ("TH1", "TH2"): it goes
    # into the number ({station}, or appended) so two laptops never print the same number.
    station_code: str = ""
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    # The hotlines are their own setting (a list of number + label): ``workspace.hotlines``.
    # Allowance paid to each participant (đồng), printed on the allowance sheet and the plan.
    allowance_amount: int = 50_000

    @property
    def is_complete(self) -> bool:
        return bool(self.unit_name and self.parent_body and self.place_name and self.signer_name)


@dataclass
class Preferences:
    text_scale_percent: int = 100
    backup_keep: int = 10
    operator_name: str = ""
    external_backup_dir: str = ""
    last_external_backup_at: str = ""  # ISO timestamp, empty when never
    # False: VLC decodes in software (laptops whose video drivers show green or frozen video).
    hardware_decoding: bool = True


def _load(source: ReadSource, key: str) -> dict[str, Any]:
    with reading(source) as db:
        value = db.value("SELECT value FROM setting WHERE key = :key", {"key": key})
    if value is None:
        return {}
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _store(session: Session, key: str, data: dict[str, Any]) -> None:
    from trainer_app.db.models import Setting

    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in known})


def validate_org(org: OrgSettings) -> list[str]:
    """Vietnamese problems with the unit's details, empty when fine."""
    problems = []
    if not org.unit_name:
        problems.append("Chưa nhập tên đơn vị.")
    if not org.parent_body:
        problems.append("Chưa nhập cơ quan chủ quản.")
    if not org.place_name:
        problems.append("Chưa nhập địa danh ghi ở dòng ngày tháng.")
    if not org.signer_name:
        problems.append("Chưa nhập họ tên người ký.")
    if "{seq" not in org.certificate_pattern:
        problems.append("Mẫu số giấy chứng nhận phải có {seq} (số thứ tự), ví dụ {seq:03d}/GCN.")
    else:
        try:
            org.certificate_pattern.format(seq=1, year=2026, station="TH1")
        except (KeyError, ValueError, IndexError):
            problems.append("Mẫu số giấy chứng nhận không hợp lệ; ví dụ đúng: {seq:03d}/GCN-TYT.")
    if not 0 <= int(org.allowance_amount) <= 100_000_000:
        problems.append("Mức hỗ trợ mỗi người phải từ 0 đến 100.000.000 đồng.")
    if not re.fullmatch(r"[A-Za-z0-9-]{0,10}", org.station_code):
        problems.append("Mã trạm (in trong số giấy chứng nhận) chỉ gồm tối đa 10 chữ cái "
                        "không dấu, chữ số hoặc dấu -, ví dụ TH1.")
    return problems


def load_org(source: ReadSource) -> OrgSettings:
    """``source``: the workspace's ``reads`` (or any session factory)."""
    return _from_dict(OrgSettings, _load(source, ORG_KEY))


def save_org(factory: sessionmaker[Session], org: OrgSettings, *,
             tolerate: Collection[str] = ()) -> OrgSettings:
    """Clean, check and store. ``tolerate``: problems already there before this change (the
    settings CLI fills the details one key at a time)."""
    cleaned = OrgSettings(
        unit_name=clean_text(org.unit_name),
        parent_body=clean_text(org.parent_body),
        place_name=clean_text(org.place_name),
        signer_name=clean_text(org.signer_name),
        signer_title=clean_text(org.signer_title),
        certificate_pattern=clean_text(org.certificate_pattern) or DEFAULT_CERTIFICATE_PATTERN,
        station_code=clean_text(org.station_code).upper().replace(" ", ""),
        recipients=[clean_text(r) for r in org.recipients if clean_text(r)],
        allowance_amount=int(org.allowance_amount),
    )
    problems = [p for p in validate_org(cleaned) if p not in tolerate]
    if problems:
        raise UserError(" ".join(problems), code="invalid_settings")
    with factory.begin() as session:
        _store(session, ORG_KEY, asdict(cleaned))
    return cleaned


def load_preferences(source: ReadSource) -> Preferences:
    """``source``: the workspace's ``reads`` (or any session factory)."""
    return _from_dict(Preferences, _load(source, PREFS_KEY))


def save_preferences(factory: sessionmaker[Session], prefs: Preferences) -> Preferences:
    if not 50 <= prefs.text_scale_percent <= 300:
        raise UserError("Cỡ chữ phải từ 50% đến 300%.", code="invalid_settings")
    if not 1 <= prefs.backup_keep <= 365:
        raise UserError("Số bản sao lưu giữ lại phải từ 1 đến 365.", code="invalid_settings")
    prefs.operator_name = clean_text(prefs.operator_name)
    with factory.begin() as session:
        _store(session, PREFS_KEY, asdict(prefs))
    return prefs


def external_backup_age_days(prefs: Preferences, now: datetime) -> float | None:
    """Days since the last copy off the laptop, None when there never was one."""
    if not prefs.last_external_backup_at:
        return None
    try:
        last = datetime.fromisoformat(prefs.last_external_backup_at)
    except ValueError:
        return None
    return (now - last).total_seconds() / 86400


def has_setting(source: ReadSource, key: str) -> bool:
    with reading(source) as db:
        return db.value("SELECT key FROM setting WHERE key = :key", {"key": key}) is not None
