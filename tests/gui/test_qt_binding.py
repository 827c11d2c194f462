"""The Qt binding in use does not leak references to None (see briefing_app/gui/__init__.py)."""

from __future__ import annotations

import sys

import briefing_app.gui  # noqa: F401 - applies the guard if the binding needs it


def test_void_calls_leave_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    for _ in range(20_000):  # more than enough to abort the interpreter without the guard
        label.setText("x")
    assert sys.getrefcount(None) > 1000
