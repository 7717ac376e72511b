"""One app per data folder: the running instance listens on a local socket; a second start
sends "raise" and quits, and the running window comes forward."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from trainer_app.ui.instance_name import server_name

__all__ = ["InstanceServer", "send_raise", "server_name"]

log = logging.getLogger(__name__)

RAISE = b"raise"
TIMEOUT_MS = 1500


def send_raise(name: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Ask the running instance to show its window. False when nobody answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    ok = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return ok


class InstanceServer(QObject):
    """Listens for later starts on the same data folder."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        self._sockets: list[QLocalSocket] = []

    def listen(self) -> bool:
        # We hold the instance lock, so a leftover socket file is stale (a crash): remove it.
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance server could not listen: %s",
                        self._server.errorString())
        return ok

    def close(self) -> None:
        for socket in list(self._sockets):
            self._drop(socket)
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._read_ready)
            socket.disconnected.connect(self._prune)
            if socket.bytesAvailable():
                self._read(socket)

    def _read_ready(self) -> None:
        for socket in list(self._sockets):
            if socket.bytesAvailable():
                self._read(socket)

    def _prune(self) -> None:
        for socket in list(self._sockets):
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            self._drop(socket)  # the sender said its word and left
        if RAISE in data:
            log.info("another start asked this window to come forward")
            self.raise_requested.emit()

    def _drop(self, socket: QLocalSocket) -> None:
        if socket in self._sockets:
            self._sockets.remove(socket)
            socket.readyRead.disconnect(self._read_ready)
            socket.disconnected.disconnect(self._prune)
            socket.abort()
            socket.deleteLater()
