"""Fixed content of the demo workspace: the Tân Hưng ward, its people and a short quiz."""

from __future__ import annotations

from trainer_app.domain.quiz import OptionDoc, QuestionDoc, QuizDoc
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
        "tags": ["pháp luật"],
    },
    {
        "key": "q2",
        "kind": "true_false",
        "text": "Tổng đài quốc gia bảo vệ trẻ em 111 nhận cuộc gọi 24/24 giờ, mọi ngày và "
                "miễn phí.",
        "options": [("Đúng", True), ("Sai", False)],
        "explanation": "Tổng đài 111 miễn phí, 24/24 giờ, mọi ngày; nhận tin cả qua Zalo và "
                       "ứng dụng 111.",
        "source": "tongdai111.vn, bài “Tổng đài 111: Chỗ dựa bình an cho trẻ em”",
        "tags": ["đường dây nóng, báo tin"],
    },
    {
        "key": "q3",
        "kind": "single",
        "text": "Đưa thông tin riêng tư của trẻ từ đủ 7 tuổi lên mạng cần sự đồng ý của ai?",
        "options": [
            ("Chỉ cha mẹ", False),
            ("Cha mẹ và chính trẻ", True),
            ("Chỉ thầy cô của trẻ", False),
        ],
        "explanation": "Khoản 1 Điều 36 Nghị định 56/2017/NĐ-CP: phải được cha mẹ (người chăm "
                       "sóc) và trẻ từ đủ 7 tuổi đồng ý.",
        "source": "Nghị định 56/2017/NĐ-CP, khoản 1 Điều 36",
        "tags": ["quyền riêng tư"],
    },
    {
        "key": "q4",
        "kind": "multiple",
        "text": "Dấu hiệu nào có thể cho thấy trẻ đang bị dụ dỗ trên mạng? (chọn tất cả các "
                "ý đúng)",
        "options": [
            ("Giấu giếm việc dùng mạng, vội đổi màn hình khi người lớn đến", True),
            ("Kể cho cha mẹ nghe về bạn mới quen ở trường", False),
            ("Nhận quà từ một người lạ quen qua mạng", True),
            ("Rủ bạn cùng lớp đến nhà học nhóm", False),
        ],
        "explanation": "Dấu hiệu cảnh báo: trẻ giấu giếm hoạt động trên mạng, đổi màn hình khi "
                       "người lớn đến, nhận quà từ người lạ, xa lánh gia đình.",
        "source": "internetsafety101.org, trang “Predator Warning Signs” (Dấu hiệu cảnh báo "
                  "kẻ xâm hại)",
        "tags": ["nguy cơ, dấu hiệu"],
    },
    {
        "key": "q5",
        "kind": "true_false",
        "text": "Kẻ dụ dỗ trẻ trên mạng luôn là người lạ.",
        "options": [("Đúng", False), ("Sai", True)],
        "explanation": "Sai. Kẻ dụ dỗ không nhất thiết là người lạ; có thể là người trẻ đã quen.",
        "source": "tongdai111.vn, bài “Cùng ngăn chặn việc trẻ bị dụ dỗ trên Internet”",
        "tags": ["nguy cơ, dấu hiệu"],
    },
]


def demo_quiz_doc(topic: str = "") -> QuizDoc:
    """The demo quiz as a document (stored and frozen by ``demo``; read by the content test)."""
    return QuizDoc(
        id=DEMO_QUIZ_CODE, title=DEMO_QUIZ_TITLE, topic=topic, pass_mark=5.0,
        questions=[
            QuestionDoc(id=str(spec["key"]), kind=str(spec["kind"]), text=str(spec["text"]),
                        explanation=str(spec["explanation"]), source=str(spec["source"]),
                        tags=list(spec["tags"]),  # type: ignore[call-overload]
                        options=[OptionDoc(text, correct)
                                 for text, correct in spec["options"]])  # type: ignore[attr-defined]
            for spec in DEMO_QUESTIONS
        ],
    )
