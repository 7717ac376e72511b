"""The attendance sheet as PDF for 500 and 5,000 people, beside a plain reportlab table of
the same rows built in the same run.

* ours: ``reports.attendance_sheet.write_attendance_sheet`` — the whole document (header
  block, title, a ``PagedTable`` with wrapping cells and room to sign, totals, signatures),
  saved atomically;
* baseline: one ``reportlab.platypus.Table`` of the same rows as plain strings (no
  Paragraphs, no wrapping, the same font, ``repeatRows=1``), in a ``SimpleDocTemplate``.

Targets (issue 7): 500 people within 0.5 s, and 5,000 people within 12× the 500 time
(cost linear in rows). reportlab's own Table is not linear (it re-measures the remaining
rows at every page), which the baseline's own 5,000/500 ratio shows.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

SIZES = (500, 5_000)
RUNS = 2
TARGET_500 = 0.5
TARGET_SCALE = 12.0


def _people(n: int) -> list[tuple[int, str, int, str]]:
    from trainer_app.services.workspace import demo_content as c

    rng = random.Random(n)
    rows = []
    for i in range(1, n + 1):
        female = rng.random() < 0.7
        name = " ".join((rng.choice(c.FAMILY_NAMES),
                         rng.choice(c.FEMALE_MIDDLE if female else c.MALE_MIDDLE),
                         rng.choice(c.FEMALE_GIVEN if female else c.MALE_GIVEN)))
        rows.append((i, name, rng.randint(1955, 2000), f"Khu phố {rng.randint(1, 30)}"))
    return rows


def _ours(path: Path, people: list[tuple[int, str, int, str]]) -> float:
    from trainer_app.reports.attendance_sheet import (
        AttendanceLine,
        AttendanceSheet,
        write_attendance_sheet,
    )
    from trainer_app.reports.document_dto import DocumentHeader

    start = time.perf_counter()
    sheet = AttendanceSheet(
        header=DocumentHeader("Trạm Y tế phường Tân Hưng", "Trung tâm Y tế khu vực",
                              "Tân Hưng", signer_title="Trưởng trạm",
                              signer_name="Nguyễn Thị Hồng Nhung"),
        session_title="Tập huấn bảo vệ trẻ em trên môi trường mạng",
        when="08:00 – 11:00, ngày 10/11/2026", venue="Hội trường",
        lines=[AttendanceLine(r, name, year, hood) for r, name, year, hood in people],
        totals=(f"Tổng số người được mời: {len(people)}.",), walk_in_rows=5)
    write_attendance_sheet(path, sheet)
    return time.perf_counter() - start


def _baseline(path: Path, people: list[tuple[int, str, int, str]]) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from trainer_app.reports.typeface import register_fonts

    font = register_fonts()
    start = time.perf_counter()
    data = [["STT", "Họ và tên", "Năm sinh", "Khu phố", "Ký tên", "Ghi chú"]]
    data += [[str(r), name, str(year), hood, "", ""] for r, name, year, hood in people]
    doc = SimpleDocTemplate(str(path), pagesize=A4, initialFontName=font,
                            leftMargin=30 * mm, rightMargin=15 * mm)
    table = Table(data, repeatRows=1, colWidths=[12 * mm, 55 * mm, 16 * mm, 30 * mm,
                                                 32 * mm, 20 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 12),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build([table])
    return time.perf_counter() - start


def measure() -> dict[int, tuple[float, float, int]]:
    """size -> (ours seconds, baseline seconds, pages of ours): best of RUNS each."""
    from pypdf import PdfReader

    from trainer_app.reports.typeface import register_fonts

    register_fonts()  # loading the fonts once is not part of either figure
    figures: dict[int, tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            people = _people(size)
            ours = min(_ours(Path(tmp) / f"ours-{size}.pdf", people) for _ in range(RUNS))
            base = min(_baseline(Path(tmp) / f"base-{size}.pdf", people)
                       for _ in range(RUNS))
            pages = len(PdfReader(str(Path(tmp) / f"ours-{size}.pdf")).pages)
            figures[size] = (ours, base, pages)
    return figures


def main() -> bool:
    figures = measure()
    for size, (ours, base, pages) in figures.items():
        print(f"{size:>5} people: attendance sheet {ours:6.2f} s ({pages} pages) | plain "
              f"reportlab Table {base:6.2f} s | ours / plain = {ours / base:4.1f}×")
    small, large = SIZES
    ours_scale = figures[large][0] / figures[small][0]
    base_scale = figures[large][1] / figures[small][1]
    print(f"{large}/{small} time ratio: ours {ours_scale:.1f}×, plain Table {base_scale:.1f}× "
          f"(rows ×{large // small})")
    ok_small = figures[small][0] <= TARGET_500
    ok_scale = ours_scale <= TARGET_SCALE
    print(f"target: {small} people ≤ {TARGET_500} s: {'OK' if ok_small else 'TOO SLOW'}; "
          f"{large} ≤ {TARGET_SCALE:.0f}× the {small} time: {'OK' if ok_scale else 'TOO SLOW'}")
    return ok_small and ok_scale


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(0 if main() else 1)
