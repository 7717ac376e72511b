"""Screenshots of the certificate windows, for review:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/shot_certificates.py \\
        [OUT_DIR] [SCALE]

Builds the demo in a temporary data folder, issues the demo session's certificates (one
of them revoked, one in an older year), then grabs "Sổ cấp giấy chứng nhận"
(certificate-register-*.png), "Vị trí in trên phôi" (certificate-form-*.png) and the
session's "Giấy tờ…" window with the certificate options (documents-certificates-*.png),
each at its own size and squeezed into 1024×700.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from trainer_app.datadir import DataDir, DataDirSource  # noqa: E402
from trainer_app.services.certificates import service as certs  # noqa: E402
from trainer_app.services.sessions.documents import DocumentKind  # noqa: E402
from trainer_app.services.sessions.results import session_detail  # noqa: E402
from trainer_app.services.workspace.demo import fill_demo  # noqa: E402
from trainer_app.services.workspace.opening import open_workspace  # noqa: E402
from trainer_app.ui import style, tasks  # noqa: E402
from trainer_app.ui.context import AppContext  # noqa: E402
from trainer_app.ui.dialogs.certificate_form_dialog import CertificateFormDialog  # noqa: E402
from trainer_app.ui.dialogs.certificate_register_dialog import (  # noqa: E402
    CertificateRegisterDialog,
)
from trainer_app.ui.dialogs.documents_dialog import DocumentsDialog  # noqa: E402
from trainer_app.ui.events import AppEvents  # noqa: E402
from trainer_app.ui.qt_workarounds import protect_bool_singletons  # noqa: E402


def settle(app: QApplication) -> None:
    tasks.wait_all()
    QTest.qWait(400)  # the preview redraws 120 ms after a resize
    tasks.wait_all()
    QTest.qWait(200)


def grab(app: QApplication, dialog: QDialog, name: str, out: Path, tag: str) -> None:
    dialog.show()
    settle(app)
    dialog.grab().save(str(out / f"{name}{tag}.png"))
    dialog.resize(1024, 700)
    settle(app)
    dialog.grab().save(str(out / f"{name}-1024x700{tag}.png"))


def main(out: Path, scale: int = 100) -> None:
    protect_bool_singletons()
    app = QApplication(sys.argv[:1])
    style.apply_style(app, scale)
    tag = "" if scale == 100 else f"-{scale}"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT)
        ws = open_workspace(data_dir, daily_backup=False)
        ctx = AppContext(data_dir, ws, AppEvents())
        try:
            fill_demo(ws, today=date(2026, 11, 20))
            certs.issue(ctx.factory, data_dir, 1)
            rows = certs.list_certificates(ctx.factory)
            if len(rows) > 2:
                certs.revoke(ctx.factory, rows[1].number, "Cấp nhầm người, đã cấp lại cho "
                             "đúng người nhận")
            register = CertificateRegisterDialog(ctx)
            if register.model.rowCount() > 3:
                register.table.selectRow(3)
            grab(app, register, "certificate-register", out, tag)
            register.close()
            form = CertificateFormDialog(ctx)
            form.offset_x.setValue(1.5)  # unsaved: the status line says so
            grab(app, form, "certificate-form", out, tag)
            form.preview.close_document()
            form._dirty = False
            form.close()
            documents = DocumentsDialog(ctx, session_detail(ctx.factory, 1))
            documents.choose_document(DocumentKind.CERTIFICATES)
            grab(app, documents, "documents-certificates", out, tag)
            documents.close()
        finally:
            ws.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots",
         *(int(a) for a in sys.argv[2:3]))
