"""Tra cứu giấy chứng nhận: scan the QR code (a scanner types it in) or type the payload
printed under it, and see at once whether the certificate is genuine, revoked, or altered.
Works offline with this data folder's key; at the centre, against the stations' registers
from their packages (``exchange.verify``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from trainer_app.services.exchange.verify import verify_anywhere
from trainer_app.ui import style
from trainer_app.ui.context import AppContext

VERDICTS = {
    "valid": ("HỢP LỆ", "ok"), "revoked": ("ĐÃ THU HỒI", "warning"),
    "unknown": ("KHÔNG CÓ TRONG SỔ", "warning"), "mismatch": ("KHÔNG KHỚP SỔ", "error"),
    "bad_signature": ("KHÔNG HỢP LỆ", "error"), "malformed": ("SAI ĐỊNH DẠNG", "error"),
    "no_key": ("CHƯA KIỂM TRA ĐƯỢC", "warning"),
    "not_in_register": ("KHÔNG CÓ TRONG SỔ CỦA TRẠM", "error"),
    "not_yet_sent": ("CHƯA CÓ TRONG SỐ LIỆU ĐÃ GỬI", "warning"),
}


class VerifyCertificateDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Tra cứu giấy chứng nhận")
        hint = QLabel("Quét mã QR trên giấy chứng nhận (máy quét gõ thẳng vào ô dưới), hoặc gõ "
                      "dòng chữ nhỏ in dưới mã, rồi bấm Enter.")
        hint.setWordWrap(True)
        self.payload = QLineEdit()
        self.payload.setObjectName("certificatePayload")
        self.payload.setPlaceholderText("GCN1:…")
        self.payload.returnPressed.connect(self.check)
        self.check_button = QPushButton("Kiểm tra")
        self.check_button.setProperty("role", "primary")
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel("")
        self.verdict.setProperty("role", "h2")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (hint, self.payload, self.check_button, self.verdict, self.details,
                       close):
            layout.addWidget(widget)
        self.resize(680, 440)  # room for a station's name and the date of its package

    def check(self) -> None:
        text = self.payload.text().strip()
        if not text:
            return
        result = verify_anywhere(self.ctx.factory, self.ctx.data_dir, text)
        word, role = VERDICTS.get(result.status, (result.status, "warning"))
        self.verdict.setText(word)
        style.set_role(self.verdict, role)
        lines = [result.message]
        if result.full_name:
            lines.append(f"Họ tên: {result.full_name}")
        if result.session_title:
            lines.append(f"Buổi tập huấn: {result.session_title}")
        if result.station:
            lines.append(f"Trạm cấp: {result.station_name} (mã {result.station})")
        if result.number:
            lines.append(f"Số: {result.number}")
        if result.issued_on:
            lines.append(f"Ngày cấp: {result.issued_on:%d/%m/%Y}")
        self.details.setText("\n".join(lines))
        self.payload.selectAll()
