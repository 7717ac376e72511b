"""Which screen shows the video, which keeps the controls.

With one screen the video plays in a normal window. With a second screen (a projector) the
video or document goes full screen there, in a window of its own (libvlc cannot make an
embedded output full screen, python-vlc #290, and ignores its screen-number option, #295), and
the laptop keeps the controls. The control screen is the one the app's window is on; the
presentation screen is another one, the largest if there are several.

The logic takes any objects with ``name()`` and ``geometry()`` (``QScreen`` in the app, plain
fakes in the tests: a machine under test has no second physical screen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


class ScreenLike(Protocol):
    def name(self) -> str: ...

    def geometry(self) -> QRect: ...


@dataclass(frozen=True)
class ScreenPlan:
    control: Any  # ScreenLike
    presentation: Any | None  # None: one screen, a normal window

    @property
    def projecting(self) -> bool:
        return self.presentation is not None


def _area(screen: ScreenLike) -> int:
    rect = screen.geometry()
    return rect.width() * rect.height()


def plan_screens(screens: Sequence[ScreenLike], control: ScreenLike | None) -> ScreenPlan:
    """``control``: the screen the app's window is on (None: the first)."""
    if not screens:
        raise ValueError("no screen")
    if control is None or all(s is not control for s in screens):
        control = screens[0]
    others = [s for s in screens if s is not control]
    if not others:
        return ScreenPlan(control, None)
    return ScreenPlan(control, max(others, key=_area))


def system_screens() -> list[QScreen]:
    return list(QGuiApplication.screens())


def screen_of(widget: QWidget) -> QScreen | None:
    handle = widget.windowHandle()
    if handle is not None and handle.screen() is not None:
        return handle.screen()
    return widget.screen()


def show_full_screen_on(window: QWidget, screen: ScreenLike) -> None:
    """A parentless window full screen on ``screen``: move it there first, then full screen
    (the order matters on X11: a window goes full screen on the screen it is on)."""
    if isinstance(screen, QScreen):
        window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
