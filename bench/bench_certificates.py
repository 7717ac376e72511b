"""200 certificates, beside a plain reportlab baseline built in the same run.

* issue + PDF: ``certificate_documents.write_session_certificates`` on a real data folder —
  eligibility, 200 numbers in one transaction (and the number file), 200 signed QR
  payloads, one 200-page PDF saved atomically;
* writer only: ``reports.certificate_pdf.write_certificates`` of the same 200 DTOs;
* one file per person: the same 200 certificates as 200 PDFs;
* baseline: a plain reportlab ``Canvas`` drawing the same texts (same font, 200 landscape
  pages, no frame, no QR code).

Target (issue 7): 200 certificates within 4 s (issue + PDF).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

COUNT = 200
TARGET = 4.0


def _names(n: int) -> list[str]:
    from trainer_app.services.workspace import demo_content as c

    rng = random.Random(n)
    return [" ".join((rng.choice(c.FAMILY_NAMES), rng.choice(c.FEMALE_MIDDLE),
                      rng.choice(c.FEMALE_GIVEN))) for _ in range(n)]


def _session(ws, names: list[str]) -> int:  # type: ignore[no-untyped-def]
    from trainer_app.db.models import (
        Attempt,
        Attendance,
        Person,
        Programme,
        Quiz,
        QuizVersion,
        TrainingSession,
    )
    from trainer_app.domain.vntext import search_key
    from trainer_app.services.workspace.settings import OrgSettings, save_org

    save_org(ws.session_factory, OrgSettings(
        unit_name="Trạm Y tế phường Tân Hưng", parent_body="Trung tâm Y tế khu vực Tân Hưng",
        place_name="Tân Hưng", signer_name="Nguyễn Thị Hồng Nhung", signer_title="Trưởng trạm"))
    with ws.session_factory.begin() as s:
        programme = Programme(code="bench", title="Bảo vệ trẻ em")
        quiz = Quiz(code="bench", title="Kiểm tra")
        s.add_all([programme, quiz])
        s.flush()
        version = QuizVersion(quiz_id=quiz.id, version_no=1, title="Kiểm tra", pass_mark=5,
                              question_count=10, content_json="[]", content_sha256="0" * 64)
        training = TrainingSession(programme_id=programme.id, held_on=date(2026, 11, 20),
                                   title="Tập huấn bảo vệ trẻ em trên môi trường mạng",
                                   venue="Hội trường", status="finished")
        s.add_all([version, training])
        s.flush()
        for name in names:
            person = Person(full_name=name, search_key=search_key(name), birth_year=1975,
                            gender="female")
            s.add(person)
            s.flush()
            s.add(Attendance(session_id=training.id, person_id=person.id, status="present"))
            s.add(Attempt(session_id=training.id, person_id=person.id,
                          quiz_version_id=version.id, phase="post", mode="kiosk", score=8.5,
                          passed=True, submitted_at=datetime(2026, 11, 20, 10)))
        return training.id


def _baseline(path: Path, names: list[str]) -> float:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from trainer_app.reports.typeface import BOLD, REGULAR

    start = time.perf_counter()
    canvas = Canvas(str(path), pagesize=landscape(A4), initialFontName=REGULAR)
    for i, name in enumerate(names, start=1):
        canvas.setFont(BOLD, 30)
        canvas.drawCentredString(421, 440, "GIẤY CHỨNG NHẬN")
        canvas.setFont(BOLD, 24)
        canvas.drawCentredString(421, 390, name)
        canvas.setFont(REGULAR, 14)
        canvas.drawCentredString(421, 350, "Năm sinh: 1975    Khu phố: Khu phố 2")
        canvas.drawCentredString(421, 320, "Tập huấn bảo vệ trẻ em trên môi trường mạng")
        canvas.drawString(60, 150, f"Số: {i:03d}/2026/GCN-TYT")
        canvas.drawCentredString(610, 150, "Tân Hưng, ngày 20 tháng 11 năm 2026")
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - start


def measure() -> dict[str, float]:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.reports.certificate_dto import CertificateBatch
    from trainer_app.reports.certificate_pdf import write_certificates
    from trainer_app.reports.typeface import register_fonts
    from trainer_app.services.certificates import documents, store
    from trainer_app.services.certificates import service as certs
    from trainer_app.services.document_header import load_header
    from trainer_app.services.workspace.opening import open_workspace

    register_fonts()  # loading the fonts once is not part of any figure
    names = _names(COUNT)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = open_workspace(DataDir(root / "data", DataDirSource.ARGUMENT), daily_backup=False)
        try:
            sid = _session(ws, names)
            start = time.perf_counter()
            result = documents.write_session_certificates(
                ws.session_factory, ws.data_dir, sid, root / "all.pdf",
                issued_on=date(2026, 11, 20))
            figures["issue + PDF"] = time.perf_counter() - start
            assert len(result.issued) == COUNT and result.printed == COUNT
            key = store.load_or_create_key(ws.data_dir)
            rows = certs.list_certificates(ws.session_factory, session_id=sid)
            batch = CertificateBatch(load_header(ws.session_factory),
                                     [documents._doc(r, key, show_score=True) for r in rows])
            start = time.perf_counter()
            write_certificates(root / "writer.pdf", batch)
            figures["writer only"] = time.perf_counter() - start
            start = time.perf_counter()
            documents.write_session_certificates(ws.session_factory, ws.data_dir, sid,
                                                 root / "again.pdf", issue=False,
                                                 per_person=root / "each")
            figures["reprint + 200 files"] = time.perf_counter() - start
        finally:
            ws.close()
        figures["plain canvas"] = min(_baseline(root / "base.pdf", names) for _ in range(2))
    return figures


def main() -> bool:
    figures = measure()
    base = figures["plain canvas"]
    for label, seconds in figures.items():
        print(f"{COUNT} certificates, {label:<20} {seconds:6.2f} s | plain reportlab canvas "
              f"{base:6.2f} s | ratio {seconds / base:5.1f}×")
    ok = figures["issue + PDF"] <= TARGET
    print(f"target: {COUNT} certificates (issue + PDF) ≤ {TARGET} s: "
          f"{'OK' if ok else 'TOO SLOW'}")
    return ok


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(0 if main() else 1)
