"""Finding 9 of issue 14: hostile quiz files (deep nesting, huge files, zip bombs) end in a
Vietnamese message naming the file and what is wrong, never an unexpected error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bombs import sheet_with_rows
from trainer_app.quizbank.files import check_file, read_quiz_file
from trainer_app.quizbank.limits import MAX_QUIZ_FILE_BYTES
from trainer_app.quizbank.textfile import UnreadableFile

HEAD = 'format = "trainer-quiz/1"\nid = "x"\ntitle = "Thử"\n'


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{x=", "}")])
def test_deep_nesting_names_file_and_line(tmp_path: Path, opening: str, closing: str) -> None:
    path = tmp_path / "sau.toml"
    path.write_text(HEAD + "a = " + opening * 100_000 + closing * 100_000 + "\n",
                    encoding="utf-8")
    problems = check_file(path)
    assert len(problems) == 1
    assert problems[0].file == str(path) and problems[0].line == 4
    assert "lồng nhau quá sâu" in problems[0].message


def test_nesting_inside_strings_does_not_count(tmp_path: Path) -> None:
    from trainer_app.quizbank.limits import nesting_problem

    text = 'a = "' + "[" * 100 + '"\nb = ' + "[" * 40 + "\n"
    assert nesting_problem(text, "f").line == 2


@pytest.mark.parametrize("name", ["lon.toml", "lon.gift", "lon.txt"])
def test_oversized_text_quiz_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    line = "::Q:: Câu hỏi? {=Đúng ~Sai}\n\n" if name != "lon.toml" else "# chú thích\n"
    path.write_text(line * (MAX_QUIZ_FILE_BYTES // len(line.encode()) + 10), encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_quiz_file(path)
    assert name in caught.value.message and "quá lớn" in caught.value.message


def test_quiz_workbook_bomb_refused(tmp_path: Path) -> None:
    path = sheet_with_rows(tmp_path / "cauhoi.xlsx", 400_000, header=["Câu hỏi", "A", "B"])
    with pytest.raises(UnreadableFile) as caught:
        read_quiz_file(path)
    assert "cauhoi.xlsx" in caught.value.message and "MB" in caught.value.message


def test_unreadable_quiz_workbook_still_named(tmp_path: Path) -> None:
    import os

    path = sheet_with_rows(tmp_path / "khoa.xlsx", 3, header=["Câu hỏi", "A", "B"])
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: nothing to check here
        pytest.skip("running as root: a file without read permission is still readable")
    with pytest.raises(UnreadableFile, match="quyền đọc"):
        read_quiz_file(path)
