"""The dialog that lists every problem of a file that could not be opened.

Each problem is one paragraph, `line:col` then the message, wrapped to the
dialog's width with a hanging indent, so long messages (the did-you-mean, the
nearest passage of a source) are read without scrolling sideways. Copy All
copies every problem as `FILE:LINE:COL: message` (as `briefing-app validate`
prints them); a double-click on a problem, or Enter on the one the text
cursor is in, copies just that problem the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.problems import Problem

__all__ = ["ProblemsDialog", "ProblemList"]


class ProblemList(QTextEdit):
    """Read-only, wrapped list of problems; `problem_activated(i)` on double-click or Enter."""

    problem_activated = Signal(int)

    def __init__(self, problems: list[Problem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(mono)
        width = max((len(p.short()) - len(p.message) for p in problems), default=6)
        indent = QFontMetricsF(mono).horizontalAdvance("0" * width)
        cur = QTextCursor(self.document())
        where, message = QTextCharFormat(), QTextCharFormat()
        where.setFontWeight(QFont.Weight.Bold)
        for i, p in enumerate(problems):
            bf = QTextBlockFormat()
            bf.setLeftMargin(indent)
            bf.setTextIndent(-indent)  # hanging indent: wrapped lines start under the message
            bf.setBottomMargin(6)
            if i == 0:
                cur.setBlockFormat(bf)
            else:
                cur.insertBlock(bf)
            cur.insertText(f"{p.line}:{p.col}: ".ljust(width), where)
            cur.insertText(p.message, message)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def problem_at_cursor(self) -> int:
        return self.textCursor().blockNumber()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(event)
        self.problem_activated.emit(self.cursorForPosition(event.position().toPoint()).blockNumber())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.problem_activated.emit(self.problem_at_cursor())
            event.accept()
            return
        super().keyPressEvent(event)


class ProblemsDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, problems: list[Problem], keeping: str | None):
        super().__init__(parent)
        self.setObjectName("problems_dialog")
        self.setWindowTitle(f"Cannot open {path.name}")
        n = len(problems)
        # a file that is not there, or not a readable file, is not "an invalid briefing"
        readable = path.is_file() and os.access(path, os.R_OK)
        what = "is not a valid briefing" if readable else "could not be opened"
        head = QLabel(f"<b>{path.name}</b> {what}: "
                      f"{n} problem{'s' if n != 1 else ''} found." +
                      (f"<br>The briefing already open (<i>{keeping}</i>) stays open." if keeping else ""))
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = ProblemList(problems)
        self.text.setObjectName("problems_text")
        self.text.setAccessibleName("Problems")
        self.text.problem_activated.connect(self.copy_problem)
        self.hint = QLabel("Double-click a problem (or press Enter on it) to copy it as FILE:LINE:COL: message.")
        self.hint.setObjectName("problems_hint")
        self.hint.setWordWrap(True)
        f = self.hint.font()
        f.setPointSizeF(f.pointSizeF() * 0.92)
        self.hint.setFont(f)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy All")
        copy.setObjectName("problems_copy")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.hint)
        lay.addWidget(buttons)
        self.path = path
        self.problems = problems
        # wide enough for most messages on one or two lines, never wider than the window
        avail = parent.width() - 80 if parent is not None else 900
        self.resize(max(560, min(860, avail)), 380 if n < 8 else 520)

    def line(self, problem: Problem) -> str:
        return f"{self.path}:{problem.line}:{problem.col}: {problem.message}"

    def copy_all(self) -> None:
        """Copies `file:line:col: message` lines, as `briefing-app validate` prints them."""
        QGuiApplication.clipboard().setText("\n".join(self.line(p) for p in self.problems))
        self.hint.setText(f"Copied {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}.")

    def copy_problem(self, i: int) -> None:
        if 0 <= i < len(self.problems):
            QGuiApplication.clipboard().setText(self.line(self.problems[i]))
            self.hint.setText(f"Copied: {self.line(self.problems[i])}")
