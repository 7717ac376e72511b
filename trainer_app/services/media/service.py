"""The media library: the shipped catalogue as ``media_item`` rows, each item's files and
status, the check before a session, removing files, where a video stopped in a session.
Importing files is in ``media_import``.

Statuses (``domain.media.MediaStatus``): *có sẵn* — every file is there (with its recorded
size; on a full check also its sha256); *chưa tải về* — the item has no file yet, or fewer
than the catalogue lists (3 booklets, 1 brought in); *tệp bị hỏng* — a recorded file is gone
from ``<data>/media/`` or its content changed.

One transaction per use case; plain DTOs out; ``UserError`` with a Vietnamese message.
Progress is a plain ``progress(done, total)`` callback, cancelling a plain ``cancel()``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from trainer_app.db.base import utcnow
from trainer_app.db.models import MediaFile, MediaItem, PlaybackPosition, TrainingSession
from trainer_app.domain.enums import SessionStatus
from trainer_app.domain.media import KIND_LABELS, STATUS_LABELS, MediaStatus
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.media.catalogue import ensure_catalogue_in
from trainer_app.services.media.file_copy import CancelFn, ProgressFn, sha256_of
from trainer_app.services.media.paths import inside_media

log = logging.getLogger(__name__)

Factory = sessionmaker[Session]
CATALOGUE_FILE = "catalogue.json"


# --- DTOs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaFileInfo:
    id: int
    position: int
    path: str  # absolute, to open
    relative_path: str  # as stored, relative to <data>/media/
    original_name: str
    sha256: str
    size_bytes: int
    duration_s: float | None
    page_count: int | None
    subtitle_path: str | None  # absolute
    state: str  # "ok", "missing" (gone from the folder), "changed" (size or sha256 differ)


@dataclass(frozen=True)
class MediaItemRow:
    id: int
    catalogue_key: str | None
    title: str
    kind: str
    kind_label: str
    source_url: str
    topic: str
    status: str  # MediaStatus value
    status_label: str
    status_detail: str
    expected_files: int
    files: tuple[MediaFileInfo, ...]

    @property
    def size_bytes(self) -> int:
        return sum(f.size_bytes for f in self.files)

    @property
    def duration_s(self) -> float | None:
        known = [f.duration_s for f in self.files if f.duration_s is not None]
        return sum(known) if known else None

    @property
    def page_count(self) -> int | None:
        known = [f.page_count for f in self.files if f.page_count is not None]
        return sum(known) if known else None

    def check_json(self) -> dict[str, Any]:
        """The check DTO: {"id","title","kind","status","files":[{"path","sha256",
        "duration_s"}]}."""
        return {"id": self.id, "title": self.title, "kind": self.kind, "status": self.status,
                "files": [{"path": f.path, "sha256": f.sha256, "duration_s": f.duration_s}
                          for f in self.files]}


@dataclass(frozen=True)
class SyncResult:
    added: int
    total: int


# --- the shipped catalogue -------------------------------------------------------------------


@cache
def load_catalogue() -> dict[str, Any]:
    path = shipped_dir("media") / CATALOGUE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"Không đọc được danh mục sản phẩm truyền thông {path}: {exc}",
                        code="catalogue_unreadable") from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise UserError(f"Tệp danh mục {path} không đúng định dạng (thiếu \"items\").",
                        code="catalogue_unreadable")
    return data


def expected_files() -> dict[str, int]:
    return {e["key"]: int(e.get("files", 1)) for e in load_catalogue()["items"]}


def sync_catalogue(factory: Factory) -> SyncResult:
    """Make every shipped catalogue item a ``media_item`` row (by its key; see
    ``media_catalogue``). Idempotent: a second call adds nothing. Rows already there keep
    the user's edits; files and user-made items are never touched."""
    with factory.begin() as session:
        before = session.scalar(select(func.count()).select_from(MediaItem).where(
            MediaItem.catalogue_key.is_not(None))) or 0
        items = ensure_catalogue_in(session)
        after = session.scalar(select(func.count()).select_from(MediaItem).where(
            MediaItem.catalogue_key.is_not(None))) or 0
    if after != before:
        log.info("media catalogue synced: %d added", after - before)
    return SyncResult(after - before, len(items))


# --- listing and status ----------------------------------------------------------------------


def _file_info(media_dir: Path, f: MediaFile, state: str) -> MediaFileInfo:
    """A path outside the media folder is never handed out: "" (and state "missing")."""
    path = inside_media(media_dir, f.file_path)
    subtitle = inside_media(media_dir, f.subtitle_path)
    return MediaFileInfo(
        f.id, f.position, str(path) if path else "", f.file_path, f.original_name,
        f.sha256, f.size_bytes, f.duration_s, f.page_count,
        str(subtitle) if subtitle else None, state if path else "missing")


def _quick_state(media_dir: Path, f: MediaFile) -> str:
    path = inside_media(media_dir, f.file_path)
    if path is None:
        log.warning("media file %s: path outside the media folder, ignored", f.id)
        return "missing"
    try:
        size = path.stat().st_size
    except OSError:
        return "missing"
    return "ok" if size == f.size_bytes else "changed"


def _row(item: MediaItem, files: list[MediaFileInfo], expected: dict[str, int]) -> MediaItemRow:
    wanted = expected.get(item.catalogue_key or "", 1)
    broken = [f for f in files if f.state != "ok"]
    if broken:
        status = MediaStatus.DAMAGED
        gone = [f for f in broken if f.state == "missing"]
        detail = ("Không còn tệp " if gone else "Tệp đã bị thay đổi: ") + ", ".join(
            f.original_name for f in broken) + (" trong thư mục dữ liệu." if gone else ".")
    elif not files:
        status, detail = MediaStatus.MISSING, "Chưa có tệp nào."
    elif len(files) < wanted:
        status, detail = MediaStatus.MISSING, f"Mới có {len(files)}/{wanted} tệp."
    else:
        status, detail = MediaStatus.AVAILABLE, ""
    return MediaItemRow(item.id, item.catalogue_key, item.title, item.kind,
                        KIND_LABELS.get(item.kind, item.kind), item.source_url, item.topic,
                        str(status), STATUS_LABELS[status], detail, wanted, tuple(files))


def _items(session: Session) -> list[MediaItem]:
    return list(session.scalars(
        select(MediaItem).options(selectinload(MediaItem.files)).order_by(MediaItem.id)))


def list_items(factory: Factory, media_dir: Path) -> list[MediaItemRow]:
    """Every item with its files and a quick status (the files exist with their sizes)."""
    expected = expected_files()
    with factory() as session:
        return [_row(item, [_file_info(media_dir, f, _quick_state(media_dir, f))
                            for f in item.files], expected)
                for item in _items(session)]


def get_item(factory: Factory, media_dir: Path, item_id: int) -> MediaItemRow:
    for row in list_items(factory, media_dir):
        if row.id == item_id:
            return row
    raise unknown_item(item_id)


def unknown_item(item_id: int) -> UserError:
    return UserError(f"Không có mục số {item_id} trong thư viện. Xem danh sách: trainer-app "
                     "media check", code="unknown_item")


def check_library(factory: Factory, media_dir: Path, *, full: bool = True,
                  progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None) -> list[MediaItemRow]:
    """The check before a session: with ``full`` every file is read again and its sha256
    compared with the one recorded at import (progress by bytes read)."""
    expected = expected_files()
    with factory() as session:
        items = _items(session)
        session.expunge_all()
    states: dict[int, str] = {}
    present = [f for item in items for f in item.files]
    for f in present:
        states[f.id] = _quick_state(media_dir, f)
    if full:
        total = sum(f.size_bytes for f in present if states[f.id] == "ok")
        done = 0
        for f in present:
            if states[f.id] != "ok":
                continue
            try:
                safe = inside_media(media_dir, f.file_path)
                assert safe is not None  # "ok" above means inside the folder
                digest = sha256_of(safe, progress=progress, total=total,
                                   done_before=done, cancel=cancel)
            except OSError:
                states[f.id] = "missing"
                continue
            done += f.size_bytes
            if digest != f.sha256:
                log.warning("media file %s: sha256 differs from the import", f.file_path)
                states[f.id] = "changed"
    return [_row(item, [_file_info(media_dir, f, states[f.id]) for f in item.files], expected)
            for item in items]


# --- removing --------------------------------------------------------------------------------


def _delete_files(media_dir: Path, relative: list[str]) -> None:
    """Delete stored files; a path leading outside the media folder is left alone."""
    for rel in relative:
        path = inside_media(media_dir, rel)
        if path is None:
            log.warning("not deleting a media path outside the media folder")
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not delete %s: %s", rel, exc)


delete_stored_files = _delete_files


def remove_file(factory: Factory, media_dir: Path, file_id: int) -> None:
    """Take one file out of its item (and delete it and its subtitle from the folder)."""
    with factory.begin() as session:
        row = session.get(MediaFile, file_id)
        if row is None:
            raise UserError(f"Không có tệp số {file_id} trong thư viện.", code="unknown_file")
        doomed = [row.file_path] + ([row.subtitle_path] if row.subtitle_path else [])
        item = row.item
        item.files.remove(row)
        session.flush()
        for position, other in enumerate(item.files, start=1):
            other.position = position
    _delete_files(media_dir, doomed)


def remove_item(factory: Factory, media_dir: Path, item_id: int) -> bool:
    """A user-made item goes altogether (True); a catalogue item only loses its files and
    stays in the list as "chưa tải về" (False)."""
    with factory.begin() as session:
        item = session.get(MediaItem, item_id)
        if item is None:
            raise unknown_item(item_id)
        doomed = [p for f in item.files for p in (f.file_path, f.subtitle_path) if p]
        deleted = item.catalogue_key is None
        if deleted:
            session.delete(item)
        else:
            item.files.clear()
    _delete_files(media_dir, doomed)
    return deleted


# --- resuming within a training session ------------------------------------------------------


def current_session_id(factory: Factory) -> int | None:
    """The training session under way (the latest started), whose audience a video resumes
    for; None when no session is in progress (then every video starts at the beginning)."""
    with factory() as session:
        return session.scalar(
            select(TrainingSession.id)
            .where(TrainingSession.status == SessionStatus.IN_PROGRESS)
            .order_by(TrainingSession.started_at.desc().nulls_last(),
                      TrainingSession.id.desc()).limit(1))


def load_position(factory: Factory, session_id: int, file_id: int) -> float:
    with factory() as session:
        value = session.scalar(select(PlaybackPosition.position_s).where(
            PlaybackPosition.session_id == session_id,
            PlaybackPosition.media_file_id == file_id))
        return float(value or 0.0)


def save_position(factory: Factory, session_id: int, file_id: int, seconds: float) -> None:
    """Where the video stopped for this session's audience (0 after it played to the end)."""
    with factory.begin() as session:
        row = session.scalar(select(PlaybackPosition).where(
            PlaybackPosition.session_id == session_id,
            PlaybackPosition.media_file_id == file_id))
        if row is None:
            session.add(PlaybackPosition(session_id=session_id, media_file_id=file_id,
                                         position_s=max(0.0, seconds)))
        else:
            row.position_s = max(0.0, seconds)
            row.updated_at = utcnow()
