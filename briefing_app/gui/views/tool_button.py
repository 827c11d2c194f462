"""One flat tool button, made the same way by every bar of small commands (find bar, link chart)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

__all__ = ["tool_button"]


def tool_button(text: str, tip: str, name: str) -> QToolButton:
    """A flat button labelled `text`; `tip` is its tooltip and its name for screen readers,
    `name` the stable object name tests find it by."""
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setObjectName(name)
    b.setAutoRaise(True)
    return b
