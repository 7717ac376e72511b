"""Render the result reports to PNG for review: shots/report-*.png.

Usage: .venv/bin/python scripts/render_report_shots.py [OUT_DIR]   (needs pdftoppm)

Builds the demo in a temporary data folder, erases one participant on request (counted, no
name), and writes through the same services as the CLI: the session report with two photos
(taken with a GPS position, which the report drops), the period report of the demo's
quarter, and the report of a year with 2,000 sessions; each PDF's pages at 60 dpi.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _photo(path: Path, hue: int) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (200, 210, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(150, 110, 80))  # floor
    draw.rectangle((380, 80, 820, 330), fill=(250, 250, 250), outline=(60, 60, 60), width=6)
    for row in range(3):  # people seated
        for col in range(8):
            x, y = 90 + col * 140, 430 + row * 110
            draw.ellipse((x, y - 60, x + 50, y - 10), fill=(90, 60, 40))
            draw.rectangle((x - 10, y - 10, x + 60, y + 60), fill=(hue, 90 + row * 40, 160))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (10.0, 44.0, 0.0), "E", (106.0, 42.0, 0.0)
    image.save(path, "JPEG", exif=exif, quality=90)


def _render(pdf: Path, out: Path, stem: str) -> None:
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / stem)], check=True)
    print(*sorted(p.name for p in out.glob(f"{stem}-*.png")))


def main(out: Path) -> None:
    from bench.report_data import fill_year
    from trainer_app.datadir import DataDir, DataDirSource
    from trainer_app.services.reporting.files import write_period_report, write_session_report
    from trainer_app.services.reporting.period_report import quarter_period, year_period
    from trainer_app.services.roster.privacy import erase_person
    from trainer_app.services.sessions import results as session_results
    from trainer_app.services.workspace.demo import fill_demo
    from trainer_app.services.workspace.opening import open_workspace

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        workspace = open_workspace(DataDir(root / "demo", DataDirSource.ARGUMENT))
        fill_demo(workspace, today=date(2026, 11, 20))
        factory = workspace.session_factory
        detail = session_results.session_detail(factory, 1)
        erase_person(factory, next(r.person_id for r in detail.results if r.person_id))
        photos = [root / "anh-1.jpg", root / "anh-2.jpg"]
        for hue, photo in zip((40, 200), photos, strict=True):
            _photo(photo, hue)
        write_session_report(factory, 1, root / "session.pdf", photos=photos)
        _render(root / "session.pdf", out, "report-session")
        write_period_report(factory, quarter_period(2026, 4), root / "period.pdf")
        _render(root / "period.pdf", out, "report-period")
        workspace.close()
        year = open_workspace(DataDir(root / "year", DataDirSource.ARGUMENT))
        fill_year(year.session_factory, sessions=2_000, per_session=50)
        write_period_report(year.session_factory, year_period(2026), root / "year.pdf")
        _render(root / "year.pdf", out, "report-year")
        year.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots")
