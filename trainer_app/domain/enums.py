"""Closed sets of values stored in the database, with their Vietnamese labels."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


GENDER_LABELS: dict[Gender, str] = {
    Gender.MALE: "Nam",
    Gender.FEMALE: "Nữ",
    Gender.OTHER: "Khác",
}


class SessionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    CANCELLED = "cancelled"


SESSION_STATUS_LABELS: dict[SessionStatus, str] = {
    SessionStatus.PLANNED: "Đã lên kế hoạch",
    SessionStatus.IN_PROGRESS: "Đang diễn ra",
    SessionStatus.FINISHED: "Đã kết thúc",
    SessionStatus.CANCELLED: "Đã hủy",
}


class AttendanceStatus(StrEnum):
    UNKNOWN = "unknown"
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


ATTENDANCE_STATUS_LABELS: dict[AttendanceStatus, str] = {
    AttendanceStatus.UNKNOWN: "Chưa điểm danh",
    AttendanceStatus.PRESENT: "Có mặt",
    AttendanceStatus.LATE: "Đến muộn",
    AttendanceStatus.EXCUSED: "Vắng có phép",
    AttendanceStatus.ABSENT: "Vắng",
}


class MediaKind(StrEnum):
    VIDEO = "video"
    ARTICLE = "article"
    DOCUMENT = "document"
    AUDIO = "audio"
    IMAGE = "image"
    SLIDE = "slide"


class AgendaKind(StrEnum):
    SLIDE = "slide"
    VIDEO = "video"
    DOCUMENT = "document"
    QUIZ = "quiz"
    DISCUSSION = "discussion"
    HOTLINE = "hotline"
    CLOSING = "closing"
    BREAK = "break"


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


class AttemptPhase(StrEnum):
    PRE = "pre"
    POST = "post"
    OTHER = "other"


class AttemptMode(StrEnum):
    KIOSK = "kiosk"
    PAPER = "paper"
    PHONE = "phone"


class CertificateRule(StrEnum):
    """Who gets a certificate in a programme's sessions."""

    ATTENDED = "attended"
    PASSED = "passed"
    ATTENDED_AND_PASSED = "attended_and_passed"


CERTIFICATE_RULE_LABELS: dict[CertificateRule, str] = {
    CertificateRule.ATTENDED: "Có mặt là được cấp",
    CertificateRule.PASSED: "Đạt bài kiểm tra sau tập huấn",
    CertificateRule.ATTENDED_AND_PASSED: "Có mặt và đạt bài kiểm tra sau tập huấn",
}


def values(enum_cls: type[StrEnum]) -> list[str]:
    """The stored values of an enum, in declaration order."""
    return [member.value for member in enum_cls]
