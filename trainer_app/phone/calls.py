"""The database side of the phone API: each function runs on the server's one database
thread (never on the event loop) and calls the shared services. Plain dicts come back,
ready to be sent as JSON; a ``UserError`` carries the Vietnamese message a phone shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from trainer_app.domain.enums import AttemptMode
from trainer_app.domain.quiz import letter
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import kiosk, phone_quiz
from trainer_app.services.quizzes.kiosk_settings import load_kiosk_settings
from trainer_app.services.sessions.service import load_session

__all__ = ["Tap", "answer", "answer_batch", "attempt_payload", "claim", "ensure_open",
           "result_payload", "resume", "submit"]

Factory = Any  # a SQLAlchemy sessionmaker (the services' own type)
CLOSED = "Bài kiểm tra đã kết thúc. Cảm ơn anh chị!"


def ensure_open(factory: Factory, session_id: int) -> None:
    """Refuse politely once the session is finished (or cancelled)."""
    with factory() as session:
        training = load_session(session, session_id)
        if training.status in ("finished", "cancelled"):
            raise UserError(CLOSED, code="quiz_closed")


def attempt_payload(started: kiosk.KioskAttempt) -> dict[str, Any]:
    """What a phone needs to show the attempt: the questions in the order this person sees
    them (letters A, B… as shown), the answers already saved, the tap counter reached."""
    return {
        "attempt_id": started.attempt_id,
        "name": started.full_name,
        "quiz_title": started.quiz_title,
        "questions": [{
            "key": q.key, "text": q.text, "multiple": q.multiple,
            "options": [{"index": index, "letter": letter(shown), "text": text}
                        for shown, (index, text) in enumerate(q.options)],
        } for q in started.questions],
        "answers": started.answers,
        "counter": started.last_counter,
        "resumed": started.resumed,
    }


def result_payload(factory: Factory, result: kiosk.KioskResult) -> dict[str, Any]:
    """The result screen, as the kiosk settings allow (score, passed, answers with
    explanations — or only "Đã nộp bài")."""
    settings = load_kiosk_settings(factory)
    payload: dict[str, Any] = {"submitted": True}
    if settings.show_score:
        payload.update(score=result.score, correct=result.correct_count,
                       total=result.question_count)
    if settings.show_pass:
        payload.update(passed=result.passed, pass_mark=result.pass_mark)
    if settings.show_answers:
        payload["outcomes"] = [asdict(o) for o in result.outcomes]
    return payload


def claim(factory: Factory, session_id: int, position: int, person_id: int,
          device_id: str) -> dict[str, Any]:
    ensure_open(factory, session_id)
    started = kiosk.start_attempt(factory, session_id, position, person_id,
                                  mode=AttemptMode.PHONE, device_id=device_id)
    return attempt_payload(started)


@dataclass(frozen=True)
class Tap:
    """One answer as a phone sent it."""

    device_id: str
    attempt_id: int
    question_key: str
    chosen: list[int]
    client_id: str
    counter: int


def answer(factory: Factory, session_id: int, device_id: str, attempt_id: int, key: str,
           chosen: list[int], client_id: str, counter: int) -> dict[str, Any]:
    """One tap, in its own transaction."""
    result = answer_batch(factory, session_id,
                          [Tap(device_id, attempt_id, key, chosen, client_id, counter)])[0]
    if isinstance(result, UserError):
        raise result
    return result


def answer_batch(factory: Factory, session_id: int,
                 taps: list[Tap]) -> list[dict[str, Any] | UserError]:
    """The taps that arrived together, saved in one transaction (one disk sync for all:
    "Đã lưu ✓" is sent only after it). A tap refused (closed quiz, another phone, a
    handed-in attempt, a bad option) gets its own Vietnamese message; the others are kept."""
    results: list[dict[str, Any] | UserError] = []
    with factory.begin() as session:
        for tap in taps:
            try:
                owner = phone_quiz.attempt_owner_in(session, tap.attempt_id)
                _check(owner, session_id, tap.device_id)
                if not owner.session_open:
                    raise UserError(CLOSED, code="quiz_closed")
                if owner.submitted:
                    raise UserError("Bài này đã nộp rồi; câu trả lời sau khi nộp không được "
                                    "ghi.", code="already_submitted")
                saved = kiosk.save_answer_in(session, tap.attempt_id, tap.question_key,
                                             tap.chosen, client_id=tap.client_id,
                                             counter=tap.counter)
            except UserError as exc:
                results.append(exc)
                continue
            results.append({"saved": True, "question": saved.question_key,
                            "chosen": saved.chosen, "counter": saved.counter,
                            "applied": saved.applied})
    return results


def submit(factory: Factory, session_id: int, device_id: str,
           attempt_id: int) -> dict[str, Any]:
    owner = _owned(factory, session_id, device_id, attempt_id)
    submitted = owner.submitted
    if submitted:  # a retried submit: the same result again
        return result_payload(factory, kiosk.attempt_result(factory, attempt_id))
    ensure_open(factory, session_id)
    return result_payload(factory, kiosk.submit(factory, attempt_id))


def resume(factory: Factory, session_id: int, position: int, device_id: str,
           attempt_id: int) -> dict[str, Any]:
    """The attempt again (after a reload or a lost connection), or its result."""
    owner = _owned(factory, session_id, device_id, attempt_id)
    submitted = owner.submitted
    if submitted:
        return result_payload(factory, kiosk.attempt_result(factory, attempt_id))
    ensure_open(factory, session_id)
    started = kiosk.start_attempt(factory, session_id, position, owner.person_id,
                                  mode=AttemptMode.PHONE, device_id=device_id)
    return attempt_payload(started)


def _owned(factory: Factory, session_id: int, device_id: str,
           attempt_id: int) -> phone_quiz.AttemptOwner:
    owner = phone_quiz.attempt_owner(factory, attempt_id)
    _check(owner, session_id, device_id)
    return owner


def _check(owner: phone_quiz.AttemptOwner, session_id: int, device_id: str) -> None:
    if owner.session_id != session_id:
        raise UserError("Không tìm thấy bài làm này.", code="unknown_attempt")
    if owner.device_id != device_id:
        raise UserError("Bài này đang được làm trên một điện thoại khác. Hãy tìm lại tên "
                        "mình; nếu cần, nhờ cán bộ xác nhận trên máy tính.",
                        code="other_device")
