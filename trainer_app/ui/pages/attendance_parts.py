"""Pieces of the Điểm danh page: its texts, the session chooser, which session to open by
default, the counters line and the short description of a set of sheet rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from trainer_app.domain.enums import SESSION_STATUS_LABELS, AttendanceStatus, SessionStatus
from trainer_app.services.sessions.attendance import AttendanceRow, Counts
from trainer_app.services.sessions.service import SessionSummary

EMPTY_TEXT = "Chưa có buổi tập huấn nào — tạo buổi ở trang Buổi tập huấn"
HINT = ("Gõ vài chữ của tên (không cần dấu) rồi bấm Enter để điểm danh. Nhiều người khớp: "
        "dùng phím ↓ ↑ để chọn.")
LOCKED_TEXT = ("Buổi này đã kết thúc và được khóa: chỉ xem, không điểm danh hay sửa trạng "
               "thái được nữa.")

# (status, button text, shortcut). Explicit shortcuts, not "&" mnemonics: Qt 6 does not
# fire a button's mnemonic reliably on Linux.
STATUS_BUTTONS: tuple[tuple[str, str, str], ...] = (
    (AttendanceStatus.PRESENT, "Có mặt", "Alt+C"),
    (AttendanceStatus.LATE, "Đến muộn", "Alt+M"),
    (AttendanceStatus.EXCUSED, "Vắng có phép", "Alt+P"),
    (AttendanceStatus.ABSENT, "Vắng", "Alt+V"),
)

PRESENT_INK = "#1b6e2c"
LATE_INK = "#8a5a00"


def session_label(summary: SessionSummary) -> str:
    """"20/11/2026 08:00 — Tập huấn … (Đang diễn ra)"."""
    when = f"{summary.held_on:%d/%m/%Y}"
    if summary.start_time:
        when += f" {summary.start_time:%H:%M}"
    try:
        status = SESSION_STATUS_LABELS[SessionStatus(summary.status)]
    except ValueError:
        status = summary.status
    return f"{when} — {summary.title} ({status})"


def default_session(sessions: Sequence[SessionSummary], today: date) -> int | None:
    """The session in progress, else today's (the first not finished), else the next
    upcoming, else the latest one. Cancelled sessions are never chosen."""
    usable = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    if not usable:
        return None
    running = [s for s in usable if s.status == SessionStatus.IN_PROGRESS]
    if running:
        return running[0].id

    def start(s: SessionSummary) -> tuple[date, time]:
        return (s.held_on, s.start_time or time.min)

    todays = sorted((s for s in usable if s.held_on == today), key=start)
    if todays:
        open_today = [s for s in todays if s.status != SessionStatus.FINISHED]
        return (open_today or todays)[0].id
    upcoming = sorted((s for s in usable if s.held_on > today), key=start)
    if upcoming:
        return upcoming[0].id
    return max(usable, key=start).id


def counter_texts(counts: Counts) -> tuple[str, str, str]:
    """(rich text, plain text, detail line) of the counters."""
    plain = (f"Có mặt {counts.arrived} / {counts.invited} mời · Đến muộn {counts.late} · "
             f"Người đến thêm {counts.walk_ins}")
    rich = (f'<span style="color:{PRESENT_INK}">Có mặt {counts.arrived}</span> / '
            f"{counts.invited} mời · "
            f'<span style="color:{LATE_INK}">Đến muộn {counts.late}</span> · '
            f"Người đến thêm {counts.walk_ins}")
    detail = (f"Vắng có phép {counts.excused} · Vắng {counts.absent} · "
              f"Chưa điểm danh {counts.unknown}")
    return rich, plain, detail


def compress_numbers(numbers: Sequence[int]) -> str:
    """[1, 2, 5, 6, 7, 12] -> "1, 2, 5–7, 12"."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(n) for n in ordered[i:j + 1])
        i = j + 1
    return ", ".join(parts)


def describe_rows(rows: Sequence[AttendanceRow]) -> str:
    if len(rows) == 1:
        return f"{rows[0].full_name} (số {rows[0].row})"
    return f"{len(rows)} người (số {compress_numbers([r.row for r in rows])})"


class SessionBar(QWidget):
    """“Buổi tập huấn:” and the chooser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Chọn buổi tập huấn")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(20)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        label = QLabel("&Buổi tập huấn:")
        label.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(label)
        row.addWidget(self.combo, 1)

    def fill(self, sessions: Sequence[SessionSummary], current: int | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for summary in sessions:
            self.combo.addItem(session_label(summary), summary.id)
            self.combo.setItemData(self.combo.count() - 1, session_label(summary),
                                   Qt.ItemDataRole.ToolTipRole)  # full text when elided
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)
