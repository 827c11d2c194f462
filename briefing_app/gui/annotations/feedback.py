"""How the annotation parts tell the analyst things: the status bar, and warnings through the prompts service."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from briefing_app.gui.annotations.seams import ReaderWindow, widget_of
from briefing_app.gui.dialogs.prompts import Prompts

__all__ = ["Feedback", "STATUS_MS"]

#: How long a status-bar message stays.
STATUS_MS = 8000


class Feedback:
    """Status-bar messages (the last one kept in `last_message`) and warnings."""

    def __init__(self, window: ReaderWindow, prompts: Prompts) -> None:
        self.window = window
        self.prompts = prompts
        self.last_message = ""

    def tell(self, message: str) -> None:
        self.last_message = message
        self.window.statusBar().showMessage(message, STATUS_MS)

    def tell_after_window(self, message: str) -> None:
        """Say it once the event loop turns: after the window's own "Opened …"/"Reloaded …" message."""
        self.last_message = message
        QTimer.singleShot(0, widget_of(self.window), lambda: self.tell(message))  # not after the window is gone

    def warn(self, title: str, text: str) -> None:
        self.tell(text.splitlines()[0] if text else title)
        self.prompts.warn(widget_of(self.window), title, text)
