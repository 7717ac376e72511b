"""The content check: everything the app ships for learners agrees with the ward's letter and
reads fairly for adults with little schooling.

* every hotline number anywhere in shipped content (quiz files, the demo quiz, pocket cards,
  the programme's agenda, the slides, the default settings) is one of the letter's three —
  111, 113, 1900.54.55.59 — (111's Zalo and app channels are 111 too), and the text around it
  names its owner;
* no English word from a small deny-list in learner text (stems, options, feedback,
  explanations); "livestream" only as "phát trực tiếp (livestream)";
* NFC everywhere; stems at most ``MAX_STEM_WORDS`` words; ``source``, ``explanation`` and tags
  never empty; an English title quoted in a source is followed by its Vietnamese gloss;
* fair items: a true/false statement keyed "Sai" has no lower-case negation (a stem that must
  keep it writes KHÔNG); no single-answer key 20 % longer than every other option; a
  multiple-answer question has at least two wrong options;
* the bank holds at least 60 questions; the two tests 10 each, on the same topics (tags)
  with different items.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer_app.domain.quiz import QuestionDoc, QuizDoc
from trainer_app.quizbank.native import read_native
from trainer_app.services.sessions import pocket_cards, programme_content
from trainer_app.services.workspace import demo_content
from trainer_app.services.workspace.hotlines import LETTER_HOTLINES

ROOT = Path(__file__).resolve().parents[2]
QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.toml"))
MAX_STEM_WORDS = 30
KEY_LONGER = 1.2

# number as written -> words its owner's name must show in the same text
OWNERS = {
    "111": ("Tổng đài",),
    "113": ("Công an",),
    "1900.54.55.59": ("Trung tâm Công tác xã hội",),
}
# Phone-like numbers: 11x short codes, 1800/1900 lines in any spelling, mobile numbers.
PHONE = re.compile(
    r"(?<![\w/.,])(?:1[89]00(?:[ .]?\d){6}|0\d(?:[ .]?\d){8}|11\d)(?![\d/%]|\.\d|,\d)")
DENY = ("link", "online", "chat", "inbox", "share", "comment", "fanpage", "password", "app",
        "hacker", "like", "post", "Family Pairing", "24/7", "livestream")
NEGATION = re.compile(r"\b(không|chẳng|chưa|đừng)\b")


def shipped_quizzes() -> list[QuizDoc]:
    docs = []
    for path in QUIZ_FILES:
        result = read_native(path)
        assert result.problems == [] and result.quiz is not None, (path, result.problems)
        docs.append(result.quiz)
    docs.append(demo_content.demo_quiz_doc())
    return docs


def learner_texts(q: QuestionDoc) -> Iterator[str]:
    yield q.text
    yield q.explanation
    for o in q.options:
        yield o.text
        yield o.feedback


def whole(q: QuestionDoc) -> str:
    return " ".join([*learner_texts(q), q.source])


def other_texts() -> dict[str, str]:
    """Shipped learner text outside the quiz files, by where it is."""
    texts = {f"thẻ bỏ túi, bước {i}": s for i, s in enumerate(pocket_cards.CARD_STEPS, 1)}
    texts["thẻ bỏ túi, tiêu đề"] = pocket_cards.CARD_TITLE
    texts["chương trình, mô tả"] = programme_content.PROGRAMME_DESCRIPTION
    for step in programme_content.AGENDA:
        texts[f"chương trình, bước {step.title}"] = f"{step.title}. {step.notes}"
    for h in LETTER_HOTLINES:
        texts[f"cài đặt mặc định {h.number}"] = f"{h.number} {h.label}"
    source = (ROOT / "trainer_app/ui/presenter/slide_content.py").read_text(encoding="utf-8")
    for i, literal in enumerate(re.findall(r'"([^"\n]*\d{3}[^"\n]*)"', source)):
        texts[f"màn chiếu {i}"] = literal
    return texts


def numbers_in(text: str) -> list[str]:
    return PHONE.findall(text)


# --- the checker itself can fail --------------------------------------------------------------


@pytest.mark.parametrize("text, found", [
    ("Gọi 111 hoặc 113.", ["111", "113"]),
    ("Số 1900 54 55 59 hay 1900545559", ["1900 54 55 59", "1900545559"]),
    ("Gọi 115 cấp cứu, 0909.123.456", ["115", "0909.123.456"]),
    ("Luật số 116/2025/QH15, 180 phút, Điều 146, 100%", []),
])
def test_the_number_finder(text: str, found: list[str]) -> None:
    assert numbers_in(text) == found


def hotline_problems(text: str) -> list[str]:
    problems = []
    for number in numbers_in(text):
        owner = OWNERS.get(number)
        if owner is None:
            problems.append(f"số {number} không có trong Công văn của phường")
        elif not all(word in text for word in owner):
            problems.append(f"số {number} thiếu tên cơ quan ({owner[0]}…)")
    return problems


def deny_problems(text: str) -> list[str]:
    bare = text.replace("phát trực tiếp (livestream)", "")
    return [w for w in DENY
            if re.search(rf"(?<![\w/.]){re.escape(w)}(?![\w/])", bare, re.IGNORECASE)]


def test_the_checks_catch_what_they_should() -> None:
    assert hotline_problems("Gọi 115 khi ốm") == ["số 115 không có trong Công văn của phường"]
    assert hotline_problems("Gọi 113.") == ["số 113 thiếu tên cơ quan (Công an…)"]
    assert hotline_problems("Gọi 113 (Công an) hoặc Tổng đài 111.") == []
    assert deny_problems("Không mở đường link lạ, gọi 24/7") == ["link", "24/7"]
    assert deny_problems("Xem phát trực tiếp (livestream) trên tongdai111.vn/thu-vien") == []
    assert deny_problems("nghiện livestream") == ["livestream"]


# --- the shipped content ------------------------------------------------------------------------


def test_every_hotline_is_one_of_the_letters_three_with_its_owner() -> None:
    problems = [f"{doc.id} {q.id}: {p}" for doc in shipped_quizzes() for q in doc.questions
                for p in hotline_problems(whole(q))]
    problems += [f"{where}: {p}" for where, text in other_texts().items()
                 for p in hotline_problems(text)]
    assert problems == []
    assert {h.number for h in LETTER_HOTLINES} == set(OWNERS)


def test_no_english_words_in_learner_text() -> None:
    problems = [f"{doc.id} {q.id}: {w}" for doc in shipped_quizzes() for q in doc.questions
                for t in learner_texts(q) for w in deny_problems(t)]
    problems += [f"{where}: {w}" for where, t in other_texts().items() for w in deny_problems(t)]
    assert problems == []


def test_nfc_sources_explanations_tags_and_short_stems() -> None:
    problems = []
    for doc in shipped_quizzes():
        for q in doc.questions:
            where = f"{doc.id} {q.id}"
            for t in [*learner_texts(q), q.source, *q.tags]:
                if unicodedata.normalize("NFC", t) != t:
                    problems.append(f"{where}: không phải NFC: {t[:30]}")
            if not q.source.strip() or not q.explanation.strip() or not q.tags:
                problems.append(f"{where}: thiếu nguồn, giải thích hoặc nhãn")
            for title in re.findall(r"“([^”]*)”", q.source):
                if title.isascii() and len(title.split()) > 1 and not re.search(
                        rf"“{re.escape(title)}”\s*\(", q.source):
                    problems.append(f"{where}: tên tiếng Anh “{title}” thiếu lời dịch")
            if len(q.text.split()) > MAX_STEM_WORDS:
                problems.append(f"{where}: câu hỏi dài {len(q.text.split())} từ")
    assert problems == []


def test_fair_items() -> None:
    problems = []
    for doc in shipped_quizzes():
        for q in doc.questions:
            where = f"{doc.id} {q.id}"
            right = [o for o in q.options if o.correct]
            wrong = [o for o in q.options if not o.correct]
            if q.kind == "true_false" and right[0].text == "Sai" and NEGATION.search(q.text):
                problems.append(f"{where}: câu Sai có chữ phủ định viết thường")
            numbers_only = all(re.fullmatch(r"[\d. ]+", o.text) for o in q.options)
            if q.kind == "single" and wrong and not numbers_only and len(
                    right[0].text) >= KEY_LONGER * max(len(o.text) for o in wrong):
                problems.append(f"{where}: đáp án dài hơn hẳn các phương án khác")
            if q.kind == "multiple" and len(wrong) < 2:
                problems.append(f"{where}: câu nhiều đáp án chỉ có {len(wrong)} phương án sai")
    assert problems == []


def test_bank_size_and_two_parallel_tests() -> None:
    docs = {doc.id: doc for doc in shipped_quizzes()}
    assert len(docs["bvte-ngan-hang"].questions) >= 60
    pre, post = docs["bvte-kiem-tra-dau-vao"], docs["bvte-kiem-tra-cuoi-khoa"]
    assert len(pre.questions) == len(post.questions) == 10
    topics = [Counter(t for q in d.questions for t in q.tags) for d in (pre, post)]
    assert topics[0] == topics[1]
    assert not {q.text for q in pre.questions} & {q.text for q in post.questions}
    kinds = [Counter(q.kind for q in d.questions) for d in (pre, post)]
    assert kinds[0] == kinds[1]


def test_the_letter_is_cited_for_its_numbers_and_handbook() -> None:
    bank = " ".join(whole(q) for doc in shipped_quizzes() for q in doc.questions)
    for number in ("113", "1900.54.55.59"):
        assert any(number in whole(q) and "Công văn" in q.source
                   for doc in shipped_quizzes() for q in doc.questions), number
    assert "Cẩm nang bảo vệ trẻ em trên không gian mạng" in bank
    assert "mst.gov.vn" in bank
    assert "tongdai111.vn/thu-vien" in bank
