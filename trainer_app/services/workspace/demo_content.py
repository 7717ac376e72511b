"""Fixed content of the demo workspace: the Tân Hưng ward, its people and a short quiz."""

from __future__ import annotations

from trainer_app.services.workspace.settings import OrgSettings

DEMO_ORG = OrgSettings(
    unit_name="TRẠM Y TẾ PHƯỜNG TÂN HƯNG",
    parent_body="TRUNG TÂM Y TẾ KHU VỰC TÂN HƯNG",
    place_name="Tân Hưng",
    signer_name="Nguyễn Thị Hồng Nhung",
    signer_title="TRƯỞNG TRẠM",
    recipients=[
        "UBND phường Tân Hưng (để báo cáo)",
        "Trung tâm Y tế khu vực (để báo cáo)",
        "Lưu: VT, TYT",
    ],
)

FAMILY_NAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Tạ",
]
FEMALE_MIDDLE = ["Thị", "Thị Thu", "Thị Ngọc", "Ngọc", "Thị Kim", "Thị Mỹ", "Thanh", "Thị Bích"]
MALE_MIDDLE = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Văn Hoàng", "Công"]
FEMALE_GIVEN = [
    "Lan", "Hoa", "Thúy", "Hằng", "Mai", "Ánh", "Yến", "Hương", "Nga", "Tuyết",
    "Oanh", "Phượng", "Loan", "Dung", "Hạnh", "Ngân", "Trâm", "Ước", "Ân", "Xuân",
]
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Đức", "Bình", "Khoa", "Phúc", "Sơn", "Ơn", "Út",
    "Thắng", "Hải", "Long", "Nam", "Vinh", "Lộc", "Đạt", "Tâm", "Quang", "Hòa",
]
MOBILE_PREFIXES = ["090", "091", "093", "097", "098", "086", "083", "070", "077", "035"]

# A short check used by the demo's finished session; the full banks live in quizzes/.
DEMO_QUIZ_CODE = "demo-kiem-tra-nhanh"
DEMO_QUIZ_TITLE = "Kiểm tra nhanh: bảo vệ trẻ em trên môi trường mạng (mẫu)"
DEMO_QUESTIONS: list[dict[str, object]] = [
    {
        "key": "q1",
        "kind": "single",
        "text": "Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi?",
        "options": [("Dưới 14 tuổi", False), ("Dưới 16 tuổi", True), ("Dưới 18 tuổi", False)],
        "explanation": "Điều 1 Luật Trẻ em 2016: trẻ em là người dưới 16 tuổi.",
        "source": "Luật Trẻ em 2016, Điều 1",
    },
    {
        "key": "q2",
        "kind": "true_false",
        "text": "Tổng đài 111 hoạt động 24/24 giờ, mọi ngày và không thu phí.",
        "options": [("Đúng", True), ("Sai", False)],
        "explanation": "Tổng đài quốc gia bảo vệ trẻ em 111 miễn phí, 24/24 giờ.",
        "source": "tongdai111.vn — Tổng đài 111",
    },
    {
        "key": "q3",
        "kind": "single",
        "text": "Đưa thông tin riêng tư của trẻ từ đủ 7 tuổi lên mạng cần sự đồng ý của ai?",
        "options": [
            ("Chỉ cha mẹ", False),
            ("Cha mẹ (người chăm sóc) và chính trẻ", True),
            ("Không cần ai đồng ý", False),
        ],
        "explanation": "Khoản 1 Điều 36 Nghị định 56/2017/NĐ-CP.",
        "source": "Nghị định 56/2017/NĐ-CP, Điều 36",
    },
    {
        "key": "q4",
        "kind": "multiple",
        "text": "Dấu hiệu nào có thể cho thấy trẻ đang bị dụ dỗ trên mạng?",
        "options": [
            ("Giấu giếm hoạt động trên mạng, đổi màn hình khi người lớn đến", True),
            ("Nhận quà từ người lạ", True),
            ("Xa lánh gia đình", True),
            ("Hay giúp bố mẹ việc nhà", False),
        ],
        "explanation": "Các dấu hiệu cảnh báo thường gặp của việc bị dụ dỗ trực tuyến.",
        "source": "Tổng đài 111 — Cùng ngăn chặn việc trẻ bị dụ dỗ trên Internet",
    },
    {
        "key": "q5",
        "kind": "true_false",
        "text": "Kẻ dụ dỗ trẻ trên mạng luôn là người lạ.",
        "options": [("Đúng", False), ("Sai", True)],
        "explanation": "Kẻ dụ dỗ không nhất thiết là người lạ.",
        "source": "Tổng đài 111 — Cùng ngăn chặn việc trẻ bị dụ dỗ trên Internet",
    },
]
