"""Size and shape limits for quiz files, so a hostile or broken file ends in a Vietnamese
message naming the file (and line) instead of exhausting memory or the stack.

A real quiz bank is a few hundred questions: tens of kilobytes of text, a workbook of a few
hundred kilobytes. The limits are far above that and far below what could hurt the laptop.
"""

from __future__ import annotations

from pathlib import Path

from trainer_app.domain.capped_zip import ZipLimits, ZipRefused, open_capped_zip
from trainer_app.domain.quiz import Problem

__all__ = ["MAX_NESTING", "MAX_QUIZ_FILE_BYTES", "QUIZ_ZIP_LIMITS", "check_quiz_workbook",
           "nesting_problem", "too_big_message"]

MB = 1024 * 1024
MAX_QUIZ_FILE_BYTES = 5 * MB
# Workbook members unpack into openpyxl's full (not read-only) model: keep them small. A
# 510-question bank exported by the app has a 0.7 MB sheet; 3 MB is about 2,000 questions.
QUIZ_ZIP_LIMITS = ZipLimits(max_members=200, max_member_bytes=3 * MB, max_total_bytes=20 * MB)
# A quiz file nests tables and arrays two or three deep; TOML's parser recurses per level.
MAX_NESTING = 32


def too_big_message(path: Path, size: int) -> str:
    return (f"Tệp {path.name} quá lớn ({size / MB:.1f} MB) để là một tệp câu hỏi: tối đa "
            f"{MAX_QUIZ_FILE_BYTES // MB} MB. Hãy kiểm tra lại đã chọn đúng tệp chưa.")


def nesting_problem(text: str, file: str) -> Problem:
    """The line where brackets or braces first nest deeper than ``MAX_NESTING`` (counted
    outside quoted strings), for a file the TOML parser could not follow."""
    depth, line, quote = 0, 1, ""
    for char in text:
        if char == "\n":
            line += 1
            if quote in ('"', "'"):
                quote = ""
        elif quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                break
        elif char in "]}":
            depth = max(0, depth - 1)
    return Problem(file, line, f"Ngoặc [ ] hoặc {{ }} lồng nhau quá sâu (hơn {MAX_NESTING} "
                               "tầng): tệp không phải tệp câu hỏi hợp lệ hoặc đã bị hỏng.")


def check_quiz_workbook(path: Path) -> str | None:
    """None when the workbook is within ``MAX_QUIZ_FILE_BYTES`` and every member unpacks
    within ``QUIZ_ZIP_LIMITS`` (counted while reading); otherwise a Vietnamese message
    naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_QUIZ_FILE_BYTES:
            return too_big_message(path, size)
        with open_capped_zip(path, QUIZ_ZIP_LIMITS) as archive:
            archive.check_all()
    except OSError:
        return None  # unreadable: the workbook reader says why, in its own words
    except ZipRefused as exc:
        if exc.__cause__ is not None:
            return None  # damaged: the workbook reader names it in its own words
        return f"Tệp {path.name} không được nhận: {exc.message}"
    return None
