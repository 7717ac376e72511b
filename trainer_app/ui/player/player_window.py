"""The video player: python-vlc drawing into a Qt widget, with play/pause, a seek bar,
elapsed/total time, volume and mute, full screen and the keyboard (Space, ←/→ 10 s, ↑/↓
volume, M mute, F full screen, Esc leaves full screen or closes). Subtitles show when a .srt
was brought in beside the video.

With a second screen the video plays full screen there (``ProjectorWindow``) and this window
keeps the controls on the laptop. When a screen is plugged in or removed while playing, the
video moves without being lost: stop, hand VLC the other window, play, seek back
(``QtPlayer.move_to_window``). Buttons take no keyboard focus so the keys always reach the
player.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trainer_app.domain.media import format_duration
from trainer_app.player.backend import Backend, PlayerState
from trainer_app.ui.player.qt_player import QtPlayer
from trainer_app.ui.player.screens import (
    ScreenLike,
    ScreenPlan,
    plan_screens,
    screen_of,
    show_full_screen_on,
    system_screens,
)
from trainer_app.ui.player.video_surface import ProjectorWindow, VideoSurface

log = logging.getLogger(__name__)

SKIP_S = 10.0
VOLUME_STEP = 10
SAVE_EVERY_MS = 5000
PLAY, PAUSE = "Phát", "Tạm dừng"
MUTED, SOUND = "Đã tắt tiếng", "Tiếng"


@dataclass
class PositionStore:
    """Where this video stopped for the current session's audience (resume)."""

    load: Callable[[], float]
    save: Callable[[float], None]


def open_externally(path: Path) -> bool:
    """The system's own player or viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PlayerWindow(QWidget):
    closed = Signal()

    def __init__(self, backend: Backend, path: Path, title: str, subtitle: Path | None = None,
                 *, store: PositionStore | None = None,
                 screens: Callable[[], Sequence[ScreenLike]] = system_screens,
                 control_screen: Callable[[QWidget], ScreenLike | None] = screen_of,
                 embed: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Chiếu: {title}")
        self.path, self.title, self.subtitle, self.store = path, title, subtitle, store
        self._screens, self._control_screen = screens, control_screen
        self.qt_player = QtPlayer(backend.new_player(), self, embed=embed)
        self.projector: ProjectorWindow | None = None
        self.plan: ScreenPlan | None = None
        self._dragging = False
        self._released = False
        self._build()
        self._connect()
        self._save_timer = QTimer(self, interval=SAVE_EVERY_MS)
        self._save_timer.timeout.connect(self.save_position)
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.screens_changed)
            app.screenRemoved.connect(self.screens_changed)

    # -- building ---------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot: Callable[[], None],
                icon: QStyle.StandardPixmap | None = None) -> QPushButton:
        button = QPushButton(text)
        if icon is not None:  # the style's own icons: the fonts lack ⏸ ⏪ ⏩ 🔊
            button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build(self) -> None:
        self.surface = VideoSurface()
        self.projecting_note = QLabel()
        self.projecting_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.projecting_note.setWordWrap(True)
        self.projecting_note.setProperty("role", "h2")
        self.view = QStackedWidget()
        self.view.addWidget(self.surface)
        self.view.addWidget(self.projecting_note)

        pixmap = QStyle.StandardPixmap
        self.play_button = self._button(PLAY, "Phát / tạm dừng (phím cách)", self.toggle_pause,
                                        pixmap.SP_MediaPlay)
        self.back_button = self._button("10 giây", "Lùi 10 giây (←)",
                                        lambda: self.qt_player.seek_by(-SKIP_S),
                                        pixmap.SP_MediaSeekBackward)
        self.forward_button = self._button("10 giây", "Tới 10 giây (→)",
                                           lambda: self.qt_player.seek_by(SKIP_S),
                                           pixmap.SP_MediaSeekForward)
        self.seek_bar = QSlider(Qt.Orientation.Horizontal)
        self.seek_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.seek_bar.setAccessibleName("Vị trí trong video")
        self.seek_bar.setRange(0, 0)
        self.time_label = QLabel("0:00 / --:--")
        self.time_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("00:00:00 / "
                                                                             "00:00:00"))
        self.mute_button = self._button(SOUND, "Tắt / bật tiếng (M)", self.toggle_mute,
                                        pixmap.SP_MediaVolume)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume.setAccessibleName("Âm lượng")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(140)
        self.volume.setToolTip("Âm lượng (↑ / ↓)")
        self.full_button = self._button("Toàn màn hình", "Toàn màn hình (F); thoát: Esc",
                                        self.toggle_full_screen, pixmap.SP_TitleBarMaxButton)
        self.status = QLabel("Phụ đề: có" if self.subtitle else "")
        self.status.setWordWrap(True)
        self.external_button = self._button("Mở bằng trình phát của máy", "Khi VLC không phát "
                                            "được tệp này", lambda: open_externally(self.path))
        self.external_button.hide()

        position = QHBoxLayout()
        position.addWidget(self.seek_bar, 1)
        position.addWidget(self.time_label)
        controls = QHBoxLayout()
        for widget in (self.play_button, self.back_button, self.forward_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.volume)
        controls.addWidget(self.full_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.external_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view, 1)
        layout.addLayout(position)
        layout.addLayout(controls)
        layout.addLayout(bottom)
        self.resize(960, 640)

    def _connect(self) -> None:
        player = self.qt_player
        player.time_changed.connect(self._show_time)
        player.length_changed.connect(self._show_length)
        player.state_changed.connect(self._show_state)
        self.seek_bar.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.seek_bar.sliderReleased.connect(self._seek_released)
        self.seek_bar.sliderMoved.connect(lambda v: self._show_time(v / 10, from_bar=True))
        self.volume.valueChanged.connect(self.qt_player.set_volume)

    # -- playing ----------------------------------------------------------------------------

    def start(self) -> None:
        """Place the video (projector or this window) and play, from the position saved
        for this session's audience."""
        start_at = self.store.load() if self.store else 0.0
        self.plan = self._plan()
        target = self._place(self.plan)
        self.qt_player.set_window(target)
        self.qt_player.open(self.path, self.subtitle, start_at=start_at)
        self.qt_player.play()
        self._save_timer.start()
        if start_at > 0:
            self.status.setText(f"Tiếp tục từ {format_duration(start_at)} (cùng buổi tập "
                                "huấn).")

    def toggle_pause(self) -> None:
        self.qt_player.toggle_pause()

    def toggle_mute(self) -> None:
        muted = not self.qt_player.is_muted()
        self.qt_player.set_muted(muted)
        self.mute_button.setText(MUTED if muted else SOUND)
        self.mute_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaVolumeMuted if muted
            else QStyle.StandardPixmap.SP_MediaVolume))

    def change_volume(self, step: int) -> None:
        self.volume.setValue(max(0, min(100, self.volume.value() + step)))

    def toggle_full_screen(self) -> None:
        if self.plan is not None and self.plan.projecting:
            return  # the video is already full screen on the projector
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def save_position(self) -> None:
        if self.store is None or self.qt_player.state == PlayerState.IDLE:
            return
        ended = self.qt_player.state == PlayerState.ENDED
        try:
            self.store.save(0.0 if ended else self.qt_player.current_time())
        except Exception:  # a lost position must never stop the film
            log.exception("could not save the playback position")

    # -- screens ----------------------------------------------------------------------------

    def _plan(self) -> ScreenPlan:
        return plan_screens(list(self._screens()), self._control_screen(self))

    def _place(self, plan: ScreenPlan) -> QWidget:
        """Show the video where the plan says; returns the surface VLC must draw in."""
        if plan.presentation is None:
            if self.projector is not None:
                self.projector.hide()
            self.view.setCurrentWidget(self.surface)
            return self.surface
        if self.projector is None:
            self.projector = ProjectorWindow(self.windowTitle())
            self.projector.key_pressed.connect(self.keyPressEvent)
        show_full_screen_on(self.projector, plan.presentation)
        self.projecting_note.setText(f"Đang chiếu trên màn hình máy chiếu "
                                     f"({plan.presentation.name()}).\nĐiều khiển ở đây.")
        self.view.setCurrentWidget(self.projecting_note)
        return self.projector.surface

    def screens_changed(self, *_args: object) -> None:
        """A screen was plugged in or removed: move the video if its place changed."""
        if self.plan is None:
            return
        plan = self._plan()
        if plan.presentation is self.plan.presentation:
            return
        log.info("screens changed: presenting on %s",
                 plan.presentation.name() if plan.presentation else "this window")
        self.plan = plan
        self.qt_player.move_to_window(self._place(plan))

    # -- news from the player ---------------------------------------------------------------

    def _show_length(self, seconds: float) -> None:
        self.seek_bar.setRange(0, int(seconds * 10))
        self._show_time(self.qt_player.position)

    def _show_time(self, seconds: float, from_bar: bool = False) -> None:
        if not from_bar and not self._dragging:
            self.seek_bar.setValue(int(seconds * 10))
        total = format_duration(self.qt_player.duration) or "--:--"
        self.time_label.setText(f"{format_duration(seconds)} / {total}")

    def _seek_released(self) -> None:
        self._dragging = False
        self.qt_player.seek(self.seek_bar.value() / 10)

    def _show_state(self, value: str) -> None:
        state = PlayerState(value)
        playing = state == PlayerState.PLAYING
        self.play_button.setText(PAUSE if playing else PLAY)
        self.play_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))
        if state == PlayerState.ENDED:
            self.status.setText("Đã hết video. Nhấn Phát để xem lại từ đầu.")
            self.save_position()
        elif state == PlayerState.PAUSED:
            self.save_position()
        elif state == PlayerState.ERROR:
            self.status.setText(f"VLC không phát được tệp {self.path.name}. Có thể tệp bị hỏng "
                                "hoặc máy thiếu bộ giải mã; thử mở bằng trình phát của máy.")
            self.status.setProperty("role", "error")
            self.external_button.show()

    # -- keys and closing -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Space: self.toggle_pause,
            Qt.Key.Key_Left: lambda: self.qt_player.seek_by(-SKIP_S),
            Qt.Key.Key_Right: lambda: self.qt_player.seek_by(SKIP_S),
            Qt.Key.Key_Up: lambda: self.change_volume(VOLUME_STEP),
            Qt.Key.Key_Down: lambda: self.change_volume(-VOLUME_STEP),
            Qt.Key.Key_M: self.toggle_mute,
            Qt.Key.Key_F: self.toggle_full_screen,
        }
        if key in actions:
            actions[key]()
        elif key == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._released:
            super().closeEvent(event)
            return
        self._released = True
        self._save_timer.stop()
        self.save_position()
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.disconnect(self.screens_changed)
            app.screenRemoved.disconnect(self.screens_changed)
        self.qt_player.release()
        if self.projector is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.projector = None
        self.plan = None
        super().closeEvent(event)
        self.closed.emit()
