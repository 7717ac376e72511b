"""Media library rules in plain Python: which files suit which kind of item, the statuses and
their Vietnamese words, safe file names inside ``<data>/media/``."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from pathlib import PurePath

from trainer_app.domain.enums import MediaKind

VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mkv", ".webm", ".avi", ".mov", ".wmv", ".flv",
                            ".mpg", ".mpeg", ".ts", ".3gp"})
AUDIO_SUFFIXES = frozenset({".mp3", ".m4a", ".wav", ".ogg", ".aac", ".flac", ".wma"})
PDF_SUFFIXES = frozenset({".pdf"})
WEB_SUFFIXES = frozenset({".html", ".htm", ".mht", ".mhtml"})
SUBTITLE_SUFFIX = ".srt"

ACCEPTED: dict[str, frozenset[str]] = {
    MediaKind.VIDEO: VIDEO_SUFFIXES,
    MediaKind.AUDIO: AUDIO_SUFFIXES,
    MediaKind.DOCUMENT: PDF_SUFFIXES,
    MediaKind.ARTICLE: PDF_SUFFIXES | WEB_SUFFIXES,
    MediaKind.SLIDE: PDF_SUFFIXES,
    MediaKind.IMAGE: frozenset({".png", ".jpg", ".jpeg"}),
}

KIND_LABELS: dict[str, str] = {
    MediaKind.VIDEO: "Video",
    MediaKind.AUDIO: "Âm thanh",
    MediaKind.DOCUMENT: "Tài liệu",
    MediaKind.ARTICLE: "Bài viết",
    MediaKind.SLIDE: "Trình chiếu",
    MediaKind.IMAGE: "Hình ảnh",
}

SUFFIX_WORDS = {"video": "video (.mp4, .mkv, .webm, .avi…)", "pdf": "PDF",
                "web": "trang web đã lưu (.html, .mht)", "audio": "âm thanh (.mp3, .m4a…)"}


class MediaStatus(StrEnum):
    AVAILABLE = "available"
    MISSING = "missing"
    DAMAGED = "damaged"


STATUS_LABELS: dict[MediaStatus, str] = {
    MediaStatus.AVAILABLE: "có sẵn",
    MediaStatus.MISSING: "chưa tải về",
    MediaStatus.DAMAGED: "tệp bị hỏng",
}


def suffix_family(name: str) -> str | None:
    """"video", "audio", "pdf", "web", or None for files the library does not take."""
    suffix = PurePath(name).suffix.lower()
    for family, suffixes in (("video", VIDEO_SUFFIXES), ("audio", AUDIO_SUFFIXES),
                             ("pdf", PDF_SUFFIXES), ("web", WEB_SUFFIXES)):
        if suffix in suffixes:
            return family
    return None


def kind_for_file(name: str) -> MediaKind | None:
    """The kind of a new item made from this file."""
    return {"video": MediaKind.VIDEO, "audio": MediaKind.AUDIO, "pdf": MediaKind.DOCUMENT,
            "web": MediaKind.ARTICLE}.get(suffix_family(name) or "")


def accepts(kind: str, name: str) -> bool:
    return PurePath(name).suffix.lower() in ACCEPTED.get(kind, frozenset())


def accepted_words(kind: str) -> str:
    suffixes = ACCEPTED.get(kind, frozenset())
    words = [word for family, word in SUFFIX_WORDS.items()
             if any(suffix_family("x" + s) == family for s in suffixes)]
    return " hoặc ".join(words) or "không có loại tệp nào"


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})
MAX_NAME = 120


def safe_file_name(name: str, fallback: str = "tep") -> str:
    """A file name that works on Windows and Linux: NFC, no path separators or characters
    Windows forbids, no trailing dots or spaces, not a reserved device name, not too long
    (the suffix is kept). Vietnamese letters and spaces stay."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    name = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    if name.startswith("."):  # no hidden files (partial copies are ".name.part")
        name = fallback + name
    path = PurePath(name)
    stem, suffix = path.stem, path.suffix.lower()
    if len(suffix) > 10:
        stem, suffix = name, ""
    stem = stem.strip() or fallback
    if stem.upper() in _RESERVED:
        stem = f"{stem}_"
    if len(stem) > MAX_NAME:
        stem = stem[:MAX_NAME].rstrip(". ")
    return stem + suffix


def title_from_file_name(name: str) -> str:
    """"tre-em_nghien game.mp4" → "Tre em nghien game": a starting title for a new item."""
    stem = unicodedata.normalize("NFC", PurePath(name).stem)
    stem = re.sub(r"[_\-.]+", " ", stem)
    stem = re.sub(r"\s+", " ", stem).strip()
    return (stem[:1].upper() + stem[1:]) if stem else "Tài liệu mới"


def format_duration(seconds: float | None) -> str:
    """"4:05", "1:02:03"; "" when unknown."""
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_size(size: int | None) -> str:
    """Vietnamese decimal comma: "850 KB", "12,5 MB", "1,2 GB"."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    for unit, factor in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        if size < factor * 1024 or unit == "GB":
            value = size / factor
            text = f"{value:.0f}" if unit == "KB" or value >= 100 else f"{value:.1f}"
            return f"{text} {unit}".replace(".", ",")
    return f"{size} B"
