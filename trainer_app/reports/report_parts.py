"""Pieces both result reports (session and period) use in their PDF: section headings,
the score summary, the charts' colours and the photo grid."""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from trainer_app.reports.charts import BarChart, chart_drawing
from trainer_app.reports.document_style import nfc
from trainer_app.reports.report_dto import (
    Photo,
    ScoreSummary,
    fmt_number,
    fmt_score,
    fmt_share,
)
from trainer_app.reports.typeface import BOLD, REGULAR, register_fonts

__all__ = ["GAIN_COLOUR", "PASS_COLOUR", "POST_COLOUR", "PRE_COLOUR", "chart_block",
           "heading", "photo_grid", "plain", "score_lines"]

PRE_COLOUR = "#9bb7d4"
POST_COLOUR = "#0b3d6e"
PASS_COLOUR = "#2e7d32"
GAIN_COLOUR = "#b35900"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_STYLES: dict[str, ParagraphStyle] = {}


def _style(name: str) -> ParagraphStyle:
    if not _STYLES:
        register_fonts()
        _STYLES["heading"] = ParagraphStyle("report-heading", fontName=BOLD, fontSize=13,
                                            leading=15.6, alignment=TA_LEFT, spaceBefore=8,
                                            spaceAfter=4, keepWithNext=1)
        _STYLES["plain"] = ParagraphStyle("report-plain", fontName=REGULAR, fontSize=13,
                                          leading=15.6, alignment=TA_LEFT, spaceAfter=3,
                                          firstLineIndent=10 * mm)
        _STYLES["note"] = ParagraphStyle("report-note", fontName=REGULAR, fontSize=11,
                                         leading=13.2, alignment=TA_LEFT, spaceBefore=2,
                                         spaceAfter=3, textColor="#333333")
        _STYLES["caption"] = ParagraphStyle("report-caption", fontName=REGULAR, fontSize=10,
                                            leading=12, alignment=1)
    return _STYLES[name]


def heading(number: int, text: str) -> Paragraph:
    """"II. THÀNH PHẦN THAM DỰ" (kept with what follows)."""
    return Paragraph(escape(f"{ROMAN[number - 1]}. {nfc(text).upper()}"), _style("heading"))


def plain(text: str, style: str = "plain") -> Paragraph:
    return Paragraph(escape(nfc(text)).replace("\n", "<br/>"), _style(style))


def score_lines(scores: ScoreSummary, *, pass_mark: bool = True) -> list[str]:
    """The figures as sentences: averages, gain, pass rate."""
    lines = []
    if scores.pre_count:
        lines.append(f"Điểm trung bình trước tập huấn: {fmt_score(scores.pre_average, 2)}/10 "
                     f"({fmt_number(scores.pre_count)} bài).")
    else:
        lines.append("Không có bài kiểm tra trước tập huấn.")
    if scores.post_count:
        lines.append(f"Điểm trung bình sau tập huấn: {fmt_score(scores.post_average, 2)}/10 "
                     f"({fmt_number(scores.post_count)} bài).")
    else:
        lines.append("Chưa có bài kiểm tra sau tập huấn.")
    if scores.gain is not None:
        word = "tăng" if scores.gain >= 0 else "giảm"
        lines.append(f"Điểm trung bình {word} {fmt_score(abs(scores.gain), 2)} điểm sau tập "
                     "huấn.")
    if scores.post_count:
        mark = (f" (điểm đạt từ {fmt_score(scores.pass_mark)} trở lên)"
                if pass_mark and scores.pass_mark is not None else "")
        lines.append(f"Số bài đạt yêu cầu: {fmt_number(scores.passed)}/"
                     f"{fmt_number(scores.post_count)}, tỷ lệ đạt "
                     f"{fmt_share(scores.pass_rate)}{mark}.")
    return lines


def chart_block(chart: BarChart) -> Flowable:
    drawing = chart_drawing(chart)
    table = Table([[drawing]], colWidths=[chart.width])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def photo_grid(photos: Sequence[Photo], width: float,
               title: Flowable | None = None) -> list[Flowable]:
    """Up to four photos, two a row, each at most 70 mm high, with a caption number; kept
    on one page with ``title``."""
    if not photos:
        return []
    cell_w = (width - 6 * mm) / 2
    cells: list[list[Flowable]] = []
    for n, photo in enumerate(photos, start=1):
        scale = min(cell_w / photo.width, 70 * mm / photo.height)
        image = Image(io.BytesIO(photo.data), width=photo.width * scale,
                      height=photo.height * scale)
        cells.append([image, Spacer(1, 1.5 * mm), plain(f"Ảnh {n}", "caption")])
    rows = [cells[i:i + 2] + [[]] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[cell_w + 3 * mm] * 2)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [KeepTogether([title, table] if title is not None else [table])]
