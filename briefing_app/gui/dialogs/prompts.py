"""One service for every question, warning and file chooser the reader puts to the analyst.

Windows and controllers are handed a `Prompts` and never call `QMessageBox`,
`QFileDialog` or `QInputDialog` themselves, so tests give them a scripted
stand-in (`tests/gui/prompts.py`) instead of patching Qt or setting
application properties that production code would have to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

__all__ = ["Prompts"]


class Prompts:
    """The real, modal prompts. Every method blocks until the analyst answers."""

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the analyst something went wrong; nothing to decide."""
        QMessageBox.warning(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def choose(self, parent: QWidget | None, title: str, text: str, choices: Sequence[str],
               default: str | None = None, informative: str = "") -> str | None:
        """Ask with one button per choice (in order, the first the affirmative one); None if dismissed.

        A choice called "Cancel" takes the reject role, so Esc and the window's
        close button answer None.
        """
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        if informative:
            box.setInformativeText(informative)
        buttons: dict[QPushButton, str] = {}
        for i, choice in enumerate(choices):
            if choice == "Cancel":
                role = QMessageBox.ButtonRole.RejectRole
            elif i == 0:
                role = QMessageBox.ButtonRole.AcceptRole
            else:
                role = QMessageBox.ButtonRole.DestructiveRole if choice in ("Close", "Discard") else \
                    QMessageBox.ButtonRole.ActionRole
            buttons[box.addButton(choice, role)] = choice
        for button, choice in buttons.items():
            if choice == default:
                box.setDefaultButton(button)
        box.exec()
        clicked = box.clickedButton()
        return buttons.get(clicked) if isinstance(clicked, QPushButton) else None

    def confirm(self, parent: QWidget | None, title: str, text: str, yes: str = "Yes", no: str = "No") -> bool:
        return self.choose(parent, title, text, [yes, no], default=yes) == yes

    def open_file(self, parent: QWidget | None, caption: str, start: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, start, file_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, caption: str, start: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, start, file_filter)
        return Path(name) if name else None

    def text(self, parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
        """One line of text, or None if cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
        return value if ok else None

    def about_qt(self, parent: QWidget | None) -> None:
        """Help › About Qt: the Qt version in use."""
        QMessageBox.aboutQt(parent, "About Qt")

    def run(self, dialog: QDialog) -> bool:
        """Show a dialog of ours modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted
