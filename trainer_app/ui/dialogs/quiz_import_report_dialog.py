"""The report window after a quiz file import, and the Vietnamese text it shows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_app.services.quizzes.quiz_files import ImportResult
from trainer_app.ui.pages.base import paragraph


class ImportReportDialog(QDialog):
    """What an import did, readable: questions stored, questions left out (name and line,
    and why), problems that stopped the import (line and message)."""

    def __init__(self, title: str, summary: str, details: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = paragraph(summary, "h2")
        self.summary.setObjectName("importSummary")
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Chi tiết")
        self.details.setVisible(bool(details))
        self.close_button = QPushButton("Đóng")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90,
                    metrics.lineSpacing() * (18 if details else 6))

    def text(self) -> str:
        return self.summary.text() + "\n" + self.details.toPlainText()


def import_report(result: ImportResult, file_name: str) -> tuple[str, str, str]:
    """(title, summary, details) of an import, in Vietnamese."""
    lines: list[str] = []
    if result.problems:
        title = "Chưa nhập được"
        summary = (f"Tệp {file_name} có {len(result.problems)} lỗi nên chưa nhập câu nào. "
                   "Sửa các dòng dưới đây rồi nhập lại.")
        lines.append("Lỗi:")
        lines += [f"  • Dòng {p.line}: {p.message}" for p in result.problems]
    else:
        title = "Đã nhập tệp câu hỏi"
        action = "Đã tạo" if result.created else "Đã cập nhật"
        summary = (f"{action} bộ câu hỏi “{result.quiz}” với {len(result.questions)} câu "
                   f"từ tệp {file_name}.")
        if result.skipped:
            summary += f" {len(result.skipped)} câu không nhập được (xem dưới đây)."
    if result.skipped:
        if lines:
            lines.append("")
        lines.append("Câu không nhập được (ứng dụng chưa hỗ trợ loại câu này):")
        lines += [f"  • {s.name} (dòng {s.line}): {s.reason}" for s in result.skipped]
    if result.warnings:
        lines.append("")
        lines.append("Lưu ý:")
        lines += [f"  • Dòng {w.line}: {w.message}" for w in result.warnings]
    return title, summary, "\n".join(lines)
