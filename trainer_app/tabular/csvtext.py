"""Delimited text files: encoding detection (UTF-8, UTF-8 with BOM, UTF-16, Windows-1258,
Windows-1252) and delimiter sniffing (comma, semicolon, tab)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

from trainer_app.domain.text_encodings import TEXT_ENCODINGS
from trainer_app.domain.vnlegacy import legacy_to_unicode
from trainer_app.domain.vntext import is_vietnamese_syllable
from trainer_app.tabular.archive import MAX_ROWS, ROWS_TEXT
from trainer_app.tabular.errors import ReadCancelled, SpreadsheetError
from trainer_app.tabular.table import CancelFlag, Progress, TableRow

MAX_CSV_BYTES = 20 * 1024 * 1024

#: Encodings a caller may choose (value for ``read_table(encoding=…)``) with their labels.
DELIMITERS = (",", ";", "\t")
_ALIASES = {"utf8": "utf-8", "utf-8": "utf-8", "utf_8": "utf-8", "utf-8-sig": "utf-8-sig",
            "utf_8_sig": "utf-8-sig", "windows-1258": "cp1258", "cp1258": "cp1258",
            "windows-1252": "cp1252", "cp1252": "cp1252", "latin-1": "cp1252",
            "utf-16": "utf-16", "utf16": "utf-16"}
_WORD = re.compile(r"[^\W\d_]+")
_SCORE_CHARS = 200_000
_SCORE_WORDS = 4000


def canonical_encoding(name: str) -> str:
    key = name.strip().lower().replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError as exc:
        raise SpreadsheetError(f"Bảng mã “{name}” không được hỗ trợ. Hãy chọn một trong: "
                               + ", ".join(TEXT_ENCODINGS.values()) + ".",
                               code="bad_encoding") from exc


def _vietnamese_score(text: str) -> int:
    """How many words read as Vietnamese syllables under the best of the Unicode, TCVN3
    and VNI readings of ``text``."""
    sample = unicodedata.normalize("NFC", text[:_SCORE_CHARS])
    words = [w for w in _WORD.findall(sample) if not w.isascii()][:_SCORE_WORDS]
    best = 0
    for enc in ("unicode", "tcvn3", "vni"):
        score = 0
        for word in words:
            converted = legacy_to_unicode(word, enc) if enc != "unicode" else word
            if len(converted) >= 2 and is_vietnamese_syllable(converted):
                score += 1
        best = max(best, score)
    return best


def decode_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file; returns (text, encoding used). With ``encoding`` None: a BOM
    decides (UTF-8 or UTF-16), else strict UTF-8, else whichever of Windows-1258 and
    Windows-1252 gives more Vietnamese-looking words (TCVN3/VNI included)."""
    if encoding is not None:
        enc = canonical_encoding(encoding)
        if enc in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            enc = "utf-8-sig"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            label = TEXT_ENCODINGS.get(enc, enc)
            raise SpreadsheetError(
                f"Tệp {name} không đọc được bằng bảng mã {label} (byte lạ ở vị trí "
                f"{exc.start}). Hãy chọn bảng mã khác hoặc để ứng dụng tự nhận biết.",
                code="bad_encoding",
            ) from exc
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = {enc: data.decode(enc, errors="replace") for enc in ("cp1258", "cp1252")}
    scores = {enc: _vietnamese_score(text) - 5 * text.count("\ufffd")
              for enc, text in readings.items()}
    chosen = "cp1258" if scores["cp1258"] > scores["cp1252"] else "cp1252"
    return readings[chosen], chosen


def sniff_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the first lines most
    consistently into more than one field; comma when nothing splits."""
    lines = [line for line in text.splitlines()[:200] if line.strip()][:60]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1]
        if not counts:
            continue
        width, rows = Counter(counts).most_common(1)[0]
        score = (rows, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(
    text: str, delimiter: str, name: str, progress: Progress | None, cancel: CancelFlag | None
) -> list[TableRow]:
    """Rows of non-blank records, numbered as Excel numbers them (record 1 = row 1)."""
    rows: list[TableRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    total = text.count("\n") + 1
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise SpreadsheetError(
                    f"Tệp {name} có hơn {ROWS_TEXT} dòng: quá lớn để nhập. Hãy chia tệp hoặc "
                    "xóa các dòng thừa.", code="too_large")
            values = tuple(v if v.strip() else None for v in record)
            if any(v is not None for v in values):
                rows.append(TableRow(number, values))
            if number % 1000 == 0:
                if cancel is not None and cancel():
                    raise ReadCancelled(name)
                if progress is not None:
                    progress(number, total)
    except csv.Error as exc:
        raise SpreadsheetError(f"Tệp {name} có dòng không đọc được ({exc}).",
                               code="damaged") from exc
    return rows


def read_csv_file(path: Path) -> bytes:
    """The file's bytes; refused over ``MAX_CSV_BYTES`` (the XLSX member limit)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise SpreadsheetError(f"Không mở được tệp {path.name}: {exc.strerror or exc}.",
                               code="unreadable") from exc
    if len(data) > MAX_CSV_BYTES:
        raise SpreadsheetError(
            f"Tệp {path.name} lớn hơn {MAX_CSV_BYTES // (1024 * 1024)} MB: quá lớn cho một danh "
            "sách để nhập. Hãy kiểm tra đã chọn đúng tệp chưa, hoặc chia tệp.", code="too_large")
    return data
