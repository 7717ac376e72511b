"""Paper answer sheets read back from the PDF: names as stored and in Vietnamese order,
boxes per question, two sheets per A4 for a 10-question quiz, blank sheets, the CLI, and
bad inputs (nobody invited, a 60-character name, 1,000 people, a long quiz, unknown ids)."""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf_checks import (
    MM,
    all_text,
    assert_fonts_embedded_no_base14,
    page_count,
    positioned_text,
)
from trainer_app.db.models import Attendance, Person, TrainingSession
from trainer_app.domain.enums import QuestionKind
from trainer_app.domain.vntext import name_sort_key, search_key
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes.answer_sheets import (
    EMPTY_NOTE,
    build_sheet_set,
    sheet_questions,
    write_answer_sheets,
)
from trainer_app.services.quizzes.attempts import record_attempt_from_letters
from trainer_app.services.quizzes.service import version_doc
from trainer_app.services.workspace.opening import Workspace

pytestmark = pytest.mark.sqlite_only("checks against raw SQL on the SQLite file")

QUIZ = "bvte-kiem-tra-cuoi-khoa"
SIXTY = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Châu"
assert len(SIXTY) >= 60


def _names_in(text: str) -> list[str]:
    return [m.strip() for m in re.findall(r"Họ và tên: ([^\n]+)", text)
            if not m.startswith(".")]


def _expected_names(db: Path, session_id: int) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT p.full_name FROM attendance a JOIN person p ON p.id = a.person_id "
            "WHERE a.session_id = ? AND p.erased = 0 AND (a.invited = 1 OR a.walk_in = 1 OR "
            "a.status IN ('present', 'late'))", (session_id,)).fetchall()
    finally:
        conn.close()
    return sorted((r[0] for r in rows), key=name_sort_key)


def _new_session(ws: Workspace, names: list[str]) -> int:
    with ws.session_factory.begin() as s:
        training = TrainingSession(title="Lớp bổ sung", held_on=date(2026, 12, 1))
        s.add(training)
        s.flush()
        for name in names:
            person = Person(full_name=name, search_key=search_key(name), birth_year=1970)
            s.add(person)
            s.flush()
            s.add(Attendance(session_id=training.id, person_id=person.id))
        return training.id


def test_demo_session_sheets(demo_workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "phieu.pdf"
    result = write_answer_sheets(demo_workspace.session_factory, session_id=1, quiz=QUIZ,
                                 path=out, blank=3)
    expected = _expected_names(demo_workspace.data_dir.db_path, 1)
    assert result.named == len(expected) > 10
    assert (result.sheets, result.per_page) == (len(expected) + 3, 2)
    assert result.pages == page_count(out) == math.ceil((len(expected) + 3) / 2)
    assert_fonts_embedded_no_base14(out)
    text = all_text(out)
    assert _names_in(text) == expected  # exactly as stored, NFC, in Vietnamese order
    doc = version_doc(demo_workspace.session_factory, _version_id(demo_workspace))
    assert result.version_no == 1 and doc.id == QUIZ
    kinds = [q.kind for q in doc.questions]
    sheets = result.sheets
    assert text.count("(chọn nhiều)") == sheets * kinds.count(QuestionKind.MULTIPLE)
    assert text.count("Đúng") == sheets * kinds.count(QuestionKind.TRUE_FALSE)
    assert text.count("Câu 10") == sheets and "Câu 11" not in text
    assert text.count("Đánh dấu X vào ô bạn chọn") == sheets
    assert text.count("Họ và tên:") == sheets  # 3 blank sheets with a dotted line
    for question in doc.questions:  # no question text is printed
        assert question.text[:30] not in text
    for index in (0, result.pages - 1):
        for x, _y, run in positioned_text(out, index):
            if run != "cắt theo đường này":
                assert 30 * MM - 1 <= x <= (210 - 15) * MM, (index, run, x)


def _version_id(ws: Workspace) -> int:
    conn = sqlite3.connect(ws.data_dir.db_path)
    try:
        row = conn.execute(  # session 1 of the demo does not use QUIZ: frozen for it
            "SELECT v.id FROM quiz_version v JOIN quiz q ON q.id = v.quiz_id WHERE q.code = ? "
            "ORDER BY v.version_no DESC LIMIT 1", (QUIZ,)).fetchone()
    finally:
        conn.close()
    assert row is not None
    return int(row[0])


def test_boxes_are_the_letters_that_attempt_record_reads(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    sheet = build_sheet_set(factory, session_id=1, quiz=QUIZ)
    doc = version_doc(factory, _version_id(demo_workspace))
    assert [len(q.choices) for q in sheet.questions] == [len(q.options) for q in doc.questions]
    for q, question in zip(sheet.questions, doc.questions, strict=True):
        if question.kind == QuestionKind.TRUE_FALSE:
            assert q.choices == tuple(o.text for o in question.options)
        else:
            assert q.choices == tuple("ABCDEFGH"[: len(question.options)])
    letters = ",".join("A" if not q.multiple else "AB" for q in sheet.questions)
    person = sheet.people[0].person_id
    assert person is not None
    result = record_attempt_from_letters(factory, session_id=1, quiz=QUIZ, person_id=person,
                                         answers=letters, phase="post", replace=True)
    assert result.version_id == _version_id(demo_workspace)


def test_cli_answer_sheets(demo_workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    proc = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", str(demo_workspace.data_dir.root),
         "report", "answer-sheets", "--session", "1", "--quiz", QUIZ, "--out", str(out),
         "--blank", "2", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["file"] == str(out) and data["blank"] == 2 and data["per_page"] == 2
    assert data["pages"] == page_count(out) and data["questions"] == 10
    bad = subprocess.run(
        [sys.executable, "-m", "trainer_app", "--data-dir", str(demo_workspace.data_dir.root),
         "report", "answer-sheets", "--session", "999", "--quiz", QUIZ, "--out",
         str(tmp_path / "x.pdf")], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "Không tìm thấy buổi tập huấn số 999" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_nobody_invited_gives_a_sheet_that_says_so(demo_workspace: Workspace,
                                                    tmp_path: Path) -> None:
    session_id = _new_session(demo_workspace, [])
    factory = demo_workspace.session_factory
    only_note = write_answer_sheets(factory, session_id=session_id, quiz=QUIZ,
                                    path=tmp_path / "trong.pdf")
    assert (only_note.named, only_note.sheets, only_note.pages) == (0, 0, 1)
    text = " ".join(all_text(tmp_path / "trong.pdf").split())
    assert EMPTY_NOTE in text and "Họ và tên" not in text
    with_blank = write_answer_sheets(factory, session_id=session_id, quiz=QUIZ,
                                     path=tmp_path / "trong3.pdf", blank=3)
    assert (with_blank.sheets, with_blank.pages) == (3, 2)
    text = all_text(tmp_path / "trong3.pdf")
    assert text.count("Họ và tên:") == 3 and EMPTY_NOTE[:40] in " ".join(text.split())


def test_sixty_character_name(demo_workspace: Workspace, tmp_path: Path) -> None:
    session_id = _new_session(demo_workspace, [SIXTY, "Lê Văn Út"])
    result = write_answer_sheets(demo_workspace.session_factory, session_id=session_id,
                                 quiz=QUIZ, path=tmp_path / "dai.pdf")
    assert (result.per_page, result.pages) == (2, 1)
    assert _names_in(all_text(tmp_path / "dai.pdf")) == [SIXTY, "Lê Văn Út"]


def test_a_thousand_people(demo_workspace: Workspace, tmp_path: Path) -> None:
    names = [f"Trần Thị Hoa {i:04d}" for i in range(1000)]
    session_id = _new_session(demo_workspace, names)
    out = tmp_path / "nghin.pdf"
    result = write_answer_sheets(demo_workspace.session_factory, session_id=session_id,
                                 quiz=QUIZ, path=out)
    assert (result.sheets, result.pages) == (1000, 500)
    reader = PdfReader(str(out))
    assert len(reader.pages) == 500
    ordered = sorted(names, key=name_sort_key)
    assert _names_in(reader.pages[0].extract_text()) == ordered[:2]
    assert _names_in(reader.pages[-1].extract_text()) == ordered[-2:]


def test_a_long_quiz_takes_full_pages_with_the_name_on_each(demo_workspace: Workspace,
                                                            tmp_path: Path) -> None:
    session_id = _new_session(demo_workspace, ["Phạm Thị Đào", "Võ Văn Ánh"])
    out = tmp_path / "bank.pdf"
    result = write_answer_sheets(demo_workspace.session_factory, session_id=session_id,
                                 quiz="bvte-ngan-hang", path=out)
    assert result.per_page == 1 and result.questions > 40
    pages = [p.extract_text() for p in PdfReader(str(out)).pages]
    per_sheet = len(pages) // 2
    assert len(pages) == result.pages == 2 * per_sheet and per_sheet >= 2
    assert "Phiếu trả lời (tiếp, trang 2) — Họ và tên: Võ Văn Ánh" in pages[1]
    last = f"Câu {result.questions}"
    assert sum(last in p for p in pages) == 2


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"session_id": 999, "quiz": QUIZ}, "Không tìm thấy buổi tập huấn số 999"),
    ({"session_id": 1, "quiz": "khong-co"}, "Không tìm thấy bộ câu hỏi"),
    ({"session_id": 1, "quiz": QUIZ, "blank": -1}, "Số phiếu trống phải từ 0"),
])
def test_bad_input(demo_workspace: Workspace, tmp_path: Path, kwargs: dict[str, object],
                   message: str) -> None:
    with pytest.raises(UserError, match=message):
        write_answer_sheets(demo_workspace.session_factory, path=tmp_path / "x.pdf",
                            **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".x-*"))


def test_sheet_questions_of_each_kind() -> None:
    from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc

    doc = QuizDoc(id="q", title="Q", questions=[
        QuestionDoc("a", QuestionKind.SINGLE, "?", [OptionDoc("x", True), OptionDoc("y")]),
        QuestionDoc("b", QuestionKind.TRUE_FALSE, "?", [OptionDoc("Đúng", True),
                                                         OptionDoc("Sai")]),
        QuestionDoc("c", QuestionKind.MULTIPLE, "?", [OptionDoc(str(i), i < 2)
                                                      for i in range(6)]),
    ])
    questions = sheet_questions(doc)
    assert [(q.number, q.choices, q.multiple) for q in questions] == [
        (1, ("A", "B"), False), (2, ("Đúng", "Sai"), False),
        (3, ("A", "B", "C", "D", "E", "F"), True)]
