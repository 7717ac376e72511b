"""The two certificate printing choices a station keeps ("In lên phôi", "In điểm"), shared by
the session's certificate options and the register's "Cấp lại"."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ON_FORMS_KEY = "certificates/on_forms"
SHOW_SCORE_KEY = "certificates/show_score"


def print_choices(settings: QSettings) -> tuple[bool, bool]:
    """(on forms, show score) as last chosen."""
    return (bool(settings.value(ON_FORMS_KEY, False, type=bool)),
            bool(settings.value(SHOW_SCORE_KEY, True, type=bool)))


def store_print_choices(settings: QSettings, on_forms: bool, show_score: bool) -> None:
    settings.setValue(ON_FORMS_KEY, on_forms)
    settings.setValue(SHOW_SCORE_KEY, show_score)
