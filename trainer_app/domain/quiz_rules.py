"""The rules every quiz must follow: ``validate_quiz`` lists each broken rule as a
``Problem`` with its file and line, in Vietnamese. Standard library only."""

from __future__ import annotations

import math

from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.quiz import (
    FALSE_TEXT,
    KIND_LABELS,
    MAX_OPTIONS,
    MAX_QUIZ_ID,
    SCORINGS,
    TRUE_TEXT,
    WEIGHT_TOLERANCE,
    OptionDoc,
    Problem,
    QuestionDoc,
    QuizDoc,
    effective_weights,
    is_valid_question_id,
    is_valid_quiz_id,
    letter,
    question_label,
    text_identity,
)

__all__ = ["validate_quiz"]


def _validate_quiz_fields(doc: QuizDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    if not doc.id:
        out.append(Problem(file, doc.line_of("id"), "Thiếu mã bộ câu hỏi (id)."))
    elif not is_valid_quiz_id(doc.id):
        out.append(Problem(
            file, doc.line_of("id"),
            f"Mã bộ câu hỏi \"{doc.id}\" không hợp lệ: chỉ dùng chữ thường a-z không dấu, "
            f"chữ số 0-9 và dấu gạch ngang \"-\" (tối đa {MAX_QUIZ_ID} ký tự), "
            "ví dụ \"bvte-kiem-tra-dau-vao\"."))
    if not doc.title:
        out.append(Problem(file, doc.line_of("title"), "Thiếu tên bộ câu hỏi (title)."))
    if (isinstance(doc.pass_mark, bool) or not isinstance(doc.pass_mark, int | float)
            or not math.isfinite(doc.pass_mark) or not 0 <= doc.pass_mark <= 10):
        out.append(Problem(
            file, doc.line_of("pass_mark"),
            f"Điểm đạt (pass_mark) phải là một số từ 0 đến 10 (thang điểm 10), "
            f"không phải {doc.pass_mark!r}."))
    if doc.scoring not in SCORINGS:
        out.append(Problem(
            file, doc.line_of("scoring"),
            f"Cách chấm (scoring) \"{doc.scoring}\" không hợp lệ: dùng \"all_or_nothing\" "
            "hoặc \"partial\"."))
    if not doc.questions:
        out.append(Problem(file, doc.line_of("questions"), "Bộ câu hỏi chưa có câu hỏi nào."))
    return out


def _validate_options(q: QuestionDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    label = question_label(q)
    opt_line = q.line_of("options")
    if len(q.options) < 2:
        out.append(Problem(file, opt_line, f"Câu {label}: cần ít nhất 2 phương án trả lời."))
    if len(q.options) > MAX_OPTIONS:
        out.append(Problem(file, opt_line,
                           f"Câu {label}: có {len(q.options)} phương án, tối đa {MAX_OPTIONS} "
                           "(A đến Z)."))
    seen: dict[str, int] = {}
    for index, option in enumerate(q.options):
        line = option.line or opt_line
        if not option.text:
            out.append(Problem(file, line,
                               f"Câu {label}: phương án {letter(index)} không có nội dung."))
            continue
        key = text_identity(option.text)
        if key in seen:
            out.append(Problem(
                file, line, f"Câu {label}: phương án {letter(index)} (\"{option.text}\") trùng "
                f"với phương án {letter(seen[key])}."))
        else:
            seen[key] = index
    correct = [i for i, o in enumerate(q.options) if o.correct]
    if q.options and not correct:
        out.append(Problem(file, opt_line, f"Câu {label}: chưa đánh dấu phương án đúng nào "
                           "(correct = true)."))
    if q.kind == QuestionKind.SINGLE and len(correct) > 1:
        letters = ", ".join(letter(i) for i in correct)
        out.append(Problem(
            file, opt_line, f"Câu {label}: câu một đáp án (single) nhưng có {len(correct)} "
            f"phương án đúng ({letters}); nếu nhiều phương án cùng đúng, dùng kind = "
            "\"multiple\"."))
    if q.kind == QuestionKind.TRUE_FALSE:
        texts = sorted(o.text for o in q.options)
        if texts != sorted([TRUE_TEXT, FALSE_TEXT]):
            out.append(Problem(
                file, opt_line, f"Câu {label}: câu Đúng/Sai (true_false) phải có đúng hai "
                f"phương án \"{TRUE_TEXT}\" và \"{FALSE_TEXT}\"."))
        elif len(correct) != 1:
            out.append(Problem(file, opt_line, f"Câu {label}: câu Đúng/Sai phải có đúng một "
                               "phương án đúng."))
    return out + _validate_weights(q, file)


def _weight_problem(q: QuestionDoc, option: OptionDoc) -> str | None:
    w = option.weight
    assert w is not None
    if not math.isfinite(w) or not -100 <= w <= 100:
        return "trọng số phải từ -100 đến 100 (%)."
    if q.kind == QuestionKind.TRUE_FALSE:
        return "câu Đúng/Sai không dùng trọng số."
    if q.kind == QuestionKind.SINGLE and option.correct and abs(w - 100) > WEIGHT_TOLERANCE:
        return ("phương án đúng của câu một đáp án luôn được 100%; phương án chỉ được một "
                "phần điểm thì không đánh dấu correct.")
    if q.kind == QuestionKind.SINGLE and not option.correct and w >= 100:
        return "phương án được 100% điểm phải đánh dấu correct = true."
    if q.kind == QuestionKind.MULTIPLE and option.correct and w <= 0:
        return "phương án đúng phải có trọng số dương."
    if q.kind == QuestionKind.MULTIPLE and not option.correct and w > 0:
        return ("phương án sai không được có trọng số dương (đánh dấu correct = true nếu nó "
                "đúng).")
    return None


def _validate_weights(q: QuestionDoc, file: str) -> list[Problem]:
    out: list[Problem] = []
    label = question_label(q)
    explicit = False
    for index, option in enumerate(q.options):
        if option.weight is None:
            continue
        explicit = True
        message = _weight_problem(q, option)
        if message:
            out.append(Problem(file, option.line or q.line_of("options"),
                               f"Câu {label}, phương án {letter(index)}: {message}"))
    if explicit and not out and q.kind == QuestionKind.MULTIPLE and any(
        o.correct for o in q.options
    ):
        total = sum(w for w, o in zip(effective_weights(q), q.options, strict=True) if o.correct)
        if abs(total - 100) > 0.01:
            out.append(Problem(file, q.line_of("options"),
                               f"Câu {label}: tổng trọng số các phương án đúng là {total:g}%, "
                               "phải bằng 100%."))
    return out


def validate_quiz(doc: QuizDoc, file: str = "") -> list[Problem]:
    """Every rule a quiz must follow, as problems with file and line (Vietnamese messages),
    sorted by line. ``doc`` should be normalised (``normalize_quiz``) first."""
    file = file or doc.source_file
    out = _validate_quiz_fields(doc, file)
    ids: dict[str, QuestionDoc] = {}
    texts: dict[str, QuestionDoc] = {}
    for q in doc.questions:
        label = question_label(q)
        if not q.id:
            out.append(Problem(file, q.line, "Câu hỏi thiếu mã (id)."))
        elif not is_valid_question_id(q.id):
            out.append(Problem(file, q.line_of("id"),
                               f"Mã câu hỏi \"{q.id}\" không hợp lệ: dùng chữ cái không dấu, "
                               "chữ số, \"-\", \"_\" hoặc \".\", ví dụ \"q01\"."))
        elif q.id in ids:
            out.append(Problem(file, q.line_of("id"),
                               f"Mã câu hỏi \"{q.id}\" bị trùng (đã dùng ở dòng "
                               f"{ids[q.id].line})."))
        else:
            ids[q.id] = q
        if q.kind not in KIND_LABELS:
            out.append(Problem(file, q.line_of("kind"),
                               f"Câu {label}: loại câu hỏi (kind) \"{q.kind}\" không hợp lệ: "
                               "dùng \"single\", \"multiple\" hoặc \"true_false\"."))
            continue
        if not q.text:
            out.append(Problem(file, q.line_of("text"),
                               f"Câu {label}: chưa có nội dung câu hỏi (text)."))
        else:
            key = text_identity(q.text)
            if key in texts:
                first = texts[key]
                out.append(Problem(file, q.line_of("text"),
                                   f"Câu {label}: nội dung trùng với câu {question_label(first)}"
                                   f" (dòng {first.line})."))
            else:
                texts[key] = q
        out += _validate_options(q, file)
    return sorted(out, key=lambda p: p.line)
