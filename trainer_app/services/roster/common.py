"""Small pieces shared by the roster use cases: the audit entry, the person lookup, the
operator's name. The audit log holds ids and field names only, never names or phones (a
person's data must be erasable without rewriting the log)."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import AuditEntry, Person
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import settings as settings_service

Factory = sessionmaker[Session]

#: What an erased person's name becomes (the column may not be empty). Not a name.
ERASED_NAME = "[Đã xóa theo yêu cầu]"

#: Fields of a person, in the order forms and exports show them, with Vietnamese labels.
FIELD_LABELS: dict[str, str] = {
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "phone": "Số điện thoại",
    "neighbourhood_id": "Khu phố",
    "role_id": "Chức danh",
    "unit": "Đơn vị",
    "notes": "Ghi chú",
    "consent_date": "Ngày đồng ý xử lý dữ liệu",
    "consent_method": "Cách đồng ý",
}


def operator_name(factory: Factory) -> str:
    return settings_service.load_preferences(factory).operator_name


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def audit(session: Session, action: str, entity_id: int | None, *, operator: str,
          before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
          entity: str = "person") -> None:
    """One audit entry. ``before``/``after`` must hold ids, field names, counts: no names."""

    def dump(data: dict[str, Any] | None) -> str | None:
        return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True,
                                                    default=str)

    session.add(AuditEntry(operator=operator, os_user=os_user(), action=action,
                           entity=entity, entity_id=entity_id, before=dump(before),
                           after=dump(after)))


def load_person(session: Session, person_id: int, *, allow_erased: bool = False) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise UserError(f"Không tìm thấy cộng tác viên mã {person_id}.", code="unknown_person")
    if person.erased and not allow_erased:
        raise UserError(
            f"Dữ liệu cá nhân của cộng tác viên mã {person_id} đã được xóa theo yêu cầu; "
            "không còn gì để xem hay sửa.", code="person_erased")
    return person


def format_date(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


@dataclass(frozen=True)
class ExportResult:
    path: str
    people: int


def check_xlsx_target(path: Path) -> Path:
    """Refuse (Vietnamese) a target that is not .xlsx or whose folder does not exist."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tên tệp xuất phải có đuôi .xlsx (đã nhận: {path.name}).",
                        code="bad_export_name")
    if not path.parent.is_dir():
        raise UserError(f"Không có thư mục {path.parent}; hãy chọn thư mục khác.",
                        code="export_folder_missing")
    return path


def write_xlsx(path: Path, write: Any) -> None:
    """Run a reports writer and turn file-system errors into a Vietnamese UserError."""
    try:
        write(path)
    except OSError as exc:
        raise UserError(
            f"Không ghi được tệp {path.name}: {exc.strerror or exc}. Nếu tệp đang mở trong "
            "Excel, hãy đóng lại rồi thử lại.", code="export_failed") from exc
