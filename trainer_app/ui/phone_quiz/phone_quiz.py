"""One phone quiz at a time for the whole app: choose the network, start the server through
the Qt adapter, show the trainer's window and the projector view, accept walk-ins and
approve second phones, stop (asking first when the window closes while serving)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from trainer_app.phone import interfaces
from trainer_app.phone.qr import qr_png
from trainer_app.phone.selfcheck import self_check
from trainer_app.services.errors import UserError
from trainer_app.services.quizzes import phone_quiz
from trainer_app.services.roster.service import PersonInput
from trainer_app.services.sessions import attendance
from trainer_app.services.workspace.settings import load_org
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import choose, show_error
from trainer_app.ui.phone_bridge import PhoneBridge
from trainer_app.ui.phone_quiz.phone_window import PhoneWindow
from trainer_app.ui.phone_quiz.projector_view import ProjectorView
from trainer_app.ui.player.screens import (
    plan_screens,
    screen_of,
    show_full_screen_on,
    system_screens,
)

__all__ = ["PhoneQuiz"]

PORT = 8080


class PhoneQuiz(QObject):
    checked = Signal(bool, str)  # the self-check's verdict, from its own thread
    firewall_done = Signal(object)  # winfirewall.FirewallOutcome, from its own thread

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = PhoneBridge(self)
        self.window: PhoneWindow | None = None
        self.projector: ProjectorView | None = None
        self.step: phone_quiz.PhoneStep | None = None
        self.interface_name: str | None = None
        self.bridge.serving.connect(lambda info: self._show_link(info, False))
        self.bridge.address_changed.connect(lambda info: self._show_link(info, True))
        self.bridge.status.connect(self._status)
        self.bridge.distribution.connect(self._distribution)
        self.bridge.claims.connect(lambda c: self.window and self.window.set_claims(c))
        self.bridge.walk_ins.connect(lambda w: self.window and self.window.set_walk_ins(w))
        self.bridge.error.connect(lambda m: self.ctx.events.status_message.emit(m))
        self.checked.connect(lambda ok, m: self.window and self.window.set_check(ok, m))
        self.firewall_done.connect(self._firewall_done)
        # None: the real UAC prompt (winfirewall.run_elevated); tests give a stand-in.
        self.firewall_runner: Callable[[Any], int] | None = None
        self.firewall_button: bool | None = None  # None: on Windows only
        self._checking: tuple[str, int] | None = None

    @property
    def running(self) -> bool:
        return self.bridge.running

    # --- starting ---------------------------------------------------------------------------

    def open(self, parent: QWidget, session_id: int, position: int, *,
             host: str | None = None) -> bool:
        """Serve the quiz of agenda step ``position``; ``host`` skips the network choice."""
        if self.running and self.step is not None and (
                self.step.session_id, self.step.position) == (session_id, position):
            self._show_windows(parent)
            return True
        if self.running and not self.confirm_stop(parent, "Đang mở bài khác trên điện thoại. "
                                                  "Dừng bài đó để mở bài này?"):
            return False
        self.stop()
        factory = self.ctx.factory
        try:
            step = phone_quiz.step_info(factory, session_id, position)
            if step.finished:
                raise UserError("Buổi tập huấn đã kết thúc: bài kiểm tra không mở lại được.",
                                code="quiz_closed")
            host = host or self._choose_host(parent)
            if host is None:
                return False
            info = self.bridge.start(factory, step, host=host, port=PORT,
                                     unit_name=load_org(factory).unit_name,
                                     watch_address=self._current_address)
        except UserError as exc:
            show_error(parent, "Chưa mở được bài trên điện thoại", exc.message)
            return False
        self.step = step
        self._make_windows(step)
        self._show_link(info, False)
        awake = self.bridge.server.keep_awake
        if awake is not None and self.window is not None:
            self.window.set_awake(awake.active, awake.reason)
        self._show_windows(parent)
        self._checking = (info.host, info.port)
        self._start_self_check()
        return True

    def _start_self_check(self) -> None:
        if self._checking is not None:
            threading.Thread(target=self._self_check, args=self._checking, daemon=True).start()

    def _choose_host(self, parent: QWidget) -> str | None:
        candidates = interfaces.usable(interfaces.list_interfaces())
        chosen = interfaces.choose(candidates, phone_quiz.remembered_interface(self.ctx.factory))
        if chosen is None:
            labels = [i.describe() for i in candidates]
            text, ok = QInputDialog.getItem(parent, "Chọn mạng cho điện thoại",
                                            "Máy có nhiều mạng. Điện thoại sẽ vào bằng mạng "
                                            "nào (thường là Wi-Fi của phòng)?", labels, 0, False)
            if not ok:
                return None
            chosen = candidates[labels.index(text)]
            phone_quiz.remember_interface(self.ctx.factory, chosen.name)
        self.interface_name = chosen.name
        return chosen.ip

    def _current_address(self) -> str | None:
        """On the server's side thread: the chosen adapter's address now (None: gone)."""
        if self.interface_name is None:
            return None
        for item in interfaces.usable(interfaces.list_interfaces()):
            if item.name == self.interface_name:
                return item.ip
        return None

    def _self_check(self, host: str, port: int) -> None:
        result = self_check(host, port)
        self.checked.emit(result.ok, result.message)

    # --- windows -------------------------------------------------------------------------------

    def _make_windows(self, step: phone_quiz.PhoneStep) -> None:
        title = f"{step.title} — {step.session_title}"
        self.window = PhoneWindow(title, firewall_button=self.firewall_button)
        self.window.stop_requested.connect(lambda: self.confirm_stop(self.window) and
                                           self.stop())
        self.window.projector_requested.connect(lambda: self._show_projector(self.window))
        self.window.distribution_requested.connect(self._toggle_distribution)
        self.window.firewall_requested.connect(self._allow_firewall)
        self.window.on_walk_in = self._walk_in
        self.window.on_claim = self._claim
        self.window.closing_asks = lambda: (not self.running) or (
            self.confirm_stop(self.window) and (self.stop() or True))
        self.projector = ProjectorView(step.title)

    def _show_windows(self, parent: QWidget) -> None:
        if self.window is not None:
            self.window.resize(820, 680)
            self.window.show()
            self.window.raise_()
        self._show_projector(parent)

    def _show_projector(self, anchor: QWidget | None) -> None:
        if self.projector is None:
            return
        screens = system_screens()
        plan = plan_screens(screens, screen_of(anchor) if anchor is not None else None) \
            if screens else None
        if plan is not None and plan.projecting:
            show_full_screen_on(self.projector, plan.presentation)
        else:
            self.projector.resize(1280, 760)
            self.projector.show()
        self.projector.raise_()

    def _show_link(self, info: Any, changed: bool) -> None:
        if self.projector is not None:
            self.projector.set_link(info.url, info.address, info.code, qr_png(info.url),
                                    changed)
        if self.window is not None:
            self.window.set_link(info.url, info.address, info.code, changed)
        if changed:
            self.ctx.events.status_message.emit(f"Địa chỉ làm bài mới: {info.url}")

    def _status(self, status: Any) -> None:
        if self.projector is not None:
            self.projector.set_status(status)
        if self.window is not None:
            self.window.set_status(status)
        self.ctx.events.data_changed.emit("attempt")

    def _distribution(self, spreads: Any) -> None:
        if self.projector is not None:
            self.projector.set_distribution(spreads)

    def _toggle_distribution(self, on: bool) -> None:
        if self.projector is None or self.step is None:
            return
        if on:
            self.projector.set_distribution(phone_quiz.answer_distribution(
                self.ctx.factory, self.step.session_id, self.step.position))
        self.projector.show_distribution(on)

    # --- Windows Firewall ------------------------------------------------------------------

    def _allow_firewall(self) -> None:
        """The UAC prompt and netsh run on their own thread (they wait for the user)."""
        from trainer_app import winfirewall

        if self.window is None:
            return
        self.window.set_firewall_busy(True)
        hwnd, runner = int(self.window.winId()), self.firewall_runner

        def run() -> None:
            self.firewall_done.emit(winfirewall.allow_phone_connections(hwnd=hwnd,
                                                                        runner=runner))

        threading.Thread(target=run, name="firewall", daemon=True).start()

    def _firewall_done(self, outcome: Any) -> None:
        from trainer_app.winfirewall import FirewallResult

        if self.window is None:
            return
        self.window.set_firewall_busy(False)
        added = outcome.result == FirewallResult.ADDED
        self.window.set_check(added, outcome.message)
        if added:
            self._start_self_check()  # does the room reach the laptop now?

    # --- the laptop's decisions ----------------------------------------------------------

    def _claim(self, request: Any, approve: bool) -> None:
        self.bridge.decide_claim(request.id, approve)
        if self.window is not None:
            self.window.forget(request)

    def _walk_in(self, request: Any, accept: bool) -> None:
        """Accept a walk-in (a new person, or the known person their name matches) or not."""
        if self.step is None:
            return
        if not accept:
            self.bridge.resolve_walk_in(request.id, None)
            if self.window is not None:
                self.window.forget(request)
            return
        factory, sid = self.ctx.factory, self.step.session_id
        try:
            try:
                result = attendance.add_walk_in(factory, sid, PersonInput(full_name=request.name))
                person_id = result.rows[0].person_id
            except attendance.WalkInLooksKnown as known:
                choices = [(f"Là {name} (mã {pid})", pid) for pid, name in known.candidates]
                picked = choose(self.window, "Người đến thêm", known.message,
                                [*choices, ("Người khác: thêm mới", 0), ("Hủy", -1)],
                                default=choices[0][1] if choices else 0, escape=-1)
                if picked is None or picked == -1:
                    return
                if picked == 0:
                    person_id = attendance.add_walk_in(
                        factory, sid, PersonInput(full_name=request.name),
                        force=True).rows[0].person_id
                else:
                    attendance.check_in(factory, sid, picked)
                    person_id = picked
        except UserError as exc:
            show_error(self.window, "Chưa nhận được", exc.message)
            return
        self.bridge.resolve_walk_in(request.id, person_id)
        if self.window is not None:
            self.window.forget(request)
        self.ctx.events.data_changed.emit("attendance")

    # --- stopping ----------------------------------------------------------------------------

    def confirm_stop(self, parent: QWidget | None, text: str = "") -> bool:
        if not self.running:
            return True
        return choose(parent, "Dừng làm bài trên điện thoại",
                      text or "Điện thoại đang làm bài. Dừng máy chủ bây giờ? Câu trả lời đã lưu "
                      "không mất; điện thoại đang làm dở sẽ gửi tiếp khi mở lại (cùng đường "
                      "dẫn).", [("Dừng", True), ("Tiếp tục phục vụ", False)], default=False,
                      escape=False) is True

    def stop(self) -> None:
        self.bridge.stop()
        for window in (self.window, self.projector):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.window = None
        self.projector = None
        self.step = None
        self.ctx.events.data_changed.emit("attempt")
