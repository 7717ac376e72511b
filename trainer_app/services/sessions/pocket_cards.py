"""Pocket cards: the hotlines from the settings (each number with its owner's name, by
default the ward letter's three) and the steps to take when a child is at risk online,
eight cards to an A4 sheet.

The steps come from ``shared/reference/child-online-protection-facts.md``: D3 (listen,
believe the child, do not blame), D1 (UNICEF: do not reply, keep evidence first — a
screenshot — then block and report on the platform; the bank teaches the same order), B1
(111 is free, 24/24 giờ, also by Zalo and the 111 app) and B7/the ward letter (113 when the
child is in danger now). D4 (never forward the child's images) is marked unchecked in the
sheet: the card says only "do not send them to anyone".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.vntext import clean_text
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document
from trainer_app.services.workspace.hotlines import Hotline, load_hotlines
from trainer_app.services.workspace.settings import load_org

__all__ = ["CARD_STEPS", "CARD_TITLE", "PocketCardsResult", "write_cards",
           "write_cards_from_settings"]

CARD_TITLE = "Bảo vệ trẻ em trên môi trường mạng"
CARD_STEPS = (
    "Lắng nghe, tin trẻ, không trách mắng.",
    "Không trả lời kẻ xấu. Trước hết chụp màn hình, giữ tin nhắn làm bằng chứng.",
    "Sau đó chặn tài khoản đó và báo cáo trên mạng xã hội, ứng dụng.",
    "Không gửi ảnh, video nhạy cảm của trẻ cho ai.",
    "Gọi Tổng đài 111 (miễn phí, 24/24 giờ; cả Zalo, ứng dụng 111). Trẻ đang gặp nguy "
    "hiểm: gọi Công an 113.",
)
CARDS_PER_SHEET = 8


@dataclass(frozen=True)
class PocketCardsResult:
    file: str
    pages: int
    cards: int
    hotlines: list[str]  # the numbers printed


def write_cards(path: str | Path, hotlines: Sequence[Hotline], *, footer: str = "",
                sheets: int = 1) -> PocketCardsResult:
    """Write the sheet(s) of cards for these hotlines (number and owner) to ``path``."""
    from trainer_app.reports.pocket_cards import (
        CardOverflow,
        PocketCard,
        write_pocket_cards,
    )
    from trainer_app.reports.pocket_cards import (
        Hotline as CardLine,
    )

    lines = [Hotline(clean_text(h.number), clean_text(h.label)) for h in hotlines
             if clean_text(h.number)]
    numbers = [h.number for h in lines]
    if not numbers:
        raise UserError("Chưa có số điện thoại đường dây nóng nào trong Cài đặt (mục Đường dây "
                        "nóng): thêm 111, 113… rồi in lại.", code="no_hotlines")
    if not 1 <= sheets <= 50:
        raise UserError("Số tờ thẻ bỏ túi phải từ 1 đến 50.", code="bad_sheets")
    card = PocketCard(title=CARD_TITLE,
                      hotlines=[CardLine(h.number, h.label) for h in lines],
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
    return write_cards(path, load_hotlines(factory), footer=org.unit_name, sheets=sheets)
