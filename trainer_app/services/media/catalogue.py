"""The shipped catalogue of communication products (``media/catalogue.json``) as
``MediaItem`` rows: created when missing, never duplicated, user edits kept."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_app.db.models import MediaItem
from trainer_app.resources import shipped_dir

__all__ = ["catalogue_entries", "ensure_catalogue_in"]


def catalogue_entries() -> list[dict[str, Any]]:
    data = json.loads((shipped_dir("media") / "catalogue.json").read_text(encoding="utf-8"))
    return list(data["items"])


def ensure_catalogue_in(session: Session) -> dict[str, MediaItem]:
    """Every catalogue item, by its key; missing ones are added."""
    existing = {item.catalogue_key: item for item in session.scalars(
        select(MediaItem).where(MediaItem.catalogue_key.is_not(None)))}
    items: dict[str, MediaItem] = {}
    for entry in catalogue_entries():
        item = existing.get(entry["key"])
        if item is None:
            item = MediaItem(catalogue_key=entry["key"], title=entry["title"],
                             kind=entry["kind"], source_url=entry["source_url"],
                             topic=entry.get("topic", ""))
            session.add(item)
        items[entry["key"]] = item
    session.flush()
    return items
