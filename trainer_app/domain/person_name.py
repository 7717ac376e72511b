"""Which names the app can store: every letter Latin (Vietnamese letters with their marks
included), so the name prints with the app's PDF font and a certificate's QR payload (which
holds the name without diacritics) carries it. A name in another script (Arabic, Chinese,
Thai…) would print as a blank cell and give a payload with no name that verification
rejects, so it is refused at input with this message."""

from __future__ import annotations

import unicodedata

__all__ = ["name_script_problem"]


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


def name_script_problem(name: str) -> str | None:
    """None when every letter of ``name`` is a Latin letter and there is at least one;
    otherwise a Vietnamese reason (the caller adds where: field, row)."""
    # Modifier letters (category Lm: ʼ ʻ) are apostrophes in ethnic names ("Hʼ Hen Niê").
    letters = [c for c in unicodedata.normalize("NFC", name)
               if c.isalpha() and unicodedata.category(c) != "Lm"]
    if not letters:
        return f"Họ tên “{name}” không có chữ cái nào"
    foreign = sorted({c for c in letters if not _latin(c)})
    if foreign:
        shown = " ".join(foreign[:5])
        return (f"Họ tên “{name}” có chữ không phải chữ Latinh ({shown}): giấy tờ và giấy "
                "chứng nhận chỉ in được chữ tiếng Việt và chữ Latinh; hãy viết tên bằng "
                "chữ Latinh (phiên âm)")
    return None
