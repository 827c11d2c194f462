"""`run_gui(path)`: start the reader. Module-level imports stay light (no Qt
widgets, no ReportLab) so `briefing-app --help` and subcommands start fast;
everything heavy is imported inside `run_gui`.

Environment hooks (for screenshots and benchmarks, not for users):
`BRIEFING_APP_COLOR_SCHEME=light|dark` forces a palette;
`BRIEFING_APP_SECTION=actors|timeline|quotes|sources|search:<text>` opens on a
section once the briefing is shown; `BRIEFING_APP_BENCH=1` prints
`window-shown <t>` at the first paint, `content-shown <t>` when the
briefing is on screen and `annotations-shown <t>` once annotations are
installed (right after the content; `t` is `time.time()`), and
`BRIEFING_APP_QUIT_AFTER_CONTENT=1` then quits.

Start-up order: window (Overview page, navigator, inspector only) → first
paint → file read on a worker thread → content → annotations installed. Other
section pages are built on first visit (`MainWindow.page`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["run_gui"]


def _bench(label: str) -> None:
    """Print a marker with the wall-clock time; the benchmark compares it with its spawn time."""
    if os.environ.get("BRIEFING_APP_BENCH"):
        import time

        print(f"{label} {time.time():.4f}", flush=True)


def run_gui(path: Path | None) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from . import settings as cfg
    from .theme import apply_color_scheme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(cfg.ORGANISATION)
    app.setApplicationName(cfg.APPLICATION)
    app.setApplicationDisplayName("Briefing Reader")
    app.setDesktopFileName("briefing-app")
    from briefing_app.resources import app_icon_path

    app.setWindowIcon(QIcon(str(app_icon_path())))  # every window (dialogs too) inherits it
    apply_color_scheme(app)

    from .main_window import MainWindow

    window = MainWindow()
    start_loading = []  # filled below; the first paint starts the load

    class _FirstPaint(QObject):
        """Start loading only once the window has painted, so the worker thread's
        parsing (which holds the GIL in bursts) never delays the window appearing."""

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                _bench("window-shown")
                QTimer.singleShot(0, start_loading[0])
            return False

    painted = _FirstPaint(window)
    window.installEventFilter(painted)

    if path is None:
        last = cfg.get(cfg.LAST_FILE)
        if last and Path(last).is_file():
            path = Path(last)
        else:
            from briefing_app.resources import sample_briefing

            path = sample_briefing()

    annotations_installed = []

    def install_annotations_once(*_args) -> None:
        """Annotations (menu, panel, highlights, autosave; issue 4) arrive right after the
        briefing's content is on screen (or the file failed to open): their modules are
        the biggest imports left, and the analyst reads before annotating. Installed
        after the briefing is shown, the controller opens its layer at once."""
        if not annotations_installed:
            annotations_installed.append(True)
            from .annotation_controller import install_annotations

            install_annotations(window)
            _bench("annotations-shown")
            if os.environ.get("BRIEFING_APP_QUIT_AFTER_CONTENT"):
                QTimer.singleShot(50, window.close)

    def content_shown(_b) -> None:
        section = os.environ.get("BRIEFING_APP_SECTION", "")
        if section.startswith("search:"):
            window.search_field.setText(section.split(":", 1)[1])
        elif section:
            window.go_section(section)
        QTimer.singleShot(0, lambda: _bench("content-shown"))
        QTimer.singleShot(0, install_annotations_once)

    window.briefing_changed.connect(content_shown)
    started = []

    def load() -> None:
        """Right after the first paint: start reading the file (worker thread)."""
        if not started:
            started.append(True)
            window.loader.failed.connect(lambda *_a: QTimer.singleShot(0, install_annotations_once))
            window.open_path(path)
            # while the worker reads the file: the text views the briefing will be shown in
            window.page("overview")
            window.inspector  # noqa: B018 (built on first read)

    start_loading.append(load)
    window.show()
    QTimer.singleShot(500, load)  # in case the platform never sends a paint
    return app.exec()
