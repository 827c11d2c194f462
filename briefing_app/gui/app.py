"""`run_gui(path)`: start the reader. Module-level imports stay light (no Qt
widgets, no ReportLab) so `briefing-app --help` and subcommands start fast;
everything heavy is imported inside `run_gui`.

Environment hooks (for screenshots and benchmarks, not for users):
`BRIEFING_APP_COLOR_SCHEME=light|dark` forces a palette;
`BRIEFING_APP_SECTION=actors|timeline|quotes|sources|search:<text>` opens on a
section once the briefing is shown; `BRIEFING_APP_BENCH=1` prints
`window-shown <t>` at the window's first paint, `content-shown <t>` at the end
of the first paint of the Overview showing the briefing (title, BLUF, key
points) and `annotations-shown <t>` once annotations are installed (right
after the content; `t` is `time.time()`), and
`BRIEFING_APP_QUIT_AFTER_CONTENT=1` then quits. `BRIEFING_APP_PREFETCH=0` reads
the file in-process instead of in a child (to measure what the child saves).

The cyclic garbage collector is paused from the start until the first paint.
Start-up order, for a file of at most `SYNC_BYTES` (256 KB; the sample is 25
KB), whether named on the command line or the last one opened: Qt and the
window's chrome (navigator, page placeholders, inspector dock) → the file
read, validated and indexed on the GUI thread (`load_or_problems`: the core
loader's import and a few ms of parsing; where the platform can fork, a
child process has already read it, started before Qt is imported for a file
named on the command line, or once QtCore has read the settings for the last
one, and only the model is unpickled here) and shown, which builds the
Overview page and the inspector → first paint, which already shows the
briefing's title, BLUF and key points → the application-wide event filter, the file
watcher and the recent-files entry (`MainWindow.after_first_paint`) →
annotations installed. A file that fails opens the problems dialog right after
the first paint. A larger file is read on the `BriefingLoader` worker thread
once the chrome has painted, with progress: window → first paint → file read
on the worker → content → annotations. Other section pages are built on first
visit (`MainWindow.page`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.io.prefetch import Prefetch

__all__ = ["run_gui"]


def _bench(label: str) -> None:
    """Print a marker with the wall-clock time; the benchmark compares it with its spawn time."""
    if os.environ.get("BRIEFING_APP_BENCH"):
        import time

        print(f"{label} {time.time():.4f}", flush=True)


#: Files up to this size (a few tens of milliseconds to read) are read before the first paint,
#: which then shows their content; larger ones on the loader's worker thread, with progress.
SYNC_BYTES = 256 * 1024


def _small(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size <= SYNC_BYTES
    except OSError:
        return False


def _start_prefetch(path: Path | None) -> Prefetch | None:
    """A small file is read by a child process while Qt starts (core/prefetch.py): one named on
    the command line before Qt is imported, the last one opened once QtCore has read the settings."""
    if path is None or os.environ.get("BRIEFING_APP_PREFETCH") == "0" or not _small(path):
        return None
    from briefing_app.core.io.prefetch import Prefetch

    return Prefetch.start(path.resolve())


def run_gui(path: Path | None) -> int:
    import gc

    # Start-up creates tens of thousands of long-lived objects (Qt's enums and classes, our
    # modules, the briefing) and next to no garbage, so the cyclic collector's ~50 passes
    # before the first paint would find nothing: it waits until the window has painted.
    gc.disable()
    prefetch = _start_prefetch(path)  # before Qt is imported: the child must not inherit it
    from briefing_app.gui import (
        settings as cfg,  # QtCore only: settings can be read before there is an application
    )

    if path is None:  # the last briefing (else the sample), read by a child while the rest of Qt loads
        last = cfg.get(cfg.LAST_FILE)
        if last and Path(last).is_file():
            path = Path(last)
        else:
            from briefing_app.resources import sample_briefing

            path = sample_briefing()
        prefetch = _start_prefetch(path)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.theme import apply_color_scheme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from briefing_app.gui.signals import install_termination_handler

    install_termination_handler(app)  # SIGTERM/SIGINT/SIGHUP: save, unlock, exit 0 (gui/signals.py)
    app.setOrganizationName(cfg.ORGANISATION)
    app.setApplicationName(cfg.APPLICATION)
    app.setApplicationDisplayName("Briefing Reader")
    app.setDesktopFileName("briefing-app")
    from briefing_app.resources import app_icon_path

    app.setWindowIcon(QIcon(str(app_icon_path())))  # every window (dialogs too) inherits it
    from briefing_app.gui.fonts import register_bundled_fonts

    register_bundled_fonts()  # Hangul, CJK, Arabic, Hebrew on a machine with no such system font
    apply_color_scheme(app)

    from briefing_app.gui.window.main_window import MainWindow

    window = MainWindow()

    def collect_again() -> None:
        """Start-up's objects live as long as the window: frozen, the collector never rescans them."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    window.after_first_paint(collect_again)
    annotations_installed = []

    def install_annotations_once(*_args) -> None:
        """Annotations (menu, panel, highlights, autosave; issue 4) arrive right after the
        briefing's content is on screen (or the file failed to open): their modules are
        the biggest imports left, and the analyst reads before annotating. Installed
        after the briefing is shown, the controller opens its layer at once."""
        if not annotations_installed:
            annotations_installed.append(True)
            from briefing_app.gui.annotations.controller import install_annotations

            install_annotations(window)
            _bench("annotations-shown")
            if os.environ.get("BRIEFING_APP_QUIT_AFTER_CONTENT"):
                QTimer.singleShot(50, window.close)

    def content_painted() -> None:
        _bench("content-shown")
        QTimer.singleShot(0, install_annotations_once)

    def content_shown(_b) -> None:
        window.briefing_changed.disconnect(content_shown)
        section = os.environ.get("BRIEFING_APP_SECTION", "")
        if section.startswith("search:"):
            window.search_field.setText(section.split(":", 1)[1])
        elif section:
            window.go_section(section)
        if window.current_section() == "overview":
            window.overview.view.after_next_paint = content_painted  # the paint that shows the briefing
        else:
            QTimer.singleShot(0, content_painted)

    window.briefing_changed.connect(content_shown)
    window.loader.failed.connect(lambda *_a: QTimer.singleShot(0, install_annotations_once))

    sync = _small(path)
    if sync:
        from briefing_app.gui.window.loading import load_or_problems

        result, problems = load_or_problems(path.resolve(), warm=False, prefetch=prefetch)
        if result is not None:
            window.show_loaded(result)  # before the first paint, which then shows the briefing
        else:
            window.after_first_paint(lambda: window.loader.failed.emit(path, problems))  # the dialog
    elif prefetch is not None:
        prefetch.cancel()  # the file grew meanwhile: the worker thread reads it
    started = []

    def load() -> None:
        """Right after the first paint: read a large file on the worker thread."""
        if not started:
            started.append(True)
            window.open_path(path)
            # while the worker reads the file: the text views the briefing will be shown in
            window.page("overview")
            window.inspector  # noqa: B018 (built on first read)

    class _FirstPaint(QObject):
        """Start loading a large file only once the window has painted, so the worker thread's
        parsing (which holds the GIL in bursts) never delays the window appearing."""

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                _bench("window-shown")
                if not sync:
                    QTimer.singleShot(0, load)
            return False

    painted = _FirstPaint(window)
    window.installEventFilter(painted)
    window.show()
    QTimer.singleShot(500, collect_again)  # in case the platform never sends a paint
    if not sync:
        QTimer.singleShot(500, load)  # likewise
    else:
        QTimer.singleShot(500, install_annotations_once)  # likewise
    try:
        return app.exec()
    finally:
        gc.enable()  # even if the loop ended before the first paint
