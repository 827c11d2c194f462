"""Opening briefings: Open, Open Recent, drag and drop, reload, and showing the result.

Files are read, validated and indexed on a worker thread (`BriefingLoader`,
gui/loading.py) and the briefing on screen stays until the new one has loaded;
a file that fails opens the problems dialog instead. The open file is
watched (`FileWatcher`) and reloaded when it changes on disk, keeping the
analyst's place. `FileHandling` is the part of `MainWindow` that does this;
the loader and the watcher (and their module) are made on first use, after
the first paint.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from . import settings as cfg
from .history import History, Place
from .search_index import SearchIndex

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QMenu, QProgressBar

    from briefing_app.core.model import Briefing

    from .loading import BriefingLoader, FileWatcher, LoadedBriefing
    from .problems_dialog import ProblemsDialog

__all__ = ["FileHandling"]


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
    _reloading: bool

    @property
    def loader(self) -> BriefingLoader:
        if self._loader is None:
            from .loading import BriefingLoader

            self._loader = BriefingLoader(self)
            self._loader.started.connect(self._load_started)
            self._loader.loaded.connect(self._loaded)
            self._loader.failed.connect(self._failed)
        return self._loader

    @property
    def watcher(self) -> FileWatcher:
        if self._watcher is None:
            from .loading import FileWatcher

            self._watcher = FileWatcher(self)
            self._watcher.changed.connect(self._file_changed)
        return self._watcher

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open Briefing", start,
                                              "Briefings (*.yaml *.yml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Load a briefing in the background; the open one stays until it succeeds."""
        self._reloading = self.path is not None and path.resolve() == self.path
        self.loader.load(path.resolve() if path.exists() else path)

    def reload(self) -> None:
        if self.path:
            self.open_path(self.path)

    def _file_changed(self, path: Path) -> None:
        if self.path and path == self.path and not self.loader.busy:
            self.statusBar().showMessage(f"{path.name} changed on disk; reloading\u2026", 3000)
            self.open_path(path)

    def _load_started(self, path: Path) -> None:
        self.statusBar().showMessage(f"Opening {path.name}\u2026")
        self._progress_timer.start()

    def _loaded(self, result: LoadedBriefing) -> None:
        self.progress.hide()
        keep = self._reloading and result.path == self.path
        here = self._here() if keep else None
        self.set_briefing(result.briefing, result.path, result.index)
        if here is not None:
            self.history.replace(here)
            self._apply(here)
            self.statusBar().showMessage(f"Reloaded {result.path.name}", 4000)
        else:
            self.statusBar().showMessage(f"Opened {result.path.name} in {result.seconds:.2f} s", 4000)
        self._remember(result.path)

    def _failed(self, path: Path, problems) -> None:
        self.progress.hide()
        self.statusBar().showMessage(f"{path.name} could not be opened", 6000)
        from .problems_dialog import ProblemsDialog

        if self.problems_dialog is not None:
            self.problems_dialog.close()
        self.problems_dialog = ProblemsDialog(self, path, list(problems),
                                              self.briefing.title if self.briefing else None)
        self.problems_dialog.open()

    def set_briefing(self, briefing: Briefing, path: Path | None, index: SearchIndex | None = None) -> None:
        """Show a loaded briefing (used by the loader; tests may call it directly)."""
        self.briefing = briefing
        self.path = path
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
        self.watcher.watch(path)
        self.history.clear()
        self.go(Place("overview", "summary"))
        # A large briefing is millions of long-lived objects; moving them out of the cyclic
        # collector's view keeps full collections (tens of ms each) out of keystrokes and scrolling.
        gc.unfreeze()  # let the previous briefing's objects go
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
