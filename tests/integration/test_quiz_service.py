"""Quiz use cases on a real SQLite file: store and replace, versions, the shipped bank,
paper attempts, item analysis, and the demo workspace."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from trainer_app.db.models import Answer, Attempt, Attendance, Person, QuizVersion
from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc
from trainer_app.domain.quiz_canonical import content_sha256
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import attempts as quiz_attempts
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.workspace.opening import Workspace


def sample(text: str = "Trẻ em là người dưới bao nhiêu tuổi?") -> QuizDoc:
    return QuizDoc(
        id="kiem-tra", title="Kiểm tra", topic="Bảo vệ trẻ em", pass_mark=6.0,
        shuffle_options=True, scoring="partial", description="Mô tả\nhai dòng",
        questions=[
            QuestionDoc("q01", "single", text,
                        [OptionDoc("14"), OptionDoc("16", True), OptionDoc("18", weight=50)],
                        explanation="Điều 1", source="Luật Trẻ em 2016", tags=["pháp luật"],
                        name="Tuổi trẻ em"),
            QuestionDoc("q02", "multiple", "Dấu hiệu nào?",
                        [OptionDoc("Giấu điện thoại", True, feedback="Đúng"),
                         OptionDoc("Nhận quà lạ", True), OptionDoc("Học giỏi", weight=0)]),
            QuestionDoc("q03", "true_false", "Tổng đài 111 miễn phí.",
                        [OptionDoc("Đúng", True), OptionDoc("Sai")]),
        ])


def test_store_and_read_back_every_field(workspace: Workspace) -> None:
    factory = workspace.session_factory
    result = quiz_service.store_quiz(factory, sample())
    assert result.created and result.questions == 3
    assert quiz_service.get_quiz_doc(factory, "kiem-tra") == sample()
    assert quiz_service.get_quiz_doc(factory, result.quiz_db_id) == sample()
    [summary] = quiz_service.list_quizzes(factory)
    assert (summary.code, summary.questions, summary.versions) == ("kiem-tra", 3, 0)


def test_store_refuses_a_broken_quiz(workspace: Workspace) -> None:
    broken = sample()
    broken.questions[0].options[0].correct = True  # two correct in a single-choice question
    with pytest.raises(UserError, match="có 2 phương án đúng"):
        quiz_service.store_quiz(workspace.session_factory, broken)
    assert quiz_service.list_quizzes(workspace.session_factory) == []


def test_freeze_only_when_the_content_changed(workspace: Workspace) -> None:
    factory = workspace.session_factory
    quiz_service.store_quiz(factory, sample())
    first = quiz_service.freeze(factory, "kiem-tra")
    assert first.created and first.version_no == 1
    assert quiz_service.freeze_version(factory, "kiem-tra") == first.version_id
    quiz_service.store_quiz(factory, sample())  # re-import of the same content
    assert quiz_service.freeze_version(factory, "kiem-tra") == first.version_id
    changed = sample("Theo luật, trẻ em là người dưới bao nhiêu tuổi?")
    replaced = quiz_service.store_quiz(factory, changed)
    assert not replaced.created
    second = quiz_service.freeze(factory, "kiem-tra")
    assert second.created and second.version_no == 2
    # the old version is untouched: it still holds the quiz as it was
    assert quiz_service.version_doc(factory, first.version_id) == sample()
    assert quiz_service.version_doc(factory, second.version_id) == changed
    with factory() as session:
        versions = session.scalars(select(QuizVersion).order_by(QuizVersion.version_no)).all()
        assert [v.content_sha256 for v in versions] == [content_sha256(sample()),
                                                        content_sha256(changed)]
        assert json.loads(versions[0].content_json)["questions"][0]["text"] == sample(
        ).questions[0].text


def test_unknown_quiz(workspace: Workspace) -> None:
    with pytest.raises(UserError, match="Không tìm thấy bộ câu hỏi"):
        quiz_service.freeze_version(workspace.session_factory, "khong-co")


BROKEN_TOML = '''format = "trainer-app-quiz"
format_version = 1
id = "hong"
title = "Hỏng"

[[questions]]
id = "q01"
kind = "single"
text = "Câu?"
options = [
  { text = "a" },
  { text = "b" },
]
'''


def test_shipped_bank_loads_valid_files_and_reports_broken_ones(workspace: Workspace,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    files = sorted(shipped_dir("quizzes").glob("*.toml"))
    if not files:
        pytest.skip("no quiz bank files in quizzes/ yet")
    for path in files:
        shutil.copy(path, folder / path.name)
    (folder / "zz-hong.toml").write_text(BROKEN_TOML, encoding="utf-8")
    (folder / "zz-cu-phap.toml").write_text('title = "thiếu dấu đóng\n', encoding="utf-8")
    factory = workspace.session_factory
    result = quiz_files.load_shipped_bank(factory, folder)
    assert result.files == len(files) + 2
    assert sorted(result.loaded) == sorted(p.stem for p in files)
    assert sorted((p.file, p.line) for p in result.problems) == [
        ("quizzes/zz-cu-phap.toml", 1), ("quizzes/zz-hong.toml", 10)]
    again = quiz_files.load_shipped_bank(factory, folder)
    assert again.loaded == [] and sorted(again.kept) == sorted(result.loaded)


def test_import_file_gift_with_skipped_questions(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "Câu hỏi Moodle.gift"
    path.write_text("Câu một?{=a ~b}\n\nCâu ngắn?{=a =b}\n\nCâu một?{~a =b}\n", encoding="utf-8")
    result = quiz_files.import_file(workspace.session_factory, path)
    assert result.quiz == "cau-hoi-moodle" and len(result.questions) == 1
    assert [(s.line, s.name) for s in result.skipped] == [(3, "Câu ngắn?"), (5, "Câu một?")]
    data = result.as_json()
    assert set(data) == {"quiz", "questions", "skipped"}
    assert data["questions"][0]["options"] == [
        {"text": "a", "correct": True, "weight": 100.0},
        {"text": "b", "correct": False, "weight": 0.0}]


def test_import_file_with_problems_stores_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "hong.txt"
    path.write_text("Câu một?\nA. x\nB. y\nANSWER: D\n", encoding="utf-8")
    result = quiz_files.import_file(workspace.session_factory, path)
    assert result.quiz is None and result.problems[0].line == 4
    assert quiz_service.list_quizzes(workspace.session_factory) == []
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        quiz_files.import_file(workspace.session_factory, tmp_path / "khong.gift")


def test_export_every_format_and_import_back(workspace: Workspace, tmp_path: Path) -> None:
    factory = workspace.session_factory
    quiz_service.store_quiz(factory, sample())
    for name, count in (("k.toml", 3), ("k.gift", 3), ("k.xlsx", 3), ("k.txt", 2)):
        summary = quiz_files.export_quiz(factory, "kiem-tra", tmp_path / name)
        assert (tmp_path / name).exists() and summary.questions == count
        assert bool(summary.warnings) == (name != "k.toml")  # only TOML holds everything
    for name in ("k.gift", "k.xlsx"):
        back = quiz_files.import_file(factory, tmp_path / name, quiz_id="ban-sao")
        assert back.quiz == "ban-sao" and len(back.questions) == 3
    result = quiz_files.import_file(factory, tmp_path / "k.toml")
    assert result.quiz == "kiem-tra" and not result.created
    assert quiz_service.get_quiz_doc(factory, "kiem-tra") == sample()
    with pytest.raises(UserError, match="đuôi"):
        quiz_files.export_quiz(factory, "kiem-tra", tmp_path / "k.pdf")


def test_template(tmp_path: Path) -> None:
    assert quiz_files.save_template(tmp_path / "mau.xlsx").exists()
    with pytest.raises(UserError, match=r"\.xlsx"):
        quiz_files.save_template(tmp_path / "mau.xls")


def _planned_session(factory) -> tuple[int, int, str]:
    from trainer_app.db.models import AgendaItem, TrainingSession

    with factory() as session:
        planned = session.scalar(select(TrainingSession).where(
            TrainingSession.status == "planned"))
        invited = session.scalar(select(Attendance.person_id).where(
            Attendance.session_id == planned.id))
        version = session.scalar(select(AgendaItem.quiz_version_id).where(
            AgendaItem.session_id == planned.id, AgendaItem.quiz_version_id.is_not(None)))
        code = session.get(QuizVersion, version).quiz_id
        from trainer_app.db.models import Quiz

        return planned.id, invited, session.get(Quiz, code).code


def test_record_attempt_from_letters(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    session_id, person_id, code = _planned_session(factory)
    # the demo quiz: q1 B, q2 A (Đúng), q3 B, q4 AC, q5 B (Sai)
    result = quiz_attempts.record_attempt_from_letters(
        factory, session_id=session_id, quiz=code, person_id=person_id,
        answers="B, a ,C,CA,-", phase="post")
    assert (result.score, result.percent, result.correct_count, result.passed) == (
        6.0, 60.0, 3, True)
    assert [a.chosen for a in result.answers] == ["B", "A", "C", "AC", ""]
    with factory() as session:
        attempt = session.get(Attempt, result.attempt_id)
        assert (attempt.mode, attempt.phase, attempt.score) == ("paper", "post", 6.0)
        answers = session.scalars(select(Answer).where(Answer.attempt_id == attempt.id)
                                  .order_by(Answer.question_key)).all()
        assert [json.loads(a.chosen_json) for a in answers] == [[2], [1], [3], [1, 3], []]
        assert [a.points for a in answers] == [1.0, 1.0, 0.0, 1.0, 0.0]
        status = session.scalar(select(Attendance.status).where(
            Attendance.session_id == session_id, Attendance.person_id == person_id))
        assert status == "present"
    with pytest.raises(UserError, match="--replace"):
        quiz_attempts.record_attempt_from_letters(
            factory, session_id=session_id, quiz=code, person_id=person_id,
            answers="B,A,B,AC,B", phase="post")
    again = quiz_attempts.record_attempt_from_letters(
        factory, session_id=session_id, quiz=code, person_id=person_id,
        answers="B,A,B,AC,B", phase="post", replace=True)
    assert again.score == 10.0
    with factory() as session:
        rows = session.scalars(select(Attempt).where(
            Attempt.session_id == session_id, Attempt.person_id == person_id)).all()
        assert [(a.phase, a.score) for a in rows] == [("post", 10.0)]
        assert session.scalar(select(func.count()).select_from(Answer).where(
            Answer.attempt_id == again.attempt_id)) == 5


def test_both_phases_use_one_version_so_the_phase_must_be_named(
        demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    session_id, person_id, code = _planned_session(factory)
    with pytest.raises(UserError, match="--phase"):
        quiz_attempts.record_attempt_from_letters(
            factory, session_id=session_id, quiz=code, person_id=person_id,
            answers="B,A,B,ABC,B")


def test_bad_letters_store_nothing(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    session_id, person_id, code = _planned_session(factory)
    with factory() as session:
        before = session.scalar(select(func.count()).select_from(Attempt))
    for answers, words in (("B,A,E,AAC,X1", "câu 3: không có phương án E (chỉ có A đến C); "
                                            "câu 4: \"AAC\" ghi một chữ cái hai lần; câu 5"),
                           ("B,A", "Có 2 câu trả lời nhưng bộ câu hỏi có 5 câu")):
        with pytest.raises(UserError) as caught:
            quiz_attempts.record_attempt_from_letters(
                factory, session_id=session_id, quiz=code, person_id=person_id,
                answers=answers, phase="pre")
        assert words in caught.value.message
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Attempt)) == before


def test_walk_in_with_a_quiz_the_session_has_not_used(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    session_id, _person, _code = _planned_session(factory)
    quiz_service.store_quiz(factory, sample())
    with factory() as session:
        walk_in = session.scalar(select(Person.id).where(Person.id.not_in(
            select(Attendance.person_id).where(Attendance.session_id == session_id))))
    result = quiz_attempts.record_attempt_from_letters(
        factory, session_id=session_id, quiz="kiem-tra", person_id=walk_in,
        answers="C,A,A")
    assert result.version_no == 1 and result.phase == "other"
    assert result.points == 2.0  # partial: C is worth 50 %, A alone in q02 50 %, A right
    assert result.score == 6.7 and result.passed
    with factory() as session:
        row = session.scalar(select(Attendance).where(Attendance.session_id == session_id,
                                                      Attendance.person_id == walk_in))
        assert row.walk_in and row.status == "present"


def test_unknown_session_or_person(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    session_id, person_id, code = _planned_session(factory)
    with pytest.raises(UserError, match="buổi tập huấn số 999"):
        quiz_attempts.record_attempt_from_letters(
            factory, session_id=999, quiz=code, person_id=person_id, answers="B,A,B,ABC,B")
    with pytest.raises(UserError, match="cộng tác viên mã 9999"):
        quiz_attempts.record_attempt_from_letters(
            factory, session_id=session_id, quiz=code, person_id=9999, answers="B,A,B,ABC,B")


def test_item_analysis_of_the_demo_version(demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    with factory() as session:
        version = session.scalar(select(QuizVersion.id))
    stats = quiz_attempts.item_analysis_for_version(factory, version)
    assert [s.question_id for s in stats] == ["q1", "q2", "q3", "q4", "q5"]
    assert all(s.attempts == 56 for s in stats)  # 28 people came, pre and post
    assert all(0 < s.share_correct < 1 for s in stats)
    assert all(s.upper_lower is not None and s.upper_lower > 0 for s in stats)


def test_demo_uses_the_canonical_frozen_version_and_loads_the_bank(
        demo_workspace: Workspace) -> None:
    factory = demo_workspace.session_factory
    with factory() as session:
        version = session.scalar(select(QuizVersion))
        assert json.loads(version.content_json)["format"] == "trainer-app-quiz"
    doc = quiz_service.version_doc(factory, version.id)
    assert doc == quiz_service.get_quiz_doc(factory, "demo-kiem-tra-nhanh")
    assert content_sha256(doc) == version.content_sha256
    assert quiz_service.freeze_version(factory, "demo-kiem-tra-nhanh") == version.id
    codes = {q.code for q in quiz_service.list_quizzes(factory)}
    shipped = {p.stem for p in shipped_dir("quizzes").glob("*.toml")}
    assert shipped <= codes and "demo-kiem-tra-nhanh" in codes


def test_legacy_snapshot_is_still_readable(workspace: Workspace) -> None:
    factory = workspace.session_factory
    quiz_service.store_quiz(factory, sample())
    legacy = {"code": "kiem-tra", "title": "Cũ", "pass_mark": 5.0, "questions": [
        {"key": "q1", "kind": "single", "text": "Câu?", "explanation": "", "source": "",
         "options": [{"text": "a", "correct": True}, {"text": "b", "correct": False}]}]}
    with factory.begin() as session:
        quiz_id = quiz_service.find_quiz(session, "kiem-tra").id
        row = QuizVersion(quiz_id=quiz_id, version_no=1, title="Cũ", pass_mark=5.0,
                          question_count=1, content_json=json.dumps(legacy),
                          content_sha256="0" * 64)
        session.add(row)
        session.flush()
        version_id = row.id
    doc = quiz_service.version_doc(factory, version_id)
    assert doc.questions[0].id == "q1" and doc.questions[0].options[0].correct
    assert quiz_service.freeze(factory, "kiem-tra").version_no == 2
