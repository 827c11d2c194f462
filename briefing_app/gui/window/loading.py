"""Loading briefings off the GUI thread, and watching the open file for changes.

`BriefingLoader.load(path)` reads, validates and indexes a briefing in a
worker thread (the model's indexes and the search index are made there
too), then emits `loaded` or `failed` on the GUI thread. A briefing with
problems is loaded leniently (whatever can be read, with its problems:
core/briefing/lenient.py); `failed` means nothing could be read. The
tradecraft rules are not needed to show a briefing, so they run once it is
on screen: `check(result)` runs them on a worker thread and emits `checked`.
Only the newest request's results are delivered, so a quick second open wins.

`FileWatcher` reports when the open file changes on disk. Editors that save
by writing a new file and renaming it over the old one make
`QFileSystemWatcher` drop the path, so the folder is watched too and the
path re-added whenever it reappears; changes are debounced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.tradecraft import Finding

import threading
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from briefing_app.core.problems import BriefingError, Problem
from briefing_app.core.search import SearchIndex

__all__ = ["BriefingLoader", "FileWatcher", "LoadedBriefing", "load_now", "load_or_problems", "check_findings",
           "file_stamp"]


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) of a file, to tell later whether it changed; None if it cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class LoadedBriefing:
    """A briefing read, validated and indexed, with how long that took, its problems and tradecraft findings."""

    def __init__(self, path: Path, briefing: Briefing, index: SearchIndex, seconds: float,
                 stamp: tuple[int, int] | None = None, problems: list[Problem] | None = None,
                 findings: list[Finding] | None = None):
        self.path, self.briefing, self.index, self.seconds = path, briefing, index, seconds
        #: the file as it was just before it was read: the watcher's baseline, so a save made
        #: while it was being read still triggers a reload
        self.stamp = stamp
        #: what is wrong with the file (the briefing shows what could be read); empty when valid
        self.problems: list[Problem] = problems or []
        #: the tradecraft rules' findings (core/tradecraft); None: not checked (the briefing has problems)
        self.findings: list[Finding] | None = findings


def load_now(path: Path, check: bool = True) -> LoadedBriefing:
    """Load what can be read, and index it; what the worker thread runs.

    Raises BriefingError only when nothing can be read (a YAML syntax error,
    not a briefing, no such file). The model's lazy indexes (evidence spans,
    per-actor lists) and, with `check`, the tradecraft findings are computed
    here too, so the GUI thread never has to.
    """
    from briefing_app.core.briefing.loader import load_briefing_lenient

    t0 = time.perf_counter()
    try:
        stamp = file_stamp(path)
        b, problems = load_briefing_lenient(path, display_name=path.name)
    except OSError as exc:
        raise BriefingError([Problem(path.name, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    if b is None:
        raise BriefingError(problems)
    _warm(b)
    index = SearchIndex(b)
    # as `briefing-app check` does, a file with problems is not checked further: the rules would
    # judge what was left out (evidence citing an unknown source, say) as missing
    findings = check_findings(b) if check and not problems else None
    return LoadedBriefing(path, b, index, time.perf_counter() - t0, stamp, problems, findings)


def _warm(b: Briefing) -> None:
    """Compute the model's lazy indexes now (through its public methods), off the GUI thread."""
    for sid in b.source_by_id:
        b.evidence_spans(sid)
    if b.actors:
        b.events_for(b.actors[0].id)
        b.quotes_for(b.actors[0].id)
    _ = b.chronological


def check_findings(b: Briefing) -> list[Finding]:
    """The tradecraft rules' findings (core/tradecraft)."""
    from briefing_app.core.tradecraft import check_briefing

    return check_briefing(b)


def load_or_problems(path: Path, check: bool = True) -> tuple[LoadedBriefing | None, list[Problem] | None]:
    """`load_now`, with every failure turned into problems: (result, None) or (None, problems)."""
    try:
        return load_now(path, check), None
    except BriefingError as exc:
        return None, list(exc.problems)
    except Exception as exc:  # a bug in a lower layer must not kill the window
        return None, [Problem(path.name, 1, 1, f"could not be read: {exc}")]


class BriefingLoader(QObject):
    started = Signal(object)  # Path
    loaded = Signal(object)  # LoadedBriefing (its findings None: see `check`)
    failed = Signal(object, object)  # Path, list[Problem]
    #: The tradecraft findings of a briefing `check` was asked for: (LoadedBriefing, list[Finding]),
    #: or None for the list if the rules failed on it.
    checked = Signal(object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._lock = threading.Lock()
        self.busy = False
        self._deliver.connect(self._on_deliver)
        self._deliver_check.connect(self._on_deliver_check)

    _deliver = Signal(int, object, object, object)
    _deliver_check = Signal(int, object, object)

    def load(self, path: Path) -> None:
        with self._lock:
            self._generation += 1
            gen = self._generation
        self.busy = True
        self.started.emit(path)
        threading.Thread(target=self._work, args=(gen, path), daemon=True, name="briefing-loader").start()

    def _work(self, gen: int, path: Path) -> None:
        self._deliver.emit(gen, path, *load_or_problems(path, check=False))

    def check(self, result: LoadedBriefing) -> None:
        """Run the tradecraft rules on a briefing `loaded` delivered (a worker thread); `checked`
        follows unless another file is being read by then."""
        gen = self._generation
        threading.Thread(target=self._check_work, args=(gen, result), daemon=True, name="briefing-checker").start()

    def _check_work(self, gen: int, result: LoadedBriefing) -> None:
        try:
            findings: list[Finding] | None = check_findings(result.briefing)
        except Exception:  # a bug in a rule must not kill the window: the briefing stays "not checked"
            findings = None
        self._deliver_check.emit(gen, result, findings)

    def _on_deliver_check(self, gen: int, result: LoadedBriefing, findings: list[Finding] | None) -> None:
        if gen == self._generation:
            self.checked.emit(result, findings)

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

    def change_pending(self) -> bool:
        """A change was seen and will be reported once the file has been quiet for a moment."""
        return self._timer.isActive()

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
