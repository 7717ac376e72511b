"""The Câu hỏi page: quizzes listed, questions shown, add / delete / move through the page
and the question dialog, import of a GIFT file with a question the app cannot hold, export
round trip; real SQLite workspace per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from trainer_app.domain.quiz import KIND_LABELS, OptionDoc, QuestionDoc, QuizDoc
from trainer_app.services.quizzes import quiz_files
from trainer_app.services.quizzes import service as quiz_service
from trainer_app.services.workspace.opening import Workspace
from trainer_app.ui import events
from trainer_app.ui.context import AppContext
from trainer_app.ui.dialogs.question_dialog import QuestionDialog
from trainer_app.ui.dialogs.quiz_preview_dialog import QuizPreviewDialog
from trainer_app.ui.main_window import MainWindow
from trainer_app.ui.models.question_table_model import COL_ANSWER, COL_KIND, COL_TEXT
from trainer_app.ui.models.quiz_table_model import COL_PASS, COL_QUESTIONS, COL_VERSIONS
from trainer_app.ui.pages.questions_page import EMPTY_TEXT, FROZEN_NOTE, QuestionsPage

from .conftest import MessageRecorder, type_text

PRE_TEST = "bvte-kiem-tra-dau-vao"
DEMO_QUIZ = "demo-kiem-tra-nhanh"


def make_page(qtbot: QtBot, ctx: AppContext) -> QuestionsPage:
    widget = QuestionsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_ready()
    return widget


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, demo_workspace: Workspace) -> QuestionsPage:
    return make_page(qtbot, ctx)


@pytest.fixture
def empty_page(qtbot: QtBot, ctx: AppContext) -> QuestionsPage:
    return make_page(qtbot, ctx)


def codes(page: QuestionsPage) -> list[str]:
    return [q.code for q in page.quiz_model.quizzes()]


def fill_question(dialog: QuestionDialog, text: str, options: list[tuple[str, bool]]) -> None:
    type_text(dialog.text_edit, text)
    while len(dialog.rows) > len(options):
        dialog.remove_option(dialog.rows[-1])
    for row, (option, correct) in zip(dialog.rows, options, strict=True):
        row.edit.clear()
        type_text(row.edit, option)
        row.correct.setChecked(correct)


def test_empty_state_says_what_to_do(empty_page: QuestionsPage, qtbot: QtBot,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert empty_page.content.currentIndex() == 1
    assert empty_page.empty_title.text() == EMPTY_TEXT
    assert empty_page.empty_import_button.isVisible()
    asked: list[bool] = []
    monkeypatch.setattr(QuestionsPage, "import_quiz_file",
                        lambda self, path=None: asked.append(True))
    qtbot.mouseClick(empty_page.empty_import_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    # The shipped bank, one click away.
    qtbot.mouseClick(empty_page.empty_bank_button, Qt.MouseButton.LeftButton)
    assert empty_page.content.currentIndex() == 0
    assert {PRE_TEST, "bvte-kiem-tra-cuoi-khoa", "bvte-ngan-hang"} <= set(codes(empty_page))


def test_lists_demo_and_shipped_quizzes(page: QuestionsPage) -> None:
    assert page.content.currentIndex() == 0
    assert {DEMO_QUIZ, PRE_TEST, "bvte-kiem-tra-cuoi-khoa", "bvte-ngan-hang"} <= set(codes(page))
    model = page.quiz_model
    row = model.row_of(PRE_TEST)
    assert row is not None
    assert model.index(row, COL_QUESTIONS).data() == "10"
    assert model.index(row, COL_PASS).data() == "5"
    assert model.index(row, COL_VERSIONS).data() == "Chưa dùng"
    demo = model.row_of(DEMO_QUIZ)
    assert demo is not None  # the demo session froze it
    assert model.index(demo, COL_VERSIONS).data() == "Đã dùng (1 phiên bản)"


def test_selecting_a_quiz_shows_its_questions(page: QuestionsPage, ctx: AppContext) -> None:
    assert page.select_quiz(PRE_TEST)
    doc = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST)
    assert page.question_model.rowCount() == len(doc.questions) == 10
    first = doc.questions[0]
    model = page.question_model
    assert model.index(0, COL_TEXT).data() == " ".join(first.text.split())
    assert model.index(0, COL_KIND).data() == KIND_LABELS[first.kind]
    expected = ", ".join("ABCDEFGH"[i] for i, o in enumerate(first.options) if o.correct)
    assert model.index(0, COL_ANSWER).data() == expected
    assert doc.title in page.quiz_title.text()
    assert not page.frozen_note.isVisible()
    page.select_quiz(DEMO_QUIZ)
    assert page.frozen_note.isVisible() and FROZEN_NOTE in page.frozen_note.text()


def test_add_refuses_single_choice_without_correct_then_saves(
    qtbot: QtBot, page: QuestionsPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.select_quiz(PRE_TEST)
    seen: dict[str, object] = {}
    text = "Số điện thoại Tổng đài quốc gia bảo vệ trẻ em là số nào?"

    def run(dialog: QuestionDialog) -> int:
        assert dialog.windowTitle() == "Thêm câu 11"
        assert dialog.save_button.text() == "Lưu" and dialog.cancel_button.text() == "Hủy"
        fill_question(dialog, text, [("111", False), ("113", False), ("115", False)])
        assert dialog.try_accept() is False  # single choice, nothing marked đúng
        seen["problem"] = dialog.feedback.text()
        assert not dialog.feedback.isHidden()
        dialog.rows[0].correct.setChecked(True)
        type_text(dialog.source_edit, "Luật Trẻ em 2016")
        assert dialog.try_accept() is True
        return dialog.result()

    monkeypatch.setattr(QuestionDialog, "exec", run)
    assert page.add_question() is True
    assert "chưa đánh dấu phương án đúng" in str(seen["problem"])
    doc = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST)
    assert len(doc.questions) == 11
    added = doc.questions[-1]
    assert added.text == text and added.kind == "single" and added.source == "Luật Trẻ em 2016"
    assert [(o.text, o.correct) for o in added.options] == [
        ("111", True), ("113", False), ("115", False)]
    assert page.question_model.rowCount() == 11
    assert page.current_question_row() == 10
    assert page.question_model.index(10, COL_ANSWER).data() == "A"


def test_question_dialog_true_false_and_multiple(qtbot: QtBot) -> None:
    quiz = QuizDoc(id="thu", title="Thử", questions=[
        QuestionDoc(id="c01", kind="single", text="Câu một?",
                    options=[OptionDoc("Có", True), OptionDoc("Không")])])
    dialog = QuestionDialog(quiz, None)
    qtbot.addWidget(dialog)
    type_text(dialog.text_edit, "Câu một?")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("true_false"))
    assert [r.edit.text() for r in dialog.rows] == ["Đúng", "Sai"]
    assert all(r.edit.isReadOnly() for r in dialog.rows)
    dialog.rows[1].correct.setChecked(True)
    assert dialog.try_accept() is False  # the same text as question c01
    assert "trùng" in dialog.feedback.text()
    dialog.text_edit.clear()
    type_text(dialog.text_edit, "Trẻ em dưới 16 tuổi được tự lập tài khoản mạng xã hội?")
    assert dialog.try_accept() is True
    assert dialog.result_question is not None
    assert dialog.result_question.kind == "true_false"
    assert dialog.result_question.id == "c02"

    multiple = QuestionDialog(quiz, None)
    qtbot.addWidget(multiple)
    type_text(multiple.text_edit, "Dấu hiệu nào đáng lo?")
    multiple.kind_combo.setCurrentIndex(multiple.kind_combo.findData("multiple"))
    for row, (text, correct) in zip(multiple.rows, [("Thức khuya", True), ("Giấu điện thoại",
                                                     True), ("Ăn ngon", False),
                                                    ("Học tốt", False)], strict=True):
        type_text(row.edit, text)
        row.correct.setChecked(correct)
    assert multiple.try_accept() is True
    assert multiple.result_question is not None
    assert [o.correct for o in multiple.result_question.options] == [True, True, False, False]


def test_edit_delete_and_move(qtbot: QtBot, page: QuestionsPage, ctx: AppContext,
                              messages: MessageRecorder,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    page.select_quiz(PRE_TEST)
    before = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST).questions
    # Move the second question up (Alt+↑ does the same).
    page.select_question(1)
    assert page.move_question(-1)
    after = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST).questions
    assert [q.id for q in after[:2]] == [before[1].id, before[0].id]
    assert page.current_question_row() == 0

    # Edit: the dialog opens on the selected question, filled in.
    def run(dialog: QuestionDialog) -> int:
        assert dialog.text_edit.toPlainText() == before[1].text
        dialog.explanation_edit.moveCursor(QTextCursor.MoveOperation.End)
        type_text(dialog.explanation_edit, " Ghi nhớ.")
        assert dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(QuestionDialog, "exec", run)
    assert page.edit_question()
    edited = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST).questions[0]
    assert edited.id == before[1].id and edited.explanation.endswith("Ghi nhớ.")

    # Delete asks first; "Hủy" keeps it.
    page.select_question(2)
    messages.answers = ["Hủy"]
    assert page.delete_question() is False
    assert len(quiz_service.get_quiz_doc(ctx.factory, PRE_TEST).questions) == 10
    messages.answers = ["Xóa câu"]
    page.question_table.setFocus()
    qtbot.keyClick(page.question_table, Qt.Key.Key_Delete)
    left = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST).questions
    assert len(left) == 9 and before[2].id not in [q.id for q in left]
    assert messages.shown[-1].buttons == ["Xóa câu", "Hủy"]
    assert page.question_model.rowCount() == 9


def test_editing_a_used_quiz_keeps_its_frozen_version(
    page: QuestionsPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.select_quiz(DEMO_QUIZ)
    summary = page.current_summary()
    assert summary is not None and summary.versions == 1
    old = quiz_service.version_doc(ctx.factory, quiz_service.freeze_version(
        ctx.factory, DEMO_QUIZ))
    status: list[str] = []
    ctx.events.status_message.connect(status.append)

    def run(dialog: QuestionDialog) -> int:
        assert dialog.note.isVisibleTo(dialog) and FROZEN_NOTE in dialog.note.text()
        fill_question(dialog, "Câu mới thêm sau buổi học?", [("Có", True), ("Không", False)])
        assert dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(QuestionDialog, "exec", run)
    assert page.add_question()
    assert status and FROZEN_NOTE in status[-1]
    versions = [v for v in quiz_service.list_quizzes(ctx.factory) if v.code == DEMO_QUIZ]
    assert versions[0].versions == 1  # editing made no new version
    assert quiz_service.version_doc(ctx.factory, 1).questions == old.questions
    assert len(quiz_service.get_quiz_doc(ctx.factory, DEMO_QUIZ).questions) == \
        len(old.questions) + 1


GIFT = """// Bài kiểm tra nhỏ
::Tổng đài::Số điện thoại Tổng đài quốc gia bảo vệ trẻ em là? {
=111
~113
~115
}

::Cảm nghĩ::Hãy viết cảm nghĩ của anh chị về buổi tập huấn. {}

::Mật khẩu::Nên chia sẻ mật khẩu cho bạn bè thân. {F}
"""


def test_import_gift_reports_the_skipped_question(
    qtbot: QtBot, page: QuestionsPage, ctx: AppContext, tmp_path: Path,
) -> None:
    path = tmp_path / "kiem-tra-nho.gift"
    path.write_text(GIFT, encoding="utf-8")
    handle = page.import_quiz_file(path)
    assert handle is not None and handle.wait(10_000)
    assert page.report_dialog is not None and page.report_dialog.isVisible()
    report = page.report_dialog.text()
    assert "với 2 câu" in report
    assert "Cảm nghĩ (dòng 8)" in report
    summary = page.current_summary()
    assert summary is not None and summary.code == "kiem-tra-nho"
    assert page.question_model.rowCount() == 2
    assert page.question_model.index(1, COL_KIND).data() == KIND_LABELS["true_false"]
    assert page.report_dialog.close_button.text() == "Đóng"
    page.report_dialog.close_button.click()
    assert not page.report_dialog.isVisible()


def test_import_with_problems_says_where(
    qtbot: QtBot, page: QuestionsPage, ctx: AppContext, tmp_path: Path,
) -> None:
    path = tmp_path / "hong.gift"
    path.write_text("::Một::Câu hỏi có ngoặc chưa đóng? {\n=Có\n~Không\n", encoding="utf-8")
    before = codes(page)
    handle = page.import_quiz_file(path)
    assert handle is not None and handle.wait(10_000)
    assert page.report_dialog is not None
    assert page.report_dialog.windowTitle() == "Chưa nhập được"
    assert "Dòng " in page.report_dialog.text()
    assert codes(page) == before


def test_export_toml_round_trips(page: QuestionsPage, ctx: AppContext, tmp_path: Path,
                                 messages: MessageRecorder) -> None:
    page.select_quiz(PRE_TEST)
    target = page.export_quiz(tmp_path / "ban-sao.toml")
    assert target is not None and target.is_file()
    assert messages.shown[-1].title == "Đã xuất bộ câu hỏi"
    original = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST)
    # Read it back as another quiz and compare the content.
    result = quiz_files.import_file(ctx.factory, target, quiz_id="ban-sao")
    assert result.quiz == "ban-sao" and not result.problems
    copy = quiz_service.get_quiz_doc(ctx.factory, "ban-sao")
    assert copy.questions == original.questions
    assert copy.title == original.title and copy.pass_mark == original.pass_mark


def test_save_template(page: QuestionsPage, tmp_path: Path, messages: MessageRecorder) -> None:
    saved = page.save_template(tmp_path / "mau")
    assert saved is not None and saved.suffix == ".xlsx" and saved.is_file()


def test_new_quiz_starts_with_its_first_question(
    page: QuestionsPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def run(dialog: QuestionDialog) -> int:
        fill_question(dialog, "Trẻ em là người dưới bao nhiêu tuổi?",
                      [("16", True), ("18", False)])
        assert dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(QuestionDialog, "exec", run)
    assert page.new_quiz("Kiểm tra tháng 12")
    doc = quiz_service.get_quiz_doc(ctx.factory, "kiem-tra-thang-12")
    assert doc.title == "Kiểm tra tháng 12" and len(doc.questions) == 1
    assert page.current_code() == "kiem-tra-thang-12"


def test_preview_one_question_per_screen(qtbot: QtBot, ctx: AppContext,
                                         demo_workspace: Workspace) -> None:
    doc = quiz_service.get_quiz_doc(ctx.factory, PRE_TEST)
    dialog = QuizPreviewDialog(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.counter.text() == "Câu 1 / 10"
    assert dialog.question_label.text() == doc.questions[0].text
    assert len(dialog.option_buttons) == len(doc.questions[0].options)
    assert dialog.question_label.font().pointSizeF() >= 28
    assert not dialog.back_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.counter.text() == "Câu 2 / 10"
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert dialog.index == 0
    dialog.show_question(9)
    assert not dialog.next_button.isEnabled()
    assert dialog.back_button.text() == "← Trước" and dialog.next_button.text() == "Sau →"


def test_side_by_side_on_a_wide_screen(page: QuestionsPage) -> None:
    page.resize(1600, 900)
    QApplication.processEvents()
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    page.resize(800, 700)
    QApplication.processEvents()
    assert page.splitter.orientation() == Qt.Orientation.Vertical


def test_fits_1024_by_768_and_ctrl_5(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                     demo_workspace: Workspace) -> None:
    window.resize(1024, 768)
    window.page_actions[4].trigger()
    page = window.pages["questions"]
    assert isinstance(page, QuestionsPage)
    ctx.events.data_changed.emit(events.ALL)
    qtbot.waitUntil(lambda: page.quiz_model.rowCount() >= 4, timeout=2000)
    QApplication.processEvents()
    for button in page.findChildren(QPushButton):
        if not button.isVisibleTo(page):
            continue
        top_left = button.mapTo(page, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + button.width() <= page.width(), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    # Side by side needs more room than 1024×768 gives: the quizzes go above the questions.
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    assert page.quiz_table.viewport().height() >= \
        page.quiz_table.verticalHeader().defaultSectionSize() * 4
    text_width = page.question_table.columnWidth(COL_TEXT)
    assert text_width >= page.question_table.viewport().width() * 0.4
    assert page.question_table.viewport().height() >= \
        page.question_table.verticalHeader().defaultSectionSize() * 7
    assert page.scroll.verticalScrollBar().maximum() == 0  # the page itself needs no scrolling
    for table in (page.quiz_table, page.question_table):  # every column in sight
        assert table.horizontalScrollBar().maximum() == 0


def test_quiz_settings_pass_mark_shuffle_and_scoring(
        page: QuestionsPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer_app.ui.dialogs.quiz_settings_dialog import QuizSettingsDialog

    assert page.select_quiz("bvte-kiem-tra-cuoi-khoa")
    assert page.settings_button.isEnabled()

    def fill(dialog: QuizSettingsDialog) -> int:
        assert page.doc is not None and dialog.pass_mark.value() == page.doc.pass_mark
        dialog.pass_mark.setValue(7.5)
        dialog.shuffle_questions.setChecked(True)
        dialog.scoring.setCurrentIndex(dialog.scoring.findData("partial"))
        dialog.title.setText("Kiểm tra cuối khóa (bản sửa)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuizSettingsDialog, "exec", fill)
    assert page.edit_quiz_settings()
    stored = quiz_service.get_quiz_doc(ctx.factory, "bvte-kiem-tra-cuoi-khoa")
    assert (stored.pass_mark, stored.shuffle_questions, stored.scoring, stored.title) == (
        7.5, True, "partial", "Kiểm tra cuối khóa (bản sửa)")
    assert len(stored.questions) == 10  # the questions are untouched

    def empty_title(dialog: QuizSettingsDialog) -> int:
        dialog.title.setText("  ")
        dialog._accept()
        assert dialog.error.text() == "Hãy đặt tên cho bộ câu hỏi."
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QuizSettingsDialog, "exec", empty_title)
    assert not page.edit_quiz_settings()
