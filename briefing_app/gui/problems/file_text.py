"""`FileTextView`: a file's text around a problem, read-only, with the line marked.

When nothing of a briefing can be read (a YAML syntax error, say) there is
no page to show; the analyst sees the lines around the error instead, each
with its number, the faulty line tinted, and a caret under the column with
the message, as a compiler prints it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from briefing_app.core.problems import Problem
from briefing_app.gui.theme import colors, mix

__all__ = ["FileTextView", "text_around"]

#: Lines shown before and after the faulty one.
CONTEXT_LINES = 12
#: More than this is not read to show the context (a briefing is far smaller).
READ_LIMIT = 8 * 2**20


def text_around(text: str, line: int, col: int, message: str,
                context: int = CONTEXT_LINES) -> tuple[str, int]:
    """The lines around `line` with their numbers and a caret line under it; (text, the marked line's index)."""
    lines = text.splitlines()
    if not lines:
        lines = [""]
    line = min(max(line, 1), len(lines))
    first, last = max(1, line - context), min(len(lines), line + context)
    width = len(str(last))
    out: list[str] = []
    marked = 0
    for n in range(first, last + 1):
        if n == line:
            marked = len(out)
        out.append(f"{n:>{width}} \u2502 {lines[n - 1].expandtabs(4)}")
        if n == line:
            out.append(f"{'':>{width}} \u2502 {' ' * max(col - 1, 0)}^ {message}")
    return "\n".join(out), marked


class FileTextView(QPlainTextEdit):
    """Read-only text of a file around one problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marked_line = -1
        self.setObjectName("problem_file_text")
        self.setAccessibleName("File text around the problem")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(mono)

    def show_problem(self, path: Path, problem: Problem) -> bool:
        """Show the file's text around `problem`; False (and nothing shown) when the file cannot be read."""
        try:
            with open(path, "rb") as fh:
                data = fh.read(READ_LIMIT)
        except OSError:
            self.clear()
            return False
        text, marked = text_around(data.decode("utf-8", errors="replace"), problem.line, problem.col,
                                   problem.message)
        self.setPlainText(text)
        self.marked_line = marked
        self._mark()
        block = self.document().findBlockByNumber(marked)
        cur = QTextCursor(block)
        self.setTextCursor(cur)
        self.centerCursor()
        return True

    def _mark(self) -> None:
        """Tint the faulty line and its caret line (again when the palette changes)."""
        c = colors(self.palette())
        tint = mix(c.base, QColor("#d64545"), 0.22)
        selections = []
        for n in (self.marked_line, self.marked_line + 1):
            block = self.document().findBlockByNumber(n)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(block)
            fmt = QTextCharFormat()
            fmt.setBackground(tint)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            if n == self.marked_line + 1:
                fmt.setForeground(mix(c.text, QColor("#d64545"), 0.6))
                fmt.setFontWeight(QFont.Weight.DemiBold)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.marked_line >= 0:
            self._mark()
