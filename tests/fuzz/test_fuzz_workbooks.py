"""Fuzzing damaged workbooks: a real roster or quiz workbook with bytes flipped, cut short
or members swapped. The only outcomes are a result or the reader's own error naming the
file (``SpreadsheetError`` for rosters, ``UnreadableFile`` for quiz workbooks)."""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from trainer_app.quizbank.files import read_quiz_file
from trainer_app.quizbank.textfile import UnreadableFile
from trainer_app.tabular import SpreadsheetError, read_table


def _roster() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Điện thoại"])
    for n in range(1, 30):
        sheet.append([n, f"Nguyễn Thị Lan {chr(65 + n % 26)}", 1960 + n, f"09{n:08d}"])
    sheet.merge_cells("A32:D32")
    sheet["A32"] = "Tổng cộng"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _quiz() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Câu hỏi", "A", "B", "C", "Đáp án", "Giải thích"])
    for n in range(1, 15):
        sheet.append([f"Câu {n}?", "Một", "Hai", "Ba", "B", "Vì thế."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROSTER, QUIZ = _roster(), _quiz()


def mutate(raw: bytes, data: st.DataObject) -> bytes:
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    kind = data.draw(st.sampled_from(["flip", "truncate", "member", "splice"]))
    out = bytearray(raw)
    if kind == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            at = rng.randrange(len(out))
            out[at] = rng.randrange(256)
    elif kind == "truncate":
        out = out[: rng.randrange(len(out))]
    elif kind == "splice":
        at = rng.randrange(len(out))
        out[at:at] = data.draw(st.binary(max_size=200))
    else:  # a member replaced by garbage, still a valid zip
        source = zipfile.ZipFile(io.BytesIO(raw))
        names = source.namelist()
        victim = names[rng.randrange(len(names))]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                body = source.read(name)
                if name == victim:
                    body = data.draw(st.one_of(
                        st.binary(max_size=300),
                        st.sampled_from([b"", b"<a/>", body[: len(body) // 2],
                                         body.replace(b'r="', b'r="Z'),
                                         body.replace(b"<v>", b"<v>x")])))
                target.writestr(name, body)
        out = bytearray(buffer.getvalue())
    return bytes(out)


@given(st.data())
def test_damaged_roster_workbook(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "danh-sach.xlsx"
        path.write_bytes(mutate(ROSTER, data))
        try:
            read_table(path)
        except SpreadsheetError as exc:
            assert path.name in exc.message, exc.message


@given(st.data())
def test_damaged_quiz_workbook(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cau-hoi.xlsx"
        path.write_bytes(mutate(QUIZ, data))
        try:
            result = read_quiz_file(path, "cau-hoi.xlsx")
        except UnreadableFile as exc:
            assert path.name in exc.message, exc.message
            return
        for problem in result.problems:
            assert problem.file == "cau-hoi.xlsx" and problem.line >= 0
