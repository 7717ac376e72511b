"""The stylesheet and text size: Vietnamese capitals keep their stacked marks at every size."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from trainer_app.ui import style


def render(qtbot: QtBot, text: str, role: str) -> QImage:
    """The label as a layout gives it: exactly its size hint, nothing to spare on top."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setProperty("role", role)
    layout.addWidget(label)
    layout.addStretch(1)
    qtbot.addWidget(holder)
    holder.resize(600, 400)
    holder.show()
    qtbot.waitExposed(holder)
    assert label.height() == label.sizeHint().height()
    return label.grab().toImage()


@pytest.mark.parametrize("family", ["Liberation Sans", "DejaVu Sans"])
@pytest.mark.parametrize("percent", [100, 120, 150, 200, 300])
@pytest.mark.parametrize("role", ["", "h1", "h2", "figure"])
def test_stacked_marks_are_not_clipped(qtbot: QtBot, qapp: QApplication,
                                       monkeypatch: pytest.MonkeyPatch,
                                       family: str, percent: int, role: str) -> None:
    if family not in QFontDatabase.families():
        pytest.skip(f"font {family} is not installed")
    monkeypatch.setattr(style, "PREFERRED_FAMILIES", [family])
    style.apply_style(qapp, percent)
    # Clipped marks would run into the label's top edge; whole ones leave a blank row above.
    for text in ("TẾ", "ĐẮK LẮK", "PHƯỞNG", "Ố"):
        assert first_ink_row(render(qtbot, text, role)) > 0, (text, role)


def first_ink_row(image: QImage) -> int:
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).lightness() < 160:
                return y
    raise AssertionError("nothing drawn")


def test_scale_steps_and_limits() -> None:
    assert style.step_scale(100, +1) == 110
    assert style.step_scale(104, -1) == 90
    assert style.step_scale(290, +3) == style.MAX_SCALE
    assert style.step_scale(60, -5) == style.MIN_SCALE
    assert style.point_size(150) == 18.0


def test_stylesheet_grows_with_the_text_size() -> None:
    small, large = style.build_stylesheet(100), style.build_stylesheet(200)
    assert "font-size: 19.2pt" in small  # h1 at 100 %
    assert "font-size: 38.4pt" in large
    assert "$" not in small  # every placeholder filled


def test_changing_a_role_later_applies_its_padding(qtbot: QtBot) -> None:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    label = QLabel("Chưa có bản sao lưu ra USB")
    layout.addWidget(label)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    before = label.contentsMargins().left()
    style.set_role(label, "warning")
    assert label.contentsMargins().left() > before  # the warning box's 6 px padding + border
    style.set_role(label, "")
    assert label.contentsMargins().left() == before
