"""A scripted stand-in for `briefing_app.gui.dialogs.prompts.Prompts`.

Tests queue the answers they expect to be asked for; every prompt is
recorded in `asked`, and a prompt nobody scripted fails the test at once
(a real dialog would hang a headless run).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any


class UnexpectedPrompt(AssertionError):
    pass


class ScriptedPrompts:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []  # (kind, title, text)
        self._answers: deque[tuple[str, Any]] = deque()
        self.warnings: list[tuple[str, str]] = []
        self.text_defaults: list[str] = []  # what each `text` prompt was prefilled with

    def answer(self, kind: str, value: Any) -> None:
        """Queue the answer to the next prompt of `kind` (choose, confirm, open_file, save_file, text, run)."""
        self._answers.append((kind, value))

    def _next(self, kind: str, title: str, text: str) -> Any:
        self.asked.append((kind, title, text))
        if not self._answers or self._answers[0][0] != kind:
            raise UnexpectedPrompt(f"unscripted {kind} prompt: {title!r}: {text!r}")
        value = self._answers.popleft()[1]
        return value(title, text) if callable(value) else value

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("warn", title, text))
        self.warnings.append((title, text))

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("inform", title, text))

    def choose(self, parent: Any, title: str, text: str, choices: Any, default: Any = None,
               informative: str = "") -> str | None:
        return self._next("choose", title, text)

    def confirm(self, parent: Any, title: str, text: str, yes: str = "Yes", no: str = "No") -> bool:
        return bool(self._next("confirm", title, text))

    def open_file(self, parent: Any, caption: str, start: str, file_filter: str) -> Path | None:
        return self._next("open_file", caption, start)

    def save_file(self, parent: Any, caption: str, start: str, file_filter: str) -> Path | None:
        return self._next("save_file", caption, start)

    def text(self, parent: Any, title: str, label: str, default: str = "") -> str | None:
        self.text_defaults.append(default)
        return self._next("text", title, label)

    def about_qt(self, parent: Any) -> None:
        self.asked.append(("about_qt", "About Qt", ""))

    def run(self, dialog: Any) -> bool:
        """Scripted with a callable, it gets the dialog (to fill it in) and returns accepted or not."""
        self.asked.append(("run", type(dialog).__name__, ""))
        if not self._answers or self._answers[0][0] != "run":
            raise UnexpectedPrompt(f"unscripted dialog: {type(dialog).__name__}")
        value = self._answers.popleft()[1]
        return bool(value(dialog) if callable(value) else value)
