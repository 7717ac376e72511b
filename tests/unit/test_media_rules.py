"""Media rules without Qt or a database: safe names, kinds, formats, and the container check
that catches what libvlc's header parse misses (a cut MP4/MKV/AVI)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from trainer_app.domain.media import (
    accepted_words,
    accepts,
    format_duration,
    format_size,
    kind_for_file,
    safe_file_name,
    title_from_file_name,
)
from trainer_app.player.container import truncation_problem
from trainer_app.resources import shipped_dir

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"


def test_safe_file_name_keeps_vietnamese_and_drops_what_windows_refuses() -> None:
    assert safe_file_name("Trẻ em nghiện game.mp4") == "Trẻ em nghiện game.mp4"
    assert safe_file_name("a/b\\c:d*e?.MP4") == "c_d_e_.mp4"
    assert safe_file_name("CON.pdf") == "CON_.pdf"
    assert safe_file_name("  .pdf") == "tep.pdf"  # never a hidden file
    assert len(safe_file_name("x" * 300 + ".pdf")) <= 124
    decomposed = "Nguye\u0302\u0303n.pdf"  # NFD from a Mac-made USB stick
    assert safe_file_name(decomposed) == "Nguyễn.pdf"


def test_kinds_and_accepted_files() -> None:
    assert kind_for_file("a.MKV") == "video" and kind_for_file("b.mht") == "article"
    assert kind_for_file("c.pdf") == "document" and kind_for_file("d.docx") is None
    assert accepts("article", "x.html") and accepts("article", "x.pdf")
    assert not accepts("video", "x.pdf")
    assert "PDF" in accepted_words("document") and "video" in accepted_words("video")
    assert title_from_file_name("tre-em_nghien game.mp4") == "Tre em nghien game"


def test_formats() -> None:
    assert format_duration(6.0) == "0:06" and format_duration(3725) == "1:02:05"
    assert format_duration(None) == ""
    assert format_size(66_978) == "65 KB" and format_size(13 * 1024 ** 2 // 2) == "6,5 MB"
    assert format_size(5 * 1024 ** 3) == "5,0 GB"


def test_mp4_whole_cut_and_padded(tmp_path: Path) -> None:
    assert truncation_problem(CLIP) is None
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(CLIP.read_bytes()[:30_000])
    assert "thiếu phần cuối" in (truncation_problem(cut) or "")
    padded = tmp_path / "padded.mp4"
    padded.write_bytes(CLIP.read_bytes() + b"\x00\x00\x00\x10free" + b"\x00" * 8)
    assert truncation_problem(padded) is None
    text = tmp_path / "text.mp4"
    text.write_text("hello, not a video")
    assert "không phải là video MP4" in (truncation_problem(text) or "")


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg to make MKV/AVI")
@pytest.mark.parametrize("suffix, codecs", [(".mkv", ["-c", "copy"]),
                                            (".avi", ["-c:v", "mpeg4", "-c:a", "mp3"])])
def test_mkv_and_avi_cut(tmp_path: Path, suffix: str, codecs: list[str]) -> None:
    whole = tmp_path / f"whole{suffix}"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(CLIP), *codecs, str(whole)],
                   check=True, timeout=120)
    assert truncation_problem(whole) is None
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole.read_bytes()[:20_000])
    assert "thiếu phần cuối" in (truncation_problem(cut) or "")
