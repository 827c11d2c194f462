"""Opening briefings: Open, Open Recent, drag and drop, reload, and showing the result.

Files are read, validated and indexed on a worker thread (`BriefingLoader`,
gui/loading.py) and the briefing on screen stays until the new one has loaded;
a file that fails opens the problems dialog instead. (At start-up a small file
is read before the first paint instead and handed to `show_loaded`; see
gui/app.py.) The open file is watched (`FileWatcher`) and reloaded when it
changes on disk, keeping the analyst's place. `FileHandling` is the part of
`MainWindow` that does this; the loader and the watcher (and their module)
are made on first use, the first watcher and the recent-files entry after
the first paint (`MainWindow.after_first_paint`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from briefing_app.core.history import History, Place
from briefing_app.core.search import SearchIndex
from briefing_app.gui import settings as cfg
from briefing_app.gui.actions import ActionName

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMenu, QProgressBar

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.dialogs.problems import ProblemsDialog
    from briefing_app.gui.window.loading import BriefingLoader, FileWatcher, LoadedBriefing

__all__ = ["FileHandling", "describe_changes"]

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


def _still_there(place: Place, old: Briefing | None, new: Briefing) -> Place | None:
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


class FileHandling:
    """The part of `MainWindow` that opens, reloads and shows briefing files."""

    # provided by MainWindow
    briefing: Briefing | None
    path: Path | None
    search_index: SearchIndex | None
    history: History
    problems_dialog: ProblemsDialog | None
    recent_menu: QMenu
    progress: QProgressBar
    file_label: QLabel
    _progress_timer: QTimer
    _loader: BriefingLoader | None
    _watcher: FileWatcher | None
    actions: dict[ActionName, QAction]
    set_empty_hint: Callable[[str], None]
    _failed_path: Path | None  # a file that failed to open while no briefing was open: Reload retries it
    _reloading: bool
    after_first_paint: Callable[[Callable[[], None]], None]

    @property
    def loader(self) -> BriefingLoader:
        if self._loader is None:
            from briefing_app.gui.window.loading import BriefingLoader

            self._loader = BriefingLoader(self)
            self._loader.started.connect(self._load_started)
            self._loader.loaded.connect(self._loaded)
            self._loader.failed.connect(self._failed)
        return self._loader

    @property
    def watcher(self) -> FileWatcher:
        if self._watcher is None:
            from briefing_app.gui.window.loading import FileWatcher

            self._watcher = FileWatcher(self)
            self._watcher.changed.connect(self._file_changed)
        return self._watcher

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "Open Briefing", start,
                                              "Briefings (*.yaml *.yml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Load a briefing in the background; the open one stays until it succeeds."""
        self._reloading = self.path is not None and path.resolve() == self.path
        self.loader.load(path.resolve() if path.exists() else path)

    def reload(self) -> None:
        """Read the open briefing again; with none open, try the file that failed to open."""
        target = self.path or self._failed_path
        if target:
            self.open_path(target)

    def _file_changed(self, path: Path) -> None:
        if self.loader.busy:
            return
        if self.path and path == self.path:
            self.statusBar().showMessage(f"{path.name} changed on disk; reloading\u2026", 3000)
            self.open_path(path)
        elif self.briefing is None and path == self._failed_path:  # the analyst saved a fix
            self.statusBar().showMessage(f"{path.name} changed on disk; trying it again\u2026", 3000)
            self.open_path(path)

    def _update_file_actions(self) -> None:
        """Reload needs a file to read again, Export PDF an open briefing."""
        self.actions[ActionName.RELOAD].setEnabled(bool(self.path or self._failed_path))
        self.actions[ActionName.EXPORT_PDF].setEnabled(self.briefing is not None and self.path is not None)

    def _load_started(self, path: Path) -> None:
        self.statusBar().showMessage(f"Opening {path.name}\u2026")
        self.set_empty_hint(f"Opening {path.name}\u2026")
        self._progress_timer.start()

    def show_loaded(self, result: LoadedBriefing) -> None:
        """Show a briefing read without the loader (start-up reads a small file before the first paint)."""
        self._reloading = False
        self._loaded(result)

    def _loaded(self, result: LoadedBriefing) -> None:
        self.progress.hide()
        if self._reloading and result.path == self.path and self.briefing is not None:
            self._reload_in_place(result)
        else:
            self.set_briefing(result.briefing, result.path, result.index, stamp=result.stamp)
            self.statusBar().showMessage(f"Opened {result.path.name} in {result.seconds:.2f} s", 4000)
        self.after_first_paint(lambda: self._remember(result.path))  # settings writes can wait for the paint

    def _reload_in_place(self, result: LoadedBriefing) -> None:
        """Show the re-read file where the analyst was: history, section, selection and scrolling kept."""
        old, new = self.briefing, result.briefing
        if self.history.current is not None:
            self.history.replace(self._here())
        views = self._scroll_state()
        self.set_briefing(new, result.path, result.index, keep_place=True, stamp=result.stamp)
        current = self.history.current
        # a step whose element is gone is dropped, but the place the analyst is at keeps its section
        self.history.prune(lambda p: _still_there(p, old, new) or (Place(p.section) if p is current else None))
        here = self.history.current or Place("overview", "summary")
        self._apply(here)
        self._update_history_actions()
        self._restore_scroll_state(views)
        # lists lay out in batches and text views lazily: put the scroll positions back once more after that
        QTimer.singleShot(0, lambda: self._restore_scroll_state(views))
        self.statusBar().showMessage(f"Reloaded {result.path.name}: {describe_changes(old, new)}", 10000)

    def _scroll_state(self) -> dict[tuple[str, int], tuple]:
        """Scroll positions of every built page's scroll areas and the inspector (and the strip's zoom)."""
        from briefing_app.gui.window.navigation import scroll_areas

        state: dict[tuple[str, int], tuple] = {}
        holders = dict(self.built_pages())
        if self._inspector is not None:
            holders["inspector"] = self._inspector
        for name, page in holders.items():
            for i, area in enumerate(scroll_areas(page)):
                zoom = (area.px_per_day, area._user_zoomed) if hasattr(area, "px_per_day") else None
                state[(name, i)] = (area, area.verticalScrollBar().value(), area.horizontalScrollBar().value(), zoom)
        return state

    def _restore_scroll_state(self, state: dict[tuple[str, int], tuple]) -> None:
        for area, v, h, zoom in state.values():
            try:
                if zoom is not None and zoom[1] and abs(area.px_per_day - zoom[0]) > 1e-9:
                    area.set_zoom(zoom[0])
                area.verticalScrollBar().setValue(v)
                area.horizontalScrollBar().setValue(h)
            except RuntimeError:  # the widget went away meanwhile
                pass

    def _failed(self, path: Path, problems) -> None:
        self.progress.hide()
        self.statusBar().showMessage(f"{path.name} could not be opened", 6000)
        from briefing_app.gui.dialogs.problems import ProblemsDialog

        if self.problems_dialog is not None:
            self.problems_dialog.close()
        self.problems_dialog = ProblemsDialog(self, path, list(problems),
                                              self.briefing.title if self.briefing else None)
        self.problems_dialog.open()
        if self.briefing is None:
            # Nothing else is open: keep the file in view, so Reload (or saving a fix) tries it again.
            self.set_empty_hint(f"No briefing is open: {path.name} could not be opened.\n\n"
                                "Fix it and save it, or press Reload (F5), to try it again; or open "
                                "another briefing with File \u203a Open (Ctrl+O), or drop one on this window.")
            self._failed_path = path.resolve()
            self.watcher.watch(self._failed_path)
            self._update_file_actions()

    def set_briefing(self, briefing: Briefing, path: Path | None, index: SearchIndex | None = None,
                     keep_place: bool = False, stamp: tuple[int, int] | None = None) -> None:
        """Show a loaded briefing (used by the loader; tests may call it directly).

        With `keep_place` (a reload) the history is left for the caller to prune and nothing is jumped to.
        `stamp` is the file as it was read (LoadedBriefing.stamp): a save since then reloads it.
        """
        self.briefing = briefing
        self.path = path
        self._failed_path = None
        self._update_file_actions()
        self.search_index = index or SearchIndex(briefing)
        self.navigator.model_.set_briefing(briefing)
        for name, page in self.built_pages().items():
            if name == "search":
                page.set_index(self.search_index)
            else:
                page.set_briefing(briefing)
        self._update_banner(briefing.classification)
        where = f" \u2014 {path.name}" if path else ""
        self.setWindowTitle(f"{briefing.title}{where}[*] \u2014 Briefing Reader")
        self.file_label.setText(str(path) if path else "")
        if self._watcher is None:  # the first briefing's can wait for the first paint
            self.after_first_paint(lambda: self.watcher.watch(self.path, stamp if self.path == path else None))
        else:
            self.watcher.watch(path, stamp)
        self._search_transient = False
        if not keep_place:
            self.history.clear()
            self.go(Place("overview", "summary"))
        # A large briefing is millions of long-lived objects; moving them out of the cyclic
        # collector's view keeps full collections (tens of ms each) out of keystrokes and scrolling.
        if gc.get_freeze_count():
            gc.unfreeze()  # let the previous briefing's objects go (none at start-up: nothing to collect)
            gc.collect()
        gc.freeze()
        self.briefing_changed.emit(briefing)

    def _remember(self, path: Path) -> None:
        cfg.put(cfg.LAST_FILE, str(path))
        recent = [p for p in cfg.get(cfg.RECENT_FILES) if p != str(path)]
        cfg.put(cfg.RECENT_FILES, ([str(path)] + recent)[: cfg.MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = cfg.get(cfg.RECENT_FILES)
        for i, p in enumerate(recent):
            act = self.recent_menu.addAction(f"&{i + 1 if i < 9 else 0}  {Path(p).name}")
            act.setObjectName(f"recent_{i}")
            act.setToolTip(p)
            act.setStatusTip(p)
            act.setEnabled(Path(p).exists())
            act.triggered.connect(lambda _c=False, p=p: self.open_path(Path(p)))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear Menu")
        clear.setObjectName("recent_clear")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: cfg.put(cfg.RECENT_FILES, []))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])
