"""The Qt side of the phone server: a QObject on the GUI thread whose signals carry the
server's events (emitted on the server thread, delivered queued on the GUI thread), and
the start/stop the window calls. ``trainer_app.phone`` knows no Qt; this adapter is the
only place they meet. aiohttp is imported only when ``start`` runs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

__all__ = ["PhoneBridge"]


class PhoneBridge(QObject):
    serving = Signal(object)  # ServeInfo
    address_changed = Signal(object)  # ServeInfo
    status = Signal(object)  # LiveStatus
    distribution = Signal(object)  # list[QuestionSpread]
    claims = Signal(object)  # list[ClaimRequest] waiting for approval
    walk_ins = Signal(object)  # list[WalkInRequest] waiting to be accepted
    stopped = Signal(str)
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server: Any = None  # trainer_app.phone.controller.PhoneServer while serving

    def on_event(self, kind: str, data: Any) -> None:
        """The server's listener (called on its thread): re-emitted as a signal."""
        signal = {"serving": self.serving, "address_changed": self.address_changed,
                  "status": self.status, "distribution": self.distribution,
                  "claims": self.claims, "walk_ins": self.walk_ins, "stopped": self.stopped,
                  "error": self.error}.get(kind)
        if signal is not None:
            signal.emit(data)

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    def start(self, factory: Any, step: Any, *, host: str, port: int, unit_name: str,
              watch_address: Any = None) -> Any:
        """Start serving ``step`` (a PhoneStep) on ``host``; returns the ServeInfo.
        Raises UserError with the reason (port in use, address gone)."""
        from trainer_app.phone.controller import PhoneServer

        self.stop()
        server = PhoneServer(factory, step, host=host, port=port, listener=self.on_event,
                             watch_address=watch_address, unit_name=unit_name)
        info = server.start()
        self.server = server
        return info

    def stop(self) -> None:
        if self.server is not None:
            server, self.server = self.server, None
            server.stop()

    def decide_claim(self, request_id: int, approve: bool) -> None:
        if self.server is not None:
            self.server.decide_claim(request_id, approve)

    def resolve_walk_in(self, request_id: int, person_id: int | None) -> None:
        if self.server is not None:
            self.server.resolve_walk_in(request_id, person_id)
