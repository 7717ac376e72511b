"""Reading quiz text files: UTF-8 (with or without BOM), line ends of any kind."""

from __future__ import annotations

import os
from pathlib import Path

from trainer_app.domain.quiz import Problem
from trainer_app.quizbank.limits import MAX_QUIZ_FILE_BYTES, too_big_message

__all__ = ["UnreadableFile", "decode_text", "read_bytes"]


class UnreadableFile(Exception):
    """The file cannot be opened or is not a quiz file at all. ``message`` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_bytes(path: Path) -> bytes:
    """The file's bytes; refused when over ``MAX_QUIZ_FILE_BYTES`` (read no further)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_QUIZ_FILE_BYTES + 1)
            if len(data) > MAX_QUIZ_FILE_BYTES:
                raise UnreadableFile(too_big_message(path, os.fstat(handle.fileno()).st_size))
            return data
    except FileNotFoundError:
        raise UnreadableFile(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path} là một thư mục, không phải tệp.") from None
    except PermissionError:
        raise UnreadableFile(f"Không có quyền đọc tệp {path}.") from None
    except OSError as exc:
        raise UnreadableFile(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None


def decode_text(path: Path, file: str) -> tuple[str, Problem | None]:
    """The file's text with LF line ends, or a problem at the line of the first byte that
    is not UTF-8 (quiz files must be saved as UTF-8). Raises ``UnreadableFile``."""
    data = read_bytes(path)
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"Tệp {path} không phải tệp chữ (có thể là tệp nhị phân).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(file, line, "Tệp không được lưu theo bảng mã UTF-8 (có thể là "
                                       "TCVN3/VNI hoặc Windows-1258). Hãy mở bằng Notepad và "
                                       "lưu lại với Encoding: UTF-8.")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None
