"""The app's log: a rotating file in the data folder (1 MB × 5) that never keeps SQL
parameters (they may hold names or phone numbers), with Qt's own messages in it too."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from trainer_app.logfile import RotatingLogFile

__all__ = ["LOG_FILENAME", "RedactingFormatter", "redact", "setup_logging"]

LOG_FILENAME = "trainer-app.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)


def redact(text: str) -> str:
    """Drop SQL parameters (which may hold names or phones) from a log record's text."""
    return _PARAMETERS.sub("[parameters: (ẩn)]", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(logs_dir: Path, debug: bool) -> Path:
    """A rotating log file in the data folder (1 MB × 5). Returns its path."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_trainer_app", False):
            root.removeHandler(handler)
            handler.close()
    log_file = logs_dir / LOG_FILENAME
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingLogFile(log_file, LOG_MAX_BYTES, LOG_BACKUPS))
    except OSError as exc:
        print(f"Không ghi được nhật ký vào {logs_dir}: {exc}", file=sys.stderr)
    if debug or not handlers:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._trainer_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    qInstallMessageHandler(_qt_message)
    return log_file


def _qt_message(kind: QtMsgType, _context: Any, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)
