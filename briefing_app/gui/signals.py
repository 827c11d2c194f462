"""Clean shutdown on SIGTERM, SIGINT and SIGHUP: save pending annotation edits, release locks, exit 0.

`timeout`, a logout or a service manager end the app with a signal; left to
the default action the process dies with its annotation layer's `.lock` file
behind and unsaved edits at the mercy of the autosave timer. A Python signal
handler cannot do that work: it runs only between bytecodes, which inside
Qt's event loop may be never, and Qt is not async-signal-safe. So the
handler does nothing; `signal.set_wakeup_fd` has the interpreter's C-level
handler write the signal's number into a socket pair, a `QSocketNotifier`
wakes the event loop, and `TerminationSignals` emits `termination_requested`
there. Its default response closes every window — the windows' own close
path saves the annotation layer and unlocks it — and quits with status 0.
A window that refuses to close (the analyst cancels "close anyway?" after a
failed save) keeps the app running.

Qt only; nothing else in the app imports this module except `gui/app.py`.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QApplication

__all__ = ["TERMINATION_SIGNALS", "TerminationSignals", "install_termination_handler"]

#: The signals that ask the app to end (SIGHUP does not exist on Windows).
TERMINATION_SIGNALS: tuple[signal.Signals, ...] = tuple(
    s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGINT", "SIGHUP")) if s is not None)


def _do_nothing(signum: int, frame: object) -> None:
    """The Python-level handler: the work happens in the event loop (see the module docstring)."""


class TerminationSignals(QObject):
    """Turns termination signals into a Qt signal delivered by the event loop."""

    #: A termination signal arrived (its number).
    termination_requested = Signal(int)

    def __init__(self, app: QCoreApplication, signals: Iterable[int] = TERMINATION_SIGNALS) -> None:
        super().__init__(app)
        self._app = app
        self._receive, self._send = socket.socketpair()
        self._receive.setblocking(False)
        self._send.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._send.fileno(), warn_on_full_buffer=False)
        self._previous = {s: signal.signal(s, _do_nothing) for s in signals}
        self._notifier: QSocketNotifier | None = QSocketNotifier(self._receive.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self.termination_requested.connect(self.close_windows_and_quit)
        app.aboutToQuit.connect(self.uninstall)

    def _drain(self) -> None:
        try:
            data = self._receive.recv(256)
        except (BlockingIOError, InterruptedError):
            return
        ours = [n for n in data if n in self._previous]
        if ours:
            self.termination_requested.emit(ours[0])  # several at once ask for the same thing

    def close_windows_and_quit(self, _signum: int) -> None:
        QApplication.closeAllWindows()  # each window saves its annotations and releases its lock
        if not any(w.isVisible() for w in QApplication.topLevelWidgets() if w.isWindow()):
            self._app.quit()

    def uninstall(self) -> None:
        """Put back the handlers found at install (called as the app quits)."""
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        self._notifier = None
        for s, previous in self._previous.items():
            signal.signal(s, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._receive.close()
        self._send.close()


_installed: list[TerminationSignals] = []


def install_termination_handler(app: QCoreApplication) -> TerminationSignals | None:
    """Make SIGTERM, SIGINT and SIGHUP end `app` cleanly (main thread only; None elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    handler = TerminationSignals(app)
    _installed.append(handler)  # lives as long as the application
    return handler
