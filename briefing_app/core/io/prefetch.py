"""Read a briefing in a forked child process while the caller does other work.

The reader's start-up spends about 100 ms importing Qt and building its
window, all of it Python holding the GIL, so a thread cannot overlap the
30 ms that importing the core loader (PyYAML, the validator) and reading
the file take. A child process forked before Qt is imported can: it loads
the briefing on another core and sends the validated model back, pickled,
through a pipe; the parent unpickles it (importing only the model) when it
needs it.

`Prefetch.start(path)` returns None where forking is unavailable or unsafe:
Windows; macOS, whose system libraries do not survive a fork without exec;
a process already running other threads (Python's or native ones); a
process that ignores SIGCHLD (its children are reaped behind its back, so
their process ids cannot be trusted). `result()` gives the briefing or
raises the file's own `BriefingError`; if the child fails in any other way
(killed, no answer within the timeout, anything unexpected) it raises
`PrefetchFailed` and the caller loads the file itself, so the worst case
costs the timeout, then the in-process load. The pipe is ours alone, so
unpickling it trusts nothing the file's author controls.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

__all__ = ["Prefetch", "PrefetchFailed", "file_stamp"]

#: How long `result()` waits by default. A file small enough to be prefetched (the GUI's
#: limit is 256 KB) is read in well under a tenth of a second; past this, read it here.
TIMEOUT = 2.0


class PrefetchFailed(Exception):
    """The child produced no answer; load the file in-process instead."""


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) of a file, to tell later whether it changed; None if it cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _only_thread() -> bool:
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() != 1:
        return False
    try:  # native threads (a library's, Qt's) are invisible to `threading`
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: the Python threads, counted above, are all we can see
        return True


def _fork_is_safe() -> bool:
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        return False
    return _only_thread()


class Prefetch:
    """A briefing being loaded by a forked child; `result()` collects it once."""

    def __init__(self, path: Path, pid: int, fd: int):
        self.path, self.pid, self._fd = path, pid, fd
        self.seconds = 0.0  # the child's time to read, parse and validate
        self.stamp: tuple[int, int] | None = None  # the file as the child found it (file_stamp)

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

    def result(self, timeout: float = TIMEOUT) -> Briefing:
        """The loaded briefing; raises the file's BriefingError, or PrefetchFailed."""
        from briefing_app.core.problems import BriefingError

        try:
            return self._result(timeout)
        except (BriefingError, PrefetchFailed):
            raise
        except Exception as exc:  # noqa: BLE001 (whatever went wrong, the caller reads the file itself)
            self._close(kill=True)
            raise PrefetchFailed(f"{type(exc).__name__}: {exc}") from None

    def _result(self, timeout: float) -> Briefing:
        import pickle
        import select

        from briefing_app.core.briefing.model import Briefing
        from briefing_app.core.problems import BriefingError, Problem

        if self._fd < 0:
            raise PrefetchFailed("the result was already collected")
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        finished = False
        poller = select.poll()  # not select.select: that refuses descriptors past 1023
        poller.register(self._fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PrefetchFailed(f"no answer in {timeout:g} s")
                if not poller.poll(max(1, int(remaining * 1000))):
                    continue
                chunk = os.read(self._fd, 1 << 20)
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
        finally:
            self._close(kill=not finished)
        try:
            kind, value, seconds, stamp = pickle.loads(b"".join(chunks))
        except Exception as exc:  # nothing written (the child failed), or a truncated write
            raise PrefetchFailed(f"no answer from the child ({type(exc).__name__})") from None
        self.seconds, self.stamp = float(seconds), stamp
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
            if not kill:
                os.waitpid(self.pid, 0)  # the pipe has ended: the child is exiting, no wait to speak of
                return
            os.kill(self.pid, signal.SIGKILL)
            # A child stuck in the kernel (a hung network mount) dies only when its call returns:
            # never wait for it here. Unreaped, it is a zombie until this process exits.
            for _ in range(20):
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    return
                time.sleep(0.005)
        except (ChildProcessError, ProcessLookupError):
            pass


def _child(path: Path, fd: int) -> None:
    """Load, pickle, write, and leave at once (no atexit handlers, no flushing the parent's buffers)."""
    code = 1
    try:
        import pickle

        from briefing_app.core.briefing.loader import load_briefing
        from briefing_app.core.problems import BriefingError

        t0 = time.perf_counter()
        stamp = file_stamp(path)  # before reading: a change made after it is seen later
        try:
            payload: tuple[str, object] = ("ok", load_briefing(path, display_name=path.name))
        except BriefingError as exc:
            payload = ("problems", exc.problems)
        data = memoryview(pickle.dumps((*payload, time.perf_counter() - t0, stamp),
                                       protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(fd, data):]
        code = 0
    except BaseException:  # noqa: BLE001 (the parent loads the file itself and reports what is wrong)
        pass
    finally:
        os._exit(code)
