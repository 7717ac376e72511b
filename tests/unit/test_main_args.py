"""The GUI start skips argparse only for the arguments it understands exactly."""

from __future__ import annotations

import pytest

from trainer_app.__main__ import gui_options


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (None, False)),
        (["--debug"], (None, True)),
        (["--data-dir", "/tmp/d"], ("/tmp/d", False)),
        (["--data-dir=/tmp/d", "--debug"], ("/tmp/d", True)),
        (["--debug", "--data-dir", "Dữ liệu"], ("Dữ liệu", True)),
    ],
)
def test_plain_gui_starts(args: list[str], expected: tuple[str | None, bool]) -> None:
    assert gui_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [["demo"], ["--version"], ["--help"], ["--data-dir"], ["--data-dir", "--debug"],
     ["--data-dir", "/d", "backup", "list"], ["--data-dir="], ["-h"]],
)
def test_everything_else_goes_to_argparse(args: list[str]) -> None:
    assert gui_options(args) is None
