"""Pocket cards: eight to an A4 sheet, hotlines from Settings, read back from the PDF;
`trainer-app report pocket-cards` as a script drives it; bad inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import read_only_dir
from tests.pdf_checks import (
    all_text,
    assert_fonts_embedded_no_base14,
    ink_outside,
    page_count,
    positioned_text,
)
from trainer_app.services.errors import UserError
from trainer_app.services.sessions.pocket_cards import (
    CARD_STEPS,
    write_cards,
    write_cards_from_settings,
)
from trainer_app.services.workspace.hotlines import LETTER_HOTLINES, Hotline, save_hotlines
from trainer_app.services.workspace.opening import Workspace
from trainer_app.services.workspace.settings import OrgSettings, save_org


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([sys.executable, "-m", "trainer_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_writes_one_sheet_of_eight_cards(tmp_path: Path) -> None:
    out = tmp_path / "the.pdf"
    result = run(tmp_path / "data", "report", "pocket-cards", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {"file": str(out), "pages": 1, "cards": 8,
                    "hotlines": ["111", "113", "1900.54.55.59"]}
    assert page_count(out) == 1
    assert_fonts_embedded_no_base14(out)
    text = all_text(out)
    assert text.count("BẢO VỆ TRẺ EM TRÊN MÔI TRƯỜNG MẠNG") == 8
    assert text.count("1900.54.55.59") == 8
    assert text.count("Tổng đài quốc gia bảo vệ trẻ em") == 8
    for step in CARD_STEPS:  # each step whole on every card (long ones may wrap)
        assert " ".join(text.split()).count(step) == 8, step
    # the 111 of each card sits in its own cell of the 2 x 4 grid
    cells = {(int(x // (595 / 2)), int(y // (842 / 4)))
             for x, y, t in positioned_text(out, 0) if t == "111"}
    assert cells == {(c, r) for c in range(2) for r in range(4)}
    assert ink_outside(out, left_mm=9, right_mm=9, bottom_mm=9, tmp_dir=tmp_path) == []


def test_hotlines_come_from_settings(workspace: Workspace, tmp_path: Path) -> None:
    save_org(workspace.session_factory, OrgSettings(
        unit_name="Trạm Y tế phường Tân Hưng", parent_body="TTYT khu vực", place_name="Tân Hưng",
        signer_name="Lê Văn Bình"))
    save_hotlines(workspace.session_factory, [
        {"number": "111", "label": "Tổng đài quốc gia bảo vệ trẻ em"},
        {"number": "0909 123 456", "label": "Cán bộ bảo vệ trẻ em phường"}])
    out = tmp_path / "the.pdf"
    result = write_cards_from_settings(workspace.session_factory, out)
    assert result.hotlines == ["111", "0909 123 456"]
    text = " ".join(all_text(out).split())
    assert text.count("0909 123 456") == 8 and "1900" not in text
    assert text.count("Cán bộ bảo vệ trẻ em phường") == 8
    assert text.count("Trạm Y tế phường Tân Hưng") == 8


def test_every_default_number_is_printed_with_its_owner(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "the.pdf"
    write_cards_from_settings(workspace.session_factory, out)
    text = " ".join(all_text(out).split())
    for hotline in LETTER_HOTLINES:
        assert text.count(f"{hotline.label}") == 8, hotline.label
    assert "Đường dây nóng" not in text  # no bare label any more


def test_many_hotlines_shrink_until_they_fit_or_are_refused(tmp_path: Path) -> None:
    many = [Hotline(f"0909.000.{i:03d}", "Cán bộ phường") for i in range(5)]
    out = tmp_path / "many.pdf"
    write_cards(out, [LETTER_HOTLINES[0], *many])
    assert all_text(out).count("0909.000.004") == 8
    too_many = tmp_path / "too-many.pdf"
    with pytest.raises(UserError) as caught:
        write_cards(too_many, [Hotline(f"0909.000.{i:03d}", "Cán bộ") for i in range(40)])
    assert caught.value.code == "card_overflow" and "quá dài" in caught.value.message
    assert not too_many.exists() and not list(tmp_path.glob(".too-many*"))


def test_no_hotlines_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Chưa có số điện thoại"):
        write_cards(tmp_path / "x.pdf", [Hotline("", "x"), Hotline("  ", "y")])


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "khoa"
    with read_only_dir(folder):
        result = run(tmp_path / "data", "report", "pocket-cards", "--out",
                     str(folder / "the.pdf"))
        assert result.returncode == 2
        assert "chỉ đọc" in result.stderr and str(folder) in result.stderr
        assert result.stderr.count("\n") == 1
        assert list(folder.iterdir()) == []
