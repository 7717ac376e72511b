"""Unexpected errors: log the traceback, tell the user in plain Vietnamese what happened,
what to do and where the log is, and keep running."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from trainer_app.services.errors import UserError
from trainer_app.ui.dialogs.messages import show_error, show_warning

log = logging.getLogger("trainer_app.crash")

TITLE = "Đã xảy ra lỗi"


def error_text(exc_type: type[BaseException], log_file: Path) -> tuple[str, str]:
    text = (
        "Ứng dụng gặp một lỗi không mong muốn nên việc vừa làm chưa hoàn tất. "
        "Dữ liệu đã lưu trước đó vẫn còn nguyên và ứng dụng vẫn tiếp tục chạy."
    )
    details = (
        "Hãy thử lại. Nếu lỗi lặp lại, hãy đóng rồi mở lại ứng dụng và gửi tệp nhật ký "
        f"cho người hỗ trợ kỹ thuật:\n{log_file}\n\n(Mã lỗi: {exc_type.__name__})"
    )
    return text, details


class ExceptHook:
    """Installed as ``sys.excepthook`` while the GUI runs."""

    def __init__(self, log_file: Path, parent: Callable[[], QWidget | None]) -> None:
        self.log_file = log_file
        self._parent = parent
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            log.warning("unhandled user error (%s)", exc.code)
        else:
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self._showing or not isinstance(QApplication.instance(), QApplication):
            return  # an error while the message is open: logged, not shown twice
        self._showing = True
        try:
            parent = self._parent()
            if isinstance(exc, UserError):
                show_warning(parent, "Không thực hiện được", exc.message)
            else:
                text, details = error_text(exc_type, self.log_file)
                show_error(parent, TITLE, text, details)
        except Exception:  # the dialog itself failed: never let the hook raise
            log.exception("could not show the error message")
        finally:
            self._showing = False
