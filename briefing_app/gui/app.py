"""`run_gui(path, goto=, search=, appearance=)`: start the reader.

Module-level imports stay light (no Qt) so `briefing-app --help` and the
subcommands that import this module do not pay for Qt; Qt and the window
are imported inside `run_gui`, the section pages and the heavier modules
when they are first needed (gui/window/lazy_pages.py).

Start-up, in order: the early check of the Qt binding (`binding_problem`:
a build known to crash is refused with one sentence naming what to install)
→ the application and its appearance → the window, while the file (the
one named, else the last one opened, else the bundled sample) is read on
the loader's worker thread, with progress → the briefing shown, at the
section or element `goto` names and with the search `search` runs, if any
→ the clean-shutdown handler (gui/signals.py) and the annotations, which are
what it saves. A file that fails to open shows its problems instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.dialogs.prompts import Prompts
    from briefing_app.gui.window.main_window import MainWindow

__all__ = ["run_gui", "start_window", "file_to_open"]


def file_to_open(path: Path | None) -> Path:
    """The file named, else the one open when the app last closed, else the bundled sample."""
    if path is not None:
        return path
    from briefing_app.gui import settings as cfg

    last = cfg.get(cfg.LAST_FILE)
    if last and Path(last).is_file():
        return Path(last)
    from briefing_app.resources import sample_briefing

    return sample_briefing()


def start_window(path: Path | None, *, goto: str | None = None, search: str | None = None,
                 prompts: Prompts | None = None, handle_signals: bool = False) -> MainWindow:
    """Make the window, start reading the file and show the window; `goto` and `search` apply once
    the briefing is shown, and the annotations (menu, panel, highlights) arrive right after it.

    `handle_signals` (the app, not tests): SIGTERM, SIGINT and SIGHUP then end the app cleanly
    (gui/signals.py), from just before the annotations arrive — before that there is nothing to save.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.window.main_window import MainWindow

    window = MainWindow(prompts=prompts)
    window.open_path(file_to_open(path))  # read on the worker thread while the window is shown
    installed: list[bool] = []

    def install_annotations() -> None:
        """The annotation modules are the biggest left to import, and the analyst reads before
        annotating: they come once the briefing is on screen (or the file failed to open)."""
        if not installed:
            installed.append(True)
            if handle_signals:  # first: from the moment a layer is locked, a signal must unlock it
                from briefing_app.gui.signals import install_termination_handler

                app = QApplication.instance()
                if app is not None:
                    install_termination_handler(app)  # save, unlock, exit 0
            from briefing_app.gui.annotations.controller import install_annotations

            window.annotations = install_annotations(window)

    window.briefing_changed.connect(lambda _b: QTimer.singleShot(0, install_annotations))
    window.files.failed.connect(lambda *_a: QTimer.singleShot(0, install_annotations))

    def shown(_briefing: Briefing) -> None:
        window.briefing_changed.disconnect(shown)
        if goto and not window.navigation.open_address(goto.strip().strip("/")):
            window.statusBar().showMessage(
                f"This briefing has no section or element \u201c{goto}\u201d; it opens at the Overview.", 10000)
        if search:
            window.navigation.search_for(search)

    if goto or search:
        window.briefing_changed.connect(shown)
    window.show()
    return window


def run_gui(path: Path | None = None, *, goto: str | None = None, search: str | None = None,
            appearance: str | None = None) -> int:
    """Open the reader on `path` (see `file_to_open`) and run until it is closed; the exit status.

    `goto` opens at a section (`actors`) or an element address (`actors/japan`);
    `search` runs a search; `appearance` (`system`, `light` or `dark`) overrides
    the Appearance setting for this run.
    """
    from briefing_app.gui import binding_problem
    from briefing_app.gui import settings as cfg

    if appearance is not None and appearance not in cfg.APPEARANCES:
        print(f"briefing-app: appearance must be one of {', '.join(cfg.APPEARANCES)}, not {appearance!r}.",
              file=sys.stderr)
        return 2
    problem = binding_problem()
    if problem is not None:
        print(f"briefing-app: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.theme import apply_appearance
    from briefing_app.resources import app_icon_path

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from briefing_app.gui.fonts import register_bundled_fonts

    app.setOrganizationName(cfg.ORGANISATION)
    app.setApplicationName(cfg.APPLICATION)
    app.setApplicationDisplayName("Briefing Reader")
    app.setDesktopFileName("briefing-app")
    app.setWindowIcon(QIcon(str(app_icon_path())))  # every window (dialogs too) inherits it
    register_bundled_fonts()  # Hangul, CJK, Arabic, Hebrew on a machine with no such system font
    scheme = appearance or cfg.get(cfg.APPEARANCE)
    apply_appearance(app, scheme)
    window = start_window(path, goto=goto, search=search, handle_signals=True)
    window.show_appearance(scheme)
    return app.exec()
