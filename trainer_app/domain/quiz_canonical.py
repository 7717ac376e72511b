"""A quiz's canonical form: what a frozen quiz version stores (JSON with every weight
filled in) and the SHA-256 that tells whether the content changed. Standard library only."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from trainer_app.domain.quiz import (
    FORMAT_VERSION,
    QUIZ_FORMAT,
    SCORING_ALL_OR_NOTHING,
    OptionDoc,
    QuestionDoc,
    QuizDoc,
    effective_weights,
    normalize_quiz,
    round_weight,
)

__all__ = ["canonical_dict", "canonical_json", "content_sha256", "from_canonical_dict"]


def canonical_dict(doc: QuizDoc) -> dict[str, Any]:
    """Everything that makes up the quiz's content, with every weight filled in: what a
    frozen version stores. Lines and the source file are not content."""
    return {
        "format": QUIZ_FORMAT,
        "format_version": FORMAT_VERSION,
        "id": doc.id,
        "title": doc.title,
        "topic": doc.topic,
        "pass_mark": float(doc.pass_mark),
        "shuffle_questions": bool(doc.shuffle_questions),
        "shuffle_options": bool(doc.shuffle_options),
        "scoring": doc.scoring,
        "description": doc.description,
        "questions": [
            {
                "id": q.id,
                "kind": q.kind,
                "name": q.name,
                "text": q.text,
                "explanation": q.explanation,
                "source": q.source,
                "tags": list(q.tags),
                "options": [
                    {"text": o.text, "correct": bool(o.correct), "weight": round_weight(w),
                     "feedback": o.feedback}
                    for o, w in zip(q.options, effective_weights(q), strict=True)
                ],
            }
            for q in doc.questions
        ],
    }


def canonical_json(doc: QuizDoc) -> str:
    return json.dumps(canonical_dict(doc), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False)


def content_sha256(doc: QuizDoc) -> str:
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def from_canonical_dict(data: dict[str, Any]) -> QuizDoc:
    """The inverse of ``canonical_dict`` (weights equal to the default become None)."""
    doc = QuizDoc(
        id=data["id"], title=data["title"], topic=data.get("topic", ""),
        pass_mark=float(data.get("pass_mark", 5.0)),
        shuffle_questions=bool(data.get("shuffle_questions", False)),
        shuffle_options=bool(data.get("shuffle_options", False)),
        scoring=data.get("scoring", SCORING_ALL_OR_NOTHING),
        description=data.get("description", ""),
        questions=[
            QuestionDoc(
                id=q["id"], kind=q["kind"], text=q["text"], name=q.get("name", ""),
                explanation=q.get("explanation", ""), source=q.get("source", ""),
                tags=list(q.get("tags", [])),
                options=[OptionDoc(text=o["text"], correct=bool(o["correct"]),
                                   weight=o.get("weight"), feedback=o.get("feedback", ""))
                         for o in q["options"]],
            )
            for q in data.get("questions", [])
        ],
    )
    return normalize_quiz(doc)
