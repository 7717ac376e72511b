"""UI commands shared by the menu and the pages: each calls one service, reports the result
to the user in Vietnamese and announces the change with ``events.data_changed``."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace import settings as settings_service
from trainer_app.ui import events, style
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.messages import confirm, show_error, show_info, show_warning
from trainer_app.ui.tasks import CancelFn, ProgressFn, TaskHandle, run_task

log = logging.getLogger(__name__)


@contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


DISK_HINT = "Hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại."


def backup_now(parent: QWidget | None, ctx: AppContext) -> TaskHandle[Path]:
    """Make a manual backup in the data folder, on a worker thread; the result is told when
    it is done (``data_changed(BACKUP)`` and a status message)."""
    workspace = ctx.workspace

    def work(progress: ProgressFn, cancel: CancelFn) -> Path:
        try:
            return backup_service.create_manual(workspace, progress=progress, cancel=cancel)
        except OSError as exc:
            log.exception("manual backup failed")
            raise UserError(f"Không tạo được bản sao lưu: {exc.strerror or exc}.",
                            code="manual_backup_failed") from exc

    def done(path: Path) -> None:
        log.info("manual backup created: %s", path.name)
        ctx.events.data_changed.emit(events.BACKUP)
        ctx.events.status_message.emit(f"Đã sao lưu: {path.name}")

    def failed(exc: UserError) -> None:
        details = DISK_HINT if exc.code == "manual_backup_failed" else ""
        show_error(parent, "Không sao lưu được", exc.message, details)

    # A copy on the laptop's own disk: short, so no "Hủy" (it could not stop the copy).
    return run_task(parent, "Đang sao lưu…", work, on_done=done, on_error=failed,
                    cancellable=False)


def backup_to_external(parent: QWidget | None, ctx: AppContext) -> TaskHandle[Path] | None:
    """Ask for a folder (a USB stick) and copy the database there on a worker thread, so a
    slow stick never freezes the window. None when no folder was chosen."""
    prefs = settings_service.load_preferences(ctx.factory)
    start = prefs.external_backup_dir or str(Path.home())
    folder = QFileDialog.getExistingDirectory(
        parent, "Chọn USB hoặc thư mục để sao lưu (bản sao chứa dữ liệu cá nhân)", start
    )
    if not folder:
        return None
    workspace = ctx.workspace

    def work(progress: ProgressFn, cancel: CancelFn) -> Path:
        return backup_service.copy_to_external(workspace, Path(folder), progress=progress,
                                               cancel=cancel)

    def done(target: Path) -> None:
        log.info("external backup written (%s)", target.name)
        ctx.events.data_changed.emit(events.BACKUP)
        show_info(
            parent, "Đã sao lưu ra USB",
            f"Đã lưu bản sao lưu {target.name} vào thư mục:\n{target.parent}\n\n"
            f"{backup_service.PERSONAL_DATA_NOTE}",
            "Hãy dùng chức năng “Đẩy ra an toàn” của máy trước khi rút USB.",
        )

    def cancelled() -> None:
        ctx.events.status_message.emit("Đã hủy sao lưu ra USB; không có bản sao nào được ghi.")

    return run_task(parent, "Đang sao lưu ra USB…", work, on_done=done,
                    on_cancelled=cancelled, error_title="Không sao lưu ra USB được")


def restore_backup(parent: QWidget | None, ctx: AppContext, path: Path) -> bool:
    """Confirm, then let the app close the workspace, restore ``path`` and reopen."""
    if not confirm(
        parent, "Khôi phục dữ liệu",
        f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu {path.name}?",
        yes="Khôi phục",
        details="Dữ liệu hiện tại được giữ lại thành một bản sao lưu trước khi thay, "
        "nên có thể quay lại nếu cần.",
    ):
        return False
    try:
        with busy():
            result = ctx.restore_backup(path)
    except UserError as exc:
        show_error(parent, "Không khôi phục được", exc.message)
        return False
    kept = f"\nDữ liệu trước đó được giữ tại: {Path(result.previous_copy).name}" if (
        result.previous_copy) else ""
    warnings = list(getattr(result, "warnings", []))
    if warnings:  # e.g. certificate numbers that this older copy does not know
        show_warning(parent, "Đã khôi phục — cần lưu ý",
                     f"Đã khôi phục dữ liệu từ {path.name}.{kept}", "\n".join(warnings))
    else:
        show_info(parent, "Đã khôi phục", f"Đã khôi phục dữ liệu từ {path.name}.{kept}")
    return True


def choose_backup_file(parent: QWidget | None, ctx: AppContext) -> Path | None:
    prefs = settings_service.load_preferences(ctx.factory)
    start = prefs.external_backup_dir or str(ctx.data_dir.backups_dir)
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Chọn tệp sao lưu để khôi phục", start, "Bản sao lưu (*.db);;Mọi tệp (*)"
    )
    return Path(name) if name else None


def set_text_scale(parent: QWidget | None, ctx: AppContext, percent: int) -> int:
    """Apply and remember a text size (percent of the 12 pt base)."""
    percent = style.clamp_scale(percent)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        style.apply_style(app, percent)
    try:
        prefs = settings_service.load_preferences(ctx.factory)
        if prefs.text_scale_percent != percent:
            prefs.text_scale_percent = percent
            settings_service.save_preferences(ctx.factory, prefs)
    except UserError as exc:
        show_error(parent, "Không lưu được cỡ chữ", exc.message)
        return percent
    ctx.events.data_changed.emit(events.PREFERENCES)
    ctx.events.status_message.emit(f"Cỡ chữ: {percent}%")
    return percent


def step_text_scale(parent: QWidget | None, ctx: AppContext, steps: int) -> int:
    app = QApplication.instance()
    current = style.current_scale(app) if isinstance(app, QApplication) else style.DEFAULT_SCALE
    return set_text_scale(parent, ctx, style.step_scale(current, steps))


def verify_certificate(parent: QWidget | None, ctx: AppContext) -> None:
    """Tra cứu giấy chứng nhận."""
    from trainer_app.ui.dialogs.verify_certificate_dialog import VerifyCertificateDialog

    dialog = VerifyCertificateDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()


def certificate_register(parent: QWidget | None, ctx: AppContext) -> None:
    """Sổ cấp giấy chứng nhận."""
    from trainer_app.ui.dialogs.certificate_register_dialog import CertificateRegisterDialog

    dialog = CertificateRegisterDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()


def send_to_centre(parent: QWidget | None, ctx: AppContext) -> None:
    """Tệp → Gửi số liệu lên Trung tâm Y tế…"""
    from trainer_app.ui.dialogs.exchange_export_dialog import ExchangeExportDialog

    dialog = ExchangeExportDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()


def receive_from_stations(parent: QWidget | None, ctx: AppContext) -> None:
    """Tệp → Nhận số liệu các trạm…"""
    from trainer_app.ui.dialogs.exchange_import_dialog import ExchangeImportDialog

    dialog = ExchangeImportDialog(ctx, parent)
    dialog.exec()
    dialog.deleteLater()
