"""`FileHandling`: opening briefings — Open, Open Recent, reload, and watching the open file.

Files are read, validated and indexed on a worker thread (`BriefingLoader`,
gui/window/loading.py), with progress; the briefing on screen stays until
the new one has loaded. A briefing with problems loads (what can be read,
with its problems); a file nothing can be read of is reported (`failed`)
for the window to show its problems. Once a briefing without problems is
shown, the tradecraft rules run on it on a worker thread (`checked`). The
open file is watched (`FileWatcher`) and read again when it changes on
disk. What a reload changed is told by `describe_changes`, and which
history places survive it by `still_there`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from briefing_app.core.history import Place
from briefing_app.gui import settings as cfg
from briefing_app.gui.window.loading import BriefingLoader, FileWatcher, LoadedBriefing

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.dialogs.prompts import Prompts

__all__ = ["FileHandling", "describe_changes", "still_there"]

#: (address prefix, singular, plural) of the kinds of elements a reload reports on.
_KINDS = (("key_points/", "key point", "key points"), ("actors/", "actor", "actors"),
          ("relations/", "relation", "relations"), ("timeline/", "event", "events"),
          ("quotes/", "quote", "quotes"), ("sources/", "source", "sources"))


def describe_changes(old: Briefing, new: Briefing) -> str:
    """What a reload changed, in a line for the status bar ("1 event changed, 1 quote added")."""
    a, b = set(old.addresses()), set(new.addresses())
    parts: list[str] = []
    if old.summary.bluf != new.summary.bluf:
        parts.append("bottom line changed")
    for prefix, one, many in _KINDS:
        for verb, addrs in (("changed", [x for x in a & b if x.startswith(prefix)
                                         and old.element(x) != new.element(x)]),
                            ("added", [x for x in b - a if x.startswith(prefix)]),
                            ("removed", [x for x in a - b if x.startswith(prefix)])):
            if addrs:
                parts.append(f"{len(addrs)} {one if len(addrs) == 1 else many} {verb}")
    head = [f for f, x, y in (("title", old.title, new.title), ("as-of date", old.as_of, new.as_of),
                              ("classification", old.classification, new.classification)) if x != y]
    if head:
        parts.insert(0, ", ".join(head) + " changed")
    return ", ".join(parts) + "." if parts else "no change to the briefing's content."


def still_there(place: Place, old: Briefing | None, new: Briefing) -> Place | None:
    """A history place after a reload: dropped if its element is gone; marks kept only on unchanged text."""
    if place.address and place.address != "summary" and new.element(place.address) is None:
        return None
    same = old is not None and place.address is not None and old.element(place.address) == new.element(place.address)
    if place.span is not None:
        sid = place.span[0]
        before = old.source_by_id.get(sid) if old is not None else None
        after = new.source_by_id.get(sid)
        if after is None or before is None or before.text != after.text:
            place = place._replace(span=None)
    if place.field_range is not None and not same:
        place = place._replace(field_range=None)
    return place


class FileHandling(QObject):
    """Opens, reloads and watches briefing files for one window."""

    #: Reading a file began (Path).
    started = Signal(object)
    #: A file was read: (LoadedBriefing, True when it is the open file read again).
    loaded = Signal(object, bool)
    #: The tradecraft findings of the briefing just shown: (LoadedBriefing, list of Finding, or None
    #: if the rules could not be run).
    checked = Signal(object, object)
    #: A file could not be opened: (Path, list of Problem).
    failed = Signal(object, object)
    #: A line for the status bar: (text, milliseconds).
    message = Signal(str, int)
    #: Whether Reload has something to read changed.
    reloadable_changed = Signal(bool)

    def __init__(self, parent: QWidget, prompts: Prompts) -> None:
        super().__init__(parent)
        self.parent_widget, self.prompts = parent, prompts
        #: the file shown, and one that failed to open while none was shown (Reload retries it)
        self.path: Path | None = None
        self.failed_path: Path | None = None
        self._reloading = False
        self.loader = BriefingLoader(self)
        self.loader.started.connect(self.started)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.loader.checked.connect(self.checked)
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._file_changed)

    def open_dialog(self) -> None:
        """File › Open: ask for a briefing file and open it."""
        start = str(self.path.parent) if self.path else str(Path.home())
        path = self.prompts.open_file(self.parent_widget, "Open Briefing", start,
                                      "Briefings (*.yaml *.yml);;All files (*)")
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Read a briefing on the worker thread; the open one stays until it succeeds."""
        self._reloading = self.path is not None and path.resolve() == self.path
        self.loader.load(path.resolve() if path.exists() else path)

    def reload(self) -> None:
        """Read the open briefing again; with none open, try the file that failed to open."""
        target = self.path or self.failed_path
        if target:
            self.open_path(target)

    def shown(self, path: Path | None, stamp: tuple[int, int] | None = None) -> None:
        """The window shows the briefing of `path` now: watch it (`remember` it once it is on screen)."""
        self.path = path.resolve() if path else None
        self.failed_path = None
        self.watcher.watch(self.path, stamp)
        self.reloadable_changed.emit(self.path is not None)

    def _loaded(self, result: LoadedBriefing) -> None:
        self.loaded.emit(result, self._reloading and result.path == self.path)  # the window shows it
        self._reloading = False
        if not result.problems:  # as `briefing-app check` does: a briefing with problems is not checked
            self.loader.check(result)

    def _failed(self, path: Path, problems: object) -> None:
        self._reloading = False
        if self.path is None:
            # Nothing else is open: keep the file in view, so Reload (or saving a fix) tries it again.
            self.failed_path = path.resolve()
            self.watcher.watch(self.failed_path)
            self.reloadable_changed.emit(True)
        self.failed.emit(path, problems)

    def _file_changed(self, path: Path) -> None:
        if self.loader.busy:
            return
        if self.path and path == self.path:
            self.message.emit(f"{path.name} changed on disk; reloading\u2026", 3000)
            self.open_path(path)
        elif self.path is None and path == self.failed_path:  # the analyst saved a fix
            self.message.emit(f"{path.name} changed on disk; trying it again\u2026", 3000)
            self.open_path(path)

    # -- recent files --------------------------------------------------------------
    @staticmethod
    def remember(path: Path) -> None:
        """The file to open next time, first in Open Recent (each setting written is a file write)."""
        cfg.put(cfg.LAST_FILE, str(path))
        recent = [p for p in cfg.get(cfg.RECENT_FILES) if p != str(path)]
        cfg.put(cfg.RECENT_FILES, ([str(path)] + recent)[: cfg.MAX_RECENT])

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Open Recent, as it is shown: the files newest first, then Clear Menu."""
        menu.clear()
        recent = cfg.get(cfg.RECENT_FILES)
        for i, p in enumerate(recent):
            act = menu.addAction(f"&{i + 1 if i < 9 else 0}  {Path(p).name}")
            act.setObjectName(f"recent_{i}")
            act.setToolTip(p)
            act.setStatusTip(p)
            act.setEnabled(Path(p).exists())
            act.triggered.connect(lambda _c=False, p=p: self.open_path(Path(p)))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setObjectName("recent_clear")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: cfg.put(cfg.RECENT_FILES, []))
