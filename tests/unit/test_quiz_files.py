"""Choosing the reader and writer of a quiz file."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc
from trainer_app.quizbank import UnreadableFile, detect_format, export_file, read_quiz_file


@pytest.mark.parametrize("name, content, expected", [
    ("a.toml", "anything", "native"),
    ("a.gift", "Câu?\nA. x\nANSWER: A", "gift"),
    ("a.txt", "Câu?\nA. x\nB. y\nANSWER: A\n", "aiken"),
    ("a.txt", "Câu?{=x ~y}\n", "gift"),
    ("a.txt", 'format = "trainer-app-quiz"\n', "native"),
    ("cau-hoi", "Câu?\nA. x\nB. y\nANSWER: B\n", "aiken"),
    ("cau-hoi.dat", "Câu?{=x ~y}\n", "gift"),
])
def test_detect_format(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == expected


def test_spreadsheets_the_app_cannot_open_are_unreadable(tmp_path: Path) -> None:
    for name in ("cu.xls", "bang.ods", "bang.csv"):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(UnreadableFile, match=r"\.xlsx"):
            read_quiz_file(path)
    for name in ("bao-cao.pdf", "ke-hoach.docx"):
        (tmp_path / name).write_bytes(b"%PDF-1.4 a")
        with pytest.raises(UnreadableFile, match="không phải tệp câu hỏi"):
            read_quiz_file(tmp_path / name)
    binary = tmp_path / "anh.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(UnreadableFile, match="nhị phân"):
        read_quiz_file(binary)
    with pytest.raises(UnreadableFile, match="thư mục"):
        read_quiz_file(tmp_path)


def test_id_and_title_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Câu?\nA. x\nB. y\nANSWER: B\n", encoding="utf-8")
    quiz = read_quiz_file(path, quiz_id="thang-3", title="Tháng 3").quiz
    assert (quiz.id, quiz.title) == ("thang-3", "Tháng 3")


def test_export_by_extension_is_atomic_and_refuses_unknown_ones(tmp_path: Path) -> None:
    doc = QuizDoc("k", "K", questions=[QuestionDoc("q1", "single", "Câu?", [
        OptionDoc("x", True), OptionDoc("y")])])
    for name in ("k.toml", "k.gift", "k.txt", "k.xlsx"):
        export_file(doc, tmp_path / "ra" / name)
        back = read_quiz_file(tmp_path / "ra" / name, quiz_id="k", title="K").quiz
        assert back.questions[0].text == "Câu?"
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == [
        "k.gift", "k.toml", "k.txt", "k.xlsx"]  # no temporary files left behind
    with pytest.raises(UnreadableFile, match="đuôi"):
        export_file(doc, tmp_path / "k.docx")
