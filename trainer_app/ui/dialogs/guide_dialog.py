"""Hướng dẫn (F1 anywhere): the steps of a session day in plain Vietnamese for someone
doing it for the first time, each with a button to the page that does it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer_app.ui.events import AppEvents

# (heading, what to do, page key, button text)
STEPS: tuple[tuple[str, str, str, str], ...] = (
    ("1. Chuẩn bị danh sách cộng tác viên",
     "Nhập danh sách từ tệp Excel của phường, hoặc thêm từng người. Tìm tên không cần gõ dấu.",
     "people", "Mở trang Cộng tác viên"),
    ("2. Chép video và tài liệu vào máy",
     "Ở nơi có mạng, tải các video của Tổng đài 111 về USB. Về trạm, nhập từng tệp vào Thư "
     "viện: máy kiểm tra tệp xem được rồi mới nhận.", "library", "Mở trang Thư viện"),
    ("3. Tạo buổi tập huấn",
     "Chọn chương trình, ngày giờ, địa điểm và những khu phố được mời. Bấm \"Kiểm tra trước "
     "buổi\" để biết còn thiếu video hay tài liệu nào.", "sessions", "Mở trang Buổi tập huấn"),
    ("4. In giấy tờ trước buổi",
     "In danh sách ký tên và phiếu trả lời (nếu làm bài trên giấy) từ trang Buổi tập huấn.",
     "sessions", "Mở trang Buổi tập huấn"),
    ("5. Điểm danh khi mọi người đến",
     "Gõ vài chữ trong tên rồi Enter. Người không có tên trong danh sách: bấm \"Thêm người "
     "đến\". Gõ nhầm: Ctrl+Z để hoàn tác.", "attendance", "Mở trang Điểm danh"),
    ("6. Trình chiếu",
     "Bấm \"Trình chiếu buổi này\". Màn chiếu hiện từng bước; Page Down để sang bước sau, "
     "Page Up để lùi, phím B để tắt màn hình (màn đen). Với bài kiểm tra: cả phòng làm cùng "
     "lúc trên điện thoại qua Wi-Fi của phòng (\"Làm bài trên điện thoại\", không cần "
     "Internet), hoặc làm trên máy (từng người lên tìm tên mình), hoặc chiếu từng câu để mọi "
     "người đánh dấu trên phiếu.",
     "sessions", "Mở trang Buổi tập huấn"),
    ("7. Nhập phiếu trả lời trên giấy",
     "Sau buổi, chọn bước kiểm tra và bấm \"Nhập bài làm trên giấy\": mỗi người một dòng, gõ "
     "chữ cái đáp án, máy tự chấm.", "sessions", "Mở trang Buổi tập huấn"),
    ("8. Kết thúc buổi",
     "Bấm \"Kết thúc buổi\": ai chưa điểm danh được ghi là vắng và buổi được khóa. Sau đó in "
     "báo cáo và giấy chứng nhận.", "sessions", "Mở trang Buổi tập huấn"),
    ("9. Sao lưu",
     "Máy tự sao lưu mỗi ngày. Cuối buổi nên chép một bản ra USB: Tệp → Sao lưu ra USB.",
     "settings", "Mở trang Cài đặt"),
)


class GuideDialog(QDialog):
    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.setWindowTitle("Hướng dẫn: một buổi tập huấn")
        self.buttons: dict[str, list[QPushButton]] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        intro = QLabel("Các việc của một ngày tập huấn, theo thứ tự. Bấm nút bên phải để mở "
                       "đúng trang. Mở lại hướng dẫn này bất cứ lúc nào bằng phím F1.")
        intro.setWordWrap(True)
        column.addWidget(intro)
        for heading, text, page, button_text in STEPS:
            card = QFrame()
            card.setProperty("role", "card")
            row = QHBoxLayout(card)
            words = QVBoxLayout()
            title = QLabel(heading)
            title.setProperty("role", "h2")
            title.setWordWrap(True)
            detail = QLabel(text)
            detail.setWordWrap(True)
            words.addWidget(title)
            words.addWidget(detail)
            row.addLayout(words, 1)
            button = QPushButton(button_text)
            button.clicked.connect(lambda _c=False, key=page: self.go(key))
            row.addWidget(button)
            self.buttons.setdefault(page, []).append(button)
            column.addWidget(card)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        self.resize(820, 640)

    def go(self, page: str) -> None:
        self.events.navigate_requested.emit(page)
        self.accept()
