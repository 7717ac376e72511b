"""The one typeface of every PDF: Liberation Serif, shipped in ``reports/fonts/``.

Liberation Serif 2.1.5 is metric-compatible with Times New Roman (the font Nghị định
30/2020/NĐ-CP asks for) and covers every Vietnamese letter, in all four styles. It is
shipped inside the package with its licence (``fonts/OFL.txt``) so that a wheel or a
PyInstaller build prints the same on every machine; Times New Roman itself is never
loaded from the system, so a document looks the same on Windows and Linux and tests see
what users get.

The four files are registered as one family (``registerFontFamily``): without that,
``<b>`` and ``<i>`` in a Paragraph silently render regular. reportlab's base-14 fonts
(Helvetica…) turn Vietnamese letters into boxes and are never used.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus.tables import TableStyle

__all__ = [
    "BOLD", "BOLD_ITALIC", "FONT_DIR", "ITALIC", "REGULAR", "FontMissing", "base_table_style",
    "font_files", "missing_vietnamese_letters", "register_fonts", "vietnamese_letters",
]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "TapHuanSerif"
BOLD = "TapHuanSerif-Bold"
ITALIC = "TapHuanSerif-Italic"
BOLD_ITALIC = "TapHuanSerif-BoldItalic"
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_registered = False


class FontMissing(Exception):
    """A shipped font file is missing or unreadable (a broken installation)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Thiếu phông chữ {path.name} trong {path.parent} ({reason}). Hãy "
                         "cài lại ứng dụng.")
        self.message = str(self.args[0])
        self.path = path


def font_files() -> dict[str, Path]:
    """Registered font name -> the shipped TTF file."""
    return {name: FONT_DIR / file for name, file in _FILES.items()}


def register_fonts() -> str:
    """Register the four styles once, as one family; return the regular font's name.
    Raises ``FontMissing`` when a file is missing or unreadable."""
    global _registered
    if _registered:
        return REGULAR
    for name, path in font_files().items():
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (TTFError, OSError) as exc:
            raise FontMissing(path, str(exc)) from exc
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    _registered = True
    return REGULAR


def vietnamese_letters() -> str:
    """All 134 toned/modified vowels of Vietnamese in both cases, plus đ/Đ, in NFC."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    vowels = "aăâeêioôơuưy"
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels + vowels.upper()
               for t in tones}
    return "".join(sorted(letters | {"đ", "Đ"}))


def missing_vietnamese_letters(font_name: str) -> str:
    """The Vietnamese letters that a registered TTF font has no glyph for."""
    font = pdfmetrics.getFont(font_name)
    cmap = font.face.charToGlyph  # type: ignore[attr-defined]
    return "".join(ch for ch in vietnamese_letters() if ord(ch) not in cmap)


def base_table_style(font_size: float = 12) -> TableStyle:
    """A TableStyle that names the shipped font (a Table's default is Helvetica)."""
    register_fonts()
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, font_size)])
