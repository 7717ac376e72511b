"""What the room sees at each agenda step: built from the session, the unit's settings and
the step (pure functions of their inputs, so tests can check them without a screen)."""

from __future__ import annotations

from trainer_app.domain.quiz import QuizDoc
from trainer_app.services.sessions.results import SessionDetail, StepStatus
from trainer_app.services.workspace.hotlines import LETTER_HOTLINES, Hotline
from trainer_app.services.workspace.settings import OrgSettings
from trainer_app.ui.presenter.slides import Slide

PHASE_TITLES = {"pre": "Kiểm tra đầu vào", "post": "Kiểm tra cuối khóa"}


def _date_line(detail: SessionDetail) -> str:
    clock = f"{detail.start_time:%H:%M}, " if detail.start_time else ""
    return f"{clock}ngày {detail.held_on:%d/%m/%Y}" + (
        f" · {detail.venue}" if detail.venue else "")


def title_slide(detail: SessionDetail, org: OrgSettings) -> Slide:
    return Slide("title", title=detail.title, kicker=org.unit_name,
                 lines=[_date_line(detail)],
                 footer=f"Người trình bày: {detail.trainers}" if detail.trainers else "")


def hotline_slide(step: StepStatus, hotlines: list[Hotline] | None = None) -> Slide:
    """Each number with its owner (the settings; by default the ward letter's three)."""
    shown = hotlines or list(LETTER_HOTLINES)
    return Slide("hotline", title=step.title, kicker="Khi trẻ gặp nguy hiểm, hãy gọi",
                 pairs=[(h.number, h.label) for h in shown],
                 footer="Tổng đài 111: miễn phí, 24/24 giờ, mọi ngày trong tuần.")


def quiz_status_slide(step: StepStatus, detail: SessionDetail) -> Slide:
    expected = detail.counts.arrived or detail.counts.invited
    return Slide("quiz_status", kicker=PHASE_TITLES.get(step.phase or "", step.title),
                 title=step.title, big=f"{step.submitted}/{expected}",
                 lines=["đã nộp bài"],
                 footer="Ai chưa làm bài: mời lên máy, tìm tên mình và làm từng câu.")


def question_slide(doc: QuizDoc, index: int, step: StepStatus) -> Slide:
    question = doc.questions[index]
    hint = " (chọn nhiều ý)" if sum(o.correct for o in question.options) > 1 else ""
    return Slide("question", kicker=f"{step.title} — Câu {index + 1}/{len(doc.questions)}{hint}",
                 title=question.text, lines=[o.text for o in question.options],
                 footer="Đánh dấu X vào ô bạn chọn trên phiếu trả lời.")


def step_slide(step: StepStatus, detail: SessionDetail, org: OrgSettings,
               hotlines: list[Hotline] | None = None) -> Slide:
    """The slide for a step that is not a quiz being projected question by question."""
    if step.kind == "hotline":
        return hotline_slide(step, hotlines)
    if step.kind == "quiz":
        return quiz_status_slide(step, detail)
    if step.kind == "closing":
        return Slide("closing", kicker=detail.title, title=step.title,
                     lines=["Cảm ơn các anh chị đã tham gia!"],
                     footer=f"{org.unit_name}" if org.unit_name else "")
    if step.position == 1 and step.kind == "slide":
        return title_slide(detail, org)
    kicker = {"video": "Video", "document": "Tài liệu", "discussion": "Thảo luận",
              "break": "Nghỉ giải lao"}.get(step.kind, detail.title)
    lines = [step.media_title] if step.media_title and step.media_title != step.title else []
    return Slide("text", kicker=kicker, title=step.title, lines=lines,
                 footer=step.notes if step.kind in ("video", "discussion") else "")


def media_hint(step: StepStatus) -> str:
    """What the trainer's controls say about the step's video or document."""
    if step.kind in ("video", "document") and step.media_item_id is not None:
        return "Phím P (hoặc Enter) để phát video / mở tài liệu của bước này."
    return ""
