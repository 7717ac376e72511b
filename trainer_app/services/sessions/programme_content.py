"""The shipped programme "Bảo vệ trẻ em trên môi trường mạng" and its default agenda."""

from __future__ import annotations

from dataclasses import dataclass

PROGRAMME_CODE = "bao-ve-tre-em-tren-mang"
PROGRAMME_TITLE = "Bảo vệ trẻ em trên môi trường mạng"
PROGRAMME_DESCRIPTION = (
    "Tập huấn cho cộng tác viên về bảo vệ trẻ em trên môi trường mạng: pháp luật, nguy cơ, "
    "dấu hiệu cảnh báo, việc cha mẹ và cộng tác viên nên làm, nơi báo tin (Tổng đài 111)."
)
PRE_TEST_CODE = "bvte-kiem-tra-dau-vao"
POST_TEST_CODE = "bvte-kiem-tra-cuoi-khoa"


@dataclass(frozen=True)
class StepSpec:
    kind: str
    title: str
    minutes: int
    media_key: str | None = None
    quiz_code: str | None = None
    phase: str | None = None
    notes: str = ""


AGENDA: tuple[StepSpec, ...] = (
    StepSpec("slide", "Khai mạc, giới thiệu chương trình", 10,
             notes="Giới thiệu mục đích buổi tập huấn và người trình bày."),
    StepSpec("quiz", "Kiểm tra đầu vào", 10, quiz_code=PRE_TEST_CODE, phase="pre"),
    StepSpec("video", "Trẻ em nghiện game và cách khắc phục", 15, media_key="video-nghien-game",
             notes="Thảo luận: dấu hiệu trẻ nghiện game; cha mẹ đặt giới hạn thời gian thế nào?"),
    StepSpec("video", "Xâm hại tình dục trẻ em qua mạng", 15, media_key="video-xam-hai-tinh-duc",
             notes="Thảo luận: kẻ xấu làm quen và dụ dỗ trẻ ra sao; khi nghi ngờ thì báo ai?"),
    StepSpec("video", "Nghiện Internet và hậu quả", 15, media_key="video-nghien-internet",
             notes="Thảo luận: hậu quả với sức khỏe và học tập; giúp trẻ cân bằng thế nào?"),
    StepSpec("video", "Ứng xử có trách nhiệm trên mạng", 15,
             media_key="video-ung-xu-co-trach-nhiem",
             notes="Thảo luận: bắt nạt trên mạng; dạy trẻ giữ bí mật thông tin cá nhân."),
    StepSpec("hotline", "Các số điện thoại cần nhớ", 5,
             notes="Nhắc lại ba số trong Công văn của phường: 111 Tổng đài quốc gia bảo vệ trẻ "
                   "em (miễn phí, 24/24 giờ); 113 Lực lượng phản ứng nhanh Công an Thành phố, "
                   "khi trẻ đang gặp nguy hiểm; 1900.54.55.59 Trung tâm Công tác xã hội - Giáo "
                   "dục dạy nghề Thiếu niên Thành phố."),
    StepSpec("quiz", "Kiểm tra cuối khóa", 10, quiz_code=POST_TEST_CODE, phase="post"),
    StepSpec("closing", "Tổng kết, phát giấy chứng nhận", 10),
)
