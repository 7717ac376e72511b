"""Where the variable fields go on the pre-printed certificate forms (phôi), in millimetres:
a setting (``certificate_form``) stored as JSON, so each station measures its own forms
once (print the test page, lay it on a form against the light, adjust)."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.db.models import Setting
from trainer_app.reports.certificate_dto import (
    FORM_FIELDS,
    FieldSpot,
    FormLayout,
    default_form_layout,
)
from trainer_app.services.errors import UserError

__all__ = ["FORM_KEY", "load_form_layout", "reset_form_layout", "save_form_layout",
           "update_form_layout"]

Factory = sessionmaker[Session]
FORM_KEY = "certificate_form"
PAGE_MM = (297.0, 210.0)
MAX_OFFSET_MM = 30.0
_EDITABLE = {"x": "x_mm", "y": "y_mm", "size": "size", "width": "width_mm"}


def _spot(data: Any, fallback: FieldSpot) -> FieldSpot:
    if not isinstance(data, dict):
        return fallback
    values = asdict(fallback)
    for name, kind in (("x_mm", float), ("y_mm", float), ("size", float),
                       ("width_mm", float), ("align", str), ("bold", bool)):
        if name in data:
            try:
                values[name] = kind(data[name])
            except (TypeError, ValueError):
                continue
    return FieldSpot(**values)


def load_form_layout(factory: Factory) -> FormLayout:
    """The stored layout over the defaults (a field never stored keeps its default)."""
    default = default_form_layout()
    with factory() as session:
        row = session.get(Setting, FORM_KEY)
        try:
            data = json.loads(row.value) if row is not None else {}
        except ValueError:
            data = {}
    if not isinstance(data, dict):
        data = {}
    stored = data.get("fields") if isinstance(data.get("fields"), dict) else {}
    fields = {key: _spot(stored.get(key), spot) for key, spot in default.fields.items()}
    try:
        offset_x = float(data.get("offset_x_mm", 0.0))
        offset_y = float(data.get("offset_y_mm", 0.0))
    except (TypeError, ValueError):
        offset_x = offset_y = 0.0
    return FormLayout(fields, offset_x, offset_y)


def _check(layout: FormLayout) -> None:
    problems = []
    for value, label in ((layout.offset_x_mm, "ngang"), (layout.offset_y_mm, "dọc")):
        if abs(value) > MAX_OFFSET_MM:
            problems.append(f"Độ lệch {label} {value:g} mm quá lớn (tối đa ±{MAX_OFFSET_MM:g} mm).")
    for key, spot in layout.fields.items():
        label = FORM_FIELDS.get(key, key)
        if not (0 <= spot.x_mm <= PAGE_MM[0] and 0 <= spot.y_mm <= PAGE_MM[1]):
            problems.append(f"{label}: vị trí ({spot.x_mm:g}; {spot.y_mm:g}) mm nằm ngoài tờ "
                            f"A4 ngang ({PAGE_MM[0]:g} × {PAGE_MM[1]:g} mm).")
        low, high = (10, 60) if key == "qr" else (6, 48)
        if not low <= spot.size <= high:
            unit = "mm" if key == "qr" else "pt"
            problems.append(f"{label}: cỡ {spot.size:g} {unit} phải từ {low} đến {high}.")
        if spot.align not in ("left", "center", "right"):
            problems.append(f"{label}: canh lề phải là left, center hoặc right.")
        if not 5 <= spot.width_mm <= PAGE_MM[0]:
            problems.append(f"{label}: bề rộng {spot.width_mm:g} mm phải từ 5 đến 297.")
    if problems:
        raise UserError(" ".join(problems), code="bad_form_layout")


def save_form_layout(factory: Factory, layout: FormLayout) -> FormLayout:
    _check(layout)
    data = {"offset_x_mm": layout.offset_x_mm, "offset_y_mm": layout.offset_y_mm,
            "fields": {key: asdict(spot) for key, spot in layout.fields.items()}}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with factory.begin() as session:
        row = session.get(Setting, FORM_KEY)
        if row is None:
            session.add(Setting(key=FORM_KEY, value=text))
        else:
            row.value = text
    return layout


def update_form_layout(factory: Factory, changes: dict[str, float], *,
                       offset_x_mm: float | None = None,
                       offset_y_mm: float | None = None) -> FormLayout:
    """Change some positions: ``{"name.x": 150, "qr.size": 24}`` (millimetres; size of a
    text field in points). Unknown names are refused with the list of known ones."""
    layout = load_form_layout(factory)
    fields = dict(layout.fields)
    for dotted, value in changes.items():
        key, _, attr = dotted.partition(".")
        if key not in fields or attr not in _EDITABLE:
            known = ", ".join(f"{k}.x|y|size|width" for k in FORM_FIELDS)
            raise UserError(f"Không biết trường \"{dotted}\". Các trường: {known}.",
                            code="bad_form_field")
        fields[key] = replace(fields[key], **{_EDITABLE[attr]: float(value)})
    layout = FormLayout(fields,
                        layout.offset_x_mm if offset_x_mm is None else offset_x_mm,
                        layout.offset_y_mm if offset_y_mm is None else offset_y_mm)
    return save_form_layout(factory, layout)


def reset_form_layout(factory: Factory) -> FormLayout:
    return save_form_layout(factory, default_form_layout())
