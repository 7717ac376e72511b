"""Which reader or writer a file needs: by extension, then by content.

.toml -> native; .gift -> GIFT; .txt -> Aiken when it has "ANSWER:" lines and no answer
part { }, GIFT otherwise; .xlsx -> the XLSX template. Any other extension is sniffed the
same way (a ZIP file is tried as XLSX).
"""

from __future__ import annotations

from pathlib import Path

from trainer_app.domain.quiz import ParseResult, Problem, QuizDoc
from trainer_app.quizbank import aiken, gift, native, xlsx_template
from trainer_app.quizbank.exporting import ExportResult
from trainer_app.quizbank.textfile import UnreadableFile, decode_text, read_bytes

__all__ = ["FORMATS", "check_file", "detect_format", "export_file", "read_quiz_file"]

NATIVE, GIFT, AIKEN, XLSX = "native", "gift", "aiken", "xlsx"
FORMATS = (NATIVE, GIFT, AIKEN, XLSX)
FORMAT_LABELS = {NATIVE: "TOML (định dạng của ứng dụng)", GIFT: "GIFT (Moodle)",
                 AIKEN: "Aiken", XLSX: "Excel (mẫu XLSX)"}


_NOT_QUIZ = frozenset(
    ".pdf .doc .docx .odt .rtf .ppt .pptx .odp .jpg .jpeg .png .gif .bmp .mp4 .avi .mkv .mov "
    ".mp3 .wav .zip .rar .7z .exe .db .sqlite".split())


def _text_format(text: str) -> str:
    if native.looks_native(text):
        return NATIVE
    if aiken.looks_aiken(text) and not gift.looks_gift(text):
        return AIKEN
    return GIFT


def detect_format(path: Path | str) -> str:
    """The format of a quiz file. Raises ``UnreadableFile`` when it cannot be read or is a
    spreadsheet format the app cannot open (.xls, .ods)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return NATIVE
    if suffix == ".gift":
        return GIFT
    if suffix in (".xlsx", ".xlsm"):
        return XLSX
    if suffix in (".xls", ".ods", ".csv"):
        raise UnreadableFile(f"Tệp {path.name}: chỉ đọc được bảng tính .xlsx; hãy mở bằng Excel "
                             "rồi lưu lại dạng .xlsx theo mẫu câu hỏi.")
    if suffix in _NOT_QUIZ:
        raise UnreadableFile(f"Tệp {path.name} không phải tệp câu hỏi: dùng tệp .toml, .gift, "
                             ".txt (GIFT hoặc Aiken) hoặc .xlsx theo mẫu.")
    head = read_bytes(path)[:4]
    if head.startswith(b"PK"):
        return XLSX
    text, problem = decode_text(path, str(path))
    return GIFT if problem is not None else _text_format(text)


def read_quiz_file(path: Path | str, label: str | None = None, *, quiz_id: str = "",
                   title: str = "", fmt: str | None = None) -> ParseResult:
    """Read and validate a quiz file of any supported format. ``label`` is the file name
    used in problems (the path by default). Raises ``UnreadableFile``."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt == NATIVE:
        result = native.read_native(path, label)
        if result.quiz is not None and quiz_id:
            result.quiz.id = quiz_id
        if result.quiz is not None and title:
            result.quiz.title = title
        return result
    if fmt == XLSX:
        return xlsx_template.read_xlsx(path, label, quiz_id=quiz_id, title=title)
    if fmt == AIKEN:
        return aiken.read_aiken(path, label, quiz_id=quiz_id, title=title)
    return gift.read_gift(path, label, quiz_id=quiz_id, title=title)


def check_file(path: Path | str, label: str | None = None) -> list[Problem]:
    """Every problem of a quiz file, with its line; questions an import would skip count
    as problems here. Raises ``UnreadableFile``."""
    result = read_quiz_file(path, label)
    file = label if label is not None else str(path)
    skipped = [Problem(file, s.line, f"Câu \"{s.name}\" sẽ bị bỏ qua khi nhập: {s.reason}")
               for s in result.skipped]
    return sorted(result.problems + skipped, key=lambda p: p.line)


def export_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    formats = {".toml": NATIVE, ".gift": GIFT, ".txt": AIKEN, ".xlsx": XLSX}
    if suffix not in formats:
        raise UnreadableFile(f"Không biết xuất ra định dạng nào cho tệp {Path(path).name}: "
                             "dùng đuôi .toml, .gift, .txt (Aiken) hoặc .xlsx.")
    return formats[suffix]


def export_file(doc: QuizDoc, path: Path | str) -> ExportResult:
    """Write ``doc`` in the format the extension names (.toml native, .gift GIFT, .txt
    Aiken, .xlsx template), atomically. Raises ``UnreadableFile`` for an unknown extension."""
    path = Path(path)
    fmt = export_format(path)
    if fmt == XLSX:
        return xlsx_template.export_xlsx(doc, path)
    if fmt == NATIVE:
        result = ExportResult(native.export_native(doc), len(doc.questions), [])
    elif fmt == GIFT:
        result = gift.export_gift(doc)
    else:
        result = aiken.export_aiken(doc)
    _write_text(path, result.text)
    return result


def _write_text(path: Path, text: str) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
