"""The check before a session starts: what would go wrong in front of the room — a video
or document of the agenda that is not in the library (or damaged), a quiz step without a
quiz, nobody invited, the unit's details missing from the documents, no kiosk PIN."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.media import MediaStatus
from trainer_app.services.errors import UserError
from trainer_app.services.media import service as media_service
from trainer_app.services.quizzes import kiosk_settings
from trainer_app.services.sessions.results import session_detail
from trainer_app.services.workspace import settings as settings_service

__all__ = ["Finding", "preflight"]

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class Finding:
    severity: str  # "error": the step cannot run; "warning": works, but check
    message: str
    position: int | None = None  # agenda step, when it is about one


def preflight(factory: Factory, media_dir: Path, session_id: int) -> list[Finding]:
    detail = session_detail(factory, session_id)
    findings: list[Finding] = []
    for step in detail.steps:
        where = f"Bước {step.position} \"{step.title}\""
        if step.kind in ("video", "document"):
            if step.media_item_id is None:
                findings.append(Finding("error", f"{where}: chưa chọn video hoặc tài liệu.",
                                        step.position))
                continue
            try:
                item = media_service.get_item(factory, media_dir, step.media_item_id)
            except UserError as exc:
                findings.append(Finding("error", f"{where}: {exc.message}", step.position))
                continue
            named = "" if item.title == step.title else f" \"{item.title}\""
            if item.status == MediaStatus.MISSING:
                source = f" Tải về từ {item.source_url}" if item.source_url else " Tìm tệp"
                findings.append(Finding(
                    "error", f"{where}: chưa có tệp{named} trong thư viện.{source} rồi nhập "
                    "ở trang Thư viện.", step.position))
            elif item.status == MediaStatus.DAMAGED:
                findings.append(Finding(
                    "error", f"{where}: tệp{named} bị hỏng hoặc đã bị xóa khỏi thư mục dữ liệu "
                    f"({item.status_detail}). Hãy nhập lại.", step.position))
        if step.kind == "quiz" and step.quiz_version_id is None:
            findings.append(Finding("error", f"{where}: chưa có bộ câu hỏi.", step.position))
    if detail.counts.invited == 0:
        findings.append(Finding("warning", "Chưa mời ai: danh sách điểm danh đang trống (vẫn "
                                "có thể điểm danh người đến)."))
    if not settings_service.load_org(factory).is_complete:
        findings.append(Finding("warning", "Thông tin đơn vị chưa đủ (Cài đặt): giấy tờ in ra "
                                "sẽ thiếu tên đơn vị hoặc người ký."))
    has_quiz = any(s.kind == "quiz" for s in detail.steps)
    if has_quiz and not kiosk_settings.load_kiosk_settings(factory).has_pin:
        findings.append(Finding("warning", "Chưa đặt mã PIN cho chế độ làm bài trên máy: sẽ "
                                "được hỏi khi mở lần đầu."))
    return findings
