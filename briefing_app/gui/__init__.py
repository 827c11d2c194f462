"""The Qt desktop application, built on `briefing_app.core` (and `briefing_app.export` for the PDF).

Sub-packages: `window` (the main window and the parts it owns), `pages` (the
section pages and their item models), `views` (text views, the inspector),
`dialogs` and `annotations`; beside them `app.py` (start-up), `actions.py`
(the action registry), `settings.py` (the settings registry) and `theme.py`.
Nothing here imports `briefing_app.cli`.

`binding_problem()` is the early check `run_gui` makes before any window: a
PySide6 build known to crash the app (PySide6-Essentials 6.12.0 on CPython
before 3.12 hands back `None` from every C++ method returning `void`
without taking a reference, as if `None` were immortal as in CPython 3.12,
PEP 683, so after a few thousand calls the interpreter aborts with "Fatal
Python error: none_dealloc") is refused with one sentence saying what to
install, as qutebrowser's early init does. pyproject.toml already excludes
that release on Python < 3.12.
"""

from __future__ import annotations

import sys

__all__ = ["binding_problem", "broken_binding_message"]

#: The PySide6 release to install instead of a broken one.
GOOD_PYSIDE6 = "6.11"


def _none_leaks() -> bool:
    """Whether calls of `void` C++ methods lose references to `None` (the 6.12.0 bug)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    calls = 1000  # the bug loses one reference per call; a few other changes to the count are noise
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")  # returns void
    return before - sys.getrefcount(None) >= calls // 2


def binding_problem() -> str | None:
    """One sentence saying why this Qt binding cannot run the app and what to install, or None."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not _none_leaks():
        return None
    return broken_binding_message()


def broken_binding_message() -> str:
    """What to say about a Qt binding that loses references to `None`."""
    import PySide6

    return (f"PySide6 {PySide6.__version__} crashes on Python {sys.version_info.major}.{sys.version_info.minor}; "
            f"install PySide6-Essentials {GOOD_PYSIDE6} (pip install 'PySide6-Essentials~={GOOD_PYSIDE6}.0') "
            "or use Python 3.12 or newer.")
