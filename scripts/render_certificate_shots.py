"""Render the certificate documents of the demo to PNG for review: shots/doc-certificate*.png.

Usage: .venv/bin/python scripts/render_certificate_shots.py [OUT_DIR]   (needs pdftoppm)

Builds the demo in a temporary data folder, re-prints the demo session's certificates,
issues one to a person with a 60-character name in a new session, and writes the register,
a print onto a pre-printed form and the form's test page through the same services as the
CLI; renders the first page of each at 60 dpi.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LONG_NAME = "Nguyễn Thị Ngọc Bích Phương Thảo Hồng Nhung Lan Anh Minh Chi"


def _long_name_session(ws) -> int:  # type: ignore[no-untyped-def]
    from trainer_app.db.models import Attempt, Attendance, Person, TrainingSession
    from trainer_app.domain.vntext import search_key

    with ws.session_factory.begin() as s:
        first = s.get(TrainingSession, 1)
        training = TrainingSession(programme_id=first.programme_id, held_on=date(2026, 11, 25),
                                   title="Tăng cường công tác bảo vệ trẻ em trên môi trường "
                                         "mạng cho cộng tác viên khu phố",
                                   venue="Hội trường khu phố 2", status="finished")
        s.add(training)
        s.flush()
        person = Person(full_name=LONG_NAME, search_key=search_key(LONG_NAME),
                        birth_year=1968, gender="female", neighbourhood_id=2)
        s.add(person)
        s.flush()
        version = s.query(Attempt.quiz_version_id).filter(Attempt.session_id == 1).first()[0]
        s.add(Attendance(session_id=training.id, person_id=person.id, status="present"))
        s.add(Attempt(session_id=training.id, person_id=person.id, quiz_version_id=version,
                      phase="post", mode="paper", score=9.5, passed=True,
                      submitted_at=datetime(2026, 11, 25, 10)))
        return training.id


def main(out_dir: Path) -> None:
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.certificates import documents
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = Path(tmp)
        ws = open_workspace(DataDir(pdfs / "data", DataDirSource.ARGUMENT), daily_backup=False)
        try:
            f, d = ws.session_factory, ws.data_dir
            fill_demo(ws, today=date(2026, 11, 20))
            documents.write_session_certificates(f, d, 1, pdfs / "doc-certificate.pdf")
            sid = _long_name_session(ws)
            documents.write_session_certificates(f, d, sid, pdfs / "doc-certificate-long.pdf",
                                                 issued_on=date(2026, 11, 26))
            documents.write_session_certificates(f, d, sid, pdfs / "doc-certificate-form.pdf",
                                                 issue=False, on_forms=True)
            documents.write_register(f, pdfs / "doc-certificate-register.pdf")
            documents.write_form_test_page(f, pdfs / "doc-certificate-form-test.pdf")
        finally:
            ws.close()
        for pdf in sorted(pdfs.glob("doc-*.pdf")):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "1", "-singlefile", str(pdf),
                            str(out_dir / pdf.stem)], check=True)
            print(f"{pdf.stem}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots")
