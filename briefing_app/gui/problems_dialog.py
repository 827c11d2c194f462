"""The dialog that lists every problem of a file that could not be opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.problems import Problem

__all__ = ["ProblemsDialog"]


class ProblemsDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, problems: list[Problem], keeping: str | None):
        super().__init__(parent)
        self.setObjectName("problems_dialog")
        self.setWindowTitle(f"Cannot open {path.name}")
        n = len(problems)
        head = QLabel(f"<b>{path.name}</b> is not a valid briefing: "
                      f"{n} problem{'s' if n != 1 else ''} found." +
                      (f"<br>The briefing already open (<i>{keeping}</i>) stays open." if keeping else ""))
        head.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("problems_text")
        self.text.setAccessibleName("Problems")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(p.short() for p in problems))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(mono)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy All")
        copy.setObjectName("problems_copy")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.path = path
        self.problems = problems
        self.resize(720, 360)

    def copy_all(self) -> None:
        """Copies `file:line:col: message` lines, as `briefing-app validate` prints them."""
        QGuiApplication.clipboard().setText("\n".join(f"{self.path}:{p.line}:{p.col}: {p.message}"
                                                      for p in self.problems))
