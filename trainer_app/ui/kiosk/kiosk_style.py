"""The kiosk's own look: large type for older eyes, big touch targets, high contrast."""

from __future__ import annotations

KIOSK_QSS = """
QWidget#kiosk, QWidget#kioskPane { background: #ffffff; }
QWidget#kiosk QLabel { color: #111111; font-size: 26pt; }
QWidget#kiosk QLabel[kiosk="title"] { font-size: 34pt; font-weight: bold; color: #0b3d6e; }
QWidget#kiosk QLabel[kiosk="question"] { font-size: 32pt; font-weight: bold; }
QWidget#kiosk QLabel[kiosk="hint"] { font-size: 22pt; color: #444444; }
QWidget#kiosk QLabel[kiosk="saved"] { font-size: 20pt; color: #1b6e20; }
QWidget#kiosk QLabel[kiosk="verdict-pass"] { font-size: 40pt; font-weight: bold;
    color: #ffffff; background: #1b6e20; padding: 12px; }
QWidget#kiosk QLabel[kiosk="verdict-fail"] { font-size: 40pt; font-weight: bold;
    color: #ffffff; background: #8a1c1c; padding: 12px; }
QWidget#kiosk QLineEdit { font-size: 30pt; padding: 10px; border: 3px solid #0b3d6e;
    border-radius: 8px; }
QWidget#kiosk QListView { font-size: 28pt; border: 2px solid #999999; }
QWidget#kiosk QListView::item { padding: 14px 8px; border-bottom: 1px solid #dddddd; }
QWidget#kiosk QListView::item:selected { background: #0b3d6e; color: #ffffff; }
QWidget#kiosk QPushButton { font-size: 26pt; padding: 16px 28px; min-height: 64px;
    border: 3px solid #0b3d6e; border-radius: 10px; background: #eef3f8; color: #0b3d6e; }
QWidget#kiosk QPushButton:focus { border: 4px solid #e0a800; }
QWidget#kiosk QPushButton:disabled { color: #888888; border-color: #bbbbbb;
    background: #f2f2f2; }
QWidget#kiosk QPushButton[kiosk="option"] { background: #ffffff; border: 3px solid #777777;
    padding: 0px; }
QWidget#kiosk QLabel[kiosk="option-text"] { font-size: 28pt; color: #111111;
    background: transparent; }
QWidget#kiosk QLabel[kiosk="option-text-on"] { font-size: 28pt; color: #ffffff;
    background: transparent; }
QWidget#kiosk QPushButton[kiosk="option"]:checked { background: #0b3d6e; color: #ffffff;
    border: 4px solid #0b3d6e; }
QWidget#kiosk QPushButton[kiosk="primary"] { background: #0b3d6e; color: #ffffff; }
QWidget#kiosk QPushButton[kiosk="review-done"] { background: #dff0d8; color: #111111;
    min-width: 90px; }
QWidget#kiosk QPushButton[kiosk="review-blank"] { background: #ffffff; color: #8a1c1c;
    border-color: #8a1c1c; min-width: 90px; }
QWidget#kiosk QScrollArea { border: none; background: #ffffff; }
"""

