"""Can this process open a window? Answered before Qt is imported, and Qt's own failure caught.

Without a display Qt's platform plugin fails with a fatal message and aborts
the process (status 134, advising to reinstall). `display_problem` looks at
the environment first, as Qt itself does, so the common case (a terminal with
no `DISPLAY`) costs no Qt import; `catch_platform_failure` turns the fatal
message of the cases it cannot foresee (a `DISPLAY` nobody answers, a plugin
that does not load) into one sentence and a plain exit.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from briefing_app.cli.errors import EXIT_INVALID, say

__all__ = ["HEADLESS_PLATFORMS", "display_problem", "catch_platform_failure"]

#: Qt platform plugins that need no window system (`QT_QPA_PLATFORM`).
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                                "vkkhrdisplay", "directfb"})


def _requested_platforms(environ: Mapping[str, str]) -> list[str]:
    """`QT_QPA_PLATFORM` names one platform or a `;`-separated list to try, each with `:options`."""
    value = environ.get("QT_QPA_PLATFORM", "")
    return [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can be opened here, as one sentence; None when one may well be."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith(("win", "cygwin", "darwin")):
        return None  # these always have their window system
    x11, wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    requested = _requested_platforms(env)
    for name in requested:
        if name in HEADLESS_PLATFORMS or (name == "xcb" and x11) or (name.startswith("wayland") and wayland):
            return None
        if name not in ("xcb",) and not name.startswith("wayland"):
            return None  # a platform we do not know: let Qt try it (a failure is still caught)
    if not requested and (x11 or wayland):
        return None
    needs = f"QT_QPA_PLATFORM={env.get('QT_QPA_PLATFORM')} needs a display, and " if requested else ""
    return (f"cannot open a window: no display ({needs}neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or use 'briefing-app validate' or 'export' from here")


def catch_platform_failure() -> Callable[[], None]:
    """Make Qt's "no platform plugin could be initialized" one sentence and exit status 1.

    A Qt message handler sees the fatal message before Qt aborts; it names the
    reason Qt gave just before (e.g. "could not connect to display :99") and
    ends the process at once. Messages logged while the application object is
    still starting up are held back (on failure the sentence replaces them)
    and written with the first message after start-up, or when the returned
    `flush` is called, in Qt's own format; a handler installed before this
    one still gets every message at once.
    """
    from PySide6.QtCore import (
        QCoreApplication,
        QMessageLogContext,
        QtMsgType,
        qFormatLogMessage,
        qInstallMessageHandler,
    )

    #: (message, as Qt would have written it): a context does not outlive its handler call.
    held: deque[tuple[str, str]] = deque(maxlen=64)
    previous: Any = None

    def flush() -> None:
        while held:
            sys.stderr.write(held.popleft()[1] + "\n")

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg and "platform plugin" in message:
            said = [m for m, _ in held]
            reason = next((m for m in reversed(said) if "display" in m.lower()), None)
            if reason is None:
                reason = next((m for m in reversed(said) if "platform plugin" in m), message.splitlines()[0])
            say(f"cannot open a window: {reason.strip().rstrip('.')}")
            sys.stderr.flush()
            os._exit(EXIT_INVALID)  # returning would let Qt abort the process
        if previous is not None:  # someone else decides where messages go
            previous(kind, context, message)
            return
        if QCoreApplication.startingUp() and kind != QtMsgType.QtFatalMsg:
            held.append((message, qFormatLogMessage(kind, context, message)))
            return
        flush()
        sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    return flush
