from PySide6.QtWidgets import QApplication
from PySide6.QtCore import Qt
from tests.ui.test_attendance_page import make_page, lans  # noqa

def test_dbg(qtbot, make_page, ctx, lans):
    page = make_page()
    print("active", page.isActiveWindow(), QApplication.focusWidget(), QApplication.activeWindow())
    page.focus_search()
    print("after", page.search_edit.hasFocus(), QApplication.focusWidget())
    qtbot.keyClicks(page.search_edit, "hoa")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    print("after enter", page.search_edit.hasFocus(), QApplication.focusWidget())
