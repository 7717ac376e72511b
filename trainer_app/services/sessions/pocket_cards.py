"""Pocket cards: the hotlines from the unit's settings and the steps to take when a child
is at risk online, eight cards to an A4 sheet.

The texts come from ``shared/reference/child-online-protection-facts.md``, [SEEN] facts
only: the steps from D1 (UNICEF: keep evidence, block, report on the platform, do not
reply) and D6 (Bộ Quy tắc ứng xử, QĐ 88/QĐ-BTTTT: listen and talk with the child); the
label of 111 from B1 (free, 24/24, also by Zalo and the 111 app). A number the app has
no label for is printed as "Đường dây nóng" (the user listed it as a hotline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.vntext import clean_text
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document
from trainer_app.services.workspace.settings import load_org

__all__ = ["CARD_STEPS", "CARD_TITLE", "PocketCardsResult", "hotline_label", "write_cards",
           "write_cards_from_settings"]

CARD_TITLE = "Bảo vệ trẻ em trên môi trường mạng"
CARD_STEPS = (
    "Lắng nghe, trò chuyện cùng trẻ về điều đã xảy ra.",
    "Không trả lời kẻ xấu; chặn tài khoản đó.",
    "Chụp màn hình, giữ lại tin nhắn làm bằng chứng.",
    "Báo cáo nội dung xấu ngay trên mạng xã hội, ứng dụng.",
    "Gọi 111 (hoặc nhắn qua Zalo, ứng dụng 111) để được hỗ trợ.",
)
KNOWN_LABELS = {
    "111": "Tổng đài quốc gia bảo vệ trẻ em (miễn phí, 24/24 giờ)",
    "113": "Công an",
}
UNKNOWN_LABEL = "Đường dây nóng"
CARDS_PER_SHEET = 8


@dataclass(frozen=True)
class PocketCardsResult:
    file: str
    pages: int
    cards: int
    hotlines: list[str]


def hotline_label(number: str) -> str:
    """The label printed beside a number ("111" -> the national child-protection line);
    dots and spaces in the number do not matter."""
    return KNOWN_LABELS.get(re.sub(r"[\s.\-]", "", number), UNKNOWN_LABEL)


def write_cards(path: str | Path, hotlines: list[str], *, footer: str = "",
                sheets: int = 1) -> PocketCardsResult:
    """Write the sheet(s) of cards for these hotline numbers to ``path`` (a .pdf)."""
    from trainer_app.reports.pocket_cards import (
        CardOverflow,
        Hotline,
        PocketCard,
        write_pocket_cards,
    )

    numbers = [clean_text(n) for n in hotlines if clean_text(n)]
    if not numbers:
        raise UserError("Chưa có số điện thoại đường dây nóng nào trong Cài đặt (mục Đường dây "
                        "nóng): thêm 111, 113… rồi in lại.", code="no_hotlines")
    if not 1 <= sheets <= 50:
        raise UserError("Số tờ thẻ bỏ túi phải từ 1 đến 50.", code="bad_sheets")
    card = PocketCard(title=CARD_TITLE,
                      hotlines=[Hotline(n, hotline_label(n)) for n in numbers],
                      steps=CARD_STEPS, footer=clean_text(footer))
    try:
        target = save_document(path, lambda p: write_pocket_cards(p, card, sheets=sheets))
    except CardOverflow as exc:
        raise UserError(str(exc), code="card_overflow") from exc
    return PocketCardsResult(str(target), sheets, sheets * CARDS_PER_SHEET, numbers)


def write_cards_from_settings(factory: sessionmaker[Session], path: str | Path, *,
                              sheets: int = 1) -> PocketCardsResult:
    """The cards with the hotlines and unit name from Settings."""
    org = load_org(factory)
    return write_cards(path, list(org.hotlines), footer=org.unit_name, sheets=sheets)
