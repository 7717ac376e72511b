"""The unit's details as a form: used by the first-start dialog and the Settings page."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from trainer_app.domain.certificate_code import clean_station_code, format_number
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.hotlines import Hotline
from trainer_app.services.workspace.settings import OrgSettings
from trainer_app.ui.widgets.form import FormWidget


def date_line(place: str, day: date) -> str:
    """'Tân Hưng, ngày 05 tháng 3 năm 2026' (Nghị định 30/2020: a leading 0 for days below 10
    and for months 1 and 2)."""
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place or '…'}, ngày {day_text} tháng {month_text} năm {day.year}"


def pattern_example(pattern: str, today: date, station: str = "") -> str | None:
    """The first number the pattern gives this year, as certificates will print it (the
    year and the station code are added when the pattern does not place them)."""
    if "{seq" not in pattern:
        return None
    try:
        code = clean_station_code(station)
    except ValueError:
        code = ""  # reported on its own field
    try:
        return format_number(pattern, 1, today.year, code)
    except (KeyError, ValueError, IndexError):
        return None


# "111 — Tổng đài…", "113 - Công an", "1900.54.55.59: Trung tâm…", "111 | …" or a tab
_HOTLINE_LINE = re.compile(r"\s*(\d[\d. ]*?)\s*(?:[—–:|\t]|-(?!\d))\s*(.*)$")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class OrgForm(FormWidget):
    """Fields of ``OrgSettings``. ``with_lists`` adds recipients and hotlines."""

    REQUIRED = ("unit_name", "parent_body", "place_name", "signer_name")

    def __init__(self, parent: QWidget | None = None, *, with_lists: bool = False) -> None:
        super().__init__(parent)
        self._today = date.today()
        self.unit_name = QLineEdit(placeholderText="VD: TRẠM Y TẾ PHƯỜNG TÂN HƯNG")
        self.parent_body = QLineEdit(placeholderText="VD: TRUNG TÂM Y TẾ KHU VỰC …")
        self.place_name = QLineEdit(placeholderText="VD: Tân Hưng")
        self.date_preview = QLabel()
        self.date_preview.setProperty("role", "muted")
        self.date_preview.setWordWrap(True)
        self.signer_name = QLineEdit(placeholderText="VD: Nguyễn Thị Lan")
        self.signer_title = QLineEdit(placeholderText="VD: TRƯỞNG TRẠM")
        self.certificate_pattern = QLineEdit(placeholderText="VD: {seq:03d}/{year}/GCN-TYT")
        self.station_code = QLineEdit(placeholderText="VD: TH1 (khi hai máy cùng cấp giấy)")
        self.station_code.setMaxLength(10)
        self.allowance = QSpinBox()
        self.allowance.setRange(0, 10_000_000)
        self.allowance.setSingleStep(10_000)
        self.allowance.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.allowance.setGroupSeparatorShown(True)
        self.allowance.setSuffix(" đồng")
        self.pattern_preview = QLabel()
        self.pattern_preview.setProperty("role", "muted")
        self.pattern_preview.setWordWrap(True)
        self.recipients: QPlainTextEdit | None = None
        self.hotlines: QPlainTextEdit | None = None

        self.add_row("Tên đơn vị (*)", self.unit_name)
        self.add_row("Cơ quan chủ quản (*)", self.parent_body)
        self.add_row("Địa danh ghi ngày tháng (*)", self.place_name, self.date_preview)
        self.add_row("Họ tên người ký (*)", self.signer_name)
        self.add_row("Chức vụ người ký", self.signer_title)
        self.add_row("Mẫu số giấy chứng nhận", self.certificate_pattern, self.pattern_preview)
        self.add_row("Mã trạm (in trong số giấy)", self.station_code)
        self.add_row("Tiền hỗ trợ mỗi người tham dự", self.allowance)
        if with_lists:
            self.recipients = QPlainTextEdit()
            self.recipients.setPlaceholderText(
                "VD:\nUBND phường Tân Hưng;\nTTYT khu vực;\nLưu: VT.")
            self.hotlines = QPlainTextEdit()
            self.hotlines.setPlaceholderText(
                "VD:\n111 — Tổng đài quốc gia bảo vệ trẻ em\n113 — Lực lượng phản ứng nhanh "
                "Công an Thành phố")
            self.hotlines.setToolTip("Mỗi dòng một số: số điện thoại, dấu —, rồi tên cơ quan "
                                     "phụ trách số đó (in trên thẻ bỏ túi và màn chiếu).")
            self.add_row("Nơi nhận\n(mỗi dòng một nơi)", self.recipients)
            self.add_row("Đường dây nóng\n(mỗi dòng: số — tên cơ quan)", self.hotlines)
            self.set_text_box_lines(self.recipients, 5)
            self.set_text_box_lines(self.hotlines, 6)  # three owners' names wrap

        self.place_name.textChanged.connect(self._update_previews)
        self.certificate_pattern.textChanged.connect(self._update_previews)
        self.station_code.textChanged.connect(self._update_previews)
        self._update_previews()

    def _update_previews(self) -> None:
        self.date_preview.setText("Dòng ngày tháng: " + date_line(
            self.place_name.text().strip(), self._today))
        example = pattern_example(self.certificate_pattern.text().strip(), self._today,
                                  self.station_code.text())
        self.pattern_preview.setText(
            f"Số giấy chứng nhận đầu tiên sẽ là: {example}" if example
            else "Mẫu phải có {seq} (số thứ tự); {seq:03d} cho 001, {year} cho năm, "
                 "{station} cho mã trạm."
        )

    def set_org(self, org: OrgSettings) -> None:
        self.unit_name.setText(org.unit_name)
        self.parent_body.setText(org.parent_body)
        self.place_name.setText(org.place_name)
        self.signer_name.setText(org.signer_name)
        self.signer_title.setText(org.signer_title)
        self.certificate_pattern.setText(org.certificate_pattern)
        self.station_code.setText(org.station_code)
        self.allowance.setValue(org.allowance_amount)
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # show the start of long names, not the end
        if self.recipients is not None:
            self.recipients.setPlainText("\n".join(org.recipients))
        self.mark_invalid(())

    def org(self, base: OrgSettings | None = None) -> OrgSettings:
        """The form's values; list fields absent from the form come from ``base``."""
        base = base or OrgSettings()
        return OrgSettings(
            unit_name=self.unit_name.text(),
            parent_body=self.parent_body.text(),
            place_name=self.place_name.text(),
            signer_name=self.signer_name.text(),
            signer_title=self.signer_title.text(),
            certificate_pattern=self.certificate_pattern.text(),
            station_code=self.station_code.text(),
            allowance_amount=self.allowance.value(),
            recipients=_lines(self.recipients.toPlainText()) if self.recipients is not None
            else list(base.recipients),
        )

    def set_hotlines(self, hotlines: list[Hotline]) -> None:
        if self.hotlines is not None:
            self.hotlines.setPlainText("\n".join(f"{h.number} — {h.label}" for h in hotlines))

    def hotline_items(self) -> list[dict[str, str]]:
        """The hotline lines as {"number", "label"} (checked by the service); a line without
        a number in front raises ``UserError`` naming the line."""
        items = []
        text = self.hotlines.toPlainText() if self.hotlines is not None else ""
        for row, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = _HOTLINE_LINE.match(line)
            if match is None:
                raise UserError(f"Đường dây nóng, dòng {row} (\"{line.strip()}\"): hãy ghi số "
                                "rồi tên cơ quan, ví dụ \"111 — Tổng đài quốc gia bảo vệ trẻ em\".",
                                code="invalid_hotlines")
            items.append({"number": match[1].strip(), "label": match[2].strip()})
        return items

    def invalid_fields(self) -> list[str]:
        """Names of fields that are empty but required, or a pattern without {seq}."""
        bad = [name for name in self.REQUIRED if not getattr(self, name).text().strip()]
        pattern = self.certificate_pattern.text().strip()
        if pattern and pattern_example(pattern, self._today, self.station_code.text()) is None:
            bad.append("certificate_pattern")
        try:
            clean_station_code(self.station_code.text())
        except ValueError:
            bad.append("station_code")
        return bad

    def mark_invalid(self, names: tuple[str, ...] | list[str]) -> None:
        for name in (*self.REQUIRED, "certificate_pattern", "station_code"):
            edit: QLineEdit = getattr(self, name)
            edit.setProperty("invalid", name in names)
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        if names:
            getattr(self, names[0]).setFocus()
