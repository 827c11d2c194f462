"""`briefing-app [FILE] [--goto ADDRESS] [--search TEXT] [--appearance …]`: open the app.

The file was already checked by `cli.main` (a first word that is neither a
command nor a file never gets here). This module makes sure a window can be
opened before any Qt widget is imported, then hands over to `gui.app.run_gui`.
"""

from __future__ import annotations

from pathlib import Path

from briefing_app.cli.display import catch_platform_failure, display_problem
from briefing_app.cli.errors import EXIT_INVALID, CommandError

__all__ = ["open_command"]


def open_command(file: str | None, *, goto: str | None = None, search: str | None = None,
                 appearance: str | None = None) -> int:
    problem = display_problem()
    if problem is not None:
        raise CommandError(problem, EXIT_INVALID)
    flush_qt_messages = catch_platform_failure()
    from briefing_app.gui.app import run_gui

    # Only the options given are passed on, so a `run_gui` without one of them still starts.
    options = {name: value for name, value in (("goto", goto), ("search", search), ("appearance", appearance))
               if value is not None}
    try:
        return run_gui(Path(file) if file else None, **options)
    finally:
        flush_qt_messages()  # any start-up message still held back
