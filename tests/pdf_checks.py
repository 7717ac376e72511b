"""Reading PDFs back for tests: text (pypdf), fonts, text positions, and ink outside the
margins (rendered with pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

BASE14 = ("Helvetica", "Times-Roman", "Times-Bold", "Times-Italic", "Courier", "Symbol",
          "ZapfDingbats")
MM = 72 / 25.4


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def all_text(path: Path) -> str:
    return "\n".join(page_texts(path))


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


@dataclass(frozen=True)
class FontInfo:
    name: str
    subtype: str
    embedded: bool  # the descriptor holds /FontFile2 (TrueType program)


def fonts(path: Path) -> dict[str, FontInfo]:
    """Every font used by any page (and the forms it draws), by base font name."""
    found: dict[str, FontInfo] = {}

    def visit(resources: Any) -> None:
        resources = _resolve(resources)
        if not isinstance(resources, DictionaryObject):
            return
        for font in _resolve(resources.get("/Font", DictionaryObject())).values():
            font = _resolve(font)
            descriptor = _resolve(font.get("/FontDescriptor"))
            embedded = descriptor is not None and "/FontFile2" in descriptor
            for child in _resolve(font.get("/DescendantFonts", [])) or []:
                child_desc = _resolve(_resolve(child).get("/FontDescriptor"))
                embedded = embedded or (child_desc is not None and "/FontFile2" in child_desc)
            found[str(font.get("/BaseFont"))] = FontInfo(str(font.get("/BaseFont")),
                                                         str(font.get("/Subtype")), embedded)
        for xobject in _resolve(resources.get("/XObject", DictionaryObject())).values():
            xobject = _resolve(xobject)
            if "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in PdfReader(str(path)).pages:
        visit(page.get("/Resources"))
    return found


def assert_fonts_embedded_no_base14(path: Path) -> None:
    used = fonts(path)
    assert used, "the PDF uses no font at all"
    for info in used.values():
        assert info.embedded, f"{info.name} is not embedded"
        assert info.subtype == "/TrueType", info
    raw = path.read_bytes()
    for name in BASE14:
        assert f"/{name}".encode() not in raw, f"base-14 font {name} in {path.name}"


def assert_nfc_text(path: Path, expected: list[str]) -> None:
    """Each expected string (as stored, NFC) appears in the extracted text."""
    text = all_text(path)
    assert unicodedata.is_normalized("NFC", text)
    missing = [s for s in expected if s not in text]
    assert not missing, f"not found in {path.name}: {missing[:5]}"


def positioned_text(path: Path, page_index: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of each text run on a page, in PDF points from the bottom left."""
    page = PdfReader(str(path)).pages[page_index]
    runs: list[tuple[float, float, str]] = []

    def visitor(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, text.strip()))

    page.extract_text(visitor_text=visitor)
    return runs


def ink_outside(path: Path, *, left_mm: float, right_mm: float, top_mm: float = 0,
                bottom_mm: float = 0, dpi: int = 50,
                tmp_dir: Path) -> list[tuple[int, str]]:
    """Pages (1-based) with dark pixels in the given margins. Renders with pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils) to render the PDF")
    from PIL import Image

    prefix = tmp_dir / "render"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(path), str(prefix)], check=True)
    problems: list[tuple[int, str]] = []
    per_mm = dpi / 25.4
    for number, image_path in enumerate(sorted(tmp_dir.glob("render-*.pgm")), start=1):
        image = Image.open(image_path)
        width, height = image.size
        boxes = {
            "left": (0, 0, max(0, int(left_mm * per_mm) - 1), height),
            "right": (min(width, int(width - right_mm * per_mm) + 1), 0, width, height),
        }
        if top_mm:
            boxes["top"] = (0, 0, width, max(0, int(top_mm * per_mm) - 1))
        if bottom_mm:
            boxes["bottom"] = (0, min(height, int(height - bottom_mm * per_mm) + 1), width,
                               height)
        for where, box in boxes.items():
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            darkest = image.crop(box).getextrema()[0]
            if darkest < 128:
                problems.append((number, where))
        image_path.unlink()
    return problems
