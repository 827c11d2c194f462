"""Read a briefing in a forked child process while the caller does other work.

The reader's start-up spends about 100 ms importing Qt and building its
window, all of it Python holding the GIL, so a thread cannot overlap the
30 ms that importing the core loader (PyYAML, the validator) and reading
the file take. A child process forked before Qt is imported can: it loads
the briefing on another core and sends the validated model back, pickled,
through a pipe; the parent unpickles it (importing only the model) when it
needs it.

`Prefetch.start(path)` returns None where forking is unavailable or unsafe
(Windows; macOS, whose system libraries do not survive a fork without
exec; a process already running threads). `result()` gives the briefing or
raises the file's own `BriefingError`; if the child fails in any other way
(killed, timed out, an unexpected error) it raises `PrefetchFailed` and
the caller loads the file itself, so the worst case costs the in-process
load plus a wasted child. The pipe is ours alone, so unpickling it trusts
nothing the file's author controls.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Briefing

__all__ = ["Prefetch", "PrefetchFailed"]


class PrefetchFailed(Exception):
    """The child produced no answer; load the file in-process instead."""


def _fork_is_safe() -> bool:
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    threading = sys.modules.get("threading")  # never imported: no Python threads to orphan
    return threading is None or threading.active_count() == 1


class Prefetch:
    """A briefing being loaded by a forked child; `result()` collects it once."""

    def __init__(self, path: Path, pid: int, fd: int):
        self.path, self.pid, self._fd = path, pid, fd
        self.seconds = 0.0  # the child's time to read, parse and validate

    @classmethod
    def start(cls, path: Path) -> Prefetch | None:
        if not _fork_is_safe():
            return None
        try:
            r, w = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return None
        if pid == 0:  # the child: never returns
            os.close(r)
            _child(path, w)
        os.close(w)
        return cls(path, pid, r)

    def result(self, timeout: float = 10.0) -> Briefing:
        """The loaded briefing; raises the file's BriefingError, or PrefetchFailed."""
        import pickle
        import select

        from .model import Briefing
        from .problems import BriefingError, Problem

        if self._fd < 0:
            raise PrefetchFailed("the result was already collected")
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        finished = False
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PrefetchFailed(f"no answer in {timeout:g} s")
                ready, _, _ = select.select([self._fd], [], [], remaining)
                if not ready:
                    continue
                chunk = os.read(self._fd, 1 << 20)
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
        finally:
            self._close(kill=not finished)
        try:
            kind, value, seconds = pickle.loads(b"".join(chunks))
        except Exception as exc:  # nothing written (the child failed), or a truncated write
            raise PrefetchFailed(f"no answer from the child ({type(exc).__name__})") from None
        self.seconds = float(seconds)
        if kind == "problems" and isinstance(value, list) and all(isinstance(p, Problem) for p in value):
            raise BriefingError(value)
        if kind != "ok" or not isinstance(value, Briefing):
            raise PrefetchFailed(f"unexpected answer {kind!r}")
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs, and release the pipe."""
        self._close(kill=True)

    def _close(self, kill: bool) -> None:
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        try:
            if kill:
                import signal

                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)  # at the end of the pipe the child is exiting: no wait to speak of
        except (ChildProcessError, ProcessLookupError):
            pass


def _child(path: Path, fd: int) -> None:
    """Load, pickle, write, and leave at once (no atexit handlers, no flushing the parent's buffers)."""
    code = 1
    try:
        import pickle

        from .loader import load_briefing
        from .problems import BriefingError

        t0 = time.perf_counter()
        try:
            payload: tuple[str, object, float] = ("ok", load_briefing(path, display_name=path.name), 0.0)
        except BriefingError as exc:
            payload = ("problems", exc.problems, 0.0)
        payload = (payload[0], payload[1], time.perf_counter() - t0)
        data = memoryview(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(fd, data):]
        code = 0
    except BaseException:  # noqa: BLE001 (the parent loads the file itself and reports what is wrong)
        pass
    finally:
        os._exit(code)
