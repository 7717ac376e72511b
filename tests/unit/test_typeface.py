"""The shipped font: present with its licence, packaged, full Vietnamese coverage, one
family (so <b> and <i> really change the font)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from trainer_app.reports import typeface

ROOT = Path(__file__).resolve().parents[2]


def test_font_files_and_licence_are_shipped() -> None:
    for path in typeface.font_files().values():
        assert path.is_file() and path.stat().st_size > 100_000, path
    licence = (typeface.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence
    assert "Reserved Font Name Liberation" in licence


def test_package_data_includes_the_fonts() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["trainer_app"]
    package = ROOT / "trainer_app"
    shipped = [p.relative_to(package).as_posix() for p in typeface.FONT_DIR.iterdir()]
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
    assert len(shipped) >= 5


def test_every_style_covers_every_vietnamese_letter() -> None:
    typeface.register_fonts()
    letters = typeface.vietnamese_letters()
    assert len(letters) == 12 * 6 * 2 + 2  # 12 vowels x 6 tones x 2 cases + đ Đ
    assert {"ệ", "ữ", "ặ", "ỗ", "đ", "Ư", "Ỹ"} <= set(letters)
    for name in (typeface.REGULAR, typeface.BOLD, typeface.ITALIC, typeface.BOLD_ITALIC):
        assert typeface.missing_vietnamese_letters(name) == "", name


def test_the_coverage_check_finds_a_font_that_lacks_letters() -> None:
    vera = Path(pdfmetrics.__file__).resolve().parent.parent / "fonts" / "Vera.ttf"
    if not vera.is_file():
        pytest.skip("reportlab's Vera.ttf is not installed")
    pdfmetrics.registerFont(TTFont("VeraForTest", str(vera)))
    missing = typeface.missing_vietnamese_letters("VeraForTest")
    assert "ệ" in missing and "ữ" in missing


def test_registered_as_one_family() -> None:
    from reportlab.lib.fonts import tt2ps

    typeface.register_fonts()
    assert tt2ps(typeface.REGULAR, 1, 0) == typeface.BOLD
    assert tt2ps(typeface.REGULAR, 0, 1) == typeface.ITALIC
    assert tt2ps(typeface.REGULAR, 1, 1) == typeface.BOLD_ITALIC


def test_a_missing_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typeface, "FONT_DIR", tmp_path)
    monkeypatch.setattr(typeface, "_registered", False)
    with pytest.raises(typeface.FontMissing) as caught:
        typeface.register_fonts()
    assert "LiberationSerif-Regular.ttf" in caught.value.message
    assert "cài lại" in caught.value.message
