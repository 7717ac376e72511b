"""The certificate register (Sổ cấp giấy chứng nhận) as a database-free table model fed by
``set_rows`` with ``certificate_service.CertificateRow``. A revoked certificate says so in
words ("Đã thu hồi ngày …") and in red; the reason is in the tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from trainer_app.ui.models.row_table_model import ModelIndex, RowTableModel

if TYPE_CHECKING:
    from trainer_app.services.certificates.service import CertificateRow

__all__ = ["COLUMNS", "CertificateTableModel", "status_text"]

COLUMNS = ("Số", "Họ và tên", "Buổi tập huấn", "Ngày cấp", "Tình trạng")
COL_NUMBER, COL_NAME, COL_SESSION, COL_ISSUED, COL_STATUS = range(len(COLUMNS))
VALID_INK = QColor("#1b6e20")
REVOKED_INK = QColor("#8a1c1c")
REVOKED_BACK = QColor("#f8d7d7")


def status_text(row: CertificateRow) -> str:
    if row.revoked_on is None:
        return "Còn hiệu lực"
    return f"Đã thu hồi ngày {row.revoked_on:%d/%m/%Y}"


class CertificateTableModel(RowTableModel["CertificateRow"]):
    columns = COLUMNS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_item(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NUMBER:
                return row.number
            if column == COL_NAME:
                return row.full_name
            if column == COL_SESSION:
                return f"{row.session_title} ({row.held_on:%d/%m/%Y})"
            if column == COL_ISSUED:
                return f"{row.issued_on:%d/%m/%Y}"
            if column == COL_STATUS:
                return status_text(row)
        revoked = row.revoked_on is not None
        if role == Qt.ItemDataRole.ToolTipRole:
            if revoked:
                return f"Lý do thu hồi: {row.revoked_reason}"
            if column == COL_SESSION:
                return row.session_title
        if role == Qt.ItemDataRole.ForegroundRole:
            if revoked:
                return QBrush(REVOKED_INK)
            if column == COL_STATUS:
                return QBrush(VALID_INK)
        if role == Qt.ItemDataRole.BackgroundRole and revoked and column == COL_STATUS:
            return QBrush(REVOKED_BACK)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
