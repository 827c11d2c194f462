"""The layers shown in a window: the analyst's own (locked, autosaved), colleagues' (read-only), merging.

The own layer lives beside the briefing (`<stem>.annotations.yaml`, see
`own_layer_path`) and is held with a `QLockFile`, so a second Briefing Reader
window opens it read-only and says so. Every change to it is saved atomically
(`save_layer`: temp file, fsync, rename) `AUTOSAVE_MS` after the change, so a
crash loses at most that second, and once more when the window closes.
Colleagues' layers open read-only with their names; "Merge a Layer into
Mine" brings theirs into the own layer as one undoable command, decided by
core's merge rule (`MergeAnnotations`).

`LayerStore` only keeps layers: it says what changed through its signals
(`edited`, `colleague_opened`, `reset`, `saved`) and leaves placing and
drawing to the controller's other parts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from briefing_app.core.annotations import (
    AnnotationLayer,
    default_layer_path,
    load_layer,
    open_layer,
    save_layer,
)
from briefing_app.core.problems import BriefingError
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.prefs import author_name
from briefing_app.gui.annotations.seams import ReaderWindow, widget_of
from briefing_app.gui.annotations.undo import MergeAnnotations

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

__all__ = ["AUTOSAVE_MS", "LayerStore", "own_layer_path", "briefing_file_digest"]

#: Delay between a change and its autosave (the contract asks for ≤ 2 s).
AUTOSAVE_MS = 700


def own_layer_path(briefing_path: Path) -> Path:
    """`<stem>.annotations.yaml` beside the briefing, except for the bundled sample,
    whose folder belongs to the installation: its layer lives in the app's data folder."""
    from briefing_app.resources import resource_root

    try:
        Path(briefing_path).resolve().relative_to(resource_root().resolve())
    except ValueError:
        return default_layer_path(Path(briefing_path))
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "annotations"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / default_layer_path(Path(briefing_path)).name


def briefing_file_digest(path: Path | None) -> str | None:
    """The digest of the briefing file as it is on disk now (None without a readable file)."""
    if path is None:
        return None
    from briefing_app.core.briefing.loader import digest_of

    try:
        return digest_of(Path(path).read_bytes())
    except OSError:
        return None


class LayerStore(QObject):
    """Opens, locks, saves and closes the layers; adds colleagues' layers and merges them in."""

    #: The own layer's annotations changed (the layer).
    edited = Signal(object)
    #: A colleague's layer was opened read-only (the layer).
    colleague_opened = Signal(object)
    #: The set of layers was replaced (another briefing, a fresh own layer); True: say how they fared.
    reset = Signal(bool)
    #: The own layer was written to disk (its path).
    saved = Signal(str)

    def __init__(self, window: ReaderWindow, feedback: Feedback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.feedback = feedback
        self.own: AnnotationLayer | None = None
        self.colleagues: list[AnnotationLayer] = []
        self.lock: QLockFile | None = None
        #: A fresh file name offered when the own layer's file cannot be used.
        self.offer_path: Path | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)

    # -- which layers ----------------------------------------------------------------
    def layers(self) -> list[AnnotationLayer]:
        return ([self.own] if self.own is not None else []) + self.colleagues

    def layer_paths(self) -> list[Path]:
        return [la.path for la in self.layers() if la.path is not None and la.path.exists()]

    @property
    def autosave_pending(self) -> bool:
        """A change waits for its autosave."""
        return self._autosave.isActive()

    def writable(self) -> AnnotationLayer | None:
        """The own layer if the analyst may change it; else None, and the status bar says why."""
        if self.own is None or self.window.briefing is None:
            return None
        if self.own.read_only:
            self.feedback.tell(f"Annotations are read-only: {self.own.read_only_reason}.")
            return None
        return self.own

    def show(self, briefing: Briefing) -> None:
        """Open the layers for the briefing the window now shows (a reload keeps them)."""
        path = self.window.path
        same = self.own is not None and path is not None and self.own.path == own_layer_path(path)
        if not (same and self.own is not None and self.own.briefing == briefing.id):
            self.close_layers()
            self.offer_path = None
            if path is None:
                self.own = AnnotationLayer(briefing.id, briefing_digest=None, author=author_name())
                self.own.read_only_reason = "the briefing is not a file, so annotations cannot be saved"
            else:
                self.open_own(own_layer_path(path), briefing)
        self.reset.emit(True)

    # -- the analyst's own layer ------------------------------------------------------
    def open_own(self, layer_path: Path, briefing: Briefing) -> None:
        result = open_layer(layer_path, briefing.id, author_name(), briefing_file_digest(self.window.path))
        layer = result.layer
        if not layer.read_only:
            lock = QLockFile(str(layer_path) + ".lock")
            lock.setStaleLockTime(0)  # a live instance may hold it for days; dead PIDs are still detected
            if lock.tryLock(0):
                self.lock = lock
            else:
                layer.read_only_reason = (f"{layer_path.name} is open in another Briefing Reader window; "
                                          "it opens read-only here so neither overwrites the other")
        if result.suggested_path is not None:
            self.offer_path = result.suggested_path
        self.own = layer
        layer.listeners.append(self._own_changed)
        if layer.read_only_reason:
            self.feedback.tell(f"Annotations read-only: {layer.read_only_reason}.")
            if result.suggested_path is not None:
                QTimer.singleShot(0, self, self.offer_new_layer)

    def offer_new_layer(self) -> None:
        """Ask whether to start a new layer in `offer_path` (the unreadable file stays as it was)."""
        if self.offer_path is None or self.own is None or self.window.briefing is None:
            return
        if self.feedback.prompts.confirm(
                widget_of(self.window), "Annotations cannot be saved",
                f"{self.own.read_only_reason}.\n\nStart a new annotation layer in {self.offer_path.name}?"):
            self.start_new_layer(self.offer_path)

    def start_new_layer(self, path: Path) -> None:
        """Switch the own layer to a fresh file (the unreadable one stays as it was)."""
        briefing = self.window.briefing
        if briefing is None:
            return
        self.close_own()
        self.open_own(path, briefing)
        self.reset.emit(False)

    def adopt_digest(self, digest: str | None) -> None:
        """Record the briefing version an empty own layer is now made on, without counting it as an edit."""
        layer = self.own
        if layer is None:
            return
        layer.listeners.remove(self._own_changed)
        try:
            layer.set_digest(digest)
        finally:
            layer.listeners.append(self._own_changed)

    def close_own(self) -> None:
        self.save_now()
        if self.own is not None and self._own_changed in self.own.listeners:
            self.own.listeners.remove(self._own_changed)
        self.own = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        self.window.undo_stack.clear()

    def close_layers(self) -> None:
        self.close_own()
        self.colleagues.clear()

    # -- colleagues' layers -------------------------------------------------------------
    def _load_same_briefing(self, path: Path, briefing_id: str | None, failure: str) -> AnnotationLayer | None:
        try:
            layer = load_layer(path)
        except BriefingError as exc:
            self.feedback.warn(failure, "\n".join(str(p) for p in exc.problems[:20]))
            return None
        if briefing_id is not None and layer.briefing != briefing_id:
            self.feedback.warn("Another briefing",
                               f"{path.name} annotates briefing {layer.briefing!r}, not {briefing_id!r}.")
            return None
        return layer

    def add_colleague(self, path: Path) -> AnnotationLayer | None:
        b = self.window.briefing
        layer = self._load_same_briefing(path, b.id if b is not None else None, "Cannot open the layer")
        if layer is None:
            return None
        layer.read_only_reason = f"{layer.name}'s layer (read-only)"
        self.colleagues.append(layer)
        self.colleague_opened.emit(layer)
        self.feedback.tell(f"Opened {layer.name}'s annotations ({len(layer)}) read-only.")
        return layer

    def merge_from(self, path: Path) -> int:
        """Bring another layer's annotations into the own layer (one undoable command); how many changed."""
        layer = self.writable()
        if layer is None:
            return 0
        other = self._load_same_briefing(path, layer.briefing, "Cannot merge the layer")
        if other is None:
            return 0
        cmd = MergeAnnotations(layer, list(other), other.name)
        if cmd.count:
            self.window.undo_stack.push(cmd)
        self.feedback.tell(f"Merged {cmd.count} annotation{'s' if cmd.count != 1 else ''} from {other.name}.")
        return cmd.count

    # -- saving ---------------------------------------------------------------------------
    def _own_changed(self) -> None:
        if self.own is not None:
            self.edited.emit(self.own)
        self._autosave.start()

    def save_now(self, force: bool = False) -> bool:
        """Write the own layer if it has unsaved changes; False (and a status message) when that failed."""
        self._autosave.stop()
        layer = self.own
        if layer is None or layer.read_only or layer.path is None:
            return True
        if not force and self.window.undo_stack.isClean():
            return True
        try:
            save_layer(layer)
        except OSError as exc:
            self.feedback.tell(f"Could not save annotations to {layer.path}: {exc.strerror or exc}. "
                               "Retrying on the next change.")
            return False
        self.window.undo_stack.setClean()
        self.saved.emit(str(layer.path))
        return True

    def before_close(self) -> bool:
        """The window's close guard: save, or ask whether to close without the latest annotations."""
        if self.save_now():
            self.close_layers()
            return True
        answer = self.feedback.prompts.choose(
            widget_of(self.window), "Annotations not saved",
            "Your latest annotations could not be saved. Close anyway?", ["Close", "Cancel"], default="Cancel")
        return answer == "Close"
