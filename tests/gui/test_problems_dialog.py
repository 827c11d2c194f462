"""The invalid-file dialog: long problems wrap (no sideways scrolling) and each can be copied alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from briefing_app.core.problems import Problem
from briefing_app.gui.dialogs.problems import ProblemsDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LONG = ("quotes/q-1.text: quote 'We are already in discussions, but no details have been finalized yet' "
        "is not in source 'nikkei' (nearest passage: 'we are already in discussions but no details have "
        "been finalised', 91% alike)")


@pytest.fixture
def dialog(qtbot):
    problems = [Problem("b.yaml", 9, 1, "unknown field 'subtitel'; did you mean 'subtitle'?"),
                Problem("b.yaml", 498, 11, LONG)]
    dlg = ProblemsDialog(None, Path("/tmp/b.yaml"), problems, "Old briefing")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_long_problems_wrap_without_a_horizontal_scrollbar(dialog):
    text = dialog.text
    assert text.horizontalScrollBar().maximum() == 0
    block = text.document().findBlockByNumber(1)
    assert block.layout().lineCount() >= 2  # the long message wraps
    assert "nearest passage" in text.toPlainText()
    # the whole of the long message is on screen, under its line:col
    assert text.document().size().width() <= text.viewport().width() + 1


def test_enter_and_double_click_copy_one_problem(dialog, qtbot):
    text = dialog.text
    cur = text.textCursor()
    cur.setPosition(text.document().findBlockByNumber(1).position() + 3)
    text.setTextCursor(cur)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == f"/tmp/b.yaml:498:11: {LONG}"
    first = text.cursorRect(_cursor_at(text, 0)).center()
    qtbot.mouseDClick(text.viewport(), Qt.MouseButton.LeftButton, pos=first + QPoint(4, 0))
    assert QApplication.clipboard().text() == "/tmp/b.yaml:9:1: unknown field 'subtitel'; did you mean 'subtitle'?"
    dialog.copy_all()
    assert QApplication.clipboard().text().count("\n") == 1


def _cursor_at(text, block_number):
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(text.document().findBlockByNumber(block_number))
    c.movePosition(QTextCursor.MoveOperation.Right, n=2)
    return c
