"""What every quiz writer returns, and the warning for quiz settings a format cannot hold."""

from __future__ import annotations

from dataclasses import dataclass

from trainer_app.domain.quiz import QuizDoc

__all__ = ["ExportResult", "settings_warning"]


@dataclass(frozen=True)
class ExportResult:
    text: str
    questions: int
    warnings: list[str]


def settings_warning(doc: QuizDoc, fmt: str) -> list[str]:
    """A warning when the quiz has settings a format cannot hold (pass mark, shuffles,
    topic, description): they take their defaults when the file is imported again."""
    lost = []
    if doc.pass_mark != 5.0:
        lost.append(f"điểm đạt {doc.pass_mark:g}")
    if doc.shuffle_questions or doc.shuffle_options:
        lost.append("cách trộn")
    if doc.topic:
        lost.append("chủ đề")
    if doc.description:
        lost.append("mô tả")
    if not lost:
        return []
    return [f"Định dạng {fmt} không ghi được {', '.join(lost)} của bộ câu hỏi; khi nhập lại "
            "cần đặt lại."]
