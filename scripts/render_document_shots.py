"""Render every printed document of the demo to PNG for review: shots/doc-*.png.

Usage: .venv/bin/python scripts/render_document_shots.py [OUT_DIR]   (needs pdftoppm)

Builds the demo in a temporary data folder, writes each PDF through the same services as
the CLI, and renders its pages at 60 dpi with pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _style_sample(path: Path) -> None:
    from trainer_app.reports.document_dto import DocumentHeader
    from trainer_app.reports.document_style import (
        body,
        header_block,
        signature_and_recipients,
        title_block,
    )
    from trainer_app.reports.paged_table import GROUP, TOTAL, PagedTable, TableColumn, TableRow
    from trainer_app.reports.pdf_file import build_pdf, portrait_a4

    setup = portrait_a4()
    header = DocumentHeader(
        unit_name="Trạm Y tế phường Tân Hưng", parent_body="Trung tâm Y tế khu vực Tân Hưng",
        place_name="Tân Hưng", number="12", symbol="KH-TYT", issued_on=date(2026, 2, 5),
        signer_title="KT. TRƯỞNG TRẠM / PHÓ TRƯỞNG TRẠM", signer_name="Nguyễn Thị Hồng Nhung",
        recipients=("UBND phường Tân Hưng", "TTYT khu vực Tân Hưng"))
    long_name = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Châu"
    rows = [TableRow(["Khu phố 1"], GROUP)]
    rows += [TableRow([str(i), long_name if i == 3 else f"Trần Thị Tuyết {i}", "1970", ""])
             for i in range(1, 41)]
    rows.append(TableRow(["", "Tổng cộng: 40 người", "", ""], TOTAL))
    story = [*header_block(header, setup.frame_width),
             *title_block("Kế hoạch tập huấn", "Bảo vệ trẻ em trên môi trường mạng"),
             *body("Mẫu văn bản theo Nghị định 30/2020/NĐ-CP: ệ ữ ặ ỗ đ Ư Ỹ ỵ."),
             PagedTable([TableColumn("STT", 1, "center"), TableColumn("Họ và tên", 6),
                         TableColumn("Năm sinh", 1.6, "center"), TableColumn("Ký tên", 2.4)],
                        rows, width=setup.frame_width),
             signature_and_recipients(header, setup.frame_width)]
    build_pdf(path, story, title="Mẫu văn bản")


def main(out_dir: Path) -> None:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.quizzes.answer_sheets import write_answer_sheets
    from trainer_app.services.sessions import attendance_sheets as sheets
    from trainer_app.services.sessions.pocket_cards import write_cards_from_settings
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = open_workspace(DataDir(Path(tmp) / "data", DataDirSource.ARGUMENT),
                                   daily_backup=False)
        try:
            factory = workspace.session_factory
            fill_demo(workspace, today=date(2026, 11, 20))
            pdfs = Path(tmp)
            _style_sample(pdfs / "doc-style-sample.pdf")
            write_cards_from_settings(factory, pdfs / "doc-pocket-cards.pdf")
            write_answer_sheets(factory, session_id=1, quiz="bvte-kiem-tra-cuoi-khoa",
                                path=pdfs / "doc-answer-sheet.pdf", blank=1)
            sheets.write_attendance(factory, 1, pdfs / "doc-attendance-blank.pdf", blank=True)
            sheets.write_attendance(factory, 1, pdfs / "doc-attendance-grouped.pdf",
                                    group=True)
            sheets.write_allowance(factory, 1, pdfs / "doc-allowance.pdf", amount=50_000)
        finally:
            workspace.close()
        for pdf in sorted(pdfs.glob("doc-*.pdf")):
            pages = ["-l", "3"] if pdf.stem == "doc-answer-sheet" else []  # all alike
            subprocess.run(["pdftoppm", "-png", "-r", "60", *pages, str(pdf),
                            str(out_dir / pdf.stem)], check=True)
            print(f"{pdf.stem}: {len(list(out_dir.glob(pdf.stem + '-*.png')))} trang")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots")
