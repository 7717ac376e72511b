"""Bringing files into the media library: one or several files for an item, a file that
replaces another, or any video / PDF / saved web page as a new item.

Every file is checked before anything is copied — it can be read and is not empty; it suits
the item (a video for a video, a PDF or saved page for an article); a video or sound file is
whole (``player.container``) and libvlc finds a track in it (``player.probe``); a PDF opens
and has pages; a saved page is HTML or MHTML. One bad file refuses the whole import with a
line per file, and nothing changes. Then the files (and a ``.srt`` beside a video) are copied
into ``<data>/media/<item folder>/`` by ``media_copy`` (streaming, sha256, all or nothing);
the database rows are written last, in one transaction. A failure or Hủy at any point
removes what this import had copied.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import MediaFile, MediaItem
from trainer_app.domain.media import (
    KIND_LABELS,
    SUBTITLE_SUFFIX,
    accepted_words,
    accepts,
    kind_for_file,
    safe_file_name,
    suffix_family,
    title_from_file_name,
)
from trainer_app.domain.quiz import slug_id
from trainer_app.domain.vntext import clean_text
from trainer_app.player import pdf_document
from trainer_app.player.backend import Backend, Unavailable
from trainer_app.player.container import truncation_problem
from trainer_app.player.probe import file_problem, probe, probe_backend
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.media import service as media_service
from trainer_app.services.media.file_copy import CancelFn, ProgressFn, copy_file

log = logging.getLogger(__name__)

Factory = sessionmaker[Session]
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedSource:
    path: Path
    size_bytes: int
    duration_s: float | None = None
    page_count: int | None = None
    subtitle: Path | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class ImportResult:
    item_id: int
    title: str
    created: bool = False  # a new item was made for the files
    files: list[media_service.MediaFileInfo] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # names of the files replaced
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"item": self.item_id, "title": self.title, "created": self.created,
                "files": [{"path": f.path, "sha256": f.sha256, "size_bytes": f.size_bytes,
                           "duration_s": f.duration_s, "page_count": f.page_count,
                           "subtitle": f.subtitle_path} for f in self.files],
                "replaced": self.replaced, "warnings": self.warnings}


# --- checking ----------------------------------------------------------------------------------


def subtitle_beside(path: Path) -> Path | None:
    """``clip.srt`` (any letter case) beside ``clip.mp4``."""
    try:
        for candidate in path.parent.iterdir():
            if (candidate.suffix.lower() == SUBTITLE_SUFFIX and candidate.stem == path.stem
                    and candidate.is_file()):
                return candidate
    except OSError:
        return None
    return None


def _web_problem(path: Path) -> str | None:
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    text = head.decode("utf-8", "ignore").lower()
    if path.suffix.lower() in (".mht", ".mhtml"):
        if "mime-version" in text and "multipart/related" in text:
            return None
        return f"Tệp {path.name} không phải là trang web đã lưu dạng MHT (MHTML)."
    if "<html" in text or "<!doctype html" in text or "<body" in text or "<head" in text:
        return None
    return f"Tệp {path.name} không phải là trang web (không thấy nội dung HTML)."


def check_source(path: Path, kind: str,
                 backend: Backend | Unavailable | None = None) -> CheckedSource:
    """Refuse (``UserError``) a file that cannot go into an item of ``kind``."""
    problem = file_problem(path)
    if problem:
        raise UserError(problem, code="bad_file")
    if not accepts(kind, path.name):
        raise UserError(
            f"Tệp {path.name} không dùng được cho mục loại “{KIND_LABELS.get(kind, kind)}”: "
            f"mục này cần tệp {accepted_words(kind)}.", code="wrong_kind")
    size = path.stat().st_size
    family = suffix_family(path.name)
    try:
        if family in ("video", "audio"):
            return _check_playable(path, size, backend)
        if family == "pdf":
            try:
                pages = pdf_document.page_count(path)
            except pdf_document.PdfError as exc:
                raise UserError(exc.message, code="bad_file") from exc
            return CheckedSource(path, size, page_count=pages)
        problem = _web_problem(path)
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {path}: {exc.strerror or exc}.",
                        code="bad_file") from exc
    if problem:
        raise UserError(problem, code="bad_file")
    return CheckedSource(path, size)


def _check_playable(path: Path, size: int,
                    backend: Backend | Unavailable | None) -> CheckedSource:
    backend = backend if backend is not None else probe_backend()
    if isinstance(backend, Unavailable):
        cut = truncation_problem(path)
        if cut:
            raise UserError(f"Tệp {path.name}: {cut}", code="bad_file")
        warning = (f"Chưa kiểm tra được {path.name} bằng VLC vì máy chưa có VLC; tệp vẫn được "
                   "chép vào thư viện.")
        return CheckedSource(path, size, subtitle=subtitle_beside(path), warnings=(warning,))
    result = probe(path, backend)
    if not result.playable:
        raise UserError(result.error or f"Tệp {path.name} không phát được.", code="bad_file")
    return CheckedSource(path, size, duration_s=result.duration_s,
                         subtitle=subtitle_beside(path))


def _check_all(paths: list[Path], kind: str,
               backend: Backend | Unavailable | None) -> list[CheckedSource]:
    checked, problems = [], []
    for path in paths:
        try:
            checked.append(check_source(path, kind, backend))
        except UserError as exc:
            problems.append(exc.message)
    if problems:
        head = "Chưa nhập tệp nào:" if len(paths) > 1 else "Chưa nhập:"
        raise UserError("\n".join([head, *(f"• {p}" for p in problems)]), code="bad_file")
    return checked


# --- copying and storing ---------------------------------------------------------------------


def _plain_folder(folder: str | None) -> bool:
    """A relative folder name under media/ (the database may come from a crafted backup)."""
    if not folder or "\\" in folder or ":" in folder:
        return False
    path = PurePosixPath(folder)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def _folder_of(item: MediaItem) -> str:
    if item.files:
        folder = item.files[0].file_path.rsplit("/", 1)[0]
        if _plain_folder(folder):
            return folder
    if _plain_folder(item.catalogue_key):
        return str(item.catalogue_key)
    return f"{item.id:04d}-{slug_id(item.title, 'muc')[:40]}"


def _free_name(media_dir: Path, folder: str, name: str, taken: set[str]) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 2
    while f"{folder}/{candidate}" in taken or (media_dir / folder / candidate).exists():
        candidate, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(f"{folder}/{candidate}")
    return candidate


def import_files(
    factory: Factory, media_dir: Path, item_id: int, sources: list[str | Path], *,
    replace_file_id: int | None = None, progress: ProgressFn | None = None,
    cancel: CancelFn | None = None, backend: Backend | Unavailable | None = None,
) -> ImportResult:
    """Add ``sources`` to item ``item_id`` (or, with ``replace_file_id``, put the one source
    in the place of that file)."""
    paths = [Path(s) for s in sources]
    if not paths:
        raise UserError("Chưa chọn tệp nào để nhập.", code="no_files")
    if replace_file_id is not None and len(paths) != 1:
        raise UserError("Thay một tệp thì chọn đúng một tệp mới.", code="bad_usage")
    with factory() as session:
        item = session.get(MediaItem, item_id)
        if item is None:
            raise media_service.unknown_item(item_id)
        kind, title, folder = item.kind, item.title, _folder_of(item)
        known = {f.sha256: f.original_name for f in item.files if f.id != replace_file_id}
        taken = {f.file_path for f in item.files}
        if replace_file_id is not None and replace_file_id not in {f.id for f in item.files}:
            raise UserError(f"Tệp số {replace_file_id} không thuộc mục “{title}”.",
                            code="unknown_file")
    checked = _check_all(paths, kind, backend)
    total = sum(c.size_bytes + (c.subtitle.stat().st_size if c.subtitle else 0)
                for c in checked)
    result = ImportResult(item_id, title)
    for c in checked:
        result.warnings += c.warnings
    copied: list[Path] = []
    rows: list[dict[str, Any]] = []
    done = 0
    try:
        for c in checked:
            name = _free_name(media_dir, folder, safe_file_name(c.path.name), taken)
            copy = copy_file(c.path, media_dir / folder / name, progress=progress,
                             cancel=cancel, done_before=done, total=total)
            copied.append(copy.path)
            done += copy.size_bytes
            if copy.sha256 in known:
                result.warnings.append(f"Tệp {c.path.name} giống hệt tệp {known[copy.sha256]} "
                                       "đã có trong mục này; bỏ qua.")
                copy.path.unlink()
                copied.pop()
                continue
            known[copy.sha256] = c.path.name
            subtitle_rel = None
            if c.subtitle is not None:
                sub_name = Path(name).stem + SUBTITLE_SUFFIX
                sub = copy_file(c.subtitle, media_dir / folder / sub_name, progress=progress,
                                cancel=cancel, done_before=done, total=total)
                copied.append(sub.path)
                done += sub.size_bytes
                subtitle_rel = f"{folder}/{sub_name}"
            rows.append({"file_path": f"{folder}/{name}",
                         "original_name": clean_text(c.path.name)[:300],
                         "sha256": copy.sha256, "size_bytes": copy.size_bytes,
                         "duration_s": c.duration_s, "page_count": c.page_count,
                         "subtitle_path": subtitle_rel})
        doomed, new_ids = _store(factory, item_id, rows, replace_file_id, result)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    media_service.delete_stored_files(media_dir, doomed)
    result.files = [f for f in media_service.get_item(factory, media_dir, item_id).files
                    if f.id in new_ids]
    return result


def _store(factory: Factory, item_id: int, rows: list[dict[str, Any]],
           replace_file_id: int | None, result: ImportResult) -> tuple[list[str], list[int]]:
    """Write the rows. Returns the relative paths of replaced files (to delete once the
    transaction is committed) and the new rows' ids."""
    doomed: list[str] = []
    ids: list[int] = []
    with factory.begin() as session:
        item = session.get(MediaItem, item_id)
        if item is None:
            raise media_service.unknown_item(item_id)
        if replace_file_id is not None and rows:
            old = next(f for f in item.files if f.id == replace_file_id)
            position = old.position
            doomed = [p for p in (old.file_path, old.subtitle_path) if p]
            result.replaced.append(old.original_name)
            item.files.remove(old)
            session.flush()
            new = MediaFile(position=position, **rows[0])
            item.files.insert(position - 1, new)
            session.flush()
            ids.append(new.id)
        else:
            start = max((f.position for f in item.files), default=0)
            for offset, row in enumerate(rows, start=1):
                new = MediaFile(position=start + offset, **row)
                item.files.append(new)
                session.flush()
                ids.append(new.id)
    return doomed, ids


def add_item(
    factory: Factory, media_dir: Path, sources: list[str | Path], *, title: str = "",
    source_url: str = "", topic: str = "", progress: ProgressFn | None = None,
    cancel: CancelFn | None = None, backend: Backend | Unavailable | None = None,
    catalogue_key: str | None = None,
) -> ImportResult:
    """A new item made of ``sources`` (its kind from the first file: video, PDF document,
    saved web page as an article). Nothing stays behind when the files are refused."""
    paths = [Path(s) for s in sources]
    if not paths:
        raise UserError("Chưa chọn tệp nào để thêm.", code="no_files")
    kind = kind_for_file(paths[0].name)
    if kind is None:
        raise UserError(f"Tệp {paths[0].name} không phải video, PDF hay trang web đã lưu "
                        "(.mp4, .mkv, .pdf, .html, .mht…), nên chưa thêm được.",
                        code="wrong_kind")
    _check_all(paths, kind, backend)  # refuse before the item exists
    name = clean_text(title) or title_from_file_name(paths[0].name)
    with factory.begin() as session:
        item = MediaItem(title=name[:300], kind=str(kind), source_url=source_url.strip(),
                         topic=clean_text(topic), catalogue_key=catalogue_key)
        session.add(item)
        session.flush()
        item_id = item.id
    try:
        result = import_files(factory, media_dir, item_id, paths, progress=progress,
                              cancel=cancel, backend=backend)
    except BaseException:
        with factory.begin() as session:
            doomed = session.get(MediaItem, item_id)
            if doomed is not None:
                session.delete(doomed)
        raise
    result.created = True
    return result


def install_samples(factory: Factory, media_dir: Path,
                    backend: Backend | Unavailable | None = None) -> list[int]:
    """Put the clips shipped in ``media/samples/`` (listed under "samples" in the catalogue)
    into the library, once. Returns the ids of the items made now."""
    made = []
    existing = {row.catalogue_key: row for row in media_service.list_items(factory, media_dir)}
    for entry in media_service.load_catalogue().get("samples", []):
        row = existing.get(entry["key"])
        if row is not None and row.files:
            continue
        source = shipped_dir("media") / entry["file"]
        if row is not None:
            import_files(factory, media_dir, row.id, [source], backend=backend)
            continue
        result = add_item(factory, media_dir, [source], title=entry["title"],
                          topic=entry.get("topic", ""), backend=backend,
                          catalogue_key=entry["key"])
        made.append(result.item_id)
    return made
