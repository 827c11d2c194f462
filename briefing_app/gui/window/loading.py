"""Loading briefings off the GUI thread, and watching the open file for changes.

`BriefingLoader.load(path)` reads, validates and indexes a briefing in a
worker thread (the model's indexes and the search index are built there
too), then emits `loaded` or `failed` on the GUI thread. Only the newest
request's result is delivered, so a quick second open wins.

`FileWatcher` reports when the open file changes on disk. Editors that save
by writing a new file and renaming it over the old one make
`QFileSystemWatcher` drop the path, so the folder is watched too and the
path re-added whenever it reappears; changes are debounced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.io.prefetch import Prefetch

import threading
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from briefing_app.core.problems import BriefingError, Problem
from briefing_app.core.search import SearchIndex

__all__ = ["BriefingLoader", "FileWatcher", "LoadedBriefing", "load_now", "load_or_problems"]


class LoadedBriefing:
    def __init__(self, path: Path, briefing: Briefing, index: SearchIndex, seconds: float,
                 stamp: tuple[int, int] | None = None):
        self.path, self.briefing, self.index, self.seconds = path, briefing, index, seconds
        #: the file as it was just before it was read (core.prefetch.file_stamp): the watcher's
        #: baseline, so a save made while it was being read still triggers a reload
        self.stamp = stamp


def load_now(path: Path, warm: bool = True, prefetch: Prefetch | None = None) -> LoadedBriefing:
    """Load, validate and index (raises BriefingError); used by the worker and by tests.

    `warm` computes the model's lazy indexes (evidence spans, per-actor lists) now, as
    the worker does so the GUI thread never has to; start-up, reading a small file on
    the GUI thread before the first paint, leaves them to first use instead. With a
    `prefetch` (core/prefetch.py: the same file read by a child process) its answer is
    used, and the file is read here only if the child gave none.
    """
    from briefing_app.core.io.prefetch import file_stamp

    t0 = time.perf_counter()
    try:
        b = _prefetched(prefetch)
        if b is None or prefetch is None:
            from briefing_app.core.briefing.loader import load_briefing

            stamp = file_stamp(path)
            b = load_briefing(path, display_name=path.name)
        else:
            t0 -= prefetch.seconds  # report the child's reading time too
            stamp = prefetch.stamp
    except BriefingError:
        raise
    except OSError as exc:
        raise BriefingError([Problem(path.name, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    if warm:
        for sid in b.source_by_id:
            b.evidence_spans(sid)
        _ = b.chronological, b.actor_by_id, b._events_by_actor, b._quotes_by_actor
    index = SearchIndex(b)
    return LoadedBriefing(path, b, index, time.perf_counter() - t0, stamp)


def _prefetched(prefetch: Prefetch | None) -> Briefing | None:
    """The child's briefing; raises the file's problems; None if there is no answer to use."""
    if prefetch is None:
        return None
    from briefing_app.core.io.prefetch import PrefetchFailed

    try:
        return prefetch.result()
    except PrefetchFailed:
        return None


def load_or_problems(path: Path, warm: bool = True, prefetch: Prefetch | None = None,
                     ) -> tuple[LoadedBriefing | None, list[Problem] | None]:
    """`load_now`, with every failure turned into problems: (result, None) or (None, problems)."""
    try:
        return load_now(path, warm, prefetch), None
    except BriefingError as exc:
        return None, exc.problems
    except Exception as exc:  # a bug in a lower layer must not kill the window
        return None, [Problem(path.name, 1, 1, f"could not be read: {exc}")]


class BriefingLoader(QObject):
    started = Signal(object)  # Path
    loaded = Signal(object)  # LoadedBriefing
    failed = Signal(object, object)  # Path, list[Problem]

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._lock = threading.Lock()
        self.busy = False
        self._deliver.connect(self._on_deliver)

    _deliver = Signal(int, object, object, object)

    def load(self, path: Path) -> None:
        with self._lock:
            self._generation += 1
            gen = self._generation
        self.busy = True
        self.started.emit(path)
        threading.Thread(target=self._work, args=(gen, path), daemon=True, name="briefing-loader").start()

    def _work(self, gen: int, path: Path) -> None:
        self._deliver.emit(gen, path, *load_or_problems(path))

    def _on_deliver(self, gen: int, path: Path, result: LoadedBriefing | None, problems) -> None:
        if gen != self._generation:
            return
        self.busy = False
        if result is not None:
            self.loaded.emit(result)
        else:
            self.failed.emit(path, problems)


class FileWatcher(QObject):
    changed = Signal(object)  # Path

    def __init__(self, parent: QObject | None = None, delay_ms: int = 300):
        super().__init__(parent)
        self.path: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self._stamp: tuple[int, int] | None = None
        self.paused = False

    def _stat(self) -> tuple[int, int] | None:
        from briefing_app.core.io.prefetch import file_stamp

        return file_stamp(self.path) if self.path else None

    def watch(self, path: Path | None, stamp: tuple[int, int] | None = None) -> None:
        """Watch `path`; `stamp` is the file as it was when read (default: as it is now), so a
        change made between reading and watching is reported too."""
        for p in self._watcher.files() + self._watcher.directories():
            self._watcher.removePath(p)
        self.path = path.resolve() if path else None
        if self.path:
            self._watcher.addPath(str(self.path.parent))
            if self.path.exists():
                self._watcher.addPath(str(self.path))
        now = self._stat()
        self._stamp = now if stamp is None else stamp
        if stamp is not None and now != stamp:
            self._timer.start()  # changed before we were watching: reload as for any change

    def _poke(self, _p: str) -> None:
        if self.path and str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))
        self._timer.start()

    def _fire(self) -> None:
        stamp = self._stat()
        if stamp is None or stamp == self._stamp or self.paused:
            return  # deleted (maybe mid-replace: the folder change will poke again) or unchanged
        self._stamp = stamp
        self.changed.emit(self.path)
